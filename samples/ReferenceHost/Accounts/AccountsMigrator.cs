using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Verification.Core.Analysts;
using Verification.Storage.EfCore;

namespace ReferenceHost.Accounts;

/// <summary>
/// Applies the host's account migrations (after the library's, same database, own history table), then imports once
/// the accounts the library kept before accounts moved to Identity (its <c>Analysts</c> table): same id (so past
/// decisions and audit entries still name their author), e-mail, tenant, role, departments, enabled state and
/// password hash, which <see cref="LegacyAwarePasswordHasher"/> accepts and Identity upgrades at the next sign-in.
/// The import skips accounts already imported, so running it again (every start) changes nothing.
/// </summary>
public sealed partial class AccountsMigrator(
    AccountsDbContext accounts,
    VerificationDbContext library,
    UserManager<AnalystAccount> users,
    AnalystAccounts manager,
    ILogger<AccountsMigrator> logger)
{
    /// <summary>Applies the pending account migrations and imports the library's accounts; answers the migrations applied.</summary>
    public async ValueTask<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        var pending = (await accounts.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
        if (pending.Count > 0)
        {
            await accounts.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }

        await ImportLibraryAccountsAsync(cancellationToken).ConfigureAwait(false);
        return pending;
    }

    /// <summary>Imports the library's accounts that Identity does not hold yet; answers how many were imported.</summary>
    public async ValueTask<int> ImportLibraryAccountsAsync(CancellationToken cancellationToken)
    {
        var legacy = await library.Set<Analyst>().AsNoTracking().OrderBy(a => a.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (legacy.Count == 0)
        {
            return 0;
        }

        var known = (await users.Users.Select(u => u.Id).ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        var imported = 0;
        foreach (var analyst in legacy.Where(a => !known.Contains(a.Id)))
        {
            var account = new AnalystAccount
            {
                Id = analyst.Id,
                TenantId = analyst.TenantId,
                UserName = analyst.Email,
                Email = analyst.Email,
                EmailConfirmed = true,
                PasswordHash = analyst.PasswordHash,
                Enabled = analyst.Enabled,
                CreatedAt = analyst.CreatedAt,
                LastLoginAt = analyst.LastLoginAt,
            };
            try
            {
                var created = await manager.CreateWithAsync(account, password: null, analyst.Role, analyst.Departments, cancellationToken).ConfigureAwait(false);
                if (created.IsSuccess)
                {
                    imported++;
                }
                else
                {
                    // The only expected refusal: the e-mail is taken by another account (e-mails are unique on the host).
                    LogNotImported(logger, analyst.Id, created.Failure!.Code);
                }
            }
            catch (DbUpdateException)
            {
                // Another host imported it at the same time: fine; anything else is not.
                accounts.ChangeTracker.Clear();
                if (!await users.Users.AnyAsync(u => u.Id == analyst.Id, cancellationToken).ConfigureAwait(false))
                {
                    throw;
                }
            }
            finally
            {
                accounts.ChangeTracker.Clear();
            }
        }

        if (imported > 0)
        {
            LogImported(logger, imported);
        }

        return imported;
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Imported {Count} back-office account(s) from the library's Analysts table into Identity")]
    private static partial void LogImported(ILogger logger, int count);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Back-office account {AnalystId} was not imported into Identity: {Code}")]
    private static partial void LogNotImported(ILogger logger, string analystId, string code);
}
