using Microsoft.Extensions.Options;
using Verification.Core;
using Verification.Core.Reading;
using Verification.SpecimenBuilders;

namespace Verification.Reading.PaddleOcr.Tests;

public sealed class BankDetailsFallbackTests : IDisposable
{
    private const string FallbackIban = "FR7630006000011234567890189";
    private readonly string _folder = Directory.CreateTempSubdirectory("paddle-fallback-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [PaddleOcrModelsFact]
    public async Task KeepsTheFallBacksReadingWhenItHasAnIbanAndThisOneHasNone()
    {
        var fallback = new FixedReader(new BankDetailsReading { Iban = FallbackIban, Text = "x", Source = "image" });
        using var reader = Create(fallback);

        var reading = await reader.ReadBankDetailsAsync(await PageWithoutIbanAsync(), "image/jpeg", CancellationToken.None);

        reading.Value.Iban.Should().Be(FallbackIban);
        fallback.BankReads.Should().Be(1);
    }

    [PaddleOcrModelsFact]
    public async Task KeepsItsOwnReadingWhenTheFallBackFindsNoIbanEither()
    {
        var fallback = new FixedReader(new BankDetailsReading { Text = "x", Source = "fall-back" });
        using var reader = Create(fallback);

        var reading = await reader.ReadBankDetailsAsync(await PageWithoutIbanAsync(), "image/jpeg", CancellationToken.None);

        reading.Value.Iban.Should().BeNull();
        reading.Value.Source.Should().Be("image");
        reading.Value.Text.Should().Contain("INVOICE");
        fallback.BankReads.Should().Be(1);
    }

    [PaddleOcrModelsFact]
    public async Task AbandonsAFallBackThatOutrunsItsBudgetAndAnswersWithItsOwnReading()
    {
        var fallback = new EndlessReader();
        using var reader = Create(fallback, TimeSpan.FromMilliseconds(300));

        var reading = await reader.ReadBankDetailsAsync(await PageWithoutIbanAsync(), "image/jpeg", CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromMinutes(1));

        reading.IsSuccess.Should().BeTrue();
        reading.Value.Iban.Should().BeNull();
        reading.Value.Source.Should().Be("image", "the fall-back gave nothing in time, so this reader's own reading stands");
        reading.Value.Text.Should().Contain("INVOICE");
        fallback.Cancelled.Should().BeTrue("the fall-back was told to stop");
    }

    [PaddleOcrModelsFact]
    public async Task LeavesTheCallersCancellationToTheCaller()
    {
        var page = await PageWithoutIbanAsync();
        using var reader = Create(new EndlessReader(), TimeSpan.FromMinutes(1));
        using var caller = new CancellationTokenSource(TimeSpan.FromSeconds(5));

        var reading = () => reader.ReadBankDetailsAsync(page, "image/jpeg", caller.Token).AsTask().WaitAsync(TimeSpan.FromMinutes(1));

        await reading.Should().ThrowAsync<OperationCanceledException>("a request cancelled by its caller is not answered as if the fall-back ran out of time");
    }

    [PaddleOcrModelsFact]
    public async Task LeavesPdfsToTheFallBack()
    {
        var fallback = new FixedReader(new BankDetailsReading { Iban = FallbackIban, Text = "x", Source = "pdf-text" });
        using var reader = Create(fallback);

        var reading = await reader.ReadBankDetailsAsync(MiniPdfBytes, "application/pdf", CancellationToken.None);

        reading.Value.Source.Should().Be("pdf-text");
        fallback.BankReads.Should().Be(1);
    }

    private static readonly byte[] MiniPdfBytes = "%PDF-1.4\n%%EOF\n"u8.ToArray();

    private static PaddleOcrDocumentReader Create(IDocumentReader fallback, TimeSpan? fallbackBudget = null) =>
        new(Options.Create(new PaddleOcrReaderOptions
        {
            ModelDirectory = ModelFolder.Find(),
            WarmUpOnStart = false,
            PageBudget = TimeSpan.FromSeconds(30),
            BankDetailsFallbackBudget = fallbackBudget ?? TimeSpan.FromSeconds(10),
        }), TimeProvider.System, fallback);

    private async Task<byte[]> PageWithoutIbanAsync()
    {
        var path = Path.Combine(_folder, "invoice.jpg");
        await ImageMagick.RunAsync(
        [
            "-size", "1240x700", "xc:white", "-font", "DejaVu-Sans", "-fill", "#151515",
            "-pointsize", "40", "-annotate", "+60+90", "INVOICE 2026-118",
            "-pointsize", "26", "-annotate", "+60+170", "Total due: 1250.00 EUR",
            "-annotate", "+60+230", "Payment by bank transfer within 30 days",
            "-resize", "50%", "-quality", "75", path,
        ], CancellationToken.None);
        return await File.ReadAllBytesAsync(path);
    }

    private sealed class FixedReader(BankDetailsReading reading) : IDocumentReader
    {
        public int BankReads { get; private set; }

        public ReaderAvailability Availability { get; } = new(true, "fixed");

        public ValueTask<Outcome<IdentityReading>> ReadIdentityAsync(ReadOnlyMemory<byte> file, string mediaType, CancellationToken cancellationToken) =>
            ValueTask.FromResult<Outcome<IdentityReading>>(new IdentityReading());

        public ValueTask<Outcome<BankDetailsReading>> ReadBankDetailsAsync(ReadOnlyMemory<byte> file, string mediaType, CancellationToken cancellationToken)
        {
            BankReads++;
            return ValueTask.FromResult<Outcome<BankDetailsReading>>(reading);
        }
    }
}
