using Microsoft.Extensions.Options;

namespace Verification.Storage.EfCore;

/// <summary>The database engines of the built-in contexts, one provider package each.</summary>
public enum VerificationStorageProvider
{
    /// <summary>SQLite, embedded: the default, for one host.</summary>
    Sqlite,

    /// <summary>PostgreSQL: for scale and several hosts sharing one database.</summary>
    PostgreSql,
}

/// <summary>Where document files are kept.</summary>
public enum VerificationBlobStorage
{
    /// <summary>The database on PostgreSQL, the file system on SQLite.</summary>
    Default,

    /// <summary>A folder (<c>Verification:Blobs:Path</c>); hosts sharing a database must share it.</summary>
    FileSystem,

    /// <summary>The verification database's <c>BlobChunks</c> table.</summary>
    Database,
}

/// <summary>Storage options (section <c>Verification:Storage</c>; the connection string is <c>ConnectionStrings:Verification</c>).</summary>
public sealed class VerificationStorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Verification:Storage";

    /// <summary>The connection string name under <c>ConnectionStrings</c>.</summary>
    public const string ConnectionStringName = "Verification";

    /// <summary>The default SQLite connection string.</summary>
    public const string DefaultSqliteConnectionString = "Data Source=data/verification.db";

    /// <summary>
    /// The engine, set by the provider package's registration (<c>.UseSqlite()</c> or <c>.UsePostgreSql()</c>), which
    /// overrides a configured value. Default <see cref="VerificationStorageProvider.Sqlite"/>.
    /// </summary>
    public VerificationStorageProvider Provider { get; set; } = VerificationStorageProvider.Sqlite;

    /// <summary>The connection string; for SQLite defaults to <see cref="DefaultSqliteConnectionString"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Where document files are kept: by default in the database on PostgreSQL (hosts share nothing else) and
    /// in a folder on SQLite. A blob store registered by the host before this one wins.
    /// </summary>
    public VerificationBlobStorage Blobs { get; set; } = VerificationBlobStorage.Default;

    /// <summary>The blob storage in effect for <see cref="Provider"/>.</summary>
    public VerificationBlobStorage EffectiveBlobs => Blobs != VerificationBlobStorage.Default
        ? Blobs
        : Provider == VerificationStorageProvider.PostgreSql ? VerificationBlobStorage.Database : VerificationBlobStorage.FileSystem;

    /// <summary>Whether pending migrations are applied when the host starts. Default <see langword="true"/>.</summary>
    public bool ApplyMigrationsAtStartup { get; set; } = true;
}

internal sealed class VerificationStorageOptionsValidator : IValidateOptions<VerificationStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, VerificationStorageOptions options)
    {
        if (!Enum.IsDefined(options.Provider))
        {
            return ValidateOptionsResult.Fail("Verification:Storage:Provider must be 'Sqlite' or 'PostgreSql'.");
        }

        if (!Enum.IsDefined(options.Blobs))
        {
            return ValidateOptionsResult.Fail("Verification:Storage:Blobs must be 'Default', 'FileSystem' or 'Database'.");
        }

        if (options.Provider == VerificationStorageProvider.PostgreSql && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail("ConnectionStrings:Verification (or Verification:Storage:ConnectionString) must be set for PostgreSQL storage.");
        }

        return ValidateOptionsResult.Success;
    }
}
