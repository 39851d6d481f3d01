using System.Globalization;
using System.Numerics;
using Bogus;
using Verification.Core.Documents.Banking;
using Verification.Core.Tests.Documents;

namespace Verification.Core.Tests.Documents.Banking;

/// <summary>
/// The fast paths of IBAN and BIC validation (in-place validation of normalised input, positional-weight
/// checksums, national check dispatch by precomputed kind) must give exactly what the general paths give.
/// </summary>
public sealed class BankingFastPathTests
{
    private const string UpperAlphanumerics = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    [Fact]
    public void ComputesMod97LikeABigIntegerOnRandomInputOfEveryLength()
    {
        var random = new Randomizer(9701);
        for (var round = 0; round < 4000; round++)
        {
            // Up to 40 characters: both sides of the 34-character limit of the weighted form.
            var length = random.Int(0, 40);
            var chars = new char[length];
            for (var i = 0; i < length; i++)
            {
                chars[i] = random.Int(0, 50) == 0 ? random.ArrayElement(['a', 'z', '-', ' ', 'É', '/', '@', '[']) : random.ArrayElement(UpperAlphanumerics.ToCharArray());
            }

            var text = new string(chars);
            Iban.Mod97(text).Should().Be(IndependentMod97(text), text);
        }
    }

    [Theory]
    [InlineData("ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ")]
    [InlineData("ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ")]
    [InlineData("9999999999999999999999999999999999")]
    [InlineData("0000")]
    [InlineData("FR1420041010050500013M02606")]
    public void ComputesMod97LikeABigIntegerAtTheExtremes(string text) =>
        Iban.Mod97(text).Should().Be(IndependentMod97(text));

    public static TheoryData<string> Countries()
    {
        var data = new TheoryData<string>();
        foreach (var country in IbanRegistry.Countries.Keys.Order(StringComparer.Ordinal))
        {
            data.Add(country);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Countries))]
    public void ValidatesNormalisedInputExactlyAsTheSameInputWithSeparators(string country)
    {
        var faker = new Faker { Random = new Randomizer((country[0] * 100) + country[1]) };
        var spec = IbanRegistry.Countries[country];
        for (var round = 0; round < 40; round++)
        {
            var iban = Forge(faker, spec, round);

            // A trailing space sends the same IBAN through normalisation; the in-place path must agree.
            Iban.Validate(iban).Should().Be(Iban.Validate(iban + " "), iban);
        }
    }

    [Theory]
    [InlineData("F")]
    [InlineData("FR14")]
    [InlineData("FR142")]
    [InlineData("1234567890123456789012345678901234")]
    [InlineData("FR1420041010050500013M026061234567")]
    [InlineData("FR1420041010050500013M0260612345678")]
    public void ValidatesShortAndLongNormalisedInputExactlyAsWithSeparators(string input) =>
        Iban.Validate(input).Should().Be(Iban.Validate(" " + input));

    [Theory]
    [MemberData(nameof(Countries))]
    public void RunsTheSameNationalCheckAsThePublicEntryPoint(string country)
    {
        var faker = new Faker { Random = new Randomizer((country[1] * 100) + country[0]) };
        var spec = IbanRegistry.Countries[country];
        for (var round = 0; round < 40; round++)
        {
            var bban = RandomBban(faker, spec);
            var iban = country + Independent.IbanCheck(country, bban) + bban;
            var result = Iban.Validate(iban);
            result.StructureValid.Should().BeTrue();
            result.NationalCheck.Should().Be(NationalBankChecks.Check(country, bban), iban);
        }
    }

    [Fact]
    public void AgreesWithTheFrenchRibKeyOnRandomAccountsWithLetters()
    {
        var faker = new Faker { Random = new Randomizer(1939) };
        var passed = 0;
        for (var round = 0; round < 2000; round++)
        {
            var bank = faker.Random.String2(5, "0123456789");
            var branch = faker.Random.String2(5, "0123456789");
            var account = faker.Random.String2(11, UpperAlphanumerics);
            var key = NationalBankChecks.FrenchRibKey(bank, branch, account);

            // Half the time the right key, otherwise another one of 01 to 97.
            var written = faker.Random.Bool() ? key : faker.Random.Int(1, 97);
            var bban = bank + branch + account + written.ToString("00", CultureInfo.InvariantCulture);
            var iban = "FR" + Independent.IbanCheck("FR", bban) + bban;

            var expected = written == key ? NationalCheckResult.Passed : NationalCheckResult.Failed;
            Iban.Validate(iban).NationalCheck.Should().Be(expected, iban);
            passed += expected == NationalCheckResult.Passed ? 1 : 0;
        }

        passed.Should().BeGreaterThan(500, "both outcomes must be exercised");
    }

    [Fact]
    public void ValidatesNormalisedBicsExactlyAsTheSameBicTyped()
    {
        var random = new Randomizer(9362);
        for (var round = 0; round < 4000; round++)
        {
            var length = random.ArrayElement([0, 1, 7, 8, 9, 10, 11, 12]);
            var chars = new char[length];
            for (var i = 0; i < length; i++)
            {
                chars[i] = random.Int(0, 40) == 0 ? random.ArrayElement(['!', 'é', '-']) : random.ArrayElement(UpperAlphanumerics.ToCharArray());
            }

            // Mostly letters where the country goes, so that known countries are drawn too.
            if (length >= 6 && random.Bool(0.8f))
            {
                var country = random.ArrayElement(["FR", "DE", "GB", "QQ", "XK", "ZA"]);
                chars[4] = country[0];
                chars[5] = country[1];
            }

            var bic = new string(chars);
            var typed = " " + bic.ToLowerInvariant();
            Bic.Validate(bic).Should().Be(Bic.Validate(typed), bic);
        }
    }

    private static string Forge(Faker faker, IbanCountrySpec spec, int round)
    {
        var bban = RandomBban(faker, spec);
        var iban = spec.Country + Independent.IbanCheck(spec.Country, bban) + bban;
        return (round % 8) switch
        {
            // Valid as generated.
            0 or 1 => iban,

            // One character changed: checksum or structure breaks.
            2 => Replace(iban, faker.Random.Int(4, iban.Length - 1), faker.Random.ArrayElement(UpperAlphanumerics.ToCharArray())),

            // Check digits changed, possibly out of 02 to 98.
            3 => iban[..2] + faker.Random.ArrayElement(["00", "01", "99", "50"]) + iban[4..],

            // One character short or one too many.
            4 => iban[..^1],
            5 => iban + faker.Random.ArrayElement(UpperAlphanumerics.ToCharArray()),

            // A country that is not registered or digits where the country goes; or anything at all.
            6 => faker.Random.ArrayElement(["ZZ", "QQ", "12"]) + iban[2..],
            _ => faker.Random.String2(iban.Length, UpperAlphanumerics),
        };
    }

    private static string Replace(string text, int index, char c) => text[..index] + c + text[(index + 1)..];

    private static string RandomBban(Faker faker, IbanCountrySpec spec) =>
        new(spec.BbanPattern.Select(c => c switch
        {
            'n' => faker.Random.Char('0', '9'),
            'a' => faker.Random.Char('A', 'Z'),
            _ => faker.Random.Bool() ? faker.Random.Char('0', '9') : faker.Random.Char('A', 'Z'),
        }).ToArray());

    private static int IndependentMod97(string text)
    {
        if (text.Length < 4 || text.Any(c => !UpperAlphanumerics.Contains(c, StringComparison.Ordinal)))
        {
            return -1;
        }

        var rearranged = text[4..] + text[..4];
        var digits = string.Concat(rearranged.Select(c => char.IsAsciiLetterUpper(c) ? (c - 'A' + 10).ToString(CultureInfo.InvariantCulture) : c.ToString()));
        return (int)(BigInteger.Parse(digits, CultureInfo.InvariantCulture) % 97);
    }
}
