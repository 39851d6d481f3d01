using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Verification.Storage.EfCore.Tests.Migrations;

public sealed class MigrationTests
{
    public static TheoryData<string> Providers => new() { "Sqlite", "PostgreSql" };

    private static VerificationDbContext Context(string provider) => provider == "Sqlite"
        ? new SqliteVerificationDbContext(new DbContextOptionsBuilder<SqliteVerificationDbContext>().UseSqlite("Data Source=:memory:").Options)
        : new PostgreSqlVerificationDbContext(new DbContextOptionsBuilder<PostgreSqlVerificationDbContext>().UseNpgsql("Host=unused").Options);

    [Theory]
    [MemberData(nameof(Providers))]
    public void TheModelAndTheMigrationsAgree(string provider)
    {
        using var context = Context(provider);

        context.Database.HasPendingModelChanges().Should().BeFalse(
            "every change to the model needs a migration and an updated snapshot in Migrations/{0}", provider);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void EachProviderHasItsOwnVersionedMigrations(string provider)
    {
        using var context = Context(provider);

        var migrations = context.GetService<IMigrationsAssembly>().Migrations;

        migrations.Keys.Should().NotBeEmpty().And.BeInAscendingOrder().And.Contain(id => id.EndsWith("_Baseline", StringComparison.Ordinal));
        migrations.Values.Should().OnlyContain(t => t.Namespace!.EndsWith("." + provider, StringComparison.Ordinal));
    }

    [Fact]
    public async Task MigratingASecondTimeAppliesNothing()
    {
        await using var db = new SqliteTestDatabase();
        await db.InitializeAsync();
        await using var context = db.NewContext();

        var migrator = new VerificationDatabaseMigrator(context, Microsoft.Extensions.Logging.Abstractions.NullLogger<VerificationDatabaseMigrator>.Instance);

        (await migrator.MigrateAsync(CancellationToken.None)).Should().BeEmpty();
        (await migrator.GetPendingMigrationsAsync(CancellationToken.None)).Should().BeEmpty();
        await db.DisposeAsync();
    }
}
