using Bogus;
using Verification.Core.Documents.Mrz;
using Verification.Core.Tests.Documents;

namespace Verification.Core.Tests.Documents.Mrz;

/// <summary>Zones generated with Bogus; every check digit is computed by <see cref="Independent"/>.</summary>
public sealed class MrzGeneratedTests
{
    public sealed record Person(string Surname, string Given, DateOnly Birth, DateOnly Expiry, char Sex, string Number, string Country, string Personal)
    {
        public override string ToString() => $"{Surname}/{Number}";
    }

    private static readonly string[] Countries = ["FRA", "D<<", "UTO", "GBR", "ITA", "ESP", "BEL", "NLD", "USA", "CAN", "XXA", "CHE"];

    private static IEnumerable<Person> People(int seed, int count)
    {
        var faker = new Faker { Random = new Randomizer(seed) };
        for (var i = 0; i < count; i++)
        {
            var surname = Clean(faker.Name.LastName());
            var given = Clean(faker.Name.FirstName()) + (faker.Random.Bool() ? " " + Clean(faker.Name.FirstName()) : string.Empty);
            var birth = DateOnly.FromDateTime(faker.Date.Between(new DateTime(1930, 1, 1), new DateTime(2024, 12, 31)));
            var expiry = DateOnly.FromDateTime(faker.Date.Between(new DateTime(2016, 1, 1), new DateTime(2036, 12, 31)));
            var number = faker.Random.String2(faker.Random.Int(6, 9), "ABCDEFGHJKLMNPRTUVWXY0123456789");
            var personal = faker.Random.Bool() ? faker.Random.String2(faker.Random.Int(0, 14), "0123456789ABCDEF") : string.Empty;
            yield return new Person(surname, given, birth, expiry, faker.PickRandom('M', 'F', '<'), number, faker.PickRandom(Countries), personal);
        }
    }

    private static string Clean(string name) => new(name.ToUpperInvariant().Where(char.IsAsciiLetterUpper).ToArray());

    private static string Names(Person p, int width)
    {
        var names = p.Surname + "<<" + p.Given.Replace(' ', '<');
        return names.Length > width ? names[..width] : names.PadRight(width, '<');
    }

    private static string Date(DateOnly d) => d.ToString("yyMMdd", System.Globalization.CultureInfo.InvariantCulture);

    public static TheoryData<Person> Td3People() => [.. People(3, 150)];

    public static TheoryData<Person> Td1People() => [.. People(1, 150)];

    public static TheoryData<Person> Td2People() => [.. People(2, 100)];

    [Theory]
    [MemberData(nameof(Td3People))]
    public void ReadsGeneratedTd3Zones(Person p)
    {
        var l1 = "P<" + p.Country + Names(p, 39);
        var number = p.Number.PadRight(9, '<');
        var personal = p.Personal.PadRight(14, '<');
        var personalDigit = p.Personal.Length == 0 ? '<' : Independent.Digit(personal);
        var l2 = number + Independent.Digit(number) + p.Country + Date(p.Birth) + Independent.Digit(Date(p.Birth)) + p.Sex
                 + Date(p.Expiry) + Independent.Digit(Date(p.Expiry)) + personal + personalDigit;
        l2 += Independent.Digit(l2[..10] + l2[13..20] + l2[21..43]);

        var mrz = MrzParser.Parse(l1 + "\n" + l2, Independent.Clock()).Value;

        mrz.Format.Should().Be(MrzFormat.Td3);
        mrz.AllCheckDigitsValid.Should().BeTrue();
        mrz.Fields.DocumentNumber.Should().Be(p.Number);
        mrz.Fields.LastName.Should().Be(p.Surname);
        mrz.Fields.BirthDate.Should().Be(p.Birth);
        mrz.Fields.ExpiryDate.Should().Be(p.Expiry);
        mrz.Fields.Sex.Should().Be(p.Sex == '<' ? "X" : p.Sex.ToString());
        mrz.Fields.Nationality.Should().Be(p.Country.TrimEnd('<'));
        if (!mrz.NamesMayBeTruncated)
        {
            mrz.Fields.FirstName.Should().Be(p.Given);
        }
    }

    [Theory]
    [MemberData(nameof(Td1People))]
    public void ReadsGeneratedTd1Zones(Person p)
    {
        var number = p.Number.PadRight(9, '<');
        var l1 = ("I<" + p.Country + number + Independent.Digit(number) + p.Personal).PadRight(30, '<')[..30];
        var l2 = Date(p.Birth) + Independent.Digit(Date(p.Birth)) + p.Sex + Date(p.Expiry) + Independent.Digit(Date(p.Expiry)) + p.Country + new string('<', 11);
        l2 += Independent.Digit(l1[5..30] + l2[..7] + l2[8..15] + l2[18..29]);
        var l3 = Names(p, 30);

        var mrz = MrzParser.Parse(string.Join('\n', l1, l2, l3), Independent.Clock()).Value;

        mrz.Format.Should().Be(MrzFormat.Td1);
        mrz.AllCheckDigitsValid.Should().BeTrue();
        mrz.Fields.DocumentNumber.Should().Be(p.Number);
        mrz.Fields.BirthDate.Should().Be(p.Birth);
    }

    [Theory]
    [MemberData(nameof(Td2People))]
    public void ReadsGeneratedTd2ZonesAndDetectsOneChangedDigit(Person p)
    {
        var l1 = "I<" + p.Country + Names(p, 31);
        var number = p.Number.PadRight(9, '<');
        var l2 = number + Independent.Digit(number) + p.Country + Date(p.Birth) + Independent.Digit(Date(p.Birth)) + p.Sex
                 + Date(p.Expiry) + Independent.Digit(Date(p.Expiry)) + "<<<<<<<";
        l2 += Independent.Digit(l2[..10] + l2[13..20] + l2[21..35]);

        var mrz = MrzParser.Parse(l1 + "\n" + l2, Independent.Clock()).Value;
        mrz.AllCheckDigitsValid.Should().BeTrue();
        mrz.Fields.ExpiryDate.Should().Be(p.Expiry);

        // Change the day of birth: birth and composite digits must fail.
        var day = l2[18];
        var forged = l2[..18] + (day == '1' ? '2' : '1') + l2[19..];
        var forgedMrz = MrzParser.Parse(l1 + "\n" + forged, Independent.Clock()).Value;
        forgedMrz.CheckDigits.Single(d => d.Kind == MrzCheckDigitKind.BirthDate).IsValid.Should().BeFalse();
        forgedMrz.CheckDigits.Single(d => d.Kind == MrzCheckDigitKind.Composite).IsValid.Should().BeFalse();
    }

    [Theory]
    [InlineData("L898902C36UTO7408122F1204159ZE184226B<<<<<10")]
    [InlineData("X5K83R2L<5FRA9001011M3001019<<<<<<<<<<<<<<06")]
    public void ReportsEachTd3DigitAsAnIndependentComputationDoesWhateverCharacterChanges(string line2)
    {
        // Every position of the second line takes a digit, a letter and a filler in turn; each reported digit must agree
        // with the field's digit computed here, the composite over positions 0-9, 13-19 and 21-42 included.
        const string line1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
        var options = new MrzParserOptions { CorrectOcrConfusions = false };
        for (var position = 0; position < line2.Length; position++)
        {
            foreach (var replacement in "7Q<")
            {
                var l2 = line2[..position] + replacement + line2[(position + 1)..];
                var mrz = MrzParser.Parse(line1 + "\n" + l2, Independent.Clock(), options).Value;

                var expected = new Dictionary<MrzCheckDigitKind, bool>
                {
                    [MrzCheckDigitKind.DocumentNumber] = Holds(l2[..9], l2[9]),
                    [MrzCheckDigitKind.BirthDate] = Holds(l2[13..19], l2[19]),
                    [MrzCheckDigitKind.ExpiryDate] = Holds(l2[21..27], l2[27]),
                    [MrzCheckDigitKind.PersonalNumber] = Holds(l2[28..42], l2[42]),
                    [MrzCheckDigitKind.Composite] = char.IsAsciiDigit(l2[43]) && Independent.CheckDigit(l2[..10] + l2[13..20] + l2[21..43]) == l2[43] - '0',
                };
                mrz.CheckDigits.Should().BeEquivalentTo(
                    expected.Select(e => new MrzCheckDigit(e.Key, e.Value)),
                    $"'{replacement}' at position {position}: {l2}");
            }
        }

        // A filler stands for a digit only where the whole field is fillers (an empty optional field).
        static bool Holds(string field, char check) =>
            check == '<' ? field.All(c => c == '<') : char.IsAsciiDigit(check) && Independent.CheckDigit(field) == check - '0';
    }

    [Theory]
    [InlineData("2026-11-21", 20, "461121", 2046)]
    [InlineData("2026-11-21", 20, "461122", 1946)]
    [InlineData("2026-11-21", 5, "311121", 2031)]
    [InlineData("2026-11-21", 5, "320101", 1932)]
    [InlineData("2028-02-29", 1, "290228", 2029)]
    [InlineData("2028-02-29", 1, "290301", 1929)]
    [InlineData("2028-02-29", 4, "320229", 2032)]
    [InlineData("2028-02-29", 4, "320301", 1932)]
    public void PutsAnExpiryDateInTheCenturyTheHorizonAllows(string today, int horizonYears, string expiry, int expectedYear)
    {
        // An expiry date up to the horizon (the same day that many years on, 28 February for a 29th) is in this century.
        var l2 = "L898902C<3UTO7408122F" + expiry + Independent.Digit(expiry) + "ZE184226B<<<<<1";
        l2 += Independent.Digit(l2[..10] + l2[13..20] + l2[21..43]);
        var clock = new Verification.Storage.Specification.ManualClock(new DateTimeOffset(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), TimeOnly.MinValue, TimeSpan.Zero));

        var mrz = MrzParser.Parse("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n" + l2, clock, new MrzParserOptions { ExpiryHorizonYears = horizonYears }).Value;

        mrz.Fields.ExpiryDate!.Value.Year.Should().Be(expectedYear);
        mrz.AllCheckDigitsValid.Should().BeTrue();
    }

    [Theory]
    [InlineData("000229", true)]
    [InlineData("040229", true)]
    [InlineData("050229", false)]
    [InlineData("990229", false)]
    [InlineData("960229", true)]
    [InlineData("260431", false)]
    [InlineData("261231", true)]
    [InlineData("261301", false)]
    [InlineData("260100", false)]
    public void ReadsOnlyDatesTheCalendarHas(string birth, bool readable)
    {
        var l2 = "L898902C<3UTO" + birth + Independent.Digit(birth) + "F1204159ZE184226B<<<<<1";
        l2 += Independent.Digit(l2[..10] + l2[13..20] + l2[21..43]);

        var mrz = MrzParser.Parse("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n" + l2, Independent.Clock()).Value;

        mrz.BirthDateReadable.Should().Be(readable);
        if (readable)
        {
            var (year, month, day) = mrz.Fields.BirthDate!.Value;
            (year % 100, month, day).Should().Be((int.Parse(birth[..2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(birth[2..4], System.Globalization.CultureInfo.InvariantCulture), int.Parse(birth[4..], System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}
