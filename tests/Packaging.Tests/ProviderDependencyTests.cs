using System.IO.Compression;
using System.Xml.Linq;

namespace Packaging.Tests;

/// <summary>
/// The storage packages split by provider, as OpenIddict's and Identity's do: the model and stores know no provider,
/// and an application on SQLite restores nothing of PostgreSQL's (nor the reverse).
/// </summary>
public sealed class ProviderDependencyTests
{
    [Fact]
    public void TheStorePackageDependsOnEfCoreRelationalAndNoProvider()
    {
        var dependencies = Dependencies("Verification.Storage.EfCore");

        dependencies.Should().Contain("Microsoft.EntityFrameworkCore.Relational")
            .And.NotContain(id => id.StartsWith("Npgsql", StringComparison.OrdinalIgnoreCase))
            .And.NotContain(id => id.StartsWith("Microsoft.EntityFrameworkCore.Sqlite", StringComparison.OrdinalIgnoreCase))
            .And.NotContain(id => id.StartsWith("Microsoft.Data.Sqlite", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void ASqliteApplicationPullsNoNpgsql()
    {
        var closure = LocalClosure("Verification.Storage.EfCore.Sqlite");

        closure.Should().Contain("Microsoft.EntityFrameworkCore.Sqlite").And.Contain("Verification.Storage.EfCore")
            .And.NotContain(id => id.StartsWith("Npgsql", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void APostgreSqlApplicationPullsNoSqlite()
    {
        var closure = LocalClosure("Verification.Storage.EfCore.PostgreSql");

        closure.Should().Contain("Npgsql.EntityFrameworkCore.PostgreSQL").And.Contain("Verification.Storage.EfCore")
            .And.NotContain(id => id.Contains("Sqlite", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The package's own dependencies and those of the Verification packages it depends on (third-party ids are leaves).</summary>
    private static HashSet<string> LocalClosure(string id)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<string>([id]);
        while (pending.TryPop(out var next))
        {
            foreach (var dependency in Dependencies(next))
            {
                if (seen.Add(dependency) && LocalPackages.Ids.Contains(dependency, StringComparer.OrdinalIgnoreCase))
                {
                    pending.Push(dependency);
                }
            }
        }

        return seen;
    }

    private static List<string> Dependencies(string id)
    {
        using var package = ZipFile.OpenRead(LocalPackages.Require(id));
        XNamespace ns = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd";
        using var nuspec = package.GetEntry($"{id}.nuspec")!.Open();
        return XDocument.Load(nuspec).Descendants(ns + "dependency").Select(d => (string)d.Attribute("id")!).Distinct().ToList();
    }
}
