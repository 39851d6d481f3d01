using Microsoft.Data.Sqlite;

namespace ReferenceHost;

/// <summary>
/// Where the host's files are, whatever folder it is started from: the content root (appsettings.json, wwwroot)
/// is found from the application's own location, and the relative paths of the data (SQLite database, keys,
/// document files) are resolved against it, never against the working directory.
/// </summary>
internal static class AppLocation
{
    private const int MaxLevelsUp = 4;

    /// <summary>
    /// The folder holding appsettings.json and wwwroot: the application's folder when published, the project
    /// folder when run from its build output (bin/&lt;configuration&gt;/&lt;framework&gt;).
    /// </summary>
    public static string ContentRoot(string? start = null)
    {
        var origin = new DirectoryInfo(start ?? AppContext.BaseDirectory);
        var folder = origin;
        for (var level = 0; folder is not null && level <= MaxLevelsUp; level++, folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "appsettings.json")) && Directory.Exists(Path.Combine(folder.FullName, "wwwroot")))
            {
                return folder.FullName;
            }
        }

        return origin.FullName;
    }

    /// <summary>The configuration values that name files, made absolute against <paramref name="contentRoot"/>.</summary>
    public static Dictionary<string, string?> AbsolutePaths(IConfiguration configuration, string contentRoot)
    {
        var resolved = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Verification:DataProtection:KeysPath"] = Resolve(contentRoot, configuration["Verification:DataProtection:KeysPath"] ?? "data/keys"),
            ["Verification:Blobs:Path"] = Resolve(contentRoot, configuration["Verification:Blobs:Path"] ?? "data/blobs"),
        };
        var provider = configuration["Verification:Storage:Provider"];
        var connection = configuration.GetConnectionString("Verification") ?? "Data Source=data/verification.db";
        if (provider is null || provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var builder = new SqliteConnectionStringBuilder(connection);
            if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && !builder.DataSource.StartsWith("file:", StringComparison.Ordinal))
            {
                builder.DataSource = Resolve(contentRoot, builder.DataSource);
                resolved["ConnectionStrings:Verification"] = builder.ToString();
            }
        }

        return resolved;
    }

    private static string Resolve(string contentRoot, string path) => Path.GetFullPath(path, contentRoot);
}
