using Verification.Core.Documents.Mrz;

namespace Verification.Reading.Tesseract.Mrz;

/// <summary>
/// A zone read by the glyph classifier: each line's cells decided with what its layout allows at each position,
/// and how far each decided character led the runner-up.
/// </summary>
internal sealed class GlyphZone
{
    // A country code the cells nearly agree with beats an unknown one read by a hair (sum over three cells).
    private const float CountryTolerance = 0.12f;

    // Below this lead over the runner-up, a character no check digit covers is worth a second reading.
    private const float ConfidentMargin = 0.04f;


    private readonly GlyphLine[] _lines;
    private readonly char[][] _text;
    private readonly float[][] _margins;
    private readonly bool _french;

    private GlyphZone(GlyphLine[] lines, char[][] text, float[][] margins, bool french)
    {
        _lines = lines;
        _text = text;
        _margins = margins;
        _french = french;
        Text = string.Join('\n', text.Select(t => new string(t)));
        Score = lines.Sum(l => l.MeanScore());
        MinUncoveredMargin = float.MaxValue;
        for (var line = 0; line < text.Length; line++)
        {
            for (var column = 0; column < text[line].Length; column++)
            {
                if (!ZoneLayout.Covered(lines.Length, lines[0].Length, french, line, column))
                {
                    MinUncoveredMargin = Math.Min(MinUncoveredMargin, margins[line][column]);
                }
            }
        }
    }

    /// <summary>The zone, lines separated by line breaks.</summary>
    public string Text { get; }

    /// <summary>The sum of the lines' mean scores.</summary>
    public double Score { get; }

    /// <summary>The smallest lead of a character that no check digit covers over its runner-up.</summary>
    public float MinUncoveredMargin { get; }

    /// <summary>Whether every character that no check digit covers was read with a clear lead.</summary>
    public bool Confident => MinUncoveredMargin >= ConfidentMargin;

    /// <summary>Decides the cells of lines read at one length with the classes of their layout.</summary>
    public static GlyphZone Decode(GlyphLine[] lines)
    {
        var (count, length) = (lines.Length, lines[0].Length);
        var french = count == 2 && length == 36 && lines[0].Text(ZoneLayout.FirstLine(count, length)).StartsWith("IDFRA", StringComparison.Ordinal);
        var classes = ZoneLayout.Of(count, length, french);
        var text = new char[count][];
        var margins = new float[count][];
        for (var l = 0; l < count; l++)
        {
            text[l] = new char[length];
            margins[l] = new float[length];
            for (var i = 0; i < length; i++)
            {
                (text[l][i], _, margins[l][i]) = lines[l].Best(i, i < classes[l].Length ? classes[l][i] : CharacterClass.Any);
            }
        }

        // The layout fixes how the document code starts: the likeliest of its letters, whatever the cell's best.
        var starts = ZoneLayout.DocumentCodeStarts(count, length);
        var start = starts.MaxBy(c => lines[0].Score(0, c));
        if (start != text[0][0])
        {
            margins[0][0] = lines[0].Score(0, start) - lines[0].Score(0, text[0][0]);
            text[0][0] = start;
        }

        foreach (var (line, column) in ZoneLayout.CountryFields(count, length, french))
        {
            DecideCountry(lines[line], text[line], margins[line], column);
        }

        return new GlyphZone(lines, text, margins, french);
    }

    /// <summary>
    /// Two readings of the same zone combined: where they disagree on a character that no check digit covers,
    /// the one read with the larger lead wins. <see langword="null"/> when they differ on a covered character
    /// (they are not the same reading of the zone) or nowhere.
    /// </summary>
    public static string? Merge(GlyphZone a, GlyphZone b)
    {
        if (a._lines.Length != b._lines.Length || a._lines[0].Length != b._lines[0].Length || a._french != b._french)
        {
            return null;
        }

        var (count, length) = (a._lines.Length, a._lines[0].Length);
        var merged = new char[count][];
        var changed = false;
        for (var l = 0; l < count; l++)
        {
            merged[l] = (char[])a._text[l].Clone();
            for (var i = 0; i < length; i++)
            {
                if (a._text[l][i] == b._text[l][i])
                {
                    continue;
                }

                if (ZoneLayout.Covered(count, length, a._french, l, i))
                {
                    return null;
                }

                if (b._margins[l][i] > a._margins[l][i])
                {
                    merged[l][i] = b._text[l][i];
                    changed = true;
                }
            }
        }

        return changed ? string.Join('\n', merged.Select(t => new string(t))) : null;
    }

    private static void DecideCountry(GlyphLine line, char[] text, float[] margins, int column)
    {
        var read = new string(text, column, 3);
        if (CountryCodes.IsKnownIcao(read.AsSpan().TrimEnd('<')))
        {
            return;
        }

        var readScore = Sum(line, read, column);
        string? bestCode = null;
        var bestScore = float.MinValue;
        foreach (var code in CountryCodes.AllIcaoAsPrinted)
        {
            var score = Sum(line, code, column);
            if (score > bestScore)
            {
                (bestCode, bestScore) = (code, score);
            }
        }

        if (bestCode is null || bestScore < readScore - CountryTolerance)
        {
            return;
        }

        for (var i = 0; i < 3; i++)
        {
            if (text[column + i] != bestCode[i])
            {
                margins[column + i] = line.Score(column + i, bestCode[i]) - line.Score(column + i, text[column + i]);
                text[column + i] = bestCode[i];
            }
        }

        static float Sum(GlyphLine line, string code, int column) =>
            line.Score(column, code[0]) + line.Score(column + 1, code[1]) + line.Score(column + 2, code[2]);
    }
}
