using Verification.Core.Documents.Mrz;
using Verification.Reading.PaddleOcr.Mrz;

namespace Verification.Reading.PaddleOcr.Tests;

/// <summary>How the printed names (the visual zone) settle doubtful letters of the zone's names.</summary>
public sealed class VisualZoneTests
{
    private const string Numbers = "L898902C36UTO7408122F1204159ZE184226B<<<<<10";

    private static ZoneReading Zone(string names, params (int Column, float Confidence)[] doubts)
    {
        var confidence = new[] { Enumerable.Repeat(0.99f, 44).ToArray(), Enumerable.Repeat(0.99f, 44).ToArray() };
        foreach (var (column, value) in doubts)
        {
            confidence[0][column] = value;
        }

        return new ZoneReading(MrzLayout.Td3, [names.PadRight(44, '<'), Numbers], confidence, 0, 0);
    }

    private static VisualWord Word(string letters, float probability = 0.98f, params (int Letter, float Probability)[] doubts)
    {
        var p = Enumerable.Repeat(probability, letters.Length).ToArray();
        foreach (var (letter, value) in doubts)
        {
            p[letter] = value;
        }

        return new VisualWord(letters, p);
    }

    [Fact]
    public void ConfirmsADoubtfulLetterThePrintedNameReadsSurelyTheSame()
    {
        var zone = Zone("P<UTOERIKSSON<<ANNA<MARIA", (8, 0.4f));

        var (settled, outcome) = VisualZone.Resolve(zone, [Word("ERIKSSON")]);

        settled.Lines[0].Should().StartWith("P<UTOERIKSSON<<ANNA<MARIA<");
        settled.Confidence[0][8].Should().BeGreaterThanOrEqualTo(0.6f);
        outcome.Should().Be(new VisualZoneOutcome(1, 0));
    }

    [Fact]
    public void TakesTheSurerPrintedLetterButLeavesItForReview()
    {
        // N read with doubt in small print; the printed name has a sure M.
        var zone = Zone("P<NLDNEULENDIJK<<LOES<ALBERTINE", (5, 0.54f));

        var (settled, outcome) = VisualZone.Resolve(zone, [Word("MEULENDIK")]);

        settled.Lines[0].Should().StartWith("P<NLDMEULENDIJK<<LOES");
        settled.Confidence[0][5].Should().BeLessThan(0.6f, "two readings disagreed: a person compares the names");
        outcome.Should().Be(new VisualZoneOutcome(0, 1));
    }

    [Fact]
    public void ReadsALetterTheZoneTookForAFiller()
    {
        // Read surely as a filler, but the names cannot hold two separators followed by more names.
        var zone = Zone("P<GBRUNITED<<INGDOH<TWENTY<SIX<<JODIE<PIPPA", (18, 0.44f));

        var (settled, _) = VisualZone.Resolve(zone, [Word("KINGDOM")]);

        settled.Lines[0].Should().StartWith("P<GBRUNITED<KINGDOM<TWENTY<SIX<<JODIE<PIPPA<");
    }

    [Fact]
    public void NeverTakesAPrintedLetterReadWithLessConfidenceThanTheZone()
    {
        var zone = Zone("P<EGYMABROUK<<ALAAELDIN<ISMAIL<MOHAMED", (35, 0.5f));

        var (settled, outcome) = VisualZone.Resolve(zone, [Word("MOHAHED", 0.98f, (4, 0.56f)), Word("PIPFA", 0.99f, (3, 0.48f))]);

        settled.Should().BeSameAs(zone);
        outcome.Should().Be(default(VisualZoneOutcome));
    }

    [Theory]
    [InlineData("BRITISH")] // nowhere in the names
    [InlineData("ENNE")] // two letters apart from ANNA is too many for four letters
    [InlineData("SSON")] // inside a name, not a whole word between fillers
    public void IgnoresWordsThatAreNotANameOfTheZone(string letters)
    {
        var zone = Zone("P<UTOERIKSSON<<ANNA<MARIA", (16, 0.3f), (17, 0.3f), (18, 0.3f));

        var (settled, _) = VisualZone.Resolve(zone, [Word(letters)]);

        settled.Lines.Should().Equal(zone.Lines);
    }

    [Fact]
    public void OpensSureFillersOnlyUntilTheNamesHoldOneSeparatorAgain()
    {
        // KINGDOM mends the names; INGDOM's run would otherwise let SIXA claim the sure filler after SIX.
        var zone = Zone("P<GBRUNITED<<INGDOM<TWENTY<SIX<<JODIE<PIPPA");

        var (settled, _) = VisualZone.Resolve(zone, [Word("KINGDOM"), Word("SIXJ")]);

        settled.Lines[0].Should().StartWith("P<GBRUNITED<KINGDOM<TWENTY<SIX<<JODIE<PIPPA<");
    }

    [Fact]
    public void KeepsASurelyReadFillerWhereTheNamesHoldOneSeparator()
    {
        var zone = Zone("P<UTOERIKSSON<<ANNA<<<<<<<<<<", (5, 0.3f));

        var (settled, _) = VisualZone.Resolve(zone, [Word("ANNAM")]);

        settled.Lines.Should().Equal(zone.Lines);
    }

    [Fact]
    public void IgnoresAWordThatFitsTwoPlaces()
    {
        var zone = Zone("P<UTOANNA<<ANNA", (5, 0.3f), (11, 0.3f));

        VisualZone.Align(zone.Lines[0][5..44], "ANNA").Should().BeNull();
    }

    [Fact]
    public void CutsPrintedLinesIntoCapitalWordsWithoutAccents()
    {
        var words = VisualZone.Words([.. "Müller-Lüdenscheidt Jo".Select(c => (c.ToString(), 0.9f))]).Select(w => w.Letters);

        words.Should().Equal("MULLER", "LUDENSCHEIDT");
    }

    [Fact]
    public void NamesFieldsOfEveryLayout()
    {
        VisualZone.NameSpans(MrzLayout.Td1).Should().Equal(new MrzSpan(2, 0, 30));
        VisualZone.NameSpans(MrzLayout.FrenchIdentityCard).Should().HaveCount(2);
    }
}
