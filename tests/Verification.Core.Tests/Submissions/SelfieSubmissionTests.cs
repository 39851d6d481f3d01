using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verification.Core.Submissions;
using Verification.Core.Documents;
using Verification.Core.Documents.Status;
using Verification.Core.Reading;
using Verification.Core.Stores;
using Verification.Core.Tests.Documents;
using Verification.Core.Tests.Documents.Files;
using Verification.Core.Verifications;

namespace Verification.Core.Tests.Submissions;

/// <summary>Issue 18: a selfie sent with an identity document is compared, and a failed match is an owner mismatch.</summary>
public sealed class SelfieSubmissionTests
{
    private const string Mrz = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";

    [Theory]
    [InlineData(ControlOutcome.Passed, "3.0")]
    [InlineData(ControlOutcome.Warning, "3.0")]
    [InlineData(ControlOutcome.Failed, "7.0")]
    public async Task TheMatchFoldsIntoTheStatus(ControlOutcome match, string status)
    {
        // The specimen expired in 2012: 3.0 without a selfie; a failed match outranks it, a warning does not.
        await using var provider = Services(new FakeFaces(match));
        using var scope = provider.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<DocumentAnalysisService>().AnalyzeAsync(Submission(save: false), CancellationToken.None);

        result.IsSuccess.Should().BeTrue();
        result.Value.Status.Code.Should().Be(status);
        result.Value.Controls.Should().Contain(c => c.Code == ControlCodes.FaceMatch && c.Result == match);
    }

    [Fact]
    public async Task TheSelfieIsStoredAsOneMoreFileOfTheAnalysis()
    {
        await using var provider = Services(new FakeFaces(ControlOutcome.Passed));
        using var scope = provider.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<DocumentAnalysisService>().AnalyzeAsync(Submission(save: true), CancellationToken.None);

        result.IsSuccess.Should().BeTrue();
        var folder = await scope.ServiceProvider.GetRequiredService<IVerificationStore>().FindByIdAsync("default", "CUSTOMER-9", CancellationToken.None);
        var files = folder!.Analyses.Single().Files;
        files.Should().HaveCount(2);
        files.Select(f => f.DisplayName).Should().Contain(DocumentAnalysisService.SelfieDisplayName);
    }

    [Fact]
    public async Task WithoutAComparerTheMatchIsNotApplicableAndTheStatusUnchanged()
    {
        await using var provider = Services(null);
        using var scope = provider.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<DocumentAnalysisService>().AnalyzeAsync(Submission(save: false), CancellationToken.None);

        result.Value.Status.Code.Should().Be("3.0");
        result.Value.Controls.Should().Contain(c => c.Code == ControlCodes.FaceMatch && c.Result == ControlOutcome.NotApplicable);
    }

    [Fact]
    public async Task ASelfieThatIsAPdfIsRefused()
    {
        await using var provider = Services(new FakeFaces(ControlOutcome.Passed));
        using var scope = provider.CreateScope();
        var submission = Submission(save: false) with { Selfie = new SubmittedFile("%PDF-1.7\n%%EOF\n"u8.ToArray(), "application/pdf") };
        var result = await scope.ServiceProvider.GetRequiredService<DocumentAnalysisService>().AnalyzeAsync(submission, CancellationToken.None);

        result.IsSuccess.Should().BeFalse();
    }

    [Fact]
    public async Task ASelfieGoesWithIdentityDocumentsOnly()
    {
        await using var provider = Services(new FakeFaces(ControlOutcome.Passed));
        using var scope = provider.CreateScope();
        var submission = new DocumentSubmission
        {
            Kind = SubmissionKind.Mrz,
            MrzText = Mrz,
            Selfie = new SubmittedFile(FileTests.Png(8, 8), "image/png"),
            Source = new SubmissionSource("default", "reco", "service:test"),
        };
        var result = await scope.ServiceProvider.GetRequiredService<DocumentAnalysisService>().AnalyzeAsync(submission, CancellationToken.None);

        result.Failure!.Code.Should().Be("selfie.not_expected");
    }

    [Theory]
    [InlineData("1.0", "7.0")]
    [InlineData("4.0", "7.0")]
    [InlineData("3.0", "7.0")]
    [InlineData("5.0", "5.0")]
    [InlineData("2.1", "2.1")]
    [InlineData("2.4", "2.4")]
    public void AFailedFaceMatchRanksLikeEveryHolderMismatch(string before, string after)
    {
        var failed = new ControlResult(ControlCodes.FaceMatch, ControlCategories.HolderMatch, ControlOutcome.Failed, "distance 0.9");
        StatusRule.Combine(AnalysisStatus.Find(before)!, [failed]).Code.Should().Be(after);
    }

    [Fact]
    public void AnUncertainMatchAsksForAPerson() =>
        StatusRule.Combine(AnalysisStatus.Conform, [new ControlResult(ControlCodes.FaceMatch, ControlCategories.HolderMatch, ControlOutcome.Warning)])
            .Should().Be(AnalysisStatus.ToVerify);

    private static DocumentSubmission Submission(bool save) => new()
    {
        Kind = SubmissionKind.Identity,
        Files = [new SubmittedFile(FileTests.Png(64, 48), "image/png")],
        Selfie = new SubmittedFile(FileTests.Png(48, 64), "image/png"),
        Save = save,
        CorrelationId = save ? "CUSTOMER-9" : null,
        Source = new SubmissionSource("default", "reco", "service:test"),
    };

    private static ServiceProvider Services(IFaceComparer? faces)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddVerification().UseInMemoryStores().UseInMemoryKeyStores();
        services.AddSingleton<IDocumentReader>(new FakeReader());
        if (faces is not null)
        {
            services.AddSingleton(faces);
        }

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

    private sealed class FakeFaces(ControlOutcome match) : IFaceComparer
    {
        public ReaderAvailability Availability { get; } = new(true, "fake");

        public ValueTask<FaceReport> CompareAsync(FaceRequest request, CancellationToken cancellationToken)
        {
            request.Documents.Should().HaveCount(1);
            return ValueTask.FromResult(new FaceReport([new ControlResult(ControlCodes.FaceMatch, ControlCategories.HolderMatch, match, "fake")], []));
        }
    }
}
