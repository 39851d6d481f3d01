using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Verification.Storage.EfCore;

/// <summary>The verification database on SQLite (the embedded default, one host), with its migrations.</summary>
public sealed class SqliteVerificationDbContext(DbContextOptions<SqliteVerificationDbContext> options) : VerificationDbContext(options)
{
    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.UseVerificationSqliteConventions();

    internal override IReadOnlyList<string> HandWrittenMigrations { get; } =
    [
        "20261121120000_InitialSchema",
        "20261121130000_ServiceUsersAndTokens",
        "20261121150000_WebhookDelivery",
        "20261122100000_ArchiveAndProtection",
        "20261205100000_SessionsAndSealedFileNames",
        "20261206100000_BlobChunks",
        "20261206110000_AuditCheckpoints",
    ];

    internal override ValueTask PrepareDatabaseAsync(CancellationToken cancellationToken)
    {
        var dataSource = new SqliteConnectionStringBuilder(Database.GetConnectionString()).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.Ordinal))
        {
            return ValueTask.CompletedTask;
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

        return ValueTask.CompletedTask;
    }

    // WAL lets readers go on while one writer writes; it is a property of the database file.
    internal override async ValueTask DatabaseMigratedAsync(CancellationToken cancellationToken) =>
        await Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
}
