using System.Diagnostics;
using System.Globalization;
using System.Security;
using System.Text;
using System.Xml.Linq;

namespace Packaging.Tests;

/// <summary>
/// Builds a project outside the repository that knows the packages only by their ids, the way an adopting
/// team's project does: no project references, no Directory.Build.props, its own nuget.config.
/// </summary>
public sealed class FreshProjectTests : IDisposable
{
    private static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(8);

    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("verification-fresh-");

    [Fact]
    public async Task AFreshProjectRestoresThePackagesFromTheLocalFolderBuildsAndPassesItsTests()
    {
        foreach (var id in LocalPackages.Ids)
        {
            LocalPackages.Require(id);
        }

        var project = Path.Combine(_work.FullName, "FreshConsumer");
        Directory.CreateDirectory(project);
        foreach (var source in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "FreshProject"), "*.cs"))
        {
            File.Copy(source, Path.Combine(project, Path.GetFileName(source)));
        }

        File.WriteAllText(Path.Combine(project, "FreshConsumer.csproj"), ProjectFile());
        var packagesFolder = Path.Combine(_work.FullName, "packages");
        File.WriteAllText(Path.Combine(_work.FullName, "nuget.config"), NuGetConfig(packagesFolder));
        var results = Path.Combine(_work.FullName, "results");

        var (exitCode, output) = await RunAsync(_work.FullName,
            "test", project, "-c", "Release", "--nologo",
            "--logger", "trx;LogFileName=fresh.trx", "--results-directory", results,
            "-p:UseSharedCompilation=false");

        exitCode.Should().Be(0, "the fresh project must restore, build and pass its tests:\n" + output);
        Directory.Exists(Path.Combine(packagesFolder, "verification.core", LocalPackages.Version)).Should()
            .BeTrue("Verification.Core must come from artifacts/packages, not from a cache");
        var executed = Executed(Path.Combine(results, "fresh.trx"));
        executed.Should().Contain("FreshConsumer.EmbeddingTests.AnalysesAndSavesTheIcaoSpecimenMrzWithTheInMemoryStores")
            .And.Contain("FreshConsumer.EmbeddingTests.EveryAdapterPackageLoads");
        executed.Count(t => t.StartsWith("FreshConsumer.InMemoryVerificationStoreConformance.", StringComparison.Ordinal)).Should()
            .BeGreaterThanOrEqualTo(10, "the store specification package brings its VerificationStoreSpecification suite to the fresh project");
    }

    public void Dispose() => _work.Delete(recursive: true);

    private static string ProjectFile()
    {
        var references = new StringBuilder();
        foreach (var id in LocalPackages.Ids)
        {
            references.AppendLine(CultureInfo.InvariantCulture, $"""    <PackageReference Include="{id}" Version="{LocalPackages.Version}" />""");
        }

        foreach (var id in new[] { "Microsoft.NET.Test.Sdk", "xunit", "xunit.runner.visualstudio", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Logging", "Microsoft.Extensions.Configuration" })
        {
            references.AppendLine(CultureInfo.InvariantCulture, $"""    <PackageReference Include="{id}" Version="{LocalPackages.PinnedVersion(id)}" />""");
        }

        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <IsPackable>false</IsPackable>
                <IsTestProject>true</IsTestProject>
                <!-- The copy of NuGet served here lacks some exact transitive versions (see Directory.Packages.props). -->
                <NoWarn>$(NoWarn);NU1603</NoWarn>
              </PropertyGroup>
              <ItemGroup>
            {references}  </ItemGroup>
            </Project>
            """;
    }

    /// <summary>
    /// The local folder first, then the repository's sources. Packages restore into a folder of this run, with
    /// the machine's cache as a read-only fallback: third-party packages need no download, and a stale
    /// Verification package from an earlier run can never be picked up.
    /// </summary>
    private static string NuGetConfig(string packagesFolder)
    {
        var sources = new StringBuilder();
        sources.AppendLine(CultureInfo.InvariantCulture, $"""    <add key="verification-local" value="{SecurityElement.Escape(LocalPackages.Folder)}" />""");
        foreach (var (key, value) in LocalPackages.ConfiguredSources())
        {
            sources.AppendLine(CultureInfo.InvariantCulture, $"""    <add key="{SecurityElement.Escape(key)}" value="{SecurityElement.Escape(value)}" />""");
        }

        var machineCache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{SecurityElement.Escape(packagesFolder)}" />
              </config>
              <packageSources>
                <clear />
            {sources}  </packageSources>
              <fallbackPackageFolders>
                <clear />
                <add key="machine-cache" value="{SecurityElement.Escape(machineCache)}" />
              </fallbackPackageFolders>
            </configuration>
            """;
    }

    private static List<string> Executed(string trx)
    {
        File.Exists(trx).Should().BeTrue("the fresh project's test run writes " + trx);
        XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
        return XDocument.Load(trx).Descendants(ns + "UnitTestResult")
            .Where(r => (string?)r.Attribute("outcome") == "Passed")
            .Select(r => (string)r.Attribute("testName")!)
            .ToList();
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host runs under MSBuild and VSTest: their variables would leak into the nested build.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || k.Equals("DOTNET_HOST_PATH", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var stdout = PumpAsync(process.StandardOutput, output);
        var stderr = PumpAsync(process.StandardError, output);
        using var limit = new CancellationTokenSource(RunLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"`dotnet {string.Join(' ', arguments)}` did not finish within {RunLimit}:\n{output}");
        }

        await Task.WhenAll(stdout, stderr);
        return (process.ExitCode, output.ToString());
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder into)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (into)
            {
                into.AppendLine(line);
            }
        }
    }
}
