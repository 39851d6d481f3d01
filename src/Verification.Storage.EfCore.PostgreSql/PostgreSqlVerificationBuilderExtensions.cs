using Microsoft.EntityFrameworkCore;
using Verification.Core;
using Verification.Storage.EfCore;

#pragma warning disable IDE0130 // Extension methods live in the DI namespace so they are found without a using.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the verification stores on PostgreSQL.</summary>
public static class PostgreSqlVerificationBuilderExtensions
{
    /// <summary>
    /// Stores everything in PostgreSQL through <see cref="PostgreSqlVerificationDbContext"/>: the connection string is
    /// <c>ConnectionStrings:Verification</c> (required; start-up fails without it). Document files go to the database
    /// (table <c>BlobChunks</c>) so that hosts sharing it share them, unless <c>Verification:Storage:Blobs</c> says
    /// <c>FileSystem</c>. Pending migrations are applied at start-up unless
    /// <c>Verification:Storage:ApplyMigrationsAtStartup</c> is <see langword="false"/>. GSS session encryption is off
    /// unless the connection string sets it (<see cref="PostgreSqlConnectionStrings.WithDefaults"/>).
    /// </summary>
    public static VerificationBuilder UsePostgreSql(this VerificationBuilder builder, Action<VerificationStorageOptions>? configure = null) =>
        builder.AddVerificationDatabase<PostgreSqlVerificationDbContext>(
            VerificationStorageProvider.PostgreSql,
            configure,
            (options, storage) => options.UseNpgsql(PostgreSqlConnectionStrings.WithDefaults(storage.ConnectionString!)));
}
