using System.Globalization;
using Bogus;
using Verification.Storage.Specification;
using Verification.SpecimenBuilders;

namespace Verification.Reading.Tesseract.Tests.Specimens;

internal enum IdentityKind
{
    Td3,
    Td1,
    French,
}

/// <summary>A generated identity document photo and the zone printed on it.</summary>
internal sealed record IdentitySpecimen(string Path, IdentityKind Kind, string[] Lines, string Distortion);

/// <summary>A generated bank-details sheet and the values printed on it.</summary>
internal sealed record BankSpecimen(string Path, string Iban, string Bic, string Holder, string Distortion);

/// <summary>
/// Generates specimen photos with ImageMagick and the OCR-B font: random Bogus identities, zones with their
/// check digits computed here, rotation up to 3 degrees, blur, noise, JPEG quality 55 to 90, scale 70 to 115 %.
/// A pure function of the seed: dates count from <see cref="ReferenceDate"/>, not from the day of the run, and
/// ImageMagick's noise is seeded per specimen, so that a run reads the same images on any day and any machine.
/// </summary>
internal sealed class SpecimenGenerator
{
    private static readonly string[] Locales = ["fr", "en", "de", "es", "it", "nl", "pt_PT"];
    private static readonly string[] Nationalities = ["FRA", "DEU", "ESP", "ITA", "NLD", "BEL", "PRT", "GBR", "USA", "CAN", "CHE", "D<<"];

    /// <summary>The day the generated documents are dated from; tests parse dates with a clock set to it.</summary>
    public static readonly DateOnly ReferenceDate = new(2025, 6, 1);

    private readonly string _folder;
    private readonly int _seed;

    /// <param name="folder">Where the photos go.</param>
    /// <param name="seed">Selects the set; 0 is the one the tests assert on.</param>
    public SpecimenGenerator(string folder, int seed = 0)
    {
        _folder = folder;
        _seed = seed;
    }

    /// <summary>A clock standing still at <see cref="ReferenceDate"/>, noon UTC.</summary>
    public static TimeProvider Clock() =>
        new ManualClock(new DateTimeOffset(ReferenceDate.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));

    public async Task<IdentitySpecimen> IdentityAsync(int index, IdentityKind kind, CancellationToken cancellationToken)
    {
        var random = new Random(Seed(1000, index));
        var faker = new Faker(Locales[random.Next(Locales.Length)]) { Random = new Randomizer(Seed(2000, index)) };
        var surname = Name(faker.Name.LastName(), 20, faker);
        var given = Enumerable.Range(0, random.Next(1, 4)).Select(_ => Name(faker.Name.FirstName(), 12, faker)).ToArray();
        var today = ReferenceDate;
        var birth = today.AddDays(-random.Next(18 * 365, 80 * 365));
        var expiry = today.AddDays(random.Next(30, 9 * 365));
        var sex = random.Next(2) == 0 ? 'F' : 'M';
        var nationality = Nationalities[random.Next(Nationalities.Length)];
        var issuer = nationality == "D<<" ? "D<<" : nationality;
        string[] lines = kind switch
        {
            IdentityKind.Td3 => MrzBuilder.Td3(issuer, surname, given, faker.Random.Replace("??#######").ToUpperInvariant(), nationality, birth, sex, expiry, random.Next(3) == 0 ? faker.Random.Replace("##########") : string.Empty),
            IdentityKind.Td1 => MrzBuilder.Td1(issuer, surname, given, faker.Random.Replace("?##??####").ToUpperInvariant(), nationality, birth, sex, expiry, random.Next(3) == 0 ? faker.Random.Replace("#########") : string.Empty),
            _ => MrzBuilder.French(surname, given.Take(2).ToArray(), faker.Random.Replace("###0##").ToUpperInvariant(), IssueNumber(random), birth, sex),
        };

        var (width, height, columns) = kind switch
        {
            IdentityKind.Td3 => (1250, 880, 44),
            IdentityKind.Td1 => (1250, 790, 30),
            _ => (1250, 880, 36),
        };

        // OCR-B advances 0.72 em: size the zone to fill most of the width, as on documents.
        var pointSize = (width - 120) / (columns * 0.72) * (0.9 + (random.NextDouble() * 0.1));
        var lineGap = pointSize * (1.55 + (random.NextDouble() * 0.3));
        var x = 40 + random.Next(30);
        var lastBaseline = height - 45 - random.Next(20);
        var background = $"#{random.Next(225, 250):x2}{random.Next(220, 245):x2}{random.Next(205, 240):x2}";
        var args = new List<string>
        {
            "-size", $"{width}x{height}", $"xc:{background}",
            "-font", "DejaVu-Sans", "-fill", "#2a2a3a", "-pointsize", "38",
            "-annotate", "+60+70", kind == IdentityKind.Td3 ? "PASSPORT / PASSEPORT" : "IDENTITY CARD / CARTE D'IDENTITE",
            "-fill", "#bdb6a8", "-draw", "rectangle 60,120 370,500",
            "-fill", "#8d8678", "-draw", "ellipse 215,290 95,125 0,360",
            "-fill", "#2a2a3a", "-pointsize", "24",
            "-annotate", "+420+160", "Surname / Nom",
            "-annotate", "+420+250", "Given names / Prenoms",
            "-annotate", "+420+340", "Date of birth",
            "-pointsize", "34",
            "-annotate", "+420+200", surname.Replace('<', ' '),
            "-annotate", "+420+290", string.Join(' ', given).Replace('<', ' '),
            "-annotate", "+420+380", birth.ToString("dd MM yyyy", CultureInfo.InvariantCulture),
            "-font", ImageMagick.OcrbFont, "-fill", "#111111", "-pointsize", pointSize.ToString("0.0", CultureInfo.InvariantCulture),
        };
        for (var i = 0; i < lines.Length; i++)
        {
            var baseline = lastBaseline - ((lines.Length - 1 - i) * lineGap);
            args.AddRange(["-annotate", $"+{x}+{baseline.ToString("0", CultureInfo.InvariantCulture)}", lines[i]]);
        }

        var path = Path.Combine(_folder, $"id-{index:000}-{kind}.jpg");
        var distortion = Distort(random, args);
        args.Add(path);
        await ImageMagick.RunAsync(args, cancellationToken);
        return new IdentitySpecimen(path, kind, lines, distortion);
    }

    public async Task<BankSpecimen> BankAsync(int index, CancellationToken cancellationToken)
    {
        var random = new Random(Seed(5000, index));
        var country = (index % 5) switch { 0 or 1 or 2 => "FR", 3 => random.Next(2) == 0 ? "DE" : "BE", _ => random.Next(2) == 0 ? "NL" : "GB" };
        var faker = new Faker(country switch { "FR" => "fr", "DE" => "de", "BE" => "nl_BE", "NL" => "nl", _ => "en_GB" }) { Random = new Randomizer(Seed(6000, index)) };
        var holder = $"{faker.Name.FirstName()} {faker.Name.LastName()}".ToUpperInvariant();
        var bankName = faker.PickRandom("BANQUE POPULAIRE", "CREDIT AGRICOLE", "SOCIETE GENERALE", "DEUTSCHE BANK", "ING BANK", "BARCLAYS BANK", "BNP PARIBAS", "KBC BANK");
        string bban;
        var rib = (Bank: string.Empty, Branch: string.Empty, Account: string.Empty, Key: string.Empty);
        switch (country)
        {
            case "FR":
                rib = (faker.Random.Replace("#####"), faker.Random.Replace("#####"), faker.Random.Replace("###########"), string.Empty);
                rib.Key = IbanBuilder.RibKey(rib.Bank, rib.Branch, rib.Account);
                bban = rib.Bank + rib.Branch + rib.Account + rib.Key;
                break;
            case "DE":
                bban = faker.Random.Replace("##################");
                break;
            case "BE":
                var ten = faker.Random.Replace("##########");
                bban = ten + IbanBuilder.BelgianKey(ten);
                break;
            case "NL":
                bban = faker.Random.Replace("????").ToUpperInvariant() + faker.Random.Replace("##########");
                break;
            default:
                bban = faker.Random.Replace("????").ToUpperInvariant() + faker.Random.Replace("##############");
                break;
        }

        var iban = IbanBuilder.Iban(country, bban);
        var bic = faker.Random.Replace("????").ToUpperInvariant() + country + faker.Random.Replace("??").ToUpperInvariant() + (random.Next(2) == 0 ? "XXX" : string.Empty);
        var french = country == "FR";
        var args = new List<string>
        {
            "-size", "1240x880", "xc:white",
            "-font", "DejaVu-Sans", "-fill", "#101010", "-pointsize", "40",
            "-annotate", "+60+80", french ? "RELEVE D'IDENTITE BANCAIRE" : "BANK ACCOUNT DETAILS",
            "-pointsize", "28",
            "-annotate", "+60+170", (french ? "Titulaire du compte : " : "Account holder: ") + holder,
            "-annotate", "+60+230", (french ? "Domiciliation : " : "Bank: ") + bankName,
        };
        var y = 320;
        if (french)
        {
            args.AddRange(["-pointsize", "22", "-annotate", "+60+310", "Code banque    Code guichet    Numero de compte    Cle RIB"]);
            args.AddRange(["-pointsize", "28", "-annotate", "+60+355", $"{rib.Bank}          {rib.Branch}          {rib.Account}          {rib.Key}"]);
            y = 440;
        }

        args.AddRange(["-pointsize", "30", "-annotate", $"+60+{y}", "IBAN : " + IbanBuilder.Grouped(iban)]);
        args.AddRange(["-annotate", $"+60+{y + 70}", "BIC : " + bic]);
        args.AddRange(["-draw", "line 60,700 1180,700", "-pointsize", "20", "-annotate", "+60+740", "Document generated for testing purposes only."]);
        var path = Path.Combine(_folder, $"bank-{index:000}-{country}.jpg");
        var distortion = Distort(random, args);
        args.Add(path);
        await ImageMagick.RunAsync(args, cancellationToken);
        return new BankSpecimen(path, iban, bic, holder, distortion);
    }

    // Seed 0 keeps the streams the set has always used (1000 + index, ...); others move every stream.
    private int Seed(int stream, int index) => (_seed * 100_003) + stream + index;

    private static string Distort(Random random, List<string> args)
    {
        var angle = (random.NextDouble() * 6) - 3;
        var blur = 0.3 + (random.NextDouble() * 0.9);
        var noise = 0.2 + (random.NextDouble() * 0.5);
        var scale = 70 + random.Next(46);
        var quality = 55 + random.Next(36);
        args.AddRange(
        [
            // +noise draws from ImageMagick's generator, unseeded (different on every run) unless told.
            "-seed", random.Next(1, int.MaxValue).ToString(CultureInfo.InvariantCulture),
            "-background", "#5a5a5a", "-rotate", angle.ToString("0.00", CultureInfo.InvariantCulture),
            "-blur", "0x" + blur.ToString("0.00", CultureInfo.InvariantCulture),
            "-attenuate", noise.ToString("0.00", CultureInfo.InvariantCulture), "+noise", "Gaussian",
            "-resize", $"{scale}%",
            "-quality", quality.ToString(CultureInfo.InvariantCulture),
        ]);
        return FormattableString.Invariant($"rotate {angle:0.00}, blur {blur:0.00}, noise {noise:0.00}, scale {scale} %, quality {quality}");
    }

    private static string Name(string name, int max, Faker faker)
    {
        var mrz = MrzBuilder.MrzName(name).Trim('<');
        if (mrz.Length < 2)
        {
            mrz = faker.Random.Replace("??????").ToUpperInvariant();
        }

        return mrz.Length > max ? mrz[..max] : mrz;
    }

    private static string IssueNumber(Random random)
    {
        // YYMM of issue (1994-2020), then office and serial digits.
        var issued = new DateOnly(random.Next(1994, 2021), random.Next(1, 13), 1);
        return issued.ToString("yyMM", CultureInfo.InvariantCulture) + random.Next(10, 99).ToString(CultureInfo.InvariantCulture) + random.Next(1, 9).ToString(CultureInfo.InvariantCulture) + random.Next(0, 100000).ToString("00000", CultureInfo.InvariantCulture);
    }
}
