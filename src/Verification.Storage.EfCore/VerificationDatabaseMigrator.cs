using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging;

namespace Verification.Storage.EfCore;

/// <summary>Applies the versioned migrations of the configured database and reports its state.</summary>
public sealed partial class VerificationDatabaseMigrator(VerificationDbContext context, ILogger<VerificationDatabaseMigrator> logger)
{
    /// <summary>Applies every pending migration; answers the ids of those applied (none when up to date).</summary>
    public async ValueTask<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await context.PrepareDatabaseAsync(cancellationToken).ConfigureAwait(false);
        await AdoptHandWrittenHistoryAsync(cancellationToken).ConfigureAwait(false);
        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
        if (pending.Count > 0)
        {
            await context.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            LogApplied(logger, pending.Count, pending);
        }

        await context.DatabaseMigratedAsync(cancellationToken).ConfigureAwait(false);

        return pending;
    }

    /// <summary>
    /// Creates the database the way its provider wants it (SQLite: a file readable by the owner only) without applying
    /// migrations, for a host whose own migrations run first on the same database. <see cref="MigrateAsync"/> does it too.
    /// </summary>
    public ValueTask PrepareDatabaseAsync(CancellationToken cancellationToken) => context.PrepareDatabaseAsync(cancellationToken);

    /// <summary>Migrations known to the code but not applied to the database.</summary>
    public async ValueTask<IReadOnlyList<string>> GetPendingMigrationsAsync(CancellationToken cancellationToken) =>
        (await context.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();

    /// <summary>
    /// Until 0.1.0 the migrations were written by hand; they were replaced by one generated baseline whose schema is
    /// the one they left (a test builds both and compares them). A database that went through all of them holds their
    /// ids, not the baseline's: the baseline is recorded as applied instead of run. A database that stopped part-way
    /// is refused rather than guessed at.
    /// </summary>
    private async ValueTask AdoptHandWrittenHistoryAsync(CancellationToken cancellationToken)
    {
        var handWritten = context.HandWrittenMigrations;
        if (handWritten.Count == 0)
        {
            return;
        }

        var applied = (await context.Database.GetAppliedMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        var found = handWritten.Where(applied.Contains).ToList();
        var baseline = context.GetService<IMigrationsAssembly>().Migrations.Keys.First();
        if (found.Count == 0 || applied.Contains(baseline))
        {
            return;
        }

        if (found.Count != handWritten.Count)
        {
            throw new InvalidOperationException(
                $"The database stopped at the hand-written migration {found.Max(StringComparer.Ordinal)} and lacks {string.Join(", ", handWritten.Except(found))}. " +
                "Apply them with Verification 0.1.0 ('admin migrate'), then start this version.");
        }

        var insert = context.GetService<IHistoryRepository>().GetInsertScript(new HistoryRow(baseline, ProductInfo.GetVersion()));
        try
        {
            await context.Database.ExecuteSqlRawAsync(insert, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException)
        {
            if ((await context.Database.GetAppliedMigrationsAsync(cancellationToken).ConfigureAwait(false)).Contains(baseline))
            {
                return; // Another host sharing the database recorded it first.
            }

            throw;
        }

        LogAdopted(logger, baseline, found.Count);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Applied {Count} migration(s): {Migrations}")]
    private static partial void LogApplied(ILogger logger, int count, IReadOnlyList<string> migrations);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Recorded {Baseline} as applied: the database holds the {Count} hand-written migrations it replaces")]
    private static partial void LogAdopted(ILogger logger, string baseline, int count);
}
