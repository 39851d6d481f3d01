using Verification.Core.Documents.Banking;
using Verification.Reading.Tesseract.Tests.Specimens;
using Verification.SpecimenBuilders;
using Xunit.Abstractions;

namespace Verification.Reading.Tesseract.Tests;

[Collection(SpecimenCollection.Name)]
public sealed class BankDetailsAccuracyTests(SpecimenSet set, ReaderFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task ReadsAtLeast95PercentOfIbansExactlyAndPassesNoWrongIban()
    {
        int exact = 0, wrongButPassing = 0, bics = 0, holders = 0;
        foreach (var specimen in set.BankSheets)
        {
            var reading = await fixture.Reader.ReadBankDetailsAsync(await File.ReadAllBytesAsync(specimen.Path), "image/jpeg", CancellationToken.None);
            reading.IsSuccess.Should().BeTrue();
            var value = reading.Value;
            if (value.Iban == specimen.Iban)
            {
                exact++;
            }
            else
            {
                output.WriteLine($"MISS {Path.GetFileName(specimen.Path)} ({specimen.Distortion}): candidates {value.IbanCandidates.Count}");
                if (value.Iban is not null && Iban.ValidateNormalized(value.Iban).IsValid)
                {
                    wrongButPassing++;
                }
            }

            bics += value.Bic == specimen.Bic ? 1 : 0;
            holders += string.Equals(value.HolderName, specimen.Holder, StringComparison.OrdinalIgnoreCase) ? 1 : 0;
        }

        output.WriteLine($"bank details (seed {set.Seed}): IBAN {exact}/{set.BankSheets.Count} exact, wrong but passing {wrongButPassing}; BIC {bics}, holder {holders}");
        wrongButPassing.Should().Be(0);
        exact.Should().BeGreaterThanOrEqualTo((int)Math.Ceiling(set.BankSheets.Count * 0.95));
    }

    [Fact]
    public async Task ReadsTheTextLayerOfAPdfWithoutOcr()
    {
        var specimen = set.BankSheets[0];
        // The minimal PDF writer encodes ASCII only.
        var pdf = MiniPdf.WithText(["RELEVE D'IDENTITE BANCAIRE", "Titulaire du compte : JEANNE MARTIN", "IBAN : " + IbanBuilder.Grouped(specimen.Iban), "BIC : " + specimen.Bic]);

        var reading = await fixture.Reader.ReadBankDetailsAsync(pdf, "application/pdf", CancellationToken.None);

        reading.IsSuccess.Should().BeTrue();
        reading.Value.Source.Should().Be("pdf-text");
        reading.Value.Iban.Should().Be(specimen.Iban);
        reading.Value.Bic.Should().Be(specimen.Bic);
        reading.Value.HolderName.Should().Be("JEANNE MARTIN");
    }

    [Fact]
    public async Task RendersAndReadsAScannedPdfWithoutTextLayer()
    {
        var specimen = set.BankSheets[1];
        var pdf = MiniPdf.WithJpeg(await File.ReadAllBytesAsync(specimen.Path));

        var reading = await fixture.Reader.ReadBankDetailsAsync(pdf, "application/pdf", CancellationToken.None);

        reading.IsSuccess.Should().BeTrue();
        reading.Value.Source.Should().Be("pdf-render");
        reading.Value.Iban.Should().Be(specimen.Iban);
    }

    [Fact]
    public async Task ReadsTheZoneOfAnIdentityDocumentScannedToPdf()
    {
        var specimen = set.Identities.First(s => s.Kind == IdentityKind.Td3);
        var pdf = MiniPdf.WithJpeg(await File.ReadAllBytesAsync(specimen.Path));

        var reading = await fixture.Reader.ReadIdentityAsync(pdf, "application/pdf", CancellationToken.None);

        reading.IsSuccess.Should().BeTrue();
        reading.Value.Lines.Should().Equal(specimen.Lines);
    }
}
