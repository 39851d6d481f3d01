using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Verification.Storage.EfCore;

/// <summary>Applies the versioned migrations of the configured database and reports its state.</summary>
public sealed partial class VerificationDatabaseMigrator(VerificationDbContext context, ILogger<VerificationDatabaseMigrator> logger)
{
    /// <summary>Applies every pending migration; answers the ids of those applied (none when up to date).</summary>
    public async ValueTask<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await context.PrepareDatabaseAsync(cancellationToken).ConfigureAwait(false);
        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
        if (pending.Count > 0)
        {
            await context.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            LogApplied(logger, pending.Count, pending);
        }

        await context.DatabaseMigratedAsync(cancellationToken).ConfigureAwait(false);

        return pending;
    }

    /// <summary>Migrations known to the code but not applied to the database.</summary>
    public async ValueTask<IReadOnlyList<string>> GetPendingMigrationsAsync(CancellationToken cancellationToken) =>
        (await context.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Applied {Count} migration(s): {Migrations}")]
    private static partial void LogApplied(ILogger logger, int count, IReadOnlyList<string> migrations);
}
