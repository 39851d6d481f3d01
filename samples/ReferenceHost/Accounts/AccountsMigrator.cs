using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Verification.Storage.EfCore;

namespace ReferenceHost.Accounts;

/// <summary>
/// Applies the host's account migrations (same database as the library, own history table) and then imports once
/// the accounts the library kept before accounts moved to Identity (its legacy <c>Analysts</c> table): same id (so past
/// decisions and audit entries still name their author), e-mail, tenant, role, departments, enabled state and
/// password hash, which <see cref="LegacyAwarePasswordHasher"/> accepts and Identity upgrades at the next sign-in.
/// Both run BEFORE the library's migrations (at start and in <c>admin migrate</c>): the library's <c>DropAnalysts</c>
/// migration deletes that table, so the accounts must be in Identity first. The table is read with plain SQL (the
/// library no longer has a type for it), only when it exists. The import skips accounts already imported, so running
/// it again (every start) changes nothing.
/// </summary>
public sealed partial class AccountsMigrator(
    AccountsDbContext accounts,
    VerificationDatabaseMigrator library,
    UserManager<AnalystAccount> users,
    AnalystAccounts manager,
    ILogger<AccountsMigrator> logger)
{
    /// <summary>The library's table of accounts before they moved to Identity (dropped by its <c>DropAnalysts</c> migration).</summary>
    public const string LegacyTable = "Analysts";

    /// <summary>Applies the pending account migrations and imports the library's accounts; answers the migrations applied.</summary>
    public async ValueTask<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        // The library creates the database as its provider wants it (SQLite: a file readable by the owner only);
        // the accounts' migrations may now be the first to touch a new database.
        await library.PrepareDatabaseAsync(cancellationToken).ConfigureAwait(false);
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
        var legacy = await ReadLegacyAccountsAsync(cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Every row of the legacy table, or none when it does not exist (a new database, or one already upgraded).
    /// Plain SQL on the accounts' connection, identifiers quoted by the provider (SQLite and PostgreSQL both keep the
    /// names EF gave them: <c>"Analysts"</c>, <c>"TenantId"</c>...). Column storage as the library's model had it:
    /// SQLite dates as UTC ticks and booleans as integers, PostgreSQL <c>timestamptz</c> and <c>boolean</c>;
    /// departments as a JSON array of strings.
    /// </summary>
    private async ValueTask<List<LegacyAccount>> ReadLegacyAccountsAsync(CancellationToken cancellationToken)
    {
        var sql = accounts.GetService<ISqlGenerationHelper>();
        var connection = accounts.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await accounts.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await using (var exists = connection.CreateCommand())
            {
                exists.CommandText = accounts.Database.IsNpgsql()
                    ? "SELECT to_regclass(@table) IS NOT NULL"
                    : "SELECT COUNT(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = @table";
                var parameter = exists.CreateParameter();
                parameter.ParameterName = "@table";
                parameter.Value = accounts.Database.IsNpgsql() ? sql.DelimitIdentifier(LegacyTable) : LegacyTable;
                exists.Parameters.Add(parameter);
                if (!Convert.ToBoolean(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture))
                {
                    return [];
                }
            }

            string[] columns = ["Id", "TenantId", "Email", "PasswordHash", "Role", "Departments", "Enabled", "CreatedAt", "LastLoginAt"];
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT {string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c)))} FROM {sql.DelimitIdentifier(LegacyTable)} ORDER BY {sql.DelimitIdentifier("Id")}";
            var rows = new List<LegacyAccount>();
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(new LegacyAccount(
                    reader.GetString(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    reader.GetString(3),
                    reader.GetString(4),
                    JsonSerializer.Deserialize<List<string>>(reader.GetString(5)) ?? [],
                    Convert.ToBoolean(reader.GetValue(6), System.Globalization.CultureInfo.InvariantCulture),
                    ToDate(reader.GetValue(7)),
                    reader.IsDBNull(8) ? null : ToDate(reader.GetValue(8))));
            }

            return rows;
        }
        finally
        {
            if (opened)
            {
                await accounts.Database.CloseConnectionAsync().ConfigureAwait(false);
            }
        }
    }

    private static DateTimeOffset ToDate(object value) => value switch
    {
        long ticks => new DateTimeOffset(ticks, TimeSpan.Zero),
        DateTimeOffset date => date.ToUniversalTime(),
        DateTime date => new DateTimeOffset(DateTime.SpecifyKind(date, DateTimeKind.Utc)),
        _ => throw new InvalidOperationException($"Unexpected date storage in the legacy {LegacyTable} table: {value.GetType().Name}."),
    };

    private sealed record LegacyAccount(
        string Id, string TenantId, string Email, string PasswordHash, string Role, List<string> Departments, bool Enabled, DateTimeOffset CreatedAt, DateTimeOffset? LastLoginAt);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Imported {Count} back-office account(s) from the library's Analysts table into Identity")]
    private static partial void LogImported(ILogger logger, int count);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Back-office account {AnalystId} was not imported into Identity: {Code}")]
    private static partial void LogNotImported(ILogger logger, string analystId, string code);
}
