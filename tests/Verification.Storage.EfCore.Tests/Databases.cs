using Verification.Core.Protection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Verification.Storage.EfCore.Tests;

/// <summary>A migrated database for one test class, and new contexts over it.</summary>
public interface ITestDatabase : IAsyncLifetime
{
    VerificationDbContext NewContext();

    /// <summary>The protector of the stores over this database (one master key for the whole test class).</summary>
    VerificationProtector Protector { get; }
}

/// <summary>A fresh SQLite database file, migrated with the real migrations.</summary>
public sealed class SqliteTestDatabase : ITestDatabase
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"verification-test-{Guid.NewGuid():N}.db");

    public string ConnectionString => new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false, DefaultTimeout = 30 }.ToString();

    public VerificationProtector Protector { get; } = new(new EphemeralMasterKeyProvider());

    public VerificationDbContext NewContext() =>
        new SqliteVerificationDbContext(new DbContextOptionsBuilder<SqliteVerificationDbContext>().UseSqlite(ConnectionString).Options);

    public async Task InitializeAsync()
    {
        await using var context = NewContext();
        await new VerificationDatabaseMigrator(context, NullLogger<VerificationDatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// A fresh database on the PostgreSQL server named by <c>VERIFICATION_TEST_POSTGRES</c> (set by
/// <c>./test.sh</c>), migrated with the real migrations and dropped afterwards. Without the server the
/// tests fail with a message saying how to get one: they never silently skip.
/// </summary>
public sealed class PostgreSqlTestDatabase : ITestDatabase
{
    public const string EnvironmentVariable = "VERIFICATION_TEST_POSTGRES";

    private readonly string _database = $"verification_test_{Guid.NewGuid():N}";
    private string? _serverConnectionString;

    public string ConnectionString => new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = _database }.ToString();

    public VerificationProtector Protector { get; } = new(new EphemeralMasterKeyProvider());

    public VerificationDbContext NewContext() =>
        new PostgreSqlVerificationDbContext(new DbContextOptionsBuilder<PostgreSqlVerificationDbContext>().UseNpgsql(ConnectionString).Options);

    public async Task InitializeAsync()
    {
        _serverConnectionString = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(_serverConnectionString))
        {
            throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set: the PostgreSQL storage suite needs a real server. Run ./test.sh, which installs and starts one, " +
                $"or set {EnvironmentVariable}=\"Host=127.0.0.1;Port=5432;Username=...;Password=...;Database=postgres\".");
        }

        await using (var connection = new NpgsqlConnection(_serverConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        await using var context = NewContext();
        await new VerificationDatabaseMigrator(context, NullLogger<VerificationDatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_serverConnectionString is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
