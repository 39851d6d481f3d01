using Microsoft.Extensions.DependencyInjection;
using ReferenceHost.Bootstrap;
using Verification.Core.Documents;
using Verification.Core.Documents.Status;
using Verification.Core.Reading;
using Verification.Core.Stores;
using Verification.Core.Verifications;
using Verification.Hosting.Testing;

namespace ReferenceHost.Tests.Bootstrap;

/// <summary>The demo seed sends generated documents through the real pipeline (issue 21): what the demo shows is what the product computes.</summary>
public sealed class DemoDataTests(ReferenceHostFactory factory) : IClassFixture<ReferenceHostFactory>
{
    [Fact]
    public async Task ShowsOnlyStatusesTheControlsOfEachDocumentGive()
    {
        var folders = await DemoFolders.AllAsync(factory);

        folders.Should().HaveCount(12);
        foreach (var analysis in folders.SelectMany(f => f.Analyses))
        {
            // The status rule on the stored controls gives the stored status: nothing drawn at random. The
            // cross-document control feeds the verification's status, never an analysis's own (issue 23).
            StatusRule.Derive(DocumentReading.Read, OwnControls(analysis)).Should().Be(analysis.Status, $"{analysis.Id} ({analysis.DocumentType})");
            if (analysis.Fields.LastName is not null)
            {
                analysis.Controls.Should().Contain(c => c.Code == ControlCodes.MrzPresent && c.Result == ControlOutcome.Passed);
            }
        }
    }

    /// <summary>An analysis's controls without the cross-document one, which feeds only the verification's status.</summary>
    internal static List<ControlResult> OwnControls(Analysis analysis) => [.. analysis.Controls.Where(c => c.Code != IdentityConsistency.Code)];

    [Fact]
    public async Task ReadsEveryDocumentFromAStoredFileWhenTheToolsAreThere()
    {
        var readerUp = factory.Services.GetRequiredService<IDocumentReader>().Availability.IsAvailable;
        var drawing = DemoDocuments.PhotoSupport().Available;
        var folders = await DemoFolders.AllAsync(factory);
        var analyses = folders.SelectMany(f => f.Analyses).ToList();

        if (drawing)
        {
            analyses.Where(a => a.DocumentType != DocumentTypes.BankDetails && a.Fields.LastName is not null)
                .Should().OnlyContain(a => a.Files.Count == 1 && a.Files[0].MediaType == "image/jpeg");
        }

        if (!readerUp || !drawing)
        {
            return;
        }

        analyses.Where(a => a.DocumentType == DocumentTypes.BankDetails).Should().HaveCount(12)
            .And.OnlyContain(a => a.Files.Count == 1 && a.Files[0].MediaType == "application/pdf" && a.Fields.Iban != null);
        analyses.Select(a => a.Channel).Should().Contain(["reco", "ingest"]);
        // The stories the documents were made to tell, as the product read them.
        analyses.Select(a => a.StatusCode).Should().Contain(["1.0", "2.4", "3.0", "4.0", "5.0", "7.0"]);
        analyses.Select(a => a.DocumentType).Should().Contain([DocumentTypes.Passport, DocumentTypes.IdCard, DocumentTypes.FrenchIdLegacy]);
        folders.Should().Contain(f => f.Certificates.Count > 0);
    }
}

/// <summary>A host where nothing can be drawn and nothing read: the seed goes on with what it can.</summary>
public sealed class DemoHostWithoutTools : ReferenceHostFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Verification:Demo:Photos"] = "false",
        // No such traineddata: the reader reports itself unavailable, as on a machine without Tesseract.
        ["Verification:Reading:Tesseract:Language"] = "zzz",
        // And no PaddleOCR models, as on a machine where scripts/install.sh never ran.
        ["Verification:Reading:PaddleOcr:ModelDirectory"] = "/nonexistent/paddleocr",
    };
}

public sealed class DemoDataWithoutToolsTests(DemoHostWithoutTools factory) : IClassFixture<DemoHostWithoutTools>
{
    [Fact]
    public async Task SeedsIdentityDocumentsFromTheirZonesAndKeepsBankDetailsUnreadAndStartsAnyway()
    {
        factory.Services.GetRequiredService<IDocumentReader>().Availability.IsAvailable.Should().BeFalse();

        var folders = await DemoFolders.AllAsync(factory);

        folders.Should().HaveCount(12);
        var analyses = folders.SelectMany(f => f.Analyses).ToList();
        var identities = analyses.Where(a => a.DocumentType != DocumentTypes.BankDetails).ToList();
        var banks = analyses.Where(a => a.DocumentType == DocumentTypes.BankDetails).ToList();
        identities.Should().OnlyContain(a => a.Files.Count == 0 && a.Fields.LastName != null && a.Channel == "reco");
        identities.Should().OnlyContain(a => StatusRule.Derive(DocumentReading.Read, DemoDataTests.OwnControls(a)) == a.Status);
        identities.Select(a => a.StatusCode).Should().Contain(["1.0", "3.0", "5.0", "7.0"]);
        // No reader: each sheet is kept, unread, for an analyst.
        banks.Should().HaveCount(12).And.OnlyContain(a => a.StatusCode == "2.2" && a.Files.Count == 1 && a.Fields.Iban == null);
    }
}

internal static class DemoFolders
{
    public static async Task<List<VerificationFolder>> AllAsync(ReferenceHostFactory factory)
    {
        _ = factory.Server;
        using var scope = factory.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<IVerificationStore>();
        var folders = new List<VerificationFolder>();
        for (var i = 10_000; i < 10_012; i++)
        {
            if (await store.FindByIdAsync("default", $"DEMO-customer-{i}", CancellationToken.None) is { } folder)
            {
                folders.Add(folder);
            }
        }

        return folders;
    }
}
