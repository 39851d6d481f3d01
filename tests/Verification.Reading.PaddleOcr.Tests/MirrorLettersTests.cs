using Verification.Core.Documents.Mrz;
using Verification.Reading.PaddleOcr.Mrz;

namespace Verification.Reading.PaddleOcr.Tests;

/// <summary>
/// M, W and N read with doubt in names, settled by their shapes: cells drawn as strokes (14 x 20, the verifier's
/// cell), blurred as small print is.
/// </summary>
public sealed class MirrorLettersTests
{
    private const int Width = 14;
    private const int Height = 20;

    // Strokes from (x, y) to (x, y), in cell pixels: the letters' skeletons as OCR-B draws them.
    private static readonly (float, float, float, float)[] M = [(3, 17, 3, 3), (3, 3, 7, 12), (7, 12, 11, 3), (11, 3, 11, 17)];
    private static readonly (float, float, float, float)[] W = [(3, 3, 3, 17), (3, 17, 7, 8), (7, 8, 11, 17), (11, 17, 11, 3)];
    private static readonly (float, float, float, float)[] N = [(3, 17, 3, 3), (3, 3, 11, 17), (11, 17, 11, 3)];
    private static readonly (float, float, float, float)[] H = [(3, 17, 3, 3), (11, 17, 11, 3), (3, 10, 11, 10)];

    [Fact]
    public void MeasuresSymmetryAndWhereTheInkLies()
    {
        CellVerifier.Mirror(Cell(M)).Should().BeGreaterThan(0.9f);
        CellVerifier.Mirror(Cell(W)).Should().BeGreaterThan(0.9f);
        CellVerifier.Mirror(Cell(N)).Should().BeLessThan(0.8f);
        CellVerifier.InkAboveMiddle(Cell(M)).Should().BeGreaterThan(0.53f);
        CellVerifier.InkAboveMiddle(Cell(W)).Should().BeLessThan(0.47f);
        CellVerifier.InkAboveMiddle(Cell(H)).Should().BeInRange(0.47f, 0.53f);
    }

    [Fact]
    public void TakesADoubtfulNShapedLikeAnMForAnMAndLeavesItDoubtful()
    {
        // ISMAIL read ISNAIL (N at 0.59); the document's sure N (in NASR) is not symmetric.
        var (lines, confidence, cells) = Names("MABROUK<<ALAA<ISMAIL<NASR", (16, 0.59f, M), (21, 1f, N));
        lines[0][5 + 16] = 'N';

        CellVerifier.SettleMirrorLetters(MrzLayout.Td3, lines, confidence, cells, null);

        lines[0][5 + 16].Should().Be('M');
        confidence[0][5 + 16].Should().BeLessThanOrEqualTo(VisualZone.ChangedConfidence, "shape and recogniser disagreed: a person compares");
    }

    [Fact]
    public void TakesADoubtfulMWithItsInkBelowTheMiddleForAW()
    {
        var (lines, confidence, cells) = Names("UNITED<KINGDOM<TWENTY<SIX", (16, 0.41f, W));
        lines[0][5 + 16] = 'M';

        CellVerifier.SettleMirrorLetters(MrzLayout.Td3, lines, confidence, cells, null);

        lines[0][5 + 16].Should().Be('W');
        confidence[0][5 + 16].Should().BeLessThanOrEqualTo(VisualZone.ChangedConfidence);
    }

    [Fact]
    public void KeepsADoubtfulNShapedLikeAnN()
    {
        var (lines, confidence, cells) = Names("MARTIN<<SARAH", (5, 0.6f, N));

        CellVerifier.SettleMirrorLetters(MrzLayout.Td3, lines, confidence, cells, null);

        lines[0][5 + 5].Should().Be('N');
        confidence[0][5 + 5].Should().Be(0.6f);
    }

    [Fact]
    public void KeepsADoubtfulNNoMoreSymmetricThanTheDocumentsSureOnes()
    {
        // Blurred print: this document's sure N's look as symmetric as the doubtful one, so symmetry tells nothing.
        var (lines, confidence, cells) = Names("NANCY<<NINA", (0, 0.6f, M), (2, 1f, M), (7, 1f, M), (9, 1f, M));

        CellVerifier.SettleMirrorLetters(MrzLayout.Td3, lines, confidence, cells, null);

        lines[0][5].Should().Be('N');
        confidence[0][5].Should().Be(0.6f);
    }

    [Fact]
    public void LeavesSureLettersAndLettersOutsideTheNamesAlone()
    {
        // A sure N drawn as M stands (the recogniser was sure); the sex field's M, outside the names, is not looked at.
        var (lines, confidence, cells) = Names("ANNA<<MARIA", (1, 0.99f, M));
        lines[1][20] = 'M';
        confidence[1][20] = 0.5f;
        cells[1][20] = Cell(W);

        CellVerifier.SettleMirrorLetters(MrzLayout.Td3, lines, confidence, cells, null);

        lines[0][5 + 1].Should().Be('N');
        lines[1][20].Should().Be('M');
    }

    /// <summary>A TD3 zone whose names (from column 5) are <paramref name="names"/>, every cell a filler's chevron unless drawn.</summary>
    private static (char[][] Lines, float[][] Confidence, float[][][] Cells) Names(string names, params (int Column, float Confidence, (float, float, float, float)[] Strokes)[] drawn)
    {
        var lines = new[] { ("P<UTO" + names).PadRight(44, '<').ToCharArray(), "L898902C36UTO7408122F1204159ZE184226B<<<<<10".ToCharArray() };
        var confidence = lines.Select(l => Enumerable.Repeat(1f, l.Length).ToArray()).ToArray();
        (float, float, float, float)[] chevron = [(4, 6, 10, 10), (10, 10, 4, 14)];
        var cells = lines.Select(l => l.Select(_ => Cell(chevron)).ToArray()).ToArray();
        foreach (var (column, sure, strokes) in drawn)
        {
            cells[0][5 + column] = Cell(strokes);
            confidence[0][5 + column] = sure;
        }

        return (lines, confidence, cells);
    }

    /// <summary>Strokes 2 pixels wide, dark on light, softened by a box blur and normalised as the verifier's cells are.</summary>
    private static float[] Cell((float X1, float Y1, float X2, float Y2)[] strokes)
    {
        var sharp = new float[Width * Height];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var near = strokes.Min(s => Distance(x + 0.5f, y + 0.5f, s));
                sharp[(y * Width) + x] = near <= 1f ? 0 : 3;
            }
        }

        var cell = new float[sharp.Length];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var (sum, n) = (0f, 0);
                for (var dy = -1; dy <= 1; dy++)
                {
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        if (x + dx is >= 0 and < Width && y + dy is >= 0 and < Height)
                        {
                            sum += sharp[((y + dy) * Width) + x + dx];
                            n++;
                        }
                    }
                }

                cell[(y * Width) + x] = sum / n;
            }
        }

        var mean = cell.Average();
        var deviation = MathF.Sqrt(cell.Sum(v => (v - mean) * (v - mean)) / cell.Length);
        return [.. cell.Select(v => (v - mean) / deviation)];
    }

    private static float Distance(float px, float py, (float X1, float Y1, float X2, float Y2) s)
    {
        var (dx, dy) = (s.X2 - s.X1, s.Y2 - s.Y1);
        var t = Math.Clamp((((px - s.X1) * dx) + ((py - s.Y1) * dy)) / ((dx * dx) + (dy * dy)), 0, 1);
        var (cx, cy) = (s.X1 + (t * dx), s.Y1 + (t * dy));
        return MathF.Sqrt(((px - cx) * (px - cx)) + ((py - cy) * (py - cy)));
    }
}
