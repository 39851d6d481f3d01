using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verification.Core.Submissions;
using Verification.Core.Documents.Banking;
using Verification.Core.Reading;
using Verification.Core.Tests.Documents;
using Verification.Core.Tests.Documents.Files;

namespace Verification.Core.Tests.Submissions;

public sealed class BankDetailsAnalysisTests
{
    [Theory]
    [InlineData(IbanOrigin.RebuiltFromRibTable, "rebuilt from the RIB table")]
    [InlineData(IbanOrigin.Corrected, "Corrected from the reading")]
    public async Task SaysInTheIbanControlHowTheReaderObtainedTheIban(IbanOrigin origin, string said)
    {
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddSingleton<IDocumentReader>(new FixedReader(new BankDetailsReading
        {
            Iban = "FR7630006000011234567890189",
            IbanOrigin = origin,
            Text = "RIB",
            Source = "image",
        }));
        services.AddVerification().UseInMemoryStores();
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        await using var scope = provider.CreateAsyncScope();
        var analysis = scope.ServiceProvider.GetRequiredService<DocumentAnalysisService>();

        var outcome = await analysis.AnalyzeAsync(new DocumentSubmission
        {
            Kind = SubmissionKind.BankDetails,
            Files = [new SubmittedFile(FileTests.Png(800, 600), "image/png")],
            Source = new SubmissionSource("default", "reco", "app:test"),
        }, CancellationToken.None);

        outcome.IsSuccess.Should().BeTrue(outcome.Failure?.Code);
        outcome.Value.Fields.Iban.Should().Be("FR7630006000011234567890189");
        outcome.Value.Controls.Single(c => c.Code == "iban.structure").Detail.Should().Contain(said);
    }

    private sealed class FixedReader(BankDetailsReading reading) : IDocumentReader
    {
        public ReaderAvailability Availability { get; } = new(true, "fixed");

        public ValueTask<Outcome<IdentityReading>> ReadIdentityAsync(ReadOnlyMemory<byte> file, string mediaType, CancellationToken cancellationToken) =>
            ValueTask.FromResult<Outcome<IdentityReading>>(new IdentityReading());

        public ValueTask<Outcome<BankDetailsReading>> ReadBankDetailsAsync(ReadOnlyMemory<byte> file, string mediaType, CancellationToken cancellationToken) =>
            ValueTask.FromResult<Outcome<BankDetailsReading>>(reading);
    }
}
