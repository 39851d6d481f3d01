using Microsoft.EntityFrameworkCore;

namespace Verification.Storage.EfCore;

/// <summary>
/// The verification database. A provider package brings the concrete context with its migrations
/// (<c>SqliteVerificationDbContext</c> in Verification.Storage.EfCore.Sqlite, <c>PostgreSqlVerificationDbContext</c>
/// in Verification.Storage.EfCore.PostgreSql), or bring your own context and call
/// <see cref="VerificationModelBuilderExtensions.ApplyVerificationModel"/>.
/// </summary>
public abstract class VerificationDbContext : DbContext
{
    /// <summary>Creates the context.</summary>
    protected VerificationDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyVerificationModel();

    /// <summary>
    /// The ids of the hand-written migrations the provider's generated baseline replaced, in order; a database holding
    /// all of them gets the baseline recorded instead of run (see <see cref="VerificationDatabaseMigrator"/>).
    /// </summary>
    internal virtual IReadOnlyList<string> HandWrittenMigrations => [];

    /// <summary>What the provider needs before the migrations run (SQLite: the database file, readable by the owner only).</summary>
    internal virtual ValueTask PrepareDatabaseAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>What the provider sets once the schema is current (SQLite: write-ahead logging).</summary>
    internal virtual ValueTask DatabaseMigratedAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
