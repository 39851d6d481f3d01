using Verification.Core.Documents.Mrz;
using Verification.Reading.Tesseract.Mrz;
using Verification.Reading.Tesseract.Tests.Specimens;
using Verification.SpecimenBuilders;

namespace Verification.Reading.Tesseract.Tests;

public sealed class ZoneLayoutTests
{
    private static readonly TimeProvider Clock = SpecimenGenerator.Clock();

    private static MrzResult Parse(params string[] lines)
    {
        var parsed = MrzParser.Parse(string.Join('\n', lines), Clock);
        parsed.IsSuccess.Should().BeTrue();
        return parsed.Value;
    }

    private static string[] Passport(string line1) =>
        [line1, MrzBuilder.Td3("FRA", "MARTIN", ["CLAIRE"], "12AB34567", "FRA", new DateOnly(1980, 1, 1), 'F', new DateOnly(2030, 1, 1), string.Empty)[1]];

    [Fact]
    public void AcceptsAZoneWhoseUncheckedFieldsLookReal()
    {
        var lines = MrzBuilder.Td3("FRA", "MARTIN", ["CLAIRE", "ANNE"], "12AB34567", "FRA", new DateOnly(1980, 1, 1), 'F', new DateOnly(2030, 1, 1), string.Empty);

        ZoneLayout.IsPlausible(Parse(lines)).Should().BeTrue();
    }

    [Theory]
    [InlineData("7<LIBQIW1719PJALHHUMC<LI7IJIAUHCLIII5LFHPB<H")] // the name line garbled: the second line's digits still hold
    [InlineData("P<QQQMARTIN<<CLAIRE<<<<<<<<<<<<<<<<<<<<<<<<<")] // no such issuing state
    [InlineData("P<FRAMARTIN<<CLAIRE<<<<<<<<<<<<<<<Z<<<<<<<<<")] // a letter alone among the trailing fillers
    [InlineData("P<FRAMA<<<RTIN<<CLAIRE<<<<<<<<<<<<<<<<<<<<<<")] // three fillers inside the name
    public void RejectsAPassportWhoseNameLineCannotBeRealThoughItsCheckDigitsHold(string line1)
    {
        var result = Parse(Passport(line1));

        result.AllCheckDigitsValid.Should().BeTrue();
        ZoneLayout.IsPlausible(result).Should().BeFalse();
    }

    [Fact]
    public void RejectsAnIdentityCardWithAnUnknownDocumentCodeOrNationality()
    {
        var lines = MrzBuilder.Td1("PRT", "SCHINDZIELORZ", ["KIM"], "K01LX3225", "PRT", new DateOnly(1981, 2, 13), 'M', new DateOnly(2031, 1, 2), string.Empty);
        ZoneLayout.IsPlausible(Parse(lines)).Should().BeTrue();

        ZoneLayout.IsPlausible(Parse(["ZD" + lines[0][2..], lines[1], lines[2]])).Should().BeFalse();
        ZoneLayout.IsPlausible(Parse([lines[0], lines[1][..15] + "PRF" + lines[1][18..], lines[2]])).Should().BeFalse();
    }

    [Fact]
    public void CoversWithCheckDigitsTheNumbersAndDatesButNotTheNamesOrCodes()
    {
        // TD1: document number (line 1 from column 5), dates (line 2), but not the codes, the sex nor the names.
        ZoneLayout.Covered(3, 30, french: false, line: 0, column: 2).Should().BeFalse();
        ZoneLayout.Covered(3, 30, french: false, line: 0, column: 7).Should().BeTrue();
        ZoneLayout.Covered(3, 30, french: false, line: 1, column: 3).Should().BeTrue();
        ZoneLayout.Covered(3, 30, french: false, line: 1, column: 7).Should().BeFalse();
        ZoneLayout.Covered(3, 30, french: false, line: 2, column: 0).Should().BeFalse();

        // TD3: the whole first line is unchecked; the second line except nationality and sex is checked.
        ZoneLayout.Covered(2, 44, french: false, line: 0, column: 10).Should().BeFalse();
        ZoneLayout.Covered(2, 44, french: false, line: 1, column: 11).Should().BeFalse();
        ZoneLayout.Covered(2, 44, french: false, line: 1, column: 30).Should().BeTrue();
    }
}
