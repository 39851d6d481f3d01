using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Verification.Storage.EfCore;

/// <summary>Applies the versioned migrations of the configured database and reports its state.</summary>
public sealed partial class VerificationDatabaseMigrator(VerificationDbContext context, ILogger<VerificationDatabaseMigrator> logger)
{
    /// <summary>Applies every pending migration; answers the ids of those applied (none when up to date).</summary>
    public async ValueTask<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        EnsureSqliteDirectory();
        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();
        if (pending.Count > 0)
        {
            await context.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            LogApplied(logger, pending.Count, pending);
        }

        if (context.Database.IsSqlite())
        {
            // WAL lets readers go on while one writer writes; it is a property of the database file.
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
        }

        return pending;
    }

    /// <summary>Migrations known to the code but not applied to the database.</summary>
    public async ValueTask<IReadOnlyList<string>> GetPendingMigrationsAsync(CancellationToken cancellationToken) =>
        (await context.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false)).ToList();

    private void EnsureSqliteDirectory()
    {
        if (!context.Database.IsSqlite())
        {
            return;
        }

        var dataSource = new SqliteConnectionStringBuilder(context.Database.GetConnectionString()).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            return;
        }

        var path = Path.GetFullPath(dataSource);
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        // SQLite creates a missing database with the process umask (usually 0644: world-readable) and gives its
        // journal files the database's mode; an empty file created first, readable by the owner only, is a valid
        // empty database that SQLite then fills.
        if (!File.Exists(path) && !OperatingSystem.IsWindows())
        {
            try
            {
                using var created = new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                });
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it meanwhile.
            }
        }
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Applied {Count} migration(s): {Migrations}")]
    private static partial void LogApplied(ILogger logger, int count, IReadOnlyList<string> migrations);
}
