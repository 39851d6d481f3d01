using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Verification.Core;
using Verification.Core.Reading;

namespace Verification.Reading.Tesseract.Tests;

public sealed class ReaderAvailabilityTests
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABc3UBGAAAAABJRU5ErkJggg==");

    [Fact]
    public async Task AnswersReaderUnavailableWhenTheLibraryIsMissing()
    {
        using var reader = new TesseractDocumentReader(Options.Create(new TesseractReaderOptions { LibraryPath = "/nonexistent/libtesseract.so.5" }), TimeProvider.System);
        reader.WarmUp();

        reader.Availability.IsAvailable.Should().BeFalse();
        var identity = await reader.ReadIdentityAsync(Png, "image/png", CancellationToken.None);
        var bank = await reader.ReadBankDetailsAsync(Png, "image/png", CancellationToken.None);

        identity.Failure!.Code.Should().Be(ReaderFailures.UnavailableCode);
        identity.Failure.Kind.Should().Be(FailureKind.Unavailable);
        bank.Failure!.Code.Should().Be(ReaderFailures.UnavailableCode);
    }

    [Fact]
    public async Task AnswersReaderUnavailableWhenTheLanguageDataIsMissing()
    {
        var empty = Directory.CreateTempSubdirectory("tessdata-empty-");
        try
        {
            using var reader = new TesseractDocumentReader(Options.Create(new TesseractReaderOptions { TessdataPath = empty.FullName }), TimeProvider.System);

            reader.Availability.IsAvailable.Should().BeFalse();
            reader.Availability.Detail.Should().Contain("eng.traineddata");
            (await reader.ReadIdentityAsync(Png, "image/png", CancellationToken.None)).Failure!.Code.Should().Be(ReaderFailures.UnavailableCode);
        }
        finally
        {
            empty.Delete();
        }
    }

    [Fact]
    public void ReportsTheMachinesTesseractAvailable()
    {
        TesseractAvailability.Probe(new TesseractReaderOptions()).IsAvailable.Should().BeTrue();
    }

    [Fact]
    public async Task RefusesAMediaTypeItCannotDecode()
    {
        using var reader = new TesseractDocumentReader(Options.Create(new TesseractReaderOptions()), TimeProvider.System);

        var reading = await reader.ReadIdentityAsync(Png, "text/plain", CancellationToken.None);

        reading.Failure!.Code.Should().Be(ReaderFailures.UnsupportedCode);
    }

    [Fact]
    public async Task RefusesBytesThatAreNoImage()
    {
        using var reader = new TesseractDocumentReader(Options.Create(new TesseractReaderOptions()), TimeProvider.System);

        var reading = await reader.ReadIdentityAsync("not an image"u8.ToArray(), "image/png", CancellationToken.None);

        reading.Failure!.Code.Should().Be(ReaderFailures.UnsupportedCode);
    }

    [Fact]
    public async Task RegistersThroughTheBuilderEvenWithoutTesseract()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddVerification().UseTesseractReader(o => o.LibraryPath = "/nonexistent/libtesseract.so.5").UseTesseractReader();
        await using var provider = services.BuildServiceProvider();

        var reader = provider.GetRequiredService<IDocumentReader>();

        reader.Should().BeSameAs(provider.GetRequiredService<TesseractDocumentReader>());
        reader.Availability.IsAvailable.Should().BeFalse();
        services.Count(d => d.ServiceType == typeof(IDocumentReader)).Should().Be(1);
    }

    [Fact]
    public void RejectsAnInvalidConfigurationNamingTheSetting()
    {
        var result = new TesseractReaderOptionsValidator().Validate(null, new TesseractReaderOptions { PoolSize = 0, AcquireTimeout = TimeSpan.Zero, Language = "../eng" });

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("PoolSize").And.Contain("AcquireTimeout").And.Contain("Language");
    }
}
