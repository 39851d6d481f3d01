using Npgsql;

namespace Verification.Storage.EfCore.Tests;

/// <summary>The connection string the PostgreSQL stores open: GSS session encryption off unless asked for.</summary>
public sealed class PostgreSqlConnectionStringsTests
{
    [Fact]
    public void TurnsGssSessionEncryptionOffWhenTheConnectionStringSaysNothingOfIt()
    {
        var opened = new NpgsqlConnectionStringBuilder(PostgreSqlConnectionStrings.WithDefaults("Host=db;Database=verification;Username=app"));

        opened.GssEncryptionMode.Should().Be(GssEncryptionMode.Disable);
        (opened.Host, opened.Database, opened.Username).Should().Be(("db", "verification", "app"));
    }

    [Theory]
    [InlineData("Host=db;GSS Encryption Mode=Prefer", GssEncryptionMode.Prefer)]
    [InlineData("Host=db;gss encryption mode=Require", GssEncryptionMode.Require)]
    [InlineData("Host=db;GssEncryptionMode=Prefer", GssEncryptionMode.Prefer)]
    public void KeepsTheModeAConnectionStringSets(string connectionString, GssEncryptionMode mode)
    {
        PostgreSqlConnectionStrings.WithDefaults(connectionString).Should().Be(connectionString);
        new NpgsqlConnectionStringBuilder(PostgreSqlConnectionStrings.WithDefaults(connectionString)).GssEncryptionMode.Should().Be(mode);
    }
}
