using Microsoft.EntityFrameworkCore;
using Verification.Core;
using Verification.Storage.EfCore;

#pragma warning disable IDE0130 // Extension methods live in the DI namespace so they are found without a using.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the verification stores on SQLite.</summary>
public static class SqliteVerificationBuilderExtensions
{
    /// <summary>
    /// Stores everything in SQLite through <see cref="SqliteVerificationDbContext"/>: the connection string is
    /// <c>ConnectionStrings:Verification</c>, else <see cref="VerificationStorageOptions.DefaultSqliteConnectionString"/>;
    /// document files go to a folder (<c>Verification:Blobs:Path</c>). Writes of one process are queued in memory
    /// (SQLite has one writer at a time). Pending migrations are applied at start-up unless
    /// <c>Verification:Storage:ApplyMigrationsAtStartup</c> is <see langword="false"/>.
    /// </summary>
    public static VerificationBuilder UseSqlite(this VerificationBuilder builder, Action<VerificationStorageOptions>? configure = null) =>
        builder.AddVerificationDatabase<SqliteVerificationDbContext>(
            VerificationStorageProvider.Sqlite,
            configure,
            (options, storage) => options.UseSqlite(storage.ConnectionString).AddInterceptors(SqliteWriteGate.Instance));
}
