using System.Net.Mail;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Verification.Core;
using Verification.Core.Analysts;

namespace ReferenceHost.Accounts;

/// <summary>
/// The back office's accounts, every write through Identity's <see cref="UserManager{TUser}"/> and every sign-in
/// through <see cref="SignInManager{TUser}"/>. Failures keep the documented codes of <see cref="AnalystErrors"/>.
/// </summary>
public sealed partial class AnalystAccounts(
    AccountsDbContext database,
    UserManager<AnalystAccount> users,
    SignInManager<AnalystAccount> signIns,
    SignInThrottle throttle,
    IOptions<SignInThrottleOptions> throttleOptions,
    IOptions<PasswordHasherOptions> hasherOptions,
    TimeProvider timeProvider,
    ILogger<AnalystAccounts> logger)
{
    /// <summary>The shortest accepted password.</summary>
    public const int MinPasswordLength = 12;

    // A refused e-mail costs the same hashing as a refused password, so the time of an answer does not tell whether
    // the account exists. One dummy hash per iteration count, since it must cost what real hashes cost.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> DummyHashes = new();

    private static Failure Refused => Failure.Invalid(AnalystErrors.AuthInvalidCredentials, "The e-mail or the password is wrong.");

    /// <summary>Creates an account after validating its e-mail, password, role and departments.</summary>
    public async ValueTask<Outcome<AnalystAccount>> CreateAsync(
        string tenantId, string email, string password, string role, IReadOnlyCollection<string>? departments, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        cancellationToken.ThrowIfCancellationRequested();
        var address = email?.Trim();
        if (string.IsNullOrEmpty(address) || !MailAddress.TryCreate(address, out var parsed) || !string.Equals(parsed.Address, address, StringComparison.Ordinal))
        {
            return Failure.Invalid(AnalystErrors.AnalystInvalidEmail, "The e-mail address is not valid.");
        }

        if (password is null || password.Length < MinPasswordLength)
        {
            return Failure.Invalid(AnalystErrors.AnalystWeakPassword, $"The password must have at least {MinPasswordLength} characters.");
        }

        if (!AnalystRoles.IsKnown(role))
        {
            return Failure.Invalid(AnalystErrors.AnalystInvalidRole, "The role must be 'analyst' or 'admin'.");
        }

        var cleanDepartments = (departments ?? []).Select(d => d.Trim()).Where(d => d.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        // The same rule as the departments documents carry, so that an analyst's department can match them.
        if (cleanDepartments.Exists(d => !Department.Validate(d).IsSuccess))
        {
            return Failure.Invalid(AnalystErrors.AnalystInvalidDepartment, "A department name has 1 to 64 printable characters (no control, bidirectional or zero-width characters).");
        }

        var account = new AnalystAccount
        {
            Id = Identifiers.NewUlid(timeProvider),
            TenantId = tenantId,
            UserName = address,
            Email = address,
            EmailConfirmed = true,
            CreatedAt = timeProvider.GetUtcNow(),
        };
        var created = await CreateWithAsync(account, password, role, cleanDepartments, cancellationToken).ConfigureAwait(false);
        if (created.IsSuccess)
        {
            LogCreated(logger, account.Id, role);
        }

        return created;
    }

    /// <summary>
    /// Checks an e-mail and password sent from <paramref name="clientAddress"/> and, when they match an enabled account
    /// of <paramref name="tenantId"/>, signs it in (the back-office cookie). Every refusal is the same
    /// <c>auth.invalid_credentials</c>, so the answer never tells whether an account exists; after repeated failures of
    /// the e-mail or of the address (<see cref="SignInThrottleOptions"/>) it is <c>auth.throttled</c> until the
    /// window has passed, whatever the password. A legacy password hash is upgraded by Identity at this sign-in.
    /// </summary>
    public async ValueTask<Outcome<AnalystAccount>> SignInAsync(string tenantId, string email, string password, string? clientAddress, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password) || email.Length > 256 || password.Length > 1024)
        {
            return Refused;
        }

        // Identity's lockout counts failures of existing accounts only, and not per address: the throttle counts both
        // the e-mail (known or not) and the address, so being throttled says nothing about which accounts exist.
        var limits = throttleOptions.Value;
        var accountKey = tenantId + "/" + email.Trim().ToUpperInvariant();
        if (throttle.BlockedUntil(accountKey, clientAddress, limits) is { } until)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling((until - timeProvider.GetUtcNow()).TotalMinutes));
            return Failure.Unavailable(AnalystErrors.AuthThrottled, $"Too many failed sign-ins. Wait {minutes} minute(s) and try again.");
        }

        var account = await users.FindByEmailAsync(email.Trim()).ConfigureAwait(false);
        if (account is null || account.TenantId != tenantId)
        {
            var dummy = new AnalystAccount();
            users.PasswordHasher.VerifyHashedPassword(dummy, DummyHashes.GetOrAdd(hasherOptions.Value.IterationCount, _ => users.PasswordHasher.HashPassword(dummy, "not-a-real-password-0000")), password);
            throttle.Failed(accountKey, clientAddress, limits);
            return Refused;
        }

        var checkedPassword = await signIns.CheckPasswordSignInAsync(account, password, lockoutOnFailure: false).ConfigureAwait(false);
        if (!checkedPassword.Succeeded)
        {
            throttle.Failed(accountKey, clientAddress, limits);
            LogRefused(logger, account.Id);
            return Refused;
        }

        throttle.Succeeded(accountKey);
        account.LastLoginAt = timeProvider.GetUtcNow();
        var updated = await users.UpdateAsync(account).ConfigureAwait(false);
        if (!updated.Succeeded)
        {
            return Describe(updated);
        }

        await signIns.SignInAsync(account, isPersistent: false).ConfigureAwait(false);
        return account;
    }

    /// <summary>Ends every session of the account (a new security stamp), e.g. on sign-out.</summary>
    public async ValueTask<Outcome<AnalystAccount>> RevokeSessionsAsync(string analystId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (await users.FindByIdAsync(analystId).ConfigureAwait(false) is not { } account)
        {
            return Failure.NotFound(AnalystErrors.AnalystNotFound, "No such account.");
        }

        var result = await users.UpdateSecurityStampAsync(account).ConfigureAwait(false);
        return result.Succeeded ? account : Describe(result);
    }

    /// <summary>Changes the account's role; its sessions end at their next check.</summary>
    public async ValueTask<Outcome<AnalystAccount>> SetRoleAsync(string analystId, string role, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!AnalystRoles.IsKnown(role))
        {
            return Failure.Invalid(AnalystErrors.AnalystInvalidRole, "The role must be 'analyst' or 'admin'.");
        }

        if (await users.FindByIdAsync(analystId).ConfigureAwait(false) is not { } account)
        {
            return Failure.NotFound(AnalystErrors.AnalystNotFound, "No such account.");
        }

        var current = await users.GetRolesAsync(account).ConfigureAwait(false);
        var result = await users.RemoveFromRolesAsync(account, current).ConfigureAwait(false);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(account, role).ConfigureAwait(false);
        }

        if (result.Succeeded)
        {
            result = await users.UpdateSecurityStampAsync(account).ConfigureAwait(false);
        }

        return result.Succeeded ? account : Describe(result);
    }

    /// <summary>Enables or disables the account; a disabled account cannot sign in and its sessions end at their next check.</summary>
    public async ValueTask<Outcome<AnalystAccount>> SetEnabledAsync(string analystId, bool enabled, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (await users.FindByIdAsync(analystId).ConfigureAwait(false) is not { } account)
        {
            return Failure.NotFound(AnalystErrors.AnalystNotFound, "No such account.");
        }

        account.Enabled = enabled;
        var result = await users.UpdateSecurityStampAsync(account).ConfigureAwait(false);
        return result.Succeeded ? account : Describe(result);
    }

    /// <summary>The account of <paramref name="tenantId"/> with this id, or <see langword="null"/>.</summary>
    public async ValueTask<AnalystAccount?> FindByIdAsync(string tenantId, string analystId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await users.FindByIdAsync(analystId).ConfigureAwait(false) is { } account && account.TenantId == tenantId ? account : null;
    }

    /// <summary>The account of <paramref name="tenantId"/> with this e-mail, or <see langword="null"/>.</summary>
    public async ValueTask<AnalystAccount?> FindByEmailAsync(string tenantId, string email, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await users.FindByEmailAsync(email.Trim()).ConfigureAwait(false) is { } account && account.TenantId == tenantId ? account : null;
    }

    /// <summary>Whether the tenant has any account (the first admin is generated when it has none).</summary>
    public async ValueTask<bool> AnyAsync(string tenantId, CancellationToken cancellationToken) =>
        await users.Users.AnyAsync(u => u.TenantId == tenantId, cancellationToken).ConfigureAwait(false);

    /// <summary>The account's departments (empty: all).</summary>
    public async ValueTask<IReadOnlyList<string>> GetDepartmentsAsync(AnalystAccount account, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return [.. (await users.GetClaimsAsync(account).ConfigureAwait(false)).Where(c => c.Type == AnalystClaims.Department).Select(c => c.Value)];
    }

    /// <summary>
    /// Creates <paramref name="account"/> with its role and departments in one transaction, so that a crash never
    /// leaves an account without its role; with a password, or with the hash already on the account (an import).
    /// </summary>
    internal async ValueTask<Outcome<AnalystAccount>> CreateWithAsync(AnalystAccount account, string? password, string role, IReadOnlyCollection<string> departments, CancellationToken cancellationToken)
    {
        var transaction = await database.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var result = password is null
                ? await users.CreateAsync(account).ConfigureAwait(false)
                : await users.CreateAsync(account, password).ConfigureAwait(false);
            if (result.Succeeded)
            {
                result = await users.AddToRoleAsync(account, role).ConfigureAwait(false);
            }

            if (result.Succeeded && departments.Count > 0)
            {
                result = await users.AddClaimsAsync(account, departments.Select(d => new Claim(AnalystClaims.Department, d))).ConfigureAwait(false);
            }

            if (!result.Succeeded)
            {
                return Describe(result);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return account;
        }
    }

    private static Failure Describe(IdentityResult result)
    {
        var codes = result.Errors.Select(e => e.Code).ToList();
        if (codes.Exists(c => c is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
        {
            return Failure.Conflict(AnalystErrors.AnalystEmailTaken, "An account with this e-mail address already exists.");
        }

        if (codes.Exists(c => c.StartsWith("Password", StringComparison.Ordinal)))
        {
            return Failure.Invalid(AnalystErrors.AnalystWeakPassword, $"The password must have at least {MinPasswordLength} characters.");
        }

        if (codes.Exists(c => c is nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName)))
        {
            return Failure.Invalid(AnalystErrors.AnalystInvalidEmail, "The e-mail address is not valid.");
        }

        // Anything else (a concurrency failure, an unknown role) is not an expected answer to a request.
        throw new InvalidOperationException("The account could not be saved: " + string.Join(", ", codes));
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Back-office account {AnalystId} created with role {Role}")]
    private static partial void LogCreated(ILogger logger, string analystId, string role);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Sign-in refused for account {AnalystId}")]
    private static partial void LogRefused(ILogger logger, string analystId);
}
