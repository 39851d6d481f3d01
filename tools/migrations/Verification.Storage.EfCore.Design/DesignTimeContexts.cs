using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Verification.Storage.EfCore;

namespace Verification.Storage.EfCore.Design;

/// <summary>
/// The contexts `dotnet ef` builds to diff the model against a provider's snapshot. Generating a migration or a script
/// opens no connection, so the connection strings only name the provider.
/// </summary>
internal sealed class SqliteDesignTimeContextFactory : IDesignTimeDbContextFactory<SqliteVerificationDbContext>
{
    public SqliteVerificationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteVerificationDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <inheritdoc cref="SqliteDesignTimeContextFactory"/>
internal sealed class PostgreSqlDesignTimeContextFactory : IDesignTimeDbContextFactory<PostgreSqlVerificationDbContext>
{
    public PostgreSqlVerificationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlVerificationDbContext>().UseNpgsql("Host=localhost;Database=verification_design").Options);
}
