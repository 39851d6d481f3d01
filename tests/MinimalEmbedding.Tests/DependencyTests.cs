using System.Text.Json;

namespace MinimalEmbedding.Tests;

public sealed class DependencyTests
{
    /// <summary>
    /// The sample references the SQLite storage package only: its resolved dependency graph (the deps.json the build wrote
    /// beside it, which WebApplicationFactory copies here) holds SQLite's provider and nothing of PostgreSQL's.
    /// </summary>
    [Fact]
    public void TheSqliteEmbeddingRestoresNoPostgreSqlProvider()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "MinimalEmbedding.deps.json");
        File.Exists(path).Should().BeTrue("the build copies the sample's deps.json next to its tests");

        using var deps = JsonDocument.Parse(File.ReadAllText(path));
        var libraries = deps.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name.Split('/')[0]).ToList();

        libraries.Should().Contain("Verification.Storage.EfCore.Sqlite").And.Contain("Microsoft.EntityFrameworkCore.Sqlite")
            .And.NotContain(l => l.StartsWith("Npgsql", StringComparison.OrdinalIgnoreCase))
            .And.NotContain("Verification.Storage.EfCore.PostgreSql");
    }
}
