using Verification.Core.Documents;
using Verification.Core.Documents.Banking;
using Verification.Core.Documents.Mrz;
using Verification.Core.Verifications;
using Verification.Storage.Specification;

namespace Verification.Core.Tests.Documents;

/// <summary>Defects found by running other projects' MRZ and IBAN test suites against ours (issue 21).</summary>
public sealed class Issue21DefectTests
{
    private const string FrL1 = "IDFRADOUEL<<<<<<<<<<<<<<<<<<<<932013";
    private const string Td1L1 = "I<UTOD231458907<<<<<<<<<<<<<<<";
    private const string Td1L2 = "7408122F1204159UTO<<<<<<<<<<<6";
    private const string Td3L2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10";
    private const string Td2L2 = "D231458907UTO7408122F1204159<<<<<<<6";

    // A truncated surname that fills all 30 positions of the TD1 name line: letters only, no filler.
    private const string FullSurname = "WOLFESCHLEGELSTEINHAUSENBERGER";

    private static MrzResult Parse(string text, DateTimeOffset? now = null)
    {
        var outcome = MrzParser.Parse(text, new ManualClock(now ?? Independent.Now));
        outcome.IsSuccess.Should().BeTrue(outcome.Failure?.Detail);
        return outcome.Value;
    }

    // A French card of 1988-2021 issued in the given year and month to a holder born on the given date (yymmdd).
    private static string FrenchCard(int issueYear, int issueMonth, string birth)
    {
        var number = $"{issueYear % 100:00}{issueMonth:00}" + "750" + "12345";
        var l2 = number + Independent.Digit(number) + "CHRISTIANE<<NI" + birth + Independent.Digit(birth) + "F";
        l2 += Independent.Digit(FrL1 + l2);
        return FrL1 + "\n" + l2;
    }

    [Theory]
    [InlineData(2014, 1, "2029-01-31")]
    [InlineData(2016, 6, "2031-06-30")]
    [InlineData(2021, 3, "2036-03-31")]
    public void GivesAnAdultsFrenchCardIssuedFrom2014FifteenYears(int year, int month, string expected)
    {
        var mrz = Parse(FrenchCard(year, month, "800412"), new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero));
        mrz.AllCheckDigitsValid.Should().BeTrue();
        mrz.EstimatedExpiryDate.Should().Be(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            "décret n° 2013-1188: adults' cards issued from 2014 are valid 15 years");
    }

    [Fact]
    public void KeepsTenYearsForAMinorsFrenchCardIssuedAfter2014()
    {
        // Born 2005, card issued 2016-06: a minor's card stays at 10 years.
        var mrz = Parse(FrenchCard(2016, 6, "050412"), new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero));
        mrz.EstimatedExpiryDate.Should().Be(new DateOnly(2026, 6, 30));
    }

    [Fact]
    public void DoesNotCallAnAdultsFrenchCardOf2016ExpiredIn2027()
    {
        var checker = new IdentityDocumentChecker(new ManualClock(new DateTimeOffset(2027, 3, 1, 0, 0, 0, TimeSpan.Zero)));
        var result = checker.Check(FrenchCard(2016, 6, "800412"));
        result.Controls.Single(c => c.Code == ControlCodes.DocumentValidity).Result.Should().Be(ControlOutcome.Passed);
        result.Status.Should().Be(AnalysisStatus.Conform);
    }

    [Fact]
    public void ReadsATd1WhoseNameLineIsAllLetters()
    {
        FullSurname.Length.Should().Be(30);
        var mrz = Parse(Td1L1 + "\n" + Td1L2 + "\n" + FullSurname);
        mrz.Format.Should().Be(MrzFormat.Td1);
        mrz.Fields.LastName.Should().Be(FullSurname);
        mrz.Fields.FirstName.Should().BeNull();
        mrz.NamesMayBeTruncated.Should().BeTrue();
        mrz.AllCheckDigitsValid.Should().BeTrue();
        mrz.Corrections.Should().BeEmpty();
    }

    [Fact]
    public void ReadsATd3WhoseNameLineIsAllLetters()
    {
        // A two-letter document code and a surname filling the 39 name positions: no filler on the line.
        var line1 = "PD" + "UTO" + (FullSurname + "ABCDEFGHI");
        line1.Length.Should().Be(44);
        var mrz = Parse(line1 + "\n" + Td3L2);
        mrz.Format.Should().Be(MrzFormat.Td3);
        mrz.Fields.LastName.Should().Be(FullSurname + "ABCDEFGHI");
        mrz.AllCheckDigitsValid.Should().BeTrue();
    }

    [Fact]
    public void ReadsATd2WhoseNameLineIsAllLetters()
    {
        var line1 = "ID" + "UTO" + (FullSurname + "A");
        line1.Length.Should().Be(36);
        var mrz = Parse(line1 + "\n" + Td2L2);
        mrz.Format.Should().Be(MrzFormat.Td2);
        mrz.Fields.LastName.Should().Be(FullSurname + "A");
        mrz.AllCheckDigitsValid.Should().BeTrue();
    }

    [Fact]
    public void KnowsHondurasFromIbanRegistryRelease99()
    {
        IbanRegistry.Countries.Should().ContainKey("HN");
        IbanRegistry.Countries["HN"].Length.Should().Be(28);
        IbanRegistry.Countries["HN"].BbanStructure.Should().Be("4a20n");
        Iban.Validate("HN88CABF00000000000250005469").IsValid.Should().BeTrue();
        Iban.Validate("HN88CABF0000000000025000546A").IsValid.Should().BeFalse();
    }

    [Fact]
    public void SaysWhichRegistryReleaseItFollows() =>
        IbanRegistry.Release.Should().BeGreaterThanOrEqualTo(101);

    [Fact]
    public void WarnsWhenTheExpiryDateFallsBeforeTheBirthDate()
    {
        // Born 1980-01-01, expiry 700601 read as 1970: a date order no genuine document has.
        var l2 = "L898902C3" + "6" + "UTO" + "800101" + Independent.Digit("800101") + "F" + "700601" + Independent.Digit("700601")
                 + "ZE184226B<<<<<" + Independent.Digit("ZE184226B<<<<<");
        l2 += Independent.Digit(l2[..10] + l2[13..20] + l2[21..43]);
        var result = new IdentityDocumentChecker(Independent.Clock()).Check("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n" + l2);
        result.Controls.Single(c => c.Code == ControlCodes.MrzCheckDigits).Result.Should().Be(ControlOutcome.Passed);
        result.Controls.Single(c => c.Code == ControlCodes.MrzDatesPlausible).Result.Should().Be(ControlOutcome.Warning);
    }

    [Fact]
    public void PassesTheDateOrderOfAnOrdinaryDocument()
    {
        var result = new IdentityDocumentChecker(Independent.Clock()).Check("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n" + Td3L2);
        result.Controls.Single(c => c.Code == ControlCodes.MrzDatesPlausible).Result.Should().Be(ControlOutcome.Passed);
    }
}
