using System.Diagnostics;
using System.Globalization;
using Bogus;
using Microsoft.Extensions.Options;
using Verification.Core.Documents.Banking;
using Verification.Core.Reading;
using Verification.Reading.Tesseract;
using Verification.SpecimenBuilders;
using Xunit.Abstractions;

namespace Verification.Reading.PaddleOcr.Tests;

/// <summary>
/// A set of generated bank-details sheets photographed small (capitals of 7 to 12 pixels), tilted up to 4 degrees,
/// blurred, noised and saved as JPEG, read by PaddleOCR alone, Tesseract alone and PaddleOCR with Tesseract as its
/// fall-back. The numbers are printed; what must hold: no wrong IBAN ever passes, and PaddleOCR with its fall-back
/// reads at least 90 % exactly.
/// </summary>
public sealed class BankDetailsPhotoSetTests(ITestOutputHelper output) : IDisposable
{
    private const int Sheets = 24;
    private readonly string _folder = Directory.CreateTempSubdirectory("paddle-bank-set-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [PaddleOcrModelsFact]
    public async Task ReadsSmallPhotosOfSheetsAndPassesNoWrongIban()
    {
        var faker = new Faker { Random = new Randomizer(20261204) };
        var photos = new List<(byte[] Photo, string Iban, string Label)>();
        for (var i = 0; i < Sheets; i++)
        {
            var country = faker.PickRandom("FR", "FR", "FR", "DE", "GB", "NL", "BE", "IT");
            var (iban, rib) = RandomAccount(faker, country);
            var angle = faker.Random.Double(-4, 4);
            var scale = faker.Random.Int(32, 50);
            var quality = faker.Random.Int(50, 85);
            photos.Add((await PhotographAsync(i, iban, rib, angle, scale, quality), iban, FormattableString.Invariant($"{country} {angle:0.0}° {scale} % q{quality}")));
        }

        using var tesseract = new TesseractDocumentReader(Options.Create(new TesseractReaderOptions()), TimeProvider.System);
        using var paddle = Paddle(null);
        using var both = Paddle(tesseract);
        paddle.WarmUp();
        both.WarmUp();
        var results = new Dictionary<string, (int Exact, int None, int Wrong, List<double> Ms)>();
        // The product's configuration always; each engine alone only on request (VERIFICATION_COMPARE_ENGINES=1),
        // to keep the test run short: tools/BankReadingEval compares them on any folder.
        (string, IDocumentReader)[] readers = Environment.GetEnvironmentVariable("VERIFICATION_COMPARE_ENGINES") == "1"
            ? [("paddleocr", paddle), ("tesseract", tesseract), ("paddleocr+fall-back", both)]
            : [("paddleocr+fall-back", both)];
        foreach (var (name, reader) in readers)
        {
            int exact = 0, none = 0, wrong = 0;
            var times = new List<double>();
            foreach (var (photo, iban, label) in photos)
            {
                var watch = Stopwatch.StartNew();
                var reading = await reader.ReadBankDetailsAsync(photo, "image/jpeg", CancellationToken.None);
                times.Add(watch.Elapsed.TotalMilliseconds);
                var read = reading.IsSuccess ? reading.Value.Iban : null;
                if (read == iban)
                {
                    exact++;
                }
                else if (read is null)
                {
                    none++;
                    output.WriteLine($"{name}: none for {label}");
                }
                else
                {
                    wrong++;
                    output.WriteLine($"{name}: WRONG for {label}");
                }
            }

            times.Sort();
            results[name] = (exact, none, wrong, times);
            output.WriteLine(FormattableString.Invariant($"{name}: {exact}/{photos.Count} exact, {none} none, {wrong} wrong; p50 {times[times.Count / 2]:0} ms, max {times[^1]:0} ms"));
        }

        results.Values.Should().OnlyContain(r => r.Wrong == 0, "no wrong IBAN may pass");
        results["paddleocr+fall-back"].Exact.Should().BeGreaterThanOrEqualTo((int)Math.Ceiling(photos.Count * 0.9));
    }

    private static PaddleOcrDocumentReader Paddle(IDocumentReader? fallback) =>
        new(Options.Create(new PaddleOcrReaderOptions { ModelDirectory = ModelFolder.Find(), WarmUpOnStart = false }), TimeProvider.System, fallback);

    private static (string Iban, string? Rib) RandomAccount(Faker faker, string country)
    {
        switch (country)
        {
            case "FR":
                var (bank, branch, account) = (faker.Random.Replace("#####"), faker.Random.Replace("#####"), faker.Random.Replace("###########"));
                var rib = bank + branch + account + IbanBuilder.RibKey(bank, branch, account);
                return (IbanBuilder.Iban("FR", rib), rib);
            case "BE":
                var ten = faker.Random.Replace("##########");
                return (IbanBuilder.Iban("BE", ten + IbanBuilder.BelgianKey(ten)), null);
            case "IT":
                var rest = faker.Random.Replace("##########") + faker.Random.Replace("############");
                return (IbanBuilder.Iban("IT", NationalBankChecks.ItalianCin(rest) + rest), null);
            case "DE":
                return (IbanBuilder.Iban("DE", faker.Random.Replace("##################")), null);
            case "NL":
                return (IbanBuilder.Iban("NL", faker.Random.Replace("????").ToUpperInvariant() + faker.Random.Replace("##########")), null);
            default:
                return (IbanBuilder.Iban("GB", faker.Random.Replace("????").ToUpperInvariant() + faker.Random.Replace("##############")), null);
        }
    }

    private async Task<byte[]> PhotographAsync(int index, string iban, string? rib, double angle, int scale, int quality)
    {
        var path = Path.Combine(_folder, $"sheet-{index:00}.jpg");
        var args = new List<string>
        {
            "-size", "1240x1000", "xc:white", "-font", "DejaVu-Sans", "-fill", "#151515",
            "-pointsize", "40", "-annotate", "+60+90", rib is null ? "BANK ACCOUNT DETAILS" : "RELEVE D'IDENTITE BANCAIRE",
            "-pointsize", "26", "-annotate", "+60+170", "Account holder: DOMINIQUE BERNARD",
            "-annotate", "+60+220", "Bank: BANQUE EXEMPLE",
        };
        if (rib is not null)
        {
            args.AddRange(["-pointsize", "22", "-annotate", "+60+310", "Code banque      Code guichet      Numero de compte      Cle RIB"]);
            args.AddRange(["-pointsize", "26", "-annotate", "+60+355", $"{rib[..5]}            {rib[5..10]}            {rib[10..21]}            {rib[21..]}"]);
        }

        args.AddRange(["-pointsize", "30", "-annotate", "+60+460", "IBAN : " + IbanBuilder.Grouped(iban)]);
        args.AddRange(["-annotate", "+60+530", "BIC : BNPAFRPPXXX"]);
        args.AddRange(["-pointsize", "18", "-annotate", "+60+900", "Document generated for testing purposes only."]);
        args.AddRange(
        [
            "-seed", (index + 1).ToString(CultureInfo.InvariantCulture),
            "-background", "#6b6258", "-rotate", angle.ToString("0.00", CultureInfo.InvariantCulture),
            "-blur", "0x0.7", "-attenuate", "0.35", "+noise", "Gaussian",
            "-resize", $"{scale}%", "-quality", quality.ToString(CultureInfo.InvariantCulture), path,
        ]);
        await ImageMagick.RunAsync(args, CancellationToken.None);
        return await File.ReadAllBytesAsync(path);
    }
}
