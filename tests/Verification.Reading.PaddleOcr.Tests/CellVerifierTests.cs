using SkiaSharp;
using Verification.Core.Documents.Mrz;
using Verification.Reading.PaddleOcr.Imaging;
using Verification.Reading.PaddleOcr.Mrz;
using Verification.Reading.PaddleOcr.Text;

namespace Verification.Reading.PaddleOcr.Tests;

/// <summary>
/// How the cell verifier compares a doubtful character's cell with the document's own fillers, on a drawn zone:
/// fillers are chevrons, every other character a bar, ten pixels a column.
/// </summary>
public sealed class CellVerifierTests
{
    private const int Pitch = 10;
    private const int LineHeight = 30;

    [Fact]
    public void TakesAFillerReadAsASureLetterRightAfterTheDocumentCodeForADoubtfulFiller()
    {
        // P< read as PC at 0.99 (a blurred filler after a letter): the one place a sure reading is compared anyway.
        var printed = Zone("P<CANMARTIN<<SARAH");
        var read = Reading(printed, (0, 1, 'C', 0.99f));

        var refined = Refine(printed, read);

        refined.Lines[0][1].Should().Be('<');
        refined.Confidence[0][1].Should().BeLessThan(VisualZone.Doubtful, "shape and recogniser disagree: type letters (IA, AC) blur like fillers too");
    }

    [Fact]
    public void KeepsASureLetterInANameAsReadWhateverItsCell()
    {
        // Elsewhere a letter read at 0.99 is not second-guessed, even where its cell has a filler's shape.
        var printed = Zone("P<CANMARTIN<<SARAH");
        var read = Reading(printed, (0, 11, 'K', 0.99f));

        var refined = Refine(printed, read);

        refined.Lines[0][11].Should().Be('K');
    }

    [Fact]
    public void VouchesForALetterUnlikeAFillerOnlyWhereTheFillersNearItMatchTheTemplate()
    {
        // Two K's read with doubt, both drawn as letters (bars). Near the second, fillers are where they should be:
        // its cell is clearly no filler, so the letter is sure. The first sits among letters only (seven on either
        // side): nothing nearby shows the columns are placed right, so its doubt stands.
        var printed = Zone("P<UTOABCDEFGHIJKLMNOPQRST<<AB<C<D<K<<");
        var read = Reading(printed, (0, 15, 'K', 0.5f), (0, 34, 'K', 0.5f));

        var refined = Refine(printed, read);

        refined.Lines[0][15].Should().Be('K');
        refined.Confidence[0][15].Should().Be(0.5f, "no filler within six columns matches the template");
        refined.Lines[0][34].Should().Be('K');
        refined.Confidence[0][34].Should().BeGreaterThanOrEqualTo(0.9f, "its neighbours are fillers shaped like the template, and it is not");
    }

    [Fact]
    public void ComparesALetterAfterASecondSeparatorByShapeHoweverSurelyItWasRead()
    {
        // SPECIMEN<<VZOR<<K<<<: names hold one separator, so a K after a second one is suspect even at 0.99; drawn
        // as a filler, it becomes one, for review (shape and recogniser disagree).
        var printed = Zone("P<CZESPECIMEN<<VZOR");
        var read = Reading(printed, (0, 21, 'K', 0.99f));

        var refined = Refine(printed, read);

        refined.Lines[0][..22].Should().Be("P<CZESPECIMEN<<VZOR<<<");
        refined.Confidence[0][21].Should().BeLessThan(VisualZone.Doubtful);
    }

    [Fact]
    public void LeavesNamesThatStillHoldTwoSeparatorsForReview()
    {
        // ANNA<<ARIA: a letter taken for a filler (MARIA) that the shape cannot settle. However sure each character,
        // the separators' fillers are doubtful, so the names are never passed silently.
        var printed = Zone("P<UTOERIKSSON<<ANNA<<ARIA");
        var read = Reading(printed);

        var refined = Refine(printed, read);

        refined.Lines[0][..25].Should().Be("P<UTOERIKSSON<<ANNA<<ARIA");
        refined.Confidence[0][13].Should().BeLessThan(VisualZone.Doubtful);
        refined.Confidence[0][19].Should().BeLessThan(VisualZone.Doubtful);
        refined.Confidence[0][20].Should().BeLessThan(VisualZone.Doubtful);
        refined.Confidence[0][5].Should().Be(0.99f, "the letters themselves stand as read");
    }

    /// <summary>A TD3 zone whose first line starts with <paramref name="names"/> (fillers to the end) over a second line.</summary>
    private static string[] Zone(string names) =>
        [names.PadRight(44, '<'), "L898902C36UTO7408122F1204159ZE184226B<<<<<10"];

    /// <summary>The zone as read: every character as printed at 0.99, except the misreadings given.</summary>
    private static ZoneReading Reading(string[] printed, params (int Line, int Column, char Read, float Confidence)[] misread)
    {
        var lines = printed.Select(l => l.ToCharArray()).ToArray();
        var confidence = printed.Select(l => Enumerable.Repeat(0.99f, l.Length).ToArray()).ToArray();
        foreach (var (line, column, c, p) in misread)
        {
            lines[line][column] = c;
            confidence[line][column] = p;
        }

        return new ZoneReading(MrzLayout.Td3, [.. lines.Select(l => new string(l))], confidence, 0, 0);
    }

    private static ZoneReading Refine(string[] printed, ZoneReading read)
    {
        var photo = Draw(printed);
        var placed = new PlacedLine[printed.Length];
        for (var l = 0; l < printed.Length; l++)
        {
            var box = new TextBox(printed[l].Length * Pitch / 2f, (l + 0.5f) * LineHeight, 1, 0, printed[l].Length * Pitch, 20, 1);
            // One time step a pixel: column k is centred at pixel k * 10 + 5.
            var slots = read.Lines[l].Select((c, k) => (Emission?)Emit(k, c, read.Confidence[l][k])).ToArray();
            placed[l] = new PlacedLine(new ReadLine(box, [.. slots.Select(s => s!)], 1), slots, new ColumnFit((Pitch / 2f) - 0.5f, Pitch, 0));
        }

        return CellVerifier.Refine(photo, read, placed, null);
    }

    private static Emission Emit(int column, char c, float score)
    {
        var scores = new float[CharacterSet.MrzAlphabet.Length];
        scores[CharacterSet.MrzAlphabet.IndexOf(c, StringComparison.Ordinal)] = score;
        return new Emission(column * Pitch, scores);
    }

    /// <summary>Black on white: a chevron for each filler, a bar for any other character.</summary>
    private static Photo Draw(string[] lines)
    {
        var width = lines.Max(l => l.Length) * Pitch;
        using var bitmap = new SKBitmap(width, lines.Length * LineHeight);
        bitmap.Erase(SKColors.White);
        for (var l = 0; l < lines.Length; l++)
        {
            var middle = (l * LineHeight) + (LineHeight / 2);
            for (var k = 0; k < lines[l].Length; k++)
            {
                for (var u = 0; u < Pitch; u++)
                {
                    for (var v = -8; v <= 8; v++)
                    {
                        var ink = lines[l][k] == '<'
                            ? u is >= 1 and <= 9 && Math.Abs(Math.Abs(v) - ((u - 1) * 7f / 8)) < 1.2f
                            : u is >= 4 and <= 6 && Math.Abs(v) <= 7;
                        if (ink)
                        {
                            bitmap.SetPixel((k * Pitch) + u, middle + v, SKColors.Black);
                        }
                    }
                }
            }
        }

        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return Photo.Decode(png.ToArray(), 4000)!;
    }
}
