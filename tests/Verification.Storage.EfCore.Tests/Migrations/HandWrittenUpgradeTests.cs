using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Verification.Storage.EfCore.Tests.Migrations;

/// <summary>
/// Until 0.1.0 the migrations were written by hand; a generated baseline replaced them. A database those migrations
/// built (replayed here from the SQL that `dotnet ef migrations script` wrote from them before they were deleted) must
/// upgrade in place: the migrator recognises their history, nothing is lost, and the schema is then exactly the one a
/// new database gets.
/// </summary>
public sealed class HandWrittenUpgradeTests
{
    [Fact]
    public async Task ASqliteDatabaseOfTheHandWrittenMigrationsUpgradesWithoutLoss()
    {
        var upgraded = Path.Combine(Path.GetTempPath(), $"verification-upgrade-{Guid.NewGuid():N}.db");
        var fresh = Path.Combine(Path.GetTempPath(), $"verification-fresh-{Guid.NewGuid():N}.db");
        try
        {
            await using var old = new SqliteConnection(SqliteConnectionString(upgraded));
            await old.OpenAsync();
            await ExecuteScriptAsync(old, "HandWritten.sqlite.sql");
            var schema = new SqliteSchema(old);
            await schema.FillEveryTableAsync();
            var rows = await schema.RowsAsync();

            var applied = await MigrateAsync(SqliteContext(upgraded));

            applied.Should().ContainSingle("the baseline is recorded, not run, on a database the hand-written migrations built; only the migrations after it run")
                .Which.Should().EndWith("_DropAnalysts");
            (await schema.HistoryAsync()).Should().HaveCount(9).And.Contain(id => id.EndsWith("_Baseline", StringComparison.Ordinal));
            (await schema.RowsAsync()).Should().Equal(WithoutLegacyAccounts(rows), "nothing is lost but the library's old accounts, which the host imports before this migration runs");
            rows.Should().Contain(r => r.StartsWith("Analysts: ", StringComparison.Ordinal));
            (await schema.RowsAsync()).Should().HaveCountGreaterThanOrEqualTo(15, "every table left holds a row");

            await MigrateAsync(SqliteContext(fresh));
            await using var created = new SqliteConnection(SqliteConnectionString(fresh));
            await created.OpenAsync();
            var structure = await schema.StructureAsync();
            structure.Should().Contain(l => l.StartsWith("column ", StringComparison.Ordinal))
                .And.Contain(l => l.StartsWith("index ", StringComparison.Ordinal))
                .And.Contain(l => l.StartsWith("foreign key ", StringComparison.Ordinal));
            structure.Should().Equal(await new SqliteSchema(created).StructureAsync());
            await AssertUsableAsync(SqliteContext(upgraded));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { upgraded, fresh })
            {
                foreach (var suffix in new[] { "", "-wal", "-shm" })
                {
                    File.Delete(path + suffix);
                }
            }
        }
    }

    [Fact]
    public async Task APostgreSqlDatabaseOfTheHandWrittenMigrationsUpgradesWithoutLoss()
    {
        await using var server = new PostgreSqlServer();
        var upgraded = await server.CreateDatabaseAsync();
        var fresh = await server.CreateDatabaseAsync();

        await using var old = new NpgsqlConnection(upgraded);
        await old.OpenAsync();
        await ExecuteScriptAsync(old, "HandWritten.postgresql.sql");
        var schema = new PostgreSqlSchema(old);
        await schema.FillEveryTableAsync();
        var rows = await schema.RowsAsync();

        var applied = await MigrateAsync(PostgreSqlContext(upgraded));

        applied.Should().ContainSingle("the baseline is recorded, not run, on a database the hand-written migrations built; only the migrations after it run")
            .Which.Should().EndWith("_DropAnalysts");
        (await schema.HistoryAsync()).Should().HaveCount(10).And.Contain(id => id.EndsWith("_Baseline", StringComparison.Ordinal));
        (await schema.RowsAsync()).Should().Equal(WithoutLegacyAccounts(rows), "nothing is lost but the library's old accounts, which the host imports before this migration runs");
        rows.Should().Contain(r => r.StartsWith("Analysts: ", StringComparison.Ordinal));
        (await schema.RowsAsync()).Should().HaveCountGreaterThanOrEqualTo(15, "every table left holds a row");

        await MigrateAsync(PostgreSqlContext(fresh));
        await using var created = new NpgsqlConnection(fresh);
        await created.OpenAsync();
        var structure = await schema.StructureAsync();
        structure.Should().Contain(l => l.StartsWith("column ", StringComparison.Ordinal))
            .And.Contain(l => l.StartsWith("index ", StringComparison.Ordinal))
            .And.Contain(l => l.StartsWith("constraint ", StringComparison.Ordinal) && l.Contains("FOREIGN KEY", StringComparison.Ordinal))
            .And.Contain("storage BlobChunks.Data e");
        structure.Should().Equal(await new PostgreSqlSchema(created).StructureAsync());
        await AssertUsableAsync(PostgreSqlContext(upgraded));
    }

    [Fact]
    public async Task ADatabaseThatStoppedPartWayThroughTheHandWrittenMigrationsIsRefused()
    {
        var path = Path.Combine(Path.GetTempPath(), $"verification-partial-{Guid.NewGuid():N}.db");
        try
        {
            await using (var old = new SqliteConnection(SqliteConnectionString(path)))
            {
                await old.OpenAsync();
                await ExecuteScriptAsync(old, "HandWritten.sqlite.sql");
                await using var forget = old.CreateCommand();
                forget.CommandText = "DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = '20261206110000_AuditCheckpoints'";
                await forget.ExecuteNonQueryAsync();
            }

            var migrate = async () => await MigrateAsync(SqliteContext(path));

            (await migrate.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should()
                .Contain("20261206100000_BlobChunks").And.Contain("20261206110000_AuditCheckpoints");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    /// <summary>The rows once the <c>DropAnalysts</c> migration dropped the library's old accounts table.</summary>
    private static List<string> WithoutLegacyAccounts(List<string> rows) =>
        rows.Where(r => !r.StartsWith("Analysts: ", StringComparison.Ordinal)).ToList();

    private static string SqliteConnectionString(string path) => new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();

    private static SqliteVerificationDbContext SqliteContext(string path) =>
        new(new DbContextOptionsBuilder<SqliteVerificationDbContext>().UseSqlite(SqliteConnectionString(path)).Options);

    private static PostgreSqlVerificationDbContext PostgreSqlContext(string connectionString) =>
        new(new DbContextOptionsBuilder<PostgreSqlVerificationDbContext>().UseNpgsql(connectionString).Options);

    private static async Task<IReadOnlyList<string>> MigrateAsync(VerificationDbContext context)
    {
        await using (context)
        {
            return await new VerificationDatabaseMigrator(context, NullLogger<VerificationDatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
        }
    }

    /// <summary>After the upgrade nothing is pending and the stores write and read through the model.</summary>
    private static async Task AssertUsableAsync(VerificationDbContext context)
    {
        await using (context)
        {
            (await context.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
            var store = new Verification.Storage.EfCore.Stores.EfTenantStore<VerificationDbContext>(context);
            var tenant = new Verification.Core.Tenants.Tenant { Id = "after-upgrade", Name = "After", CreatedAt = DateTimeOffset.UtcNow };
            (await store.CreateAsync(tenant, CancellationToken.None)).IsSuccess.Should().BeTrue();
            (await store.FindByIdAsync("k1", CancellationToken.None)).Should().NotBeNull("the tenant written before the upgrade is read through the model");
        }
    }

    private static async Task ExecuteScriptAsync(System.Data.Common.DbConnection connection, string resource)
    {
        await using var stream = typeof(HandWrittenUpgradeTests).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException("Missing embedded script " + resource);
        using var reader = new StreamReader(stream);
        await using var command = connection.CreateCommand();
        command.CommandText = (await reader.ReadToEndAsync()).TrimStart('\uFEFF');
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Empty databases on the server of <c>VERIFICATION_TEST_POSTGRES</c>, dropped afterwards.</summary>
    private sealed class PostgreSqlServer : IAsyncDisposable
    {
        private readonly List<string> _databases = [];
        private readonly string _server = Environment.GetEnvironmentVariable(PostgreSqlTestDatabase.EnvironmentVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException($"{PostgreSqlTestDatabase.EnvironmentVariable} is not set: this test needs a real PostgreSQL server (./test.sh starts one).");

        public async Task<string> CreateDatabaseAsync()
        {
            var name = $"verification_upgrade_{Guid.NewGuid():N}";
            await using var connection = new NpgsqlConnection(_server);
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
            _databases.Add(name);
            return new NpgsqlConnectionStringBuilder(_server) { Database = name }.ToString();
        }

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_server);
            await connection.OpenAsync();
            foreach (var name in _databases)
            {
                await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }
}
