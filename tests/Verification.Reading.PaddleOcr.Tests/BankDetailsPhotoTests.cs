using System.Globalization;
using Microsoft.Extensions.Options;
using Verification.Core.Documents.Banking;
using Verification.SpecimenBuilders;
using Xunit.Abstractions;

namespace Verification.Reading.PaddleOcr.Tests;

/// <summary>
/// Bank-details sheets rendered with ImageMagick and "photographed": shrunk so the print is small (capitals of 9 to
/// 12 pixels), turned a few degrees on a grey table, blurred, noised and saved as JPEG. Read by the PaddleOCR reader
/// alone (no fall-back), the IBAN must come out exact.
/// </summary>
public sealed class BankDetailsPhotoTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("paddle-bank-").FullName;

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("KEEP_PHOTOS") is null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [PaddleOcrModelsFact]
    public async Task ReadsTheIbanOfSmallTiltedJpegPhotosExactly()
    {
        using var reader = CreateReader();
        var sheets = new (string Country, string Bban, double Angle, int Scale)[]
        {
            ("FR", Rib("30004", "00823", "00010116631"), 2.5, 45),
            ("FR", Rib("12548", "02998", "83716402914"), -3.0, 40),
            ("DE", "370400440532013000", 1.5, 45),
            ("GB", "NWBK60161331926819", -2.0, 45),
            ("NL", "ABNA0417164300", 3.0, 40),
        };
        var exact = 0;
        foreach (var (country, bban, angle, scale) in sheets)
        {
            var iban = IbanBuilder.Iban(country, bban);
            var photo = await PhotographAsync(Sheet(iban, country == "FR" ? bban : null, smudgeIban: false), angle, scale);

            var reading = await reader.ReadBankDetailsAsync(photo, "image/jpeg", CancellationToken.None);

            reading.IsSuccess.Should().BeTrue();
            var value = reading.Value;
            output.WriteLine($"{country} angle {angle} scale {scale} %: {(value.Iban == iban ? "exact" : value.Iban is null ? "none" : "WRONG")} ({value.IbanOrigin}), {value.Timings.Read.TotalMilliseconds:0} ms");
            value.Iban.Should().NotBe(null).And.Be(iban, "the IBAN of a small tilted photo must be read exactly");
            exact++;
        }

        exact.Should().Be(sheets.Length);
    }

    [PaddleOcrModelsFact]
    public async Task ReadsPhotosTakenUpsideDownOrSideways()
    {
        using var reader = CreateReader();
        var bban = Rib("12548", "02998", "83716402914");
        var iban = IbanBuilder.Iban("FR", bban);
        foreach (var angle in new[] { 180.0, 90.0, -90.0, 177.0 })
        {
            var photo = await PhotographAsync(Sheet(iban, bban, smudgeIban: false), angle, 50);

            var reading = await reader.ReadBankDetailsAsync(photo, "image/jpeg", CancellationToken.None);

            reading.IsSuccess.Should().BeTrue();
            output.WriteLine($"angle {angle}: {(reading.Value.Iban == iban ? "exact" : reading.Value.Iban is null ? "none" : "WRONG")}");
            reading.Value.Iban.Should().Be(iban, $"a photo turned by {angle} degrees reads too");
        }
    }

    [PaddleOcrModelsFact]
    public async Task RebuildsTheIbanFromTheRibTableWhenTheIbanLineIsSmudged()
    {
        using var reader = CreateReader();
        var bban = Rib("30004", "00823", "00010116631");
        var iban = IbanBuilder.Iban("FR", bban);
        var photo = await PhotographAsync(Sheet(iban, bban, smudgeIban: true), 2.0, 50);

        var reading = await reader.ReadBankDetailsAsync(photo, "image/jpeg", CancellationToken.None);

        reading.IsSuccess.Should().BeTrue();
        // A generated sheet: its text is no one's personal data.
        output.WriteLine(reading.Value.Text);
        reading.Value.Iban.Should().Be(iban);
        reading.Value.IbanOrigin.Should().Be(IbanOrigin.RebuiltFromRibTable);
    }

    private static PaddleOcrDocumentReader CreateReader() =>
        new(Options.Create(new PaddleOcrReaderOptions { ModelDirectory = ModelFolder.Find(), WarmUpOnStart = false, PageBudget = TimeSpan.FromSeconds(30) }), TimeProvider.System);

    private static string Rib(string bank, string branch, string account) => bank + branch + account + IbanBuilder.RibKey(bank, branch, account);

    /// <summary>The ImageMagick arguments that draw an A4-proportioned sheet at 150 dpi.</summary>
    private static List<string> Sheet(string iban, string? frenchBban, bool smudgeIban)
    {
        var args = new List<string>
        {
            "-size", "1240x1000", "xc:white", "-font", "DejaVu-Sans", "-fill", "#151515",
            "-pointsize", "40", "-annotate", "+60+90", frenchBban is null ? "BANK ACCOUNT DETAILS" : "RELEVE D'IDENTITE BANCAIRE",
            "-pointsize", "26", "-annotate", "+60+170", "Account holder: CAMILLE LEROY",
            "-annotate", "+60+220", "Bank: BANQUE EXEMPLE",
        };
        if (frenchBban is not null)
        {
            args.AddRange(["-pointsize", "22", "-annotate", "+60+310", "Code banque      Code guichet      Numero de compte      Cle RIB"]);
            args.AddRange(["-pointsize", "26", "-annotate", "+60+355", $"{frenchBban[..5]}            {frenchBban[5..10]}            {frenchBban[10..21]}            {frenchBban[21..]}"]);
        }

        args.AddRange(["-pointsize", "30", "-annotate", "+60+460", "IBAN : " + IbanBuilder.Grouped(iban)]);
        args.AddRange(["-annotate", "+60+530", "BIC : BNPAFRPPXXX"]);
        if (smudgeIban)
        {
            // A thumb, a fold or a stamp over the middle of the IBAN line.
            args.AddRange(["-fill", "#8a8a8a", "-draw", "rectangle 330,425 620,470", "-fill", "#151515"]);
        }

        args.AddRange(["-pointsize", "18", "-annotate", "+60+900", "Document generated for testing purposes only."]);
        return args;
    }

    private async Task<byte[]> PhotographAsync(List<string> sheet, double angle, int scale)
    {
        var path = Path.Combine(_folder, $"sheet-{Guid.NewGuid():N}.jpg");
        var args = new List<string>(sheet)
        {
            "-seed", "7",
            "-background", "#6b6258", "-rotate", angle.ToString("0.0", CultureInfo.InvariantCulture),
            "-blur", "0x0.6", "-attenuate", "0.3", "+noise", "Gaussian",
            "-resize", $"{scale}%", "-quality", "70", path,
        };
        await ImageMagick.RunAsync(args, CancellationToken.None);
        return await File.ReadAllBytesAsync(path);
    }
}
