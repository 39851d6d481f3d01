using System.Net.Mail;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Verification.Core.Stores;

namespace Verification.Core.Analysts;

/// <summary>Creates back-office accounts and checks their passwords.</summary>
public sealed partial class AnalystManager(
    IAnalystStore store,
    IOptions<VerificationOptions> options,
    TimeProvider timeProvider,
    ILogger<AnalystManager> logger)
{
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
            return Failure.Invalid("analyst.invalid_email", "The e-mail address is not valid.");
        }

        if (password is null || password.Length < MinPasswordLength)
        {
            return Failure.Invalid("analyst.weak_password", $"The password must have at least {MinPasswordLength} characters.");
        }

        if (!AnalystRoles.IsKnown(role))
        {
            return Failure.Invalid("analyst.invalid_role", "The role must be 'analyst' or 'admin'.");
        }

        var cleanDepartments = (departments ?? []).Select(d => d.Trim()).Where(d => d.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (cleanDepartments.Exists(d => d.Length > 64))
        {
            return Failure.Invalid("analyst.invalid_department", "A department name has at most 64 characters.");
        }

        var now = timeProvider.GetUtcNow();
        var analyst = new Analyst
        {
            Id = Identifiers.NewUlid(now),
            TenantId = tenantId,
            Email = email.Trim(),
            NormalizedEmail = Analyst.Normalize(email),
            PasswordHash = PasswordHasher.Hash(password, options.Value.PasswordIterations),
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
    public async ValueTask<Outcome<Analyst>> CheckPasswordAsync(string tenantId, string email, string password, CancellationToken cancellationToken)
    {
        var refused = Failure.Invalid("auth.invalid_credentials", "The e-mail or the password is wrong.");
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password) || email.Length > 256 || password.Length > 1024)
        {
            return refused;
        }

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
