using Verification.Core.Documents;
using Verification.Core.Documents.Mrz;
using Verification.Core.Documents.Status;
using Verification.Core.Verifications;

namespace Verification.Core.Tests.Documents;

/// <summary>
/// A zone read from a picture: a misread is not fraud (issue 17). Fraud needs a sure reading of a document that
/// contradicts itself; a doubtful reading is unreadable (2.2) or to verify (4.0).
/// </summary>
public sealed class ReadingEvidenceTests
{
    private const string Line1 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<";
    private const string Line2 = "L898902C36UTO7408122F1204159ZE184226B<<<<<10";
    private static readonly string Forged = $"{Line1}\n{Line2.Replace("7408122F", "7508122F", StringComparison.Ordinal)}";

    private static IdentityDocumentChecker Checker() =>
        new(new Verification.Storage.Specification.ManualClock(new DateTimeOffset(2010, 1, 1, 0, 0, 0, TimeSpan.Zero)));

    private static MrzReadingEvidence Sure() => new() { CharacterConfidence = [Ones(44), Ones(44)] };

    private static float[] Ones(int n) => [.. Enumerable.Repeat(0.99f, n)];

    private static MrzReadingEvidence With(int line, int column, float confidence)
    {
        float[][] lines = [Ones(44), Ones(44)];
        lines[line][column] = confidence;
        return new MrzReadingEvidence { CharacterConfidence = lines };
    }

    private static ControlResult Control(IdentityCheckResult result, string code) => result.Controls.Single(c => c.Code == code);

    [Fact]
    public void CallsADocumentThatContradictsItselfFraudulentWhenEveryCharacterWasReadSurely()
    {
        var result = Checker().Check(Forged, null, null, DocumentReading.Read, Sure());

        result.Status.Should().Be(AnalysisStatus.Fraudulent);
        Control(result, "mrz.check_digit.birth_date").Category.Should().Be(ControlCategories.DataCoherency);
        Control(result, ControlCodes.MrzReadingConfidence).Result.Should().Be(ControlOutcome.Passed);
    }

    [Fact]
    public void CallsAFailingDigitOverADoubtfulCharacterAnUncertainReadingNotFraud()
    {
        // Column 14 of line 2 is in the birth date, which the failing digits cover.
        var result = Checker().Check(Forged, null, null, DocumentReading.Read, With(1, 14, 0.3f));

        result.Status.Should().Be(AnalysisStatus.Unreadable);
        Control(result, "mrz.check_digit.birth_date").Category.Should().Be(ControlCategories.Readability);
        Control(result, ControlCodes.MrzCheckDigits).Detail.Should().Contain("uncertain reading");
    }

    [Fact]
    public void KeepsTheFraudSignalWhenTheDoubtIsOutsideTheFailingField()
    {
        // Column 2 of line 2 is in the document number, whose own digit holds and which the composite covers; the
        // birth date's digit still fails on sure characters.
        var result = Checker().Check(Forged, null, null, DocumentReading.Read, With(1, 2, 0.3f));

        result.Status.Should().Be(AnalysisStatus.Fraudulent);
        Control(result, "mrz.check_digit.birth_date").Category.Should().Be(ControlCategories.DataCoherency);
        Control(result, "mrz.check_digit.composite").Category.Should().Be(ControlCategories.DataCoherency);
    }

    [Theory]
    [InlineData(4, "5.0")]
    [InlineData(5, "2.2")]
    public void CallsAZoneReadWithManyDoubtsElsewhereAnUncertainReadingNotFraud(int doubtfulNames, string status)
    {
        // The birth date's digit fails on sure characters, but name letters (no digit covers them) were doubtful:
        // up to one character in twenty of the zone (88 here, so 4) the reading as a whole is sure; beyond, it is not
        // (a sideways photo read with a misjudged pitch shifts characters into the wrong columns, sure as each looks).
        float[][] lines = [Ones(44), Ones(44)];
        for (var i = 0; i < doubtfulNames; i++)
        {
            lines[0][10 + i] = 0.2f;
        }

        var result = Checker().Check(Forged, null, null, DocumentReading.Read, new MrzReadingEvidence { CharacterConfidence = lines });

        result.Status.Code.Should().Be(status);
    }

    [Fact]
    public void WarnsWhenANameHoldsThreeFillersBeforeMoreNamesHoweverSureTheEngineWas()
    {
        // ANNA's A read as a filler: names hold one separator (<<), so <<< followed by letters is a letter lost.
        var lost = $"{Line1.Replace("<<ANNA", "<<<NNA", StringComparison.Ordinal)}\n{Line2}";

        var result = Checker().Check(lost, null, null, DocumentReading.Read, Sure());

        var control = Control(result, ControlCodes.MrzReadingConfidence);
        control.Result.Should().Be(ControlOutcome.Warning);
        control.Detail.Should().Contain("1:14, 1:15, 1:16");
        result.Status.Should().Be(AnalysisStatus.ToVerify);
    }

    [Fact]
    public void NeverCallsAPictureFraudulentWhenTheEngineGivesNoConfidence()
    {
        var result = Checker().Check(Forged, null, null, DocumentReading.Read, new MrzReadingEvidence());

        result.Status.Should().Be(AnalysisStatus.Unreadable);
        result.Controls.Should().NotContain(c => c.Code == ControlCodes.MrzReadingConfidence);
    }

    [Fact]
    public void StillCallsTextSentAsTextFraudulent() =>
        Checker().Check(Forged).Status.Should().Be(AnalysisStatus.Fraudulent);

    [Fact]
    public void WarnsWhenANameCharacterWasReadWithDoubt()
    {
        var td3 = $"{Line1}\n{Line2}";
        var result = Checker().Check(td3, new HolderInput("Anna", "Eriksson"), null, DocumentReading.Read, With(0, 8, 0.4f));

        result.Status.Should().Be(AnalysisStatus.ToVerify);
        var control = Control(result, ControlCodes.MrzReadingConfidence);
        control.Result.Should().Be(ControlOutcome.Warning);
        control.Detail.Should().Contain("1:9").And.NotContain("ERIKSSON");
    }

    [Fact]
    public void WarnsWhenAFillerWasReadWithDoubtWhereADigitCannotTellItFromALetter()
    {
        // Column 39 of line 2 is a filler of the personal number, whose own digit holds: but K, A, U, 0 and the filler
        // weigh alike modulo ten, so the digit would hold for any of them.
        var result = Checker().Check($"{Line1}\n{Line2}", new HolderInput("Anna", "Eriksson"), null, DocumentReading.Read, With(1, 38, 0.4f));

        result.Status.Should().Be(AnalysisStatus.ToVerify);
        Control(result, ControlCodes.MrzReadingConfidence).Detail.Should().Contain("2:39");
    }

    [Fact]
    public void TrustsADoubtfulDateDigitItsOwnCheckDigitConfirms()
    {
        // Column 15 of line 2 is the birth date's 4: only a digit may stand there, and no other digit weighs as 4.
        var result = Checker().Check($"{Line1}\n{Line2}", new HolderInput("Anna", "Eriksson"), null, DocumentReading.Read, With(1, 14, 0.4f));

        result.Status.Should().Be(AnalysisStatus.Conform);
        Control(result, ControlCodes.MrzReadingConfidence).Result.Should().Be(ControlOutcome.Passed);
    }

    [Fact]
    public void PassesASureReading()
    {
        var result = Checker().Check($"{Line1}\n{Line2}", new HolderInput("Anna", "Eriksson"), null, DocumentReading.Read, Sure());

        result.Status.Should().Be(AnalysisStatus.Conform);
        Control(result, ControlCodes.MrzReadingConfidence).Result.Should().Be(ControlOutcome.Passed);
    }

    [Fact]
    public void IgnoresConfidencesThatDoNotLineUpWithTheZone()
    {
        var result = Checker().Check(Forged, null, null, DocumentReading.Read, new MrzReadingEvidence { CharacterConfidence = [Ones(30), Ones(30), Ones(30)] });

        result.Status.Should().Be(AnalysisStatus.Unreadable);
    }

    [Theory]
    [InlineData(MrzFormat.Td1, 3, 30)]
    [InlineData(MrzFormat.Td2, 2, 36)]
    [InlineData(MrzFormat.Td3, 2, 44)]
    [InlineData(MrzFormat.FrenchIdLegacy, 2, 36)]
    public void ListsAsUncheckedOnlyPositionsNoFieldsOwnDigitCovers(MrzFormat format, int lines, int width)
    {
        var layout = MrzLayout.For(format)!;
        layout.Lines.Should().Be(lines);
        layout.Classes.Should().OnlyContain(c => c.Length == width);
        foreach (var span in layout.Unchecked)
        {
            for (var i = span.Start; i < span.Start + span.Length; i++)
            {
                layout.Checked.Where(f => f.Name != "composite").Should().NotContain(f => f.Covers(span.Line, i), $"{format} {span.Line}:{i} is listed unchecked");
            }
        }
    }
}
