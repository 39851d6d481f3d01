using System.IO.Compression;
using System.Xml.Linq;

namespace Packaging.Tests;

public sealed class PackageContentsTests
{
    public static TheoryData<string> Packages() => new(LocalPackages.Ids);

    [Theory]
    [MemberData(nameof(Packages))]
    public void PackageCarriesItsReadmeXmlDocsLicenseAndRepository(string id)
    {
        using var package = ZipFile.OpenRead(LocalPackages.Require(id));
        var entries = package.Entries.Select(e => e.FullName).ToList();
        entries.Should().Contain("README.md").And.Contain($"lib/net10.0/{id}.dll").And.Contain($"lib/net10.0/{id}.xml");

        XNamespace ns = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd";
        using var nuspecStream = package.GetEntry($"{id}.nuspec")!.Open();
        var metadata = XDocument.Load(nuspecStream).Root!.Element(ns + "metadata")!;
        metadata.Element(ns + "version")!.Value.Should().Be(LocalPackages.Version);
        metadata.Element(ns + "readme")!.Value.Should().Be("README.md");
        metadata.Element(ns + "license")!.Value.Should().Be("MIT");
        metadata.Element(ns + "description")!.Value.Should().NotBeNullOrWhiteSpace();
        metadata.Element(ns + "repository")!.Attribute("url")!.Value.Should().StartWith("https://");

        using var readme = new StreamReader(package.GetEntry("README.md")!.Open());
        readme.ReadToEnd().Should().StartWith("# " + id, "each package ships its own README, not the repository's");
    }

    [Theory]
    [MemberData(nameof(Packages))]
    public void SymbolPackageHoldsThePortablePdb(string id)
    {
        using var symbols = ZipFile.OpenRead(LocalPackages.Require(id, "snupkg"));

        symbols.Entries.Select(e => e.FullName).Should().Contain($"lib/net10.0/{id}.pdb");
    }
}
