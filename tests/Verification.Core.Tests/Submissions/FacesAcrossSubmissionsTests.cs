using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verification.Core.Submissions;
using Verification.Core.Archiving;
using Verification.Core.Audit;
using Verification.Core.Documents;
using Verification.Core.Reading;
using Verification.Core.Stores;
using Verification.Core.Tests.Documents;
using Verification.Core.Verifications;
using Verification.Core.Tests.Documents.Files;

namespace Verification.Core.Tests.Submissions;

/// <summary>
/// Issue 18: a selfie sent through <c>ingest</c> (category <c>selfie</c>) joins the verification of its correlation id,
/// and every face the verification holds (documents' portraits, selfies, sent in different calls) is compared again from
/// the stored, encrypted pictures: no descriptor is stored, and archiving erases the pictures.
/// </summary>
public sealed class FacesAcrossSubmissionsTests
{
    private const string Mrz = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";
    private static readonly byte[] Crop = FileTests.Png(12, 12);

    [Theory]
    [InlineData("selfie")]
    [InlineData("SELFIE")]
    [InlineData("kyc_selfie")]
    public void TheSelfieCategoryAsksForASelfie(string category) =>
        DocumentCategories.KindOf(category).Should().Be(SubmissionKind.Selfie);

    [Fact]
    public async Task ASelfieSentLaterIsComparedWithTheDocumentStoredEarlier()
    {
        var faces = new RecordingFaces(withCrop: false);
        await using var provider = Services(faces);
        var document = FileTests.Png(64, 48);
        (await AnalyzeAsync(provider, Identity("CUSTOMER-20", document))).IsSuccess.Should().BeTrue();
        faces.Requests.Should().BeEmpty("a document alone, with nothing to compare, is not analysed for faces");

        var selfie = await AnalyzeAsync(provider, SelfieAlone("CUSTOMER-20", FileTests.Png(48, 64)));

        selfie.IsSuccess.Should().BeTrue(selfie.Failure?.Detail);
        selfie.Value.DocumentType.Should().Be(DocumentTypes.Selfie);
        selfie.Value.Controls.Should().Contain(c => c.Code == ControlCodes.FaceMatch && c.Result == ControlOutcome.Passed);
        var request = faces.Requests.Single();
        request.Documents.Should().BeEmpty();
        request.Selfie!.Data.ToArray().Should().Equal(FileTests.Png(48, 64));
        request.Earlier.Should().ContainSingle().Which.Kind.Should().Be(EarlierFaceKind.Document);
        request.Earlier[0].Picture.Data.ToArray().Should().Equal(document, "the stored picture is decrypted for the comparison");

        var folder = await Folder(provider, "CUSTOMER-20");
        folder.Analyses.Should().HaveCount(2);
        folder.Analyses[1].Files.Single().DisplayName.Should().Be(FaceFiles.Selfie);
    }

    [Fact]
    public async Task APortraitCropIsStoredAndLaterComparisonsUseItRatherThanTheWholeDocument()
    {
        var faces = new RecordingFaces(withCrop: true);
        await using var provider = Services(faces);
        var first = await AnalyzeAsync(provider, Identity("CUSTOMER-21", FileTests.Png(64, 48)) with { Selfie = new SubmittedFile(FileTests.Png(48, 64), "image/png") });
        first.IsSuccess.Should().BeTrue();

        var folder = await Folder(provider, "CUSTOMER-21");
        folder.Analyses.Single().Files.Select(f => f.DisplayName).Should().Equal(null, FaceFiles.Selfie, FaceFiles.Portrait);
        folder.Analyses.Single().Files.Should().OnlyContain(f => f.WrappedKey != null && f.BlobKey != null, "every face picture is encrypted under its own key");

        (await AnalyzeAsync(provider, Identity("CUSTOMER-21", FileTests.Png(80, 60)))).IsSuccess.Should().BeTrue();

        var second = faces.Requests[1];
        second.Selfie.Should().BeNull();
        second.Documents.Should().ContainSingle();
        second.Earlier.Select(e => e.Kind).Should().Equal(EarlierFaceKind.Selfie, EarlierFaceKind.PortraitCrop);
        second.Earlier[1].Picture.Data.ToArray().Should().Equal(Crop);
    }

    [Fact]
    public async Task ArchivingErasesTheSelfiesAndPortraitCropsAndNothingFaceRemains()
    {
        var faces = new RecordingFaces(withCrop: true);
        await using var provider = Services(faces);
        (await AnalyzeAsync(provider, Identity("CUSTOMER-22", FileTests.Png(64, 48)) with { Selfie = new SubmittedFile(FileTests.Png(48, 64), "image/png") })).IsSuccess.Should().BeTrue();
        (await AnalyzeAsync(provider, SelfieAlone("CUSTOMER-22", FileTests.Png(50, 70)))).IsSuccess.Should().BeTrue();
        var before = await Folder(provider, "CUSTOMER-22");
        var blobKeys = before.Analyses.SelectMany(a => a.Files).Select(f => f.BlobKey!).ToList();
        blobKeys.Should().HaveCount(4);

        using (var scope = provider.CreateScope())
        {
            var archived = await scope.ServiceProvider.GetRequiredService<VerificationArchiver>()
                .ArchiveAsync("default", "CUSTOMER-22", new ArchiveActor(AuditActorTypes.Analyst, "an-1"), ArchiveReasons.OnDemand, CancellationToken.None);
            archived.IsSuccess.Should().BeTrue();
        }

        var after = await Folder(provider, "CUSTOMER-22");
        after.Analyses.SelectMany(a => a.Files).Should().OnlyContain(f => f.BlobKey == null && f.WrappedKey == null && f.Sha256.Length == 0);
        var blobs = provider.GetRequiredService<IBlobStore>();
        foreach (var key in blobKeys)
        {
            (await blobs.OpenReadAsync(key, CancellationToken.None)).Should().BeNull("archiving erases every picture, the selfies and the portrait crops too");
        }

        var later = await AnalyzeAsync(provider, SelfieAlone("CUSTOMER-22", FileTests.Png(48, 64)));
        later.Failure!.Code.Should().Be(VerificationErrors.Archived);
        faces.Requests.Should().HaveCount(2, "nothing is compared with an archived verification");
    }

    [Fact]
    public async Task AClientFileNamedSelfieIsNotTakenForOne()
    {
        await using var provider = Services(new RecordingFaces(withCrop: false));
        var submission = Identity("CUSTOMER-23", FileTests.Png(64, 48)) with { Files = [new SubmittedFile(FileTests.Png(64, 48), "image/png", "Selfie")] };
        (await AnalyzeAsync(provider, submission)).IsSuccess.Should().BeTrue();

        var folder = await Folder(provider, "CUSTOMER-23");
        folder.Analyses.Single().Files.Single().DisplayName.Should().Be("file-Selfie");
        FaceFiles.IsSelfie(folder.Analyses.Single().Files.Single()).Should().BeFalse();
    }

    [Fact]
    public async Task ASelfieAloneThatIsAPdfIsRefused()
    {
        await using var provider = Services(new RecordingFaces(withCrop: false));
        var result = await AnalyzeAsync(provider, SelfieAlone("CUSTOMER-24", "%PDF-1.7\n%%EOF\n"u8.ToArray()));
        result.Failure!.Code.Should().Be(SubmissionErrors.FileUnsupportedType);
    }

    [Fact]
    public async Task ASelfieComparedWithNothingYetIsToVerify()
    {
        var faces = new RecordingFaces(withCrop: false, match: ControlOutcome.NotApplicable);
        await using var provider = Services(faces);
        var result = await AnalyzeAsync(provider, SelfieAlone("CUSTOMER-25", FileTests.Png(48, 64)));
        result.Value.Status.Code.Should().Be("4.0");
        faces.Requests.Single().Earlier.Should().BeEmpty();
    }

    [Fact]
    public async Task ASenderWhoMayNotReadAttributesIsNotToldHowTheFaceComparedWithEarlierOnes()
    {
        var faces = new RecordingFaces(withCrop: false, match: ControlOutcome.Failed);
        await using var provider = Services(faces);
        (await AnalyzeAsync(provider, Identity("CUSTOMER-26", FileTests.Png(64, 48)))).IsSuccess.Should().BeTrue();

        var told = await AnalyzeAsync(provider, SelfieAlone("CUSTOMER-26", FileTests.Png(48, 64)) with { SenderReadsAttributes = false });

        told.Value.Controls.Single(c => c.Code == ControlCodes.FaceMatch).Result.Should().Be(ControlOutcome.NotApplicable);
        var folder = await Folder(provider, "CUSTOMER-26");
        folder.Analyses[1].Controls.Single(c => c.Code == ControlCodes.FaceMatch).Result.Should().Be(ControlOutcome.Failed, "the verification records it");
    }

    private static DocumentSubmission Identity(string correlationId, byte[] picture) => new()
    {
        Kind = SubmissionKind.Identity,
        Files = [new SubmittedFile(picture, "image/png")],
        Save = true,
        CorrelationId = correlationId,
        Source = new SubmissionSource("default", "reco", "service:test"),
        SenderReadsAttributes = true,
    };

    private static DocumentSubmission SelfieAlone(string correlationId, byte[] picture) => new()
    {
        Kind = DocumentCategories.KindOf("selfie"),
        Files = [new SubmittedFile(picture, null, "me.png")],
        Save = true,
        CorrelationId = correlationId,
        DocumentCategory = "selfie",
        Source = new SubmissionSource("default", "ingest", "service:test"),
        SenderReadsAttributes = true,
    };

    private static async Task<Outcome<AnalysisResult>> AnalyzeAsync(ServiceProvider provider, DocumentSubmission submission)
    {
        using var scope = provider.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<DocumentAnalysisService>().AnalyzeAsync(submission, CancellationToken.None);
    }

    private static async Task<VerificationFolder> Folder(ServiceProvider provider, string id) =>
        (await provider.GetRequiredService<IVerificationStore>().FindByIdAsync("default", id, CancellationToken.None))!;

    private static ServiceProvider Services(IFaceComparer faces)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddVerification().UseInMemoryStores().UseInMemoryKeyStores();
        services.AddSingleton<IDocumentReader>(new FakeReader());
        services.AddSingleton(faces);
        return services.BuildServiceProvider();
    }

    private sealed class FakeReader : IDocumentReader
    {
        public ReaderAvailability Availability { get; } = new(true, "fake");

        public ValueTask<Outcome<IdentityReading>> ReadIdentityAsync(ReadOnlyMemory<byte> file, string mediaType, CancellationToken cancellationToken) =>
            ValueTask.FromResult<Outcome<IdentityReading>>(new IdentityReading { MrzText = Mrz });

        public ValueTask<Outcome<BankDetailsReading>> ReadBankDetailsAsync(ReadOnlyMemory<byte> file, string mediaType, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }

    /// <summary>Records what it is asked; answers a face.match and, when told, a portrait crop for the first document.</summary>
    private sealed class RecordingFaces(bool withCrop, ControlOutcome match = ControlOutcome.Passed) : IFaceComparer
    {
        public List<FaceRequest> Requests { get; } = [];

        public ReaderAvailability Availability { get; } = new(true, "fake");

        public ValueTask<FaceReport> CompareAsync(FaceRequest request, CancellationToken cancellationToken)
        {
            // The pictures are copied: the caller's buffers are not the test's to keep.
            Requests.Add(request with
            {
                Documents = [.. request.Documents.Select(d => d with { Data = d.Data.ToArray() })],
                Selfie = request.Selfie is { } s ? s with { Data = s.Data.ToArray() } : null,
                Earlier = [.. request.Earlier.Select(e => e with { Picture = e.Picture with { Data = e.Picture.Data.ToArray() } })],
            });
            IReadOnlyList<PortraitCrop> crops = withCrop && request.Documents.Count > 0 ? [new PortraitCrop(0, Crop)] : [];
            return ValueTask.FromResult(new FaceReport([new ControlResult(ControlCodes.FaceMatch, ControlCategories.HolderMatch, match, "fake")], crops));
        }
    }
}
