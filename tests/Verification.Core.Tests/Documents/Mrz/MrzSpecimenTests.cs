using Verification.Core.Documents.Mrz;
using Verification.Core.Tests.Documents;
using Verification.Core.Verifications;

namespace Verification.Core.Tests.Documents.Mrz;

public sealed class MrzSpecimenTests
{
    private const string Td3L1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
    private const string Td3L2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10";
    private const string Td1L1 = "I<UTOD231458907<<<<<<<<<<<<<<<";
    private const string Td1L2 = "7408122F1204159UTO<<<<<<<<<<<6";
    private const string Td1L3 = "ERIKSSON<<ANNA<MARIA<<<<<<<<<<";
    private const string Td2L1 = "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<";
    private const string Td2L2 = "D231458907UTO7408122F1204159<<<<<<<6";
    private const string MrvAL1 = "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
    private const string MrvAL2 = "L8988901C4XXX4009078F96121096ZE184226B<<<<<<";
    private const string MrvBL1 = "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<";
    private const string MrvBL2 = "L8988901C4XXX4009078F9612109<<<<<<<<";
    private const string FrL1 = "IDFRADOUEL<<<<<<<<<<<<<<<<<<<<932013";
    private const string FrL2 = "0506932020438CHRISTIANE<<NI2906209F3";

    private static MrzResult Parse(string text)
    {
        var outcome = MrzParser.Parse(text, Independent.Clock());
        outcome.IsSuccess.Should().BeTrue(outcome.Failure?.Detail);
        return outcome.Value;
    }

    [Fact]
    public void KeepsAGenuineTrailingInitialOfAFullFrenchGivenNamesFieldThatTheCompositeDigitConfirms()
    {
        // CHRISTOPHER<<C fills the 14 characters: the lone C reads like a misread filler, but the composite
        // digit, which covers the names on this card, says it is printed.
        var line1 = "IDFRA" + "MARTIN".PadRight(25, '<') + "750123";
        var number = "1206750123456";
        var body = number[..12] + Independent.Digit(number[..12]) + "CHRISTOPHER<<C" + "850412" + Independent.Digit("850412") + "M";
        var line2 = body + Independent.Digit(line1 + body);

        var mrz = Parse(line1 + "\n" + line2);

        mrz.AllCheckDigitsValid.Should().BeTrue();
        mrz.Fields.FirstName.Should().Be("CHRISTOPHER C");
        mrz.Corrections.Should().BeEmpty();
    }

    [Theory]
    [InlineData("D23145890", 7)]
    [InlineData("L898902C", 3)]
    [InlineData("740812", 2)]
    [InlineData("120415", 9)]
    [InlineData("520727", 3)]
    [InlineData("AB2134", 5)]
    [InlineData("HA672242", 6)]
    [InlineData("<<<<<<<<<", 0)]
    public void ComputesIcaoPart3CheckDigitExamples(string field, int expected) =>
        MrzCheckDigitCalculator.Compute(field).Should().Be(expected);

    [Fact]
    public void RejectsCharactersOutsideTheMrzAlphabetInCheckDigits() =>
        MrzCheckDigitCalculator.Compute("AB-12").Should().Be(-1);

    [Fact]
    public void WeighsEveryCharacterAsIcaoSaysWhereverItStands()
    {
        // Each character in each of the three weight positions, against values written out here: digits as
        // themselves, A-Z as 10-35, the filler as 0, anything else refused.
        for (var c = (char)0; c < 0x180; c++)
        {
            int? value = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'A' and <= 'Z' => c - 'A' + 10,
                '<' => 0,
                _ => null,
            };
            for (var position = 0; position < 3; position++)
            {
                var field = new string('<', position) + c;
                var expected = value is { } v ? v * new[] { 7, 3, 1 }[position] % 10 : -1;
                MrzCheckDigitCalculator.Compute(field).Should().Be(expected, $"U+{(int)c:X4} at position {position}");
            }
        }
    }

    [Fact]
    public void ReadsTheIcaoTd3PassportSpecimen()
    {
        var mrz = Parse(Td3L1 + "\n" + Td3L2);
        mrz.Format.Should().Be(MrzFormat.Td3);
        mrz.DocumentType.Should().Be(DocumentTypes.Passport);
        mrz.Fields.DocumentNumber.Should().Be("L898902C3");
        mrz.Fields.LastName.Should().Be("ERIKSSON");
        mrz.Fields.FirstName.Should().Be("ANNA MARIA");
        mrz.Fields.BirthDate.Should().Be(new DateOnly(1974, 8, 12));
        mrz.Fields.ExpiryDate.Should().Be(new DateOnly(2012, 4, 15));
        mrz.Fields.Sex.Should().Be("F");
        mrz.Fields.Nationality.Should().Be("UTO");
        mrz.Fields.IssuingCountry.Should().Be("UTO");
        mrz.Fields.Mrz.Should().Equal(Td3L1, Td3L2);
        mrz.CheckDigits.Should().HaveCount(5).And.OnlyContain(d => d.IsValid);
        mrz.Corrections.Should().BeEmpty();
        mrz.IssuingCountryKnown.Should().BeTrue();
        mrz.NamesMayBeTruncated.Should().BeFalse();
    }

    [Fact]
    public void AnswersAllCheckDigitsValidFromTheDigitsTheResultHolds()
    {
        var mrz = Parse(Td3L1 + "\n" + Td3L2);
        mrz.AllCheckDigitsValid.Should().BeTrue();
        mrz.CheckDigits.Should().NotBeAssignableTo<MrzCheckDigit[]>("the parser's lists are shared between parses and must stay read-only");

        // A result copied with other digits answers from those digits, not from what the parser found.
        (mrz with { CheckDigits = [.. mrz.CheckDigits.Take(4), new MrzCheckDigit(MrzCheckDigitKind.Composite, false)] })
            .AllCheckDigitsValid.Should().BeFalse();
        var forged = Parse(Td3L1 + "\n" + Td3L2[..43] + "9");
        forged.AllCheckDigitsValid.Should().BeFalse();
        (forged with { CheckDigits = [.. forged.CheckDigits.Select(d => d with { IsValid = true })] }).AllCheckDigitsValid.Should().BeTrue();
    }

    [Fact]
    public void ReadsTheIcaoTd1CardSpecimen()
    {
        var mrz = Parse(string.Join('\n', Td1L1, Td1L2, Td1L3));
        mrz.Format.Should().Be(MrzFormat.Td1);
        mrz.DocumentType.Should().Be(DocumentTypes.IdCard);
        mrz.Fields.DocumentNumber.Should().Be("D23145890");
        mrz.Fields.FirstName.Should().Be("ANNA MARIA");
        mrz.Fields.LastName.Should().Be("ERIKSSON");
        mrz.CheckDigits.Select(d => d.Kind).Should().Equal(MrzCheckDigitKind.DocumentNumber, MrzCheckDigitKind.BirthDate, MrzCheckDigitKind.ExpiryDate, MrzCheckDigitKind.Composite);
        mrz.AllCheckDigitsValid.Should().BeTrue();
    }

    [Fact]
    public void ReadsTheIcaoTd2Specimen()
    {
        var mrz = Parse(Td2L1 + "\r\n" + Td2L2);
        mrz.Format.Should().Be(MrzFormat.Td2);
        mrz.Fields.DocumentNumber.Should().Be("D23145890");
        mrz.AllCheckDigitsValid.Should().BeTrue();
        mrz.CheckDigits.Should().HaveCount(4);
    }

    [Fact]
    public void ReadsTheMrvAVisaSpecimen()
    {
        var mrz = Parse(MrvAL1 + "\n" + MrvAL2);
        mrz.Format.Should().Be(MrzFormat.MrvA);
        mrz.DocumentType.Should().Be(DocumentTypes.Visa);
        mrz.Fields.DocumentNumber.Should().Be("L8988901C");
        mrz.Fields.Nationality.Should().Be("XXX");
        mrz.Fields.BirthDate.Should().Be(new DateOnly(1940, 9, 7));
        mrz.Fields.ExpiryDate.Should().Be(new DateOnly(1996, 12, 10));
        mrz.CheckDigits.Should().HaveCount(3).And.OnlyContain(d => d.IsValid);
    }

    [Fact]
    public void ReadsTheMrvBVisaSpecimen()
    {
        var mrz = Parse(MrvBL1 + "\n" + MrvBL2);
        mrz.Format.Should().Be(MrzFormat.MrvB);
        mrz.DocumentType.Should().Be(DocumentTypes.Visa);
        mrz.AllCheckDigitsValid.Should().BeTrue();
    }

    [Fact]
    public void ReadsTheFrenchLegacyIdentityCardSpecimen()
    {
        var mrz = Parse(FrL1 + "\n" + FrL2);
        mrz.Format.Should().Be(MrzFormat.FrenchIdLegacy);
        mrz.DocumentType.Should().Be(DocumentTypes.FrenchIdLegacy);
        mrz.Fields.LastName.Should().Be("DOUEL");
        mrz.Fields.FirstName.Should().Be("CHRISTIANE NI");
        mrz.Fields.DocumentNumber.Should().Be("050693202043");
        mrz.Fields.BirthDate.Should().Be(new DateOnly(1929, 6, 20));
        mrz.Fields.Sex.Should().Be("F");
        mrz.Fields.Nationality.Should().Be("FRA");
        mrz.Fields.ExpiryDate.Should().BeNull();
        mrz.IssueMonth.Should().Be(new DateOnly(2005, 6, 1));
        mrz.EstimatedExpiryDate.Should().Be(new DateOnly(2020, 6, 30), "an adult's card issued in 2005 is valid 15 years");
        mrz.AllCheckDigitsValid.Should().BeTrue();
    }

    [Fact]
    public void GivesAMinorsFrenchCardTenYears()
    {
        // Born 2000, card issued 2005-06: a minor's card keeps 10 years.
        var l2 = "050693202043" + "8" + "CHRISTIANE<<NI" + "000620";
        l2 += Independent.Digit("000620") + "F";
        var l1 = FrL1;
        l2 += Independent.Digit(l1 + l2);
        var mrz = Parse(l1 + "\n" + l2);
        mrz.EstimatedExpiryDate.Should().Be(new DateOnly(2015, 6, 30));
    }

    [Fact]
    public void ReadsMessyInputWithLowerCaseSpacesAndBlankLines()
    {
        var text = "\n\n  p<uto eriksson<<anna<maria<<<<<<<<<<<<<<<<<<<  \n\n  L898902C36UTO 7408122F1204159ZE184226B<<<<<10 \n";
        var mrz = Parse(text);
        mrz.Fields.LastName.Should().Be("ERIKSSON");
        mrz.AllCheckDigitsValid.Should().BeTrue();
        mrz.Corrections.Should().BeEmpty();
    }

    [Fact]
    public void IgnoresTextAroundTheZone()
    {
        var text = "PASSPORT\nUtopia\nSurname: Eriksson\n" + Td3L1 + "\n" + Td3L2;
        Parse(text).Fields.DocumentNumber.Should().Be("L898902C3");
    }

    [Theory]
    [InlineData(-2)]
    [InlineData(-1)]
    [InlineData(1)]
    [InlineData(2)]
    public void RepairsLinesOneOrTwoFillersShortOrLong(int delta)
    {
        string Adjust(string line, int at) => delta < 0 ? line.Remove(at, -delta) : line.Insert(at, new string('<', delta));
        var l1 = Adjust(Td3L1, 30);
        var l2 = Adjust(Td3L2, 38);
        var mrz = Parse(l1 + "\n" + l2);
        mrz.Fields.Mrz.Should().Equal(Td3L1, Td3L2);
        mrz.AllCheckDigitsValid.Should().BeTrue();
        mrz.Corrections.Should().OnlyContain(c => c.Reason == MrzCorrectionReason.LineLength).And.HaveCount(Math.Abs(delta) * 2);
    }

    [Fact]
    public void ReadsFillersReadAsSpaces()
    {
        var mrz = Parse("P<UTOERIKSSON  ANNA MARIA\nL898902C36UTO7408122F1204159ZE184226B     10");
        mrz.Fields.FirstName.Should().Be("ANNA MARIA");
        mrz.Fields.Mrz![1].Should().Be(Td3L2);
        mrz.AllCheckDigitsValid.Should().BeTrue();
    }

    [Fact]
    public void CorrectsLettersInDatesAndDigitsInNamesByPosition()
    {
        var l1 = "P<UT0ERIKSS0N<<ANNA<MAR1A<<<<<<<<<<<<<<<<<<<";
        var l2 = "L898902C36UTO74O8I22F12O4I59ZE184226B<<<<<1O";
        var mrz = Parse(l1 + "\n" + l2);
        mrz.Fields.Mrz.Should().Equal(Td3L1, Td3L2);
        mrz.Fields.IssuingCountry.Should().Be("UTO");
        mrz.Corrections.Should().OnlyContain(c => c.Reason == MrzCorrectionReason.PositionRule);
        mrz.Corrections.Should().Contain(new MrzCorrection(0, 4, '0', 'O', MrzCorrectionReason.PositionRule));
        mrz.Corrections.Should().Contain(new MrzCorrection(1, 15, 'O', '0', MrzCorrectionReason.PositionRule));
        mrz.AllCheckDigitsValid.Should().BeTrue();
    }

    [Fact]
    public void CorrectsAnAmbiguousDocumentNumberCharacterOnlyWhenTheCheckDigitConfirms()
    {
        // "L898902C3" read as "L8989O2C3": O/0 in an alphanumeric field, confirmed by the check digit 6.
        var l2 = "L8989O2C36UTO7408122F1204159ZE184226B<<<<<10";
        var mrz = Parse(Td3L1 + "\n" + l2);
        mrz.Fields.DocumentNumber.Should().Be("L898902C3");
        mrz.Corrections.Should().ContainSingle().Which.Should().Be(new MrzCorrection(1, 5, 'O', '0', MrzCorrectionReason.CheckDigit));
        mrz.AllCheckDigitsValid.Should().BeTrue();
    }

    [Fact]
    public void LeavesAForgedDocumentNumberAloneAndReportsItsCheckDigit()
    {
        var l2 = "L898903C36UTO7408122F1204159ZE184226B<<<<<10";
        var mrz = Parse(Td3L1 + "\n" + l2);
        mrz.Fields.DocumentNumber.Should().Be("L898903C3");
        mrz.CheckDigits.Single(d => d.Kind == MrzCheckDigitKind.DocumentNumber).IsValid.Should().BeFalse();
        mrz.CheckDigits.Single(d => d.Kind == MrzCheckDigitKind.Composite).IsValid.Should().BeFalse();
        mrz.CheckDigits.Single(d => d.Kind == MrzCheckDigitKind.BirthDate).IsValid.Should().BeTrue();
    }

    [Fact]
    public void DoesNotCorrectWhenOcrCorrectionIsOff()
    {
        var l2 = "L8989O2C36UTO7408122F1204159ZE184226B<<<<<10";
        var mrz = MrzParser.Parse(Td3L1 + "\n" + l2, Independent.Clock(), new MrzParserOptions { CorrectOcrConfusions = false }).Value;
        mrz.Corrections.Should().BeEmpty();
        mrz.AllCheckDigitsValid.Should().BeFalse();
    }

    [Theory]
    [InlineData("P<UTOERIKSSON<<ANNA<MARIA<<<<<KKKKKKKKKKKKKK")]
    [InlineData("P<UTOERIKSSON<<ANNA<MARIAKKKKKKKKKKKKKKKKKKK")]
    [InlineData("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<K")]
    [InlineData("P<UTOERIKSSON<<ANNA<MARIA<<<<<<C<<<<<<<<X<<<")]
    [InlineData("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<CCCC<<<<<")]
    public void TurnsFillerRunsReadAsLettersBackIntoFillers(string line1)
    {
        var mrz = Parse(line1 + "\n" + Td3L2);
        mrz.Fields.FirstName.Should().Be("ANNA MARIA");
        mrz.Fields.Mrz![0].Should().Be(Td3L1);
        mrz.Corrections.Should().NotBeEmpty().And.OnlyContain(c => c.Reason == MrzCorrectionReason.FillerRun && c.To == '<');
    }

    [Fact]
    public void KeepsNamesEndingInLettersThatLookLikeFillers()
    {
        var l1 = "P<UTOHICKS<<MAX".PadRight(44, '<');
        var mrz = Parse(l1 + "\n" + Td3L2);
        mrz.Fields.LastName.Should().Be("HICKS");
        mrz.Fields.FirstName.Should().Be("MAX");
        mrz.Corrections.Should().BeEmpty();
    }

    [Theory]
    [InlineData("L898902C36UTO7408122F1204159ZE184226BKKKKK10")]
    [InlineData("L898902C36UTO7408122F1204159ZE184226BXXXXX10")]
    [InlineData("L898902C36UTO7408122F1204159ZE184226B<CCC<10")]
    public void RestoresAPersonalNumberFillerRunConfirmedByItsCheckDigit(string l2)
    {
        var mrz = Parse(Td3L1 + "\n" + l2);
        mrz.Fields.Mrz![1].Should().Be(Td3L2);
        mrz.AllCheckDigitsValid.Should().BeTrue();
    }

    [Fact]
    public void ReadsALongDocumentNumberTheIcaoWay()
    {
        // TD1: 12-character number D23145890AB1, first nine in the field, a filler in the check position,
        // the rest and the check digit at the start of the optional data.
        var number = "D23145890AB1";
        var l1 = "I<UTO" + number[..9] + "<" + number[9..] + Independent.Digit(number) + "<";
        l1 = l1.PadRight(30, '<');
        var l2 = "7408122F1204159UTO<<<<<<<<<<<";
        l2 += Independent.Digit(l1[5..30] + l2[..7] + l2[8..15] + l2[18..29]);
        var mrz = Parse(string.Join('\n', l1, l2, Td1L3));
        mrz.Fields.DocumentNumber.Should().Be(number);
        mrz.LongDocumentNumber.Should().Be(LongDocumentNumberConvention.Icao);
        mrz.AllCheckDigitsValid.Should().BeTrue();
    }

    [Fact]
    public void ReadsALongDocumentNumberWhoseCheckDigitIncludesTheFiller()
    {
        var number = "D23145890AB1";
        var digit = Independent.Digit(number[..9] + "<" + number[9..]);
        digit.Should().NotBe(Independent.Digit(number), "the two conventions must differ for this test to mean anything");
        var l1 = ("I<UTO" + number[..9] + "<" + number[9..] + digit + "<").PadRight(30, '<');
        var l2 = "7408122F1204159UTO<<<<<<<<<<<";
        l2 += Independent.Digit(l1[5..30] + l2[..7] + l2[8..15] + l2[18..29]);
        var mrz = Parse(string.Join('\n', l1, l2, Td1L3));
        mrz.Fields.DocumentNumber.Should().Be(number);
        mrz.LongDocumentNumber.Should().Be(LongDocumentNumberConvention.FillerIncluded);
        mrz.AllCheckDigitsValid.Should().BeTrue();
    }

    [Theory]
    [InlineData("D<<", "D", true)]
    [InlineData("UTO", "UTO", true)]
    [InlineData("XXA", "XXA", true)]
    [InlineData("XXB", "XXB", true)]
    [InlineData("XXC", "XXC", true)]
    [InlineData("XXX", "XXX", true)]
    [InlineData("GBD", "GBD", true)]
    [InlineData("UNO", "UNO", true)]
    [InlineData("EUE", "EUE", true)]
    [InlineData("FRA", "FRA", true)]
    [InlineData("QQQ", "QQQ", false)]
    [InlineData("XXQ", "XXQ", false)]
    public void ChecksIssuingStateAgainstIcaoCodesWithoutFailingTheParse(string code, string printed, bool known)
    {
        var l1 = "P<" + code + Td3L1[5..];
        var mrz = Parse(l1 + "\n" + Td3L2);
        mrz.Fields.IssuingCountry.Should().Be(printed);
        mrz.IssuingCountryKnown.Should().Be(known);
    }

    [Theory]
    [InlineData("P<", 44, DocumentTypes.Passport)]
    [InlineData("PD", 44, DocumentTypes.Passport)]
    [InlineData("V<", 44, DocumentTypes.Visa)]
    [InlineData("I<", 30, DocumentTypes.IdCard)]
    [InlineData("ID", 30, DocumentTypes.IdCard)]
    [InlineData("AC", 30, DocumentTypes.IdCard)]
    [InlineData("C<", 30, DocumentTypes.IdCard)]
    [InlineData("IR", 30, DocumentTypes.ResidencePermit)]
    [InlineData("AR", 30, DocumentTypes.ResidencePermit)]
    [InlineData("RP", 30, DocumentTypes.ResidencePermit)]
    [InlineData("I<", 36, DocumentTypes.IdCard)]
    [InlineData("V<", 36, DocumentTypes.Visa)]
    public void MapsDocumentCodesToDocumentTypes(string code, int width, string expected)
    {
        string text = width switch
        {
            44 => code + Td3L1[2..] + "\n" + (code[0] == 'V' ? MrvAL2 : Td3L2),
            36 => code + Td2L1[2..] + "\n" + (code[0] == 'V' ? MrvBL2 : Td2L2),
            _ => string.Join('\n', code + Td1L1[2..], Td1L2, Td1L3),
        };
        Parse(text).DocumentType.Should().Be(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n  ")]
    [InlineData("hello world")]
    [InlineData("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<")]
    [InlineData("P<UTOERIKSSON<<ANNA\nL898902C36UTO74")]
    public void ReportsMissingZones(string text)
    {
        var outcome = MrzParser.Parse(text, Independent.Clock());
        outcome.IsSuccess.Should().BeFalse();
        outcome.Failure!.Code.Should().Be("mrz.not_found");
    }

    [Theory]
    [InlineData(46)]
    [InlineData(47)]
    public void RefusesANameLineWhoseSpacesWouldMakeItLongerThanAnyLayout(int spaces)
    {
        // Twenty characters with a long gap: the spaces are taken as fillers (closer to 44 than 20 is), which made the
        // line longer than the parser's line buffer; this threw instead of answering.
        var text = "P<UTOERIKSSON<<ANNA" + new string(' ', spaces) + "A\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";

        var outcome = MrzParser.Parse(text, Independent.Clock());

        outcome.IsSuccess.Should().BeFalse();
        outcome.Failure!.Code.Should().Be("mrz.not_found");
    }

    [Theory]
    [InlineData("261121", 2026, true)]
    [InlineData("261122", 1926, true)]
    [InlineData("000229", 2000, true)]
    [InlineData("991231", 1999, true)]
    [InlineData("301301", 0, false)]
    [InlineData("740231", 0, false)]
    public void ResolvesBirthCenturiesIntoThePast(string yymmdd, int year, bool readable)
    {
        var l2 = "L898902C36UTO" + yymmdd + Independent.Digit(yymmdd) + Td3L2[20..];
        var mrz = Parse(Td3L1 + "\n" + l2);
        mrz.BirthDateReadable.Should().Be(readable);
        if (readable)
        {
            mrz.Fields.BirthDate!.Value.Year.Should().Be(year);
        }
        else
        {
            mrz.Fields.BirthDate.Should().BeNull();
        }
    }

    [Theory]
    [InlineData("461121", 2046)]
    [InlineData("461122", 1946)]
    [InlineData("300101", 2030)]
    [InlineData("150101", 2015)]
    public void ResolvesExpiryCenturiesUpToTheHorizon(string yymmdd, int year)
    {
        var l2 = Td3L2[..21] + yymmdd + Independent.Digit(yymmdd) + Td3L2[28..];
        Parse(Td3L1 + "\n" + l2).Fields.ExpiryDate!.Value.Year.Should().Be(year);
    }

    [Fact]
    public void AcceptsUnknownBirthDayPrintedAsFillers()
    {
        var l2 = "L898902C36UTO7408<<" + Independent.Digit("7408<<") + Td3L2[20..];
        var mrz = Parse(Td3L1 + "\n" + l2);
        mrz.Fields.BirthDate.Should().BeNull();
        mrz.BirthDateReadable.Should().BeTrue();
    }

    [Theory]
    [InlineData('M', "M")]
    [InlineData('F', "F")]
    [InlineData('X', "X")]
    [InlineData('<', "X")]
    public void ReadsSex(char printed, string expected)
    {
        var l2 = Td3L2[..20] + printed + Td3L2[21..];
        Parse(Td3L1 + "\n" + l2).Fields.Sex.Should().Be(expected);
    }

    [Fact]
    public void FlagsNamesThatFillTheirFieldAsPossiblyTruncated()
    {
        var l1 = "P<UTOVANDERBERGHEWESTERHOLT<<ANNALISEMARIAJ";
        l1 += new string('A', 44 - l1.Length);
        var mrz = Parse(l1 + "\n" + Td3L2);
        mrz.NamesMayBeTruncated.Should().BeTrue();
    }
}
