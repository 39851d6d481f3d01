using Verification.Core.Documents.Mrz;
using Verification.Reading.PaddleOcr.Mrz;
using Verification.Reading.PaddleOcr.Text;
using Verification.SpecimenBuilders;

namespace Verification.Reading.PaddleOcr.Tests;

/// <summary>How the recogniser's characters become the zone's columns and characters.</summary>
public sealed class ZoneDecodingTests
{
    private static Emission Emit(float time, char c, float score = 0.99f)
    {
        var scores = new float[CharacterSet.MrzAlphabet.Length];
        scores[CharacterSet.MrzAlphabet.IndexOf(c, StringComparison.Ordinal)] = score;
        return new Emission(time, scores);
    }

    [Fact]
    public void PlacesCharactersByTheirPositionAndLeavesTheColumnsOfSwallowedFillersEmpty()
    {
        // A line of 10 at 4 steps a column; the recogniser emitted one filler for the run in columns 3-5.
        List<Emission> emissions = [Emit(0, 'A'), Emit(4, 'B'), Emit(8, 'C'), Emit(16, '<'), Emit(24, 'D'), Emit(28, 'E'), Emit(32, 'F'), Emit(36, '1')];

        var slots = LineDecoder.Place(emissions, 10, null, 0, out var fit)!;

        fit.Step.Should().BeApproximately(4, 0.01f);
        fit.Curve.Should().BeApproximately(0, 0.01f);
        slots.Select(s => s is null ? '_' : CharacterSet.MrzAlphabet[s.Best]).Should().Equal("ABC_<_DEF1".ToCharArray());
    }

    [Fact]
    public void PlacesALineWhosePitchChangesAlongItAsAPageTiltedAwayPrintsIt()
    {
        // 44 characters, the pitch growing from 4.2 to 4.9 steps (perspective), a run of six fillers shortened to one:
        // at one pitch, the last character fell beyond the last column and the first filler run moved.
        var text = "08CD503380FRA6004103M1806058<<<<<<<<<<<<<<06";
        var emissions = new List<Emission>();
        for (var k = 0; k < text.Length; k++)
        {
            if (k is >= 29 and <= 33)
            {
                continue;
            }

            emissions.Add(Emit(2 + (4.2f * k) + (0.008f * k * k), text[k]));
        }

        var slots = LineDecoder.Place(emissions, 44, null, 0, out var fit)!;

        slots.Should().NotBeNull();
        slots[43].Should().NotBeNull();
        CharacterSet.MrzAlphabet[slots[43]!.Best].Should().Be('6');
        CharacterSet.MrzAlphabet[slots[42]!.Best].Should().Be('0');
        slots.Skip(29).Take(5).Should().OnlyContain(s => s == null);
        fit.Bend.Should().BeGreaterThan(0);
    }

    [Fact]
    public void PlacesOneCharacterAColumnWhenTheLineHasAsManyAsItHasColumns()
    {
        // The times a tilted Australian passport's second line was read at: the pitch shrinks from 4.5 to 4 steps,
        // enough for a fit from both ends to put the ninth character in the tenth column.
        float[] times =
        [
            3, 8, 12, 17, 21, 25, 30, 34, 39, 43, 47, 51, 55, 60, 64, 68, 72, 76, 80, 84, 88.6f, 93, 97, 100, 105, 109,
            113, 117, 121, 126, 129, 134, 138, 142, 146, 150, 154, 158, 162, 167, 171, 175, 179, 183,
        ];
        var text = "PA09404097AUS8406077F1903212<17331334P<<<<08";
        var emissions = times.Select((t, k) => Emit(t, text[k])).ToList();

        var slots = LineDecoder.Place(emissions, 44, null, 0, out _)!;

        new string([.. slots.Select(s => CharacterSet.MrzAlphabet[s!.Best])]).Should().Be(text);
    }

    [Fact]
    public void KeepsThePitchOfAStraightLineStraightWhateverCharactersAreMissing()
    {
        // Characters missing at random do not bend an evenly printed line.
        var emissions = Enumerable.Range(0, 30).Where(k => k % 7 != 3).Select(k => Emit(5 + (3.5f * k), 'A')).ToList();

        LineDecoder.Place(emissions, 30, null, 0, out var fit);

        fit.Curve.Should().BeApproximately(0, 1e-3f);
        fit.Step.Should().BeApproximately(3.5f, 1e-3f);
    }

    [Fact]
    public void BendsAtMostAsMuchAsPerspectiveBendsALine()
    {
        // Times that would need the pitch to triple along the line: not a zone line under perspective.
        var emissions = Enumerable.Range(0, 30).Select(k => Emit((1f * k) + (0.05f * k * k), 'A')).ToList();

        LineDecoder.Place(emissions, 30, null, 0, out var fit);

        (2 * fit.Curve * 29 / fit.Step).Should().BeLessThanOrEqualTo(0.41f);
    }

    [Theory]
    // A filler between the issuing state's letters is a lost letter: the W of TWN, a distant second.
    [InlineData("TWN", 3, 0.9f, 'W', 0.08f)]
    // The issuing state's first letter is never a filler: the C of CAN.
    [InlineData("CAN", 2, 0.7f, 'C', 0.25f)]
    public void TakesTheLetterTheRecogniserHesitatedOverForAFillerTheIssuingStateCannotHoldAndMarksItDoubtful(string state, int column, float fillerScore, char letter, float letterScore)
    {
        var lines = MrzBuilder.Td3(state, "MARTIN", ["SARAH"], "ZE000509", state, new DateOnly(1985, 1, 1), 'F', new DateOnly(2030, 1, 4), string.Empty);
        var slots = lines.Select(l => l.Select(c => Emit(0, c)).ToArray()).ToArray();
        var lost = slots[0][column];
        Array.Clear(lost.Scores);
        lost.Scores[0] = fillerScore;
        lost.Scores[CharacterSet.MrzAlphabet.IndexOf(letter, StringComparison.Ordinal)] = letterScore;

        var zone = ZoneAssembler.Assemble(MrzLayout.Td3, slots!);

        zone.Lines[0].Should().StartWith($"P<{state}");
        zone.Confidence[0][column].Should().BeLessThan(0.6f);
    }

    [Fact]
    public void TakesTheNationalityForAnIssuingStateNoListHoldsWhoseDoubtfulLetterItFits()
    {
        // TWN's W read as a filler, no letter among the scores above 0.01 (U) and the W at 0.001: T<N is no code, TUN
        // and TWN both fit, and the scores would take TUN; the nationality, read surely, says which.
        var slots = TaiwanesePassportWithItsWLost("TWN", filler: 0.6f, u: 0.01f, w: 0.001f);

        var zone = ZoneAssembler.Assemble(MrzLayout.Td3, slots!);

        zone.Lines[0].Should().StartWith("P<TWN");
        zone.Confidence[0][3].Should().BeLessThanOrEqualTo(VisualZone.ChangedConfidence, "no check digit covers the code: a person compares");
    }

    [Fact]
    public void LeavesAnUnknownCodeAsReadWhenNothingSaysWhichKnownOneItIs()
    {
        // A residence permit: the holder's nationality (FRA) is not the issuer's, so it does not choose between TUN and
        // TWN, and the scores do not either.
        var slots = TaiwanesePassportWithItsWLost("FRA", filler: 0.5f, u: 0.01f, w: 0.01f);

        var zone = ZoneAssembler.Assemble(MrzLayout.Td3, slots!);

        zone.Lines[0].Should().StartWith("P<T<N");
        zone.Confidence[0][3].Should().BeLessThan(0.6f);
    }

    /// <summary>A Taiwanese passport's slots, its holder of <paramref name="nationality"/>, the issuer's W read as the scores given.</summary>
    private static Emission[][] TaiwanesePassportWithItsWLost(string nationality, float filler, float u, float w)
    {
        var lines = MrzBuilder.Td3("TWN", "LIN", ["CHIEN"], "M00000426", nationality, new DateOnly(1968, 3, 2), 'M', new DateOnly(2030, 1, 4), string.Empty);
        var slots = lines.Select(l => l.Select(c => Emit(0, c)).ToArray()).ToArray();
        var lost = slots[0][3];
        Array.Clear(lost.Scores);
        lost.Scores[0] = filler;
        lost.Scores[CharacterSet.MrzAlphabet.IndexOf('U', StringComparison.Ordinal)] = u;
        lost.Scores[CharacterSet.MrzAlphabet.IndexOf('W', StringComparison.Ordinal)] = w;
        return slots;
    }

    [Fact]
    public void NeverChangesASurelyReadLetterOfACodeToMakeItKnown()
    {
        // TXN read surely: no list changes a letter the recogniser was sure of (the checker warns about the code).
        var lines = MrzBuilder.Td3("TWN", "LIN", ["CHIEN"], "M00000426", "TWN", new DateOnly(1968, 3, 2), 'M', new DateOnly(2030, 1, 4), string.Empty);
        var slots = lines.Select(l => l.Select(c => Emit(0, c)).ToArray()).ToArray();
        slots[0][3] = Emit(0, 'X');

        var zone = ZoneAssembler.Assemble(MrzLayout.Td3, slots!);

        zone.Lines[0].Should().StartWith("P<TXN");
    }

    [Theory]
    // ERIKSSON's O read as D at 0.8 with O the runner-up: a look-alike no digit covers, doubtful.
    [InlineData('O', 'D', true)]
    // Read as D at 0.8 with P the runner-up: not a pair the recogniser confuses in small print; as sure as it said.
    [InlineData('P', 'D', false)]
    public void DoubtsANameLetterReadFairlySurelyWhenItsRunnerUpIsALookalike(char runnerUp, char read, bool doubtful)
    {
        var lines = MrzBuilder.Td3("UTO", "ERIKSSON", ["ANNA"], "L898902C3", "UTO", new DateOnly(1974, 8, 12), 'F', new DateOnly(2030, 1, 4), string.Empty);
        var slots = lines.Select(l => l.Select(c => Emit(0, c)).ToArray()).ToArray();
        var letter = slots[0][11];
        Array.Clear(letter.Scores);
        letter.Scores[CharacterSet.MrzAlphabet.IndexOf(read, StringComparison.Ordinal)] = 0.8f;
        letter.Scores[CharacterSet.MrzAlphabet.IndexOf(runnerUp, StringComparison.Ordinal)] = 0.18f;

        var zone = ZoneAssembler.Assemble(MrzLayout.Td3, slots!);

        zone.Lines[0].Should().StartWith("P<UTOERIKSSDN");
        (zone.Confidence[0][11] < 0.6f).Should().Be(doubtful);
    }

    [Fact]
    public void RefusesMoreCharactersThanTheLineHasColumns()
    {
        var emissions = Enumerable.Range(0, 20).Select(i => Emit(i * 2, 'A')).ToList();

        LineDecoder.Place(emissions, 10, 2, 0, out _).Should().BeNull();
    }

    [Fact]
    public void NeverChangesASurelyReadCharacterToSatisfyACheckDigit()
    {
        // A TD1 whose birth date was altered (810101 with the digit of 800101): every character read surely.
        var lines = MrzBuilder.Td1("UTO", "ERIKSSON", ["ANNA", "MARIA"], "D23145890", "UTO", new DateOnly(1980, 1, 1), 'F', new DateOnly(2030, 1, 1), string.Empty);
        lines[1] = "81" + lines[1][2..];
        var slots = lines.Select(l => l.Select(c =>
        {
            var e = Emit(0, c, 0.97f);
            // The recogniser also saw a little of another digit where the 1 of 81 is: enough to "repair" it.
            return e;
        }).ToArray()).ToArray();
        slots[1][1].Scores[CharacterSet.MrzAlphabet.IndexOf('0', StringComparison.Ordinal)] = 0.03f;

        var zone = ZoneAssembler.Assemble(MrzLayout.Td1, slots!);

        zone.Lines[1].Should().StartWith("810101");
        zone.FailingDigits.Should().BeGreaterThan(0);
    }

    [Fact]
    public void RepairsADoubtfulCharacterWithTheChangeTheRecogniserFindsLikeliest()
    {
        var lines = MrzBuilder.Td1("UTO", "ERIKSSON", ["ANNA", "MARIA"], "D23145890", "UTO", new DateOnly(1974, 8, 12), 'F', new DateOnly(2030, 1, 1), string.Empty);
        var slots = lines.Select(l => l.Select(c => Emit(0, c)).ToArray()).ToArray();
        // The 2 of the birth date read as 7 with doubt; 2 was the second choice.
        var doubtful = slots[1][5];
        Array.Clear(doubtful.Scores);
        doubtful.Scores[CharacterSet.MrzAlphabet.IndexOf('7', StringComparison.Ordinal)] = 0.55f;
        doubtful.Scores[CharacterSet.MrzAlphabet.IndexOf('2', StringComparison.Ordinal)] = 0.40f;

        var zone = ZoneAssembler.Assemble(MrzLayout.Td1, slots!);

        zone.Lines[1].Should().StartWith("740812");
        zone.FailingDigits.Should().Be(0);
    }

    [Fact]
    public void LeavesAFillerThatSplitsANameDoubtfulButNotOneAtANamesEnd()
    {
        // Read KOWALSKA, ANNA with two letters (a K inside the surname, a C after the given name) that the cells'
        // shapes took for fillers, both at the recogniser's confidence and more.
        var truth = MrzBuilder.Td3("POL", "KOWALSKA", ["ANNA"], "ZS0000177", "POL", new DateOnly(1972, 3, 30), 'F', new DateOnly(2030, 7, 13), string.Empty);
        var read = truth.Select(l => l.ToCharArray()).ToArray();
        read[0][11] = 'K';
        read[0][19] = 'C';
        var refined = read.Select(l => (char[])l.Clone()).ToArray();
        refined[0][11] = '<';
        refined[0][19] = '<';
        var confidence = truth.Select(l => Enumerable.Repeat(0.99f, l.Length).ToArray()).ToArray();

        CellVerifier.DoubtFillersSplittingNames(MrzLayout.Td3, read, refined, confidence, null);

        confidence[0][11].Should().BeLessThan(VisualZone.Doubtful, "KOWALS<A splits a surname: mrz.reading_confidence must warn");
        confidence[0][19].Should().Be(0.99f, "a filler after the last name splits nothing");
        confidence[0][1].Should().Be(0.99f);
    }

    [Theory]
    // A V at the names' end after a run of fillers (a Czech passport saved again as JPEG), read with doubt: a filler.
    [InlineData("VZOR", 43, 0.21f, 0.15f, '<')]
    // The same V read surely stands: the grammar alone does not change a sure reading.
    [InlineData("VZOR", 43, 0.95f, 0.01f, 'V')]
    // A given name that is an initial (SPECIMEN<<V) follows two fillers, not three: it stands, however doubtful.
    [InlineData("V", 15, 0.21f, 0.15f, 'V')]
    public void TakesADoubtfulLetterAloneAfterThreeFillersInTheNamesForAFiller(string given, int column, float letterScore, float fillerScore, char expected)
    {
        var lines = MrzBuilder.Td3("CZE", "SPECIMEN", [given], "99006000", "CZE", new DateOnly(1911, 2, 28), 'F', new DateOnly(2030, 9, 6), string.Empty);
        var slots = lines.Select(l => l.Select(c => Emit(0, c)).ToArray()).ToArray();
        var slot = Emit(0, 'V', letterScore);
        slot.Scores[0] = fillerScore;
        slots[0][column] = slot;

        var zone = ZoneAssembler.Assemble(MrzLayout.Td3, slots!);

        zone.Lines[0][column].Should().Be(expected);
        if (expected == '<')
        {
            zone.Confidence[0][column].Should().BeLessThanOrEqualTo(VisualZone.ChangedConfidence, "the letter became a filler by the grammar alone: a person compares");
        }
    }

    [Fact]
    public void SamplesAPhotoOnePixelWideWithoutLeavingIt()
    {
        using var bitmap = new SkiaSharp.SKBitmap(1, 3);
        bitmap.Erase(SkiaSharp.SKColors.Black);
        bitmap.SetPixel(0, 2, SkiaSharp.SKColors.White);
        using var png = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        var photo = Imaging.Photo.Decode(png.ToArray(), 100)!;

        photo.Sample(5, 1.5f, 0).Should().BeApproximately(127.5f, 1);
        photo.Sample(-3, -3, 1).Should().Be(0);
    }
}
