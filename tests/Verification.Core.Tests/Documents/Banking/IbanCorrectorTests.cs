using Bogus;
using Verification.Core.Documents.Banking;

namespace Verification.Core.Tests.Documents.Banking;

public sealed class IbanCorrectorTests
{
    [Theory]
    // Letters read where the structure wants digits (check digits, n groups): forced.
    [InlineData("DE89370400440532O13000", "DE89370400440532013000")]
    [InlineData("DE8937O4OO44O532O13OOO", "DE89370400440532013000")]
    [InlineData("FR763OOO6OOOO11234567890189", "FR7630006000011234567890189")]
    // Digits read where the structure wants letters (the bank code of GB and NL): forced.
    [InlineData("GB29NW8K60161331926819", "GB29NWBK60161331926819")]
    [InlineData("NL91A8NA0417164300", "NL91ABNA0417164300")]
    // A look-alike in the French account number (letters or digits allowed there): found by the search.
    [InlineData("FR7630006000011234S67890189", "FR7630006000011234567890189")]
    [InlineData("FR763000600001I234567890189", "FR7630006000011234567890189")]
    [InlineData("FR763000600001I234S67890189", "FR7630006000011234567890189")]
    // Valid as read, letters in the account included.
    [InlineData("FR1420041010050500013M02606", "FR1420041010050500013M02606")]
    public void CorrectsLookAlikesTheChecksGuide(string read, string expected)
    {
        var result = IbanCorrector.Correct(read);

        result.Iban.Should().Be(expected);
        result.Outcome.Should().Be(read == expected ? IbanCorrectionOutcome.AlreadyValid : IbanCorrectionOutcome.Corrected);
        result.ChangedPositions.Should().HaveCount(read.Zip(expected).Count(p => p.First != p.Second));
    }

    [Fact]
    public void RefusesACandidateThatTwoDifferentCorrectionsMakeValid()
    {
        // The 8 of the account read as B: changing it back is valid, and so is changing two other characters.
        const string genuine = "FR7644904695412832682293829";
        const string read = "FR7644904695412B32682293829";
        Iban.ValidateNormalized("FR7644904695412B32682Z93B29").IsValid.Should().BeTrue("the other correction is valid too");

        var result = IbanCorrector.Correct(read);

        result.Outcome.Should().Be(IbanCorrectionOutcome.Ambiguous);
        result.Iban.Should().BeNull();
        Iban.ValidateNormalized(genuine).IsValid.Should().BeTrue();
    }

    [Fact]
    public void ReportsNothingWhenNoLookAlikeExplainsTheMisread()
    {
        // 7 read as 1 in a German IBAN (digits only): no search space, the checksum fails.
        IbanCorrector.Correct("DE89310400440532013000").Should().Match<IbanCorrection>(r => r.Iban == null && r.Outcome == IbanCorrectionOutcome.NotFound);
    }

    [Theory]
    // Where the checks can vouch for a fix (digits-only or letters-only positions, national keys), most are fixed.
    [InlineData("FR", 0.7)]
    [InlineData("MC", 0.7)]
    [InlineData("IT", 0.5)]
    [InlineData("DE", 0.9)]
    [InlineData("GB", 0.9)]
    [InlineData("NL", 0.9)]
    [InlineData("AT", 0.9)]
    [InlineData("PL", 0.9)]
    // Letters or digits everywhere and no national key: mod-97 alone vouches for little, so few are fixed.
    [InlineData("CH", 0)]
    [InlineData("LU", 0)]
    [InlineData("MT", 0)]
    [InlineData("QA", 0)]
    public void NeverTurnsOneInjectedConfusionIntoAnotherValidIban(string country, double fixedAtLeast)
    {
        var faker = new Faker { Random = new Randomizer(country[0] * 31 + country[1]) };
        var corrected = 0;
        var trials = 0;
        var refused = 0;
        for (var attempt = 0; attempt < 4000 && trials < 400; attempt++)
        {
            var genuine = RandomValidIban(faker, country);
            if (genuine is null)
            {
                continue;
            }

            var positions = Enumerable.Range(2, genuine.Length - 2).Where(i => Partner(genuine[i]) != genuine[i]).ToList();
            if (positions.Count == 0)
            {
                continue;
            }

            trials++;
            var position = faker.PickRandom(positions);
            var read = genuine[..position] + Partner(genuine[position]) + genuine[(position + 1)..];

            var result = IbanCorrector.Correct(read);

            if (result.Iban is not null)
            {
                result.Iban.Should().Be(genuine, $"{read} must give back the genuine IBAN or nothing");
                corrected++;
            }
            else
            {
                refused++;
            }
        }

        Console.WriteLine($"{country}: {trials} single confusions, {corrected} corrected, {refused} refused, 0 wrong");

        trials.Should().BeGreaterThan(100);
        ((double)corrected / trials).Should().BeGreaterThanOrEqualTo(fixedAtLeast, $"{corrected} of {trials} single confusions were put right");
    }

    [Theory]
    [InlineData("FR")]
    [InlineData("IT")]
    [InlineData("LU")]
    [InlineData("MT")]
    public void RarelyAcceptsAnythingWhenTheMisreadIsNoLookAlike(string country)
    {
        // A digit read as another digit (3 for 8): mod-97 catches it and the search must not "repair" it into
        // another account. The risk budget (IbanCorrector.RiskBudget, 0.4 %) bounds the expected wrong passes: about
        // 2 in 500 at worst, fewer where the candidate has few look-alikes.
        var faker = new Faker { Random = new Randomizer(country[0] * 7 + country[1]) };
        var wrong = 0;
        var trials = 0;
        for (var attempt = 0; attempt < 5000 && trials < 500; attempt++)
        {
            var genuine = RandomValidIban(faker, country);
            var digits = genuine is null ? [] : Enumerable.Range(4, genuine.Length - 4).Where(i => char.IsAsciiDigit(genuine[i])).ToList();
            if (genuine is null || digits.Count == 0)
            {
                continue;
            }

            trials++;
            var position = faker.PickRandom(digits);
            var other = (char)('0' + ((genuine[position] - '0' + faker.Random.Int(1, 9)) % 10));
            var read = genuine[..position] + other + genuine[(position + 1)..];
            if (IbanCorrector.Correct(read).Iban is { } iban && iban != genuine)
            {
                wrong++;
            }
        }

        Console.WriteLine($"{country}: {trials} misreads outside the look-alikes, {wrong} wrongly repaired");
        wrong.Should().BeLessThanOrEqualTo(5, $"{trials} misreads outside the look-alikes");
    }

    [Theory]
    // The price of refusing a valid reading whose look-alike swap is valid too: paid only where letters and digits
    // may both stand, and a national key makes it rare.
    [InlineData("FR", 0.99)]
    [InlineData("IT", 0.97)]
    [InlineData("DE", 1.0)]
    [InlineData("GB", 1.0)]
    [InlineData("CH", 0.85)]
    [InlineData("LU", 0.85)]
    [InlineData("MT", 0.75)]
    [InlineData("QA", 0.75)]
    public void AcceptsMostGenuineReadingsAsTheyStand(string country, double acceptedAtLeast)
    {
        var faker = new Faker { Random = new Randomizer(country[0] * 13 + country[1]) };
        var accepted = 0;
        var trials = 0;
        for (var attempt = 0; attempt < 4000 && trials < 1000; attempt++)
        {
            if (RandomValidIban(faker, country) is not { } genuine)
            {
                continue;
            }

            trials++;
            accepted += IbanCorrector.Correct(genuine).Outcome == IbanCorrectionOutcome.AlreadyValid ? 1 : 0;
        }

        Console.WriteLine($"{country}: {accepted} of {trials} genuine readings accepted as they stand");
        ((double)accepted / trials).Should().BeGreaterThanOrEqualTo(acceptedAtLeast);
    }

    private static char Partner(char c) => c switch
    {
        '0' => 'O', '1' => 'I', '5' => 'S', '8' => 'B', '2' => 'Z', '6' => 'G',
        'O' => '0', 'I' => '1', 'S' => '5', 'B' => '8', 'Z' => '2', 'G' => '6',
        _ => c,
    };

    /// <summary>A random IBAN of the country that passes every check (national keys computed where we know how).</summary>
    internal static string? RandomValidIban(Faker faker, string country)
    {
        var spec = IbanRegistry.Countries[country];
        var bban = spec.BbanPattern.Select(c => c switch
        {
            'n' => faker.Random.Char('0', '9'),
            'a' => faker.Random.Char('A', 'Z'),
            _ => faker.Random.Int(0, 3) == 0 ? faker.Random.Char('A', 'Z') : faker.Random.Char('0', '9'),
        }).ToArray();
        if (spec.BbanStructure == "5n5n11c2n")
        {
            var key = NationalBankChecks.FrenchRibKey(bban.AsSpan(0, 5), bban.AsSpan(5, 5), bban.AsSpan(10, 11));
            bban[21] = (char)('0' + (key / 10));
            bban[22] = (char)('0' + (key % 10));
        }
        else if (country is "IT" or "SM")
        {
            bban[0] = NationalBankChecks.ItalianCin(bban.AsSpan(1));
        }

        var text = new string(bban);
        var iban = country + Iban.ComputeCheckDigits(country, text) + text;
        return Iban.ValidateNormalized(iban).IsValid ? iban : null;
    }
}
