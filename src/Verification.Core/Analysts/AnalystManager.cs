using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Verification.Core.Stores;

namespace Verification.Core.Analysts;

/// <summary>Creates back-office accounts and checks their passwords.</summary>
public sealed partial class AnalystManager(
    IAnalystStore store,
    IOptions<VerificationOptions> options,
    TimeProvider timeProvider,
    ILogger<AnalystManager> logger,
    SignInThrottle? throttle = null)
{
    /// <summary>The failure code of a sign-in refused because of repeated failures.</summary>
    public const string ThrottledCode = AnalystErrors.AuthThrottled;

    /// <summary>The shortest accepted password.</summary>
    public const int MinPasswordLength = 12;

    // Verifying against a dummy hash when the account does not exist keeps the time of a failed sign-in the same
    // whether or not the e-mail is known; it must cost the configured iterations, as real hashes do.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> DummyHashes = new();

    /// <summary>Creates an account after validating its e-mail, password, role and departments.</summary>
    public async ValueTask<Outcome<Analyst>> CreateAsync(
        string tenantId, string email, string password, string role, IReadOnlyCollection<string>? departments, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        if (string.IsNullOrWhiteSpace(email) || !MailAddress.TryCreate(email.Trim(), out var parsed) || !string.Equals(parsed.Address, email.Trim(), StringComparison.Ordinal))
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

        var now = timeProvider.GetUtcNow();
        var analyst = new Analyst
        {
            Id = Identifiers.NewUlid(now),
            TenantId = tenantId,
            Email = email.Trim(),
            NormalizedEmail = Analyst.Normalize(email),
            PasswordHash = PasswordHasher.Hash(password, options.Value.PasswordIterations),
            SecurityStamp = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            Role = role,
            Departments = cleanDepartments,
            CreatedAt = now,
        };
        var created = await store.CreateAsync(analyst, cancellationToken).ConfigureAwait(false);
        if (created.IsSuccess)
        {
            LogCreated(logger, analyst.Id, role);
        }

        return created;
    }

    /// <summary>
    /// Checks an e-mail and password. Every refusal is the same <c>auth.invalid_credentials</c>, so the
    /// answer never tells whether an account exists.
    /// </summary>
    public ValueTask<Outcome<Analyst>> CheckPasswordAsync(string tenantId, string email, string password, CancellationToken cancellationToken) =>
        CheckPasswordAsync(tenantId, email, password, null, cancellationToken);

    /// <summary>
    /// Checks an e-mail and password sent from <paramref name="clientAddress"/>. Every refusal is the same
    /// <c>auth.invalid_credentials</c>, so the answer never tells whether an account exists; after repeated
    /// failures of the account or of the address (<see cref="VerificationOptions.SignIn"/>) it is
    /// <see cref="ThrottledCode"/> until the window has passed, whatever the password.
    /// </summary>
    public async ValueTask<Outcome<Analyst>> CheckPasswordAsync(string tenantId, string email, string password, string? clientAddress, CancellationToken cancellationToken)
    {
        var refused = Failure.Invalid(AnalystErrors.AuthInvalidCredentials, "The e-mail or the password is wrong.");
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password) || email.Length > 256 || password.Length > 1024)
        {
            return refused;
        }

        var limits = options.Value.SignIn;
        var accountKey = tenantId + "/" + Analyst.Normalize(email);
        if (throttle?.BlockedUntil(accountKey, clientAddress, limits) is { } until)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling((until - timeProvider.GetUtcNow()).TotalMinutes));
            return Failure.Unavailable(ThrottledCode, $"Too many failed sign-ins. Wait {minutes} minute(s) and try again.");
        }

        var checkedPassword = await CheckCredentialsAsync(tenantId, email, password, refused, cancellationToken).ConfigureAwait(false);
        if (checkedPassword.IsSuccess)
        {
            throttle?.Succeeded(accountKey);
        }
        else
        {
            throttle?.Failed(accountKey, clientAddress, limits);
        }

        return checkedPassword;
    }

    /// <summary>
    /// The stamp a back-office session of <paramref name="analyst"/> carries: it changes when the account's
    /// security stamp, password, role, departments or enabled state change, which ends the sessions signed in before.
    /// </summary>
    public static string SessionStamp(Analyst analyst)
    {
        ArgumentNullException.ThrowIfNull(analyst);
        var material = string.Join('\n', analyst.Id, analyst.SecurityStamp ?? string.Empty, analyst.PasswordHash, analyst.Role, string.Join(',', analyst.Departments), analyst.Enabled ? "1" : "0");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)));
    }

    /// <summary>Whether a session carrying <paramref name="stamp"/> of account <paramref name="analystId"/> is still valid.</summary>
    public async ValueTask<bool> IsSessionValidAsync(string tenantId, string analystId, string? stamp, CancellationToken cancellationToken)
    {
        if (stamp is null)
        {
            return false;
        }

        var analyst = await store.FindByIdAsync(tenantId, analystId, cancellationToken).ConfigureAwait(false);
        return analyst is { Enabled: true }
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(SessionStamp(analyst)), Encoding.ASCII.GetBytes(stamp));
    }

    /// <summary>Ends every session of the account (a new security stamp), e.g. on sign-out.</summary>
    public async ValueTask<Outcome<Analyst>> RevokeSessionsAsync(string tenantId, string analystId, CancellationToken cancellationToken)
    {
        var analyst = await store.FindByIdAsync(tenantId, analystId, cancellationToken).ConfigureAwait(false);
        if (analyst is null)
        {
            return StoreFailures.AnalystNotFound;
        }

        analyst.SecurityStamp = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return await store.UpdateAsync(analyst, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<Outcome<Analyst>> CheckCredentialsAsync(string tenantId, string email, string password, Failure refused, CancellationToken cancellationToken)
    {
        var analyst = await store.FindByEmailAsync(tenantId, Analyst.Normalize(email), cancellationToken).ConfigureAwait(false);
        if (analyst is null)
        {
            PasswordHasher.Verify(password, DummyHashes.GetOrAdd(options.Value.PasswordIterations, static iterations => PasswordHasher.Hash("not-a-real-password-0000", iterations)));
            return refused;
        }

        if (!PasswordHasher.Verify(password, analyst.PasswordHash) || !analyst.Enabled)
        {
            LogRefused(logger, analyst.Id);
            return refused;
        }

        analyst.LastLoginAt = timeProvider.GetUtcNow();
        return await store.UpdateAsync(analyst, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Back-office account {AnalystId} created with role {Role}")]
    private static partial void LogCreated(ILogger logger, string analystId, string role);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Sign-in refused for account {AnalystId}")]
    private static partial void LogRefused(ILogger logger, string analystId);
}
