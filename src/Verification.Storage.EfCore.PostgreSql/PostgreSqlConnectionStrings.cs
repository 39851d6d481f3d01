using System.Data.Common;
using Npgsql;

namespace Verification.Storage.EfCore;

/// <summary>How the PostgreSQL stores open their connections.</summary>
public static class PostgreSqlConnectionStrings
{
    /// <summary>
    /// <paramref name="connectionString"/> with GSS session encryption off unless it sets <c>GSS Encryption Mode</c>
    /// itself. Npgsql 10 tries GSS encryption first by default (<c>Prefer</c>); where no Kerberos is set up, its
    /// fall-back to a second socket can spend the whole connect timeout and fail the open (npgsql/npgsql#6416,
    /// #6655): a host then fails to start, or answers <c>503 database.unavailable</c>, at random. Deployments that use
    /// Kerberos set the mode in their connection string, which is then kept as written.
    /// </summary>
    public static string WithDefaults(string connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var setsGss = given.Keys.Cast<string>().Any(k => k.Replace(" ", string.Empty, StringComparison.Ordinal).Equals("GssEncryptionMode", StringComparison.OrdinalIgnoreCase));
        return setsGss ? connectionString : new NpgsqlConnectionStringBuilder(connectionString) { GssEncryptionMode = GssEncryptionMode.Disable }.ConnectionString;
    }
}
