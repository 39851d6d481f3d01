using Microsoft.EntityFrameworkCore;

namespace Verification.Storage.EfCore;

/// <summary>
/// The verification database. Use <see cref="SqliteVerificationDbContext"/> or
/// <see cref="PostgreSqlVerificationDbContext"/> (they carry the migrations of their provider), or bring
/// your own context and call <see cref="VerificationModelBuilderExtensions.ApplyVerificationModel"/>.
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
}

/// <summary>The verification database on SQLite (the embedded default), with its migrations.</summary>
public sealed class SqliteVerificationDbContext(DbContextOptions<SqliteVerificationDbContext> options) : VerificationDbContext(options)
{
    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.UseVerificationSqliteConventions();
}

/// <summary>The verification database on PostgreSQL (for scale and several hosts), with its migrations.</summary>
public sealed class PostgreSqlVerificationDbContext(DbContextOptions<PostgreSqlVerificationDbContext> options) : VerificationDbContext(options);
