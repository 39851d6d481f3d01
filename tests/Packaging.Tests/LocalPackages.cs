using System.Xml.Linq;

namespace Packaging.Tests;

/// <summary>The repository, its one version number and the packages <c>./test.sh</c> packed into artifacts/packages.</summary>
internal static class LocalPackages
{
    public static readonly string[] Ids =
    [
        "Verification.Core",
        "Verification.AspNetCore",
        "Verification.Storage.EfCore",
        "Verification.Storage.EfCore.Sqlite",
        "Verification.Storage.EfCore.PostgreSql",
        "Verification.Reading.Tesseract",
        "Verification.Reading.PaddleOcr",
        "Verification.Storage.Specification",
    ];

    public static string RepositoryRoot { get; } = FindRoot();

    public static string Folder { get; } = Path.Combine(RepositoryRoot, "artifacts", "packages");

    /// <summary>The VersionPrefix of Directory.Build.props: the packages must carry exactly this version.</summary>
    public static string Version { get; } =
        XDocument.Load(Path.Combine(RepositoryRoot, "Directory.Build.props")).Descendants("VersionPrefix").Single().Value.Trim();

    /// <summary>The path of a package, failing with the command that creates it when it is missing.</summary>
    public static string Require(string id, string extension = "nupkg")
    {
        var path = Path.Combine(Folder, $"{id}.{Version}.{extension}");
        if (!File.Exists(path))
        {
            Assert.Fail(
                $"Missing package {path}. The packaging tests check what `dotnet pack` produced: run ./test.sh, " +
                "or `dotnet build Verification.sln -c Release && dotnet pack Verification.sln -c Release --no-build -o artifacts/packages` first.");
        }

        return path;
    }

    /// <summary>The exact version of a package pinned in Directory.Packages.props.</summary>
    public static string PinnedVersion(string id) =>
        XDocument.Load(Path.Combine(RepositoryRoot, "Directory.Packages.props")).Descendants("PackageVersion")
            .Single(e => (string?)e.Attribute("Include") == id).Attribute("Version")!.Value;

    /// <summary>The package sources of the repository's nuget.config, so a fresh project restores third-party packages from the same place.</summary>
    public static IReadOnlyList<(string Key, string Value)> ConfiguredSources() =>
        XDocument.Load(Path.Combine(RepositoryRoot, "nuget.config")).Descendants("packageSources").Elements("add")
            .Select(e => ((string)e.Attribute("key")!, (string)e.Attribute("value")!))
            .ToList();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Verification.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Verification.sln not found above " + AppContext.BaseDirectory);
    }
}
