using System.Buffers;

namespace Verification.Core.Documents.Mrz;

/// <summary>
/// Finds the zone in text as a device or an OCR engine gives it: the last two or three lines that can be zone lines,
/// upper-cased, spaces removed or read as fillers, and brought to the width of the layout by lengthening or shortening
/// a run of fillers. Knows widths only; where fields stand is the layouts' business.
/// </summary>
internal static class MrzZoneText
{
    // How many candidate lines are kept: the zone is at the bottom of a document, so the last ones.
    private const int MaxCandidates = 8;

    // How far a line may be from its width before it is not taken as a line of that width.
    private const int NearEnough = 3;
    private const int Repairable = 6;

    private static readonly SearchValues<char> FillerOrDigit = SearchValues.Create("<0123456789");
    private static readonly SearchValues<char> UpperLineCharacters = SearchValues.Create("<0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    private static readonly SearchValues<char> LineCharacters =
        SearchValues.Create("<0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz \t");

    /// <summary>The zone's lines, each exactly as wide as its layout, and the fillers added or removed to get there.</summary>
    public static Outcome<(char[][] Lines, List<MrzCorrection> Corrections)> Find(string text)
    {
        var candidates = CandidateLines(text);
        var count = candidates.Count;
        int lineCount, width;
        // The name line may have lost its trailing fillers (read as spaces, then trimmed): it only has to fit.
        if (count >= 3 && Near(candidates[count - 3], 30) && Near(candidates[count - 2], 30) && Fits(candidates[count - 1], 30))
        {
            (lineCount, width) = (3, 30);
        }
        else if (count >= 2 && Fits(candidates[count - 2], 44) && Near(candidates[count - 1], 44))
        {
            (lineCount, width) = (2, 44);
        }
        else if (count >= 2 && Fits(candidates[count - 2], 36) && Near(candidates[count - 1], 36))
        {
            (lineCount, width) = (2, 36);
        }
        else
        {
            return Failure.Invalid("mrz.not_found", "The text holds no two lines of 36 or 44 characters nor three of 30.");
        }

        // The names are on the last line of a three-line zone and on the first of a two-line one.
        var nameLine = lineCount == 3 ? 2 : 0;
        var corrections = new List<MrzCorrection>();
        var lines = new char[lineCount][];
        for (var i = 0; i < lineCount; i++)
        {
            var line = Normalize(candidates[count - lineCount + i], width, i == nameLine, i, corrections);
            if (line is null)
            {
                return Failure.Invalid("mrz.not_found", "A line of the zone is too far from its expected length.");
            }

            lines[i] = line;
        }

        return (lines, corrections);
    }

    private static List<Candidate> CandidateLines(string text)
    {
        var candidates = new List<Candidate>();
        foreach (var raw in text.Split(['\r', '\n']))
        {
            var line = raw.Trim();
            if (line.Length == 0 || !IsCandidate(line, out var blanks))
            {
                continue;
            }

            if (candidates.Count == MaxCandidates)
            {
                candidates.RemoveAt(0);
            }

            candidates.Add(new Candidate(line, blanks));
        }

        return candidates;
    }

    // 20 to 52 letters, digits or fillers (spaces and tabs aside), at least one filler or digit: prose fails early.
    private static bool IsCandidate(string line, out int blanks)
    {
        blanks = 0;
        if (line.Length < 20)
        {
            return false;
        }

        if (!line.AsSpan().ContainsAnyExcept(UpperLineCharacters))
        {
            return line.Length <= 52 && (line.AsSpan().ContainsAny(FillerOrDigit) || IsFullNameLine(line));
        }

        if (line.AsSpan().ContainsAnyExcept(LineCharacters))
        {
            return false;
        }

        blanks = line.Count(c => c is ' ' or '\t');
        return line.Length - blanks is >= 20 and <= 52 && line.AsSpan().ContainsAny(FillerOrDigit);
    }

    // ICAO 9303 part 5 lets a truncated name fill every position of its field, so a name line may hold no filler and no
    // digit: a TD1 third line, or a TD2/TD3 first line with a two-letter document code. Only upper-case letters at exactly
    // a layout's width count, which ordinary text around a zone almost never is.
    private static bool IsFullNameLine(string line) =>
        line.Length is 30 or 36 or 44 && !line.AsSpan().ContainsAnyExceptInRange('A', 'Z');

    private static bool Near(Candidate line, int width) =>
        Math.Abs(line.Text.Length - line.Blanks - width) <= NearEnough || Math.Abs(line.Text.Length - width) <= NearEnough;

    private static bool Fits(Candidate line, int width) =>
        line.Text.Length - line.Blanks <= width + NearEnough
        && (Near(line, width) || line.Text.Contains("<<", StringComparison.Ordinal) || line.Text.Contains("  ", StringComparison.Ordinal));

    // Upper-cases the line, drops or keeps its spaces, and pads or shortens it to the width; null when it is too far off.
    private static char[]? Normalize(Candidate candidate, int width, bool nameLine, int lineIndex, List<MrzCorrection> corrections)
    {
        var raw = candidate.Text;
        if (candidate.Blanks == 0 && raw.Length == width)
        {
            // The usual case: a line of the right width, only to upper-case.
            var exact = raw.ToCharArray();
            for (var i = 0; i < exact.Length; i++)
            {
                exact[i] = char.ToUpperInvariant(exact[i]);
            }

            return exact;
        }

        // Spaces are stray unless keeping them as fillers brings the line closer to its width.
        var spacesAreFillers = candidate.Blanks > 0 && Math.Abs(raw.Length - width) < Math.Abs(raw.Length - candidate.Blanks - width);
        var line = new List<char>(raw.Length);
        foreach (var c in raw)
        {
            if (c is ' ' or '\t')
            {
                if (spacesAreFillers)
                {
                    line.Add('<');
                }
            }
            else
            {
                line.Add(char.ToUpperInvariant(c));
            }
        }

        if (line.Count > width + Repairable || (!nameLine && line.Count < width - Repairable))
        {
            return null;
        }

        if (line.Count < width)
        {
            Lengthen(line, width, nameLine, lineIndex, corrections);
        }
        else if (line.Count > width && !Shorten(line, width, nameLine, lineIndex, corrections))
        {
            return null;
        }

        return [.. line];
    }

    // Fillers lost: padding at the end of a name line or of a line ending in fillers, otherwise in the longest run.
    private static void Lengthen(List<char> line, int width, bool nameLine, int lineIndex, List<MrzCorrection> corrections)
    {
        var missing = width - line.Count;
        var at = line.Count;
        if (!nameLine && line[^1] != '<')
        {
            var (start, _) = LongestFillerRun(line, line.Count);
            if (start >= 0)
            {
                at = start;
            }
        }

        line.InsertRange(at, Enumerable.Repeat('<', missing));
        for (var i = 0; i < missing; i++)
        {
            corrections.Add(new MrzCorrection(lineIndex, at + i, '\0', '<', MrzCorrectionReason.LineLength));
        }
    }

    // Fillers too many: taken from the trailing run of a name line, otherwise from the longest run, keeping at least one
    // filler of an inner run (a trailing run may go entirely).
    private static bool Shorten(List<char> line, int width, bool nameLine, int lineIndex, List<MrzCorrection> corrections)
    {
        while (line.Count > width)
        {
            int start, runLength;
            if (nameLine && line[^1] == '<')
            {
                start = line.Count - 1;
                while (start > 0 && line[start - 1] == '<')
                {
                    start--;
                }

                runLength = line.Count - start;
            }
            else
            {
                (start, runLength) = LongestFillerRun(line, line.Count);
            }

            var removable = start + runLength == line.Count ? runLength : runLength - 1;
            if (start < 0 || removable <= 0)
            {
                return false;
            }

            var remove = Math.Min(line.Count - width, removable);
            line.RemoveRange(start, remove);
            for (var i = 0; i < remove; i++)
            {
                corrections.Add(new MrzCorrection(lineIndex, start, '<', '\0', MrzCorrectionReason.LineLength));
            }
        }

        return true;
    }

    private static (int Start, int Length) LongestFillerRun(List<char> line, int length)
    {
        var bestStart = -1;
        var bestLength = 0;
        var i = 0;
        while (i < length)
        {
            if (line[i] != '<')
            {
                i++;
                continue;
            }

            var start = i;
            while (i < length && line[i] == '<')
            {
                i++;
            }

            // Ties go to the later run: optional data sits after the fixed fields.
            if (i - start >= bestLength)
            {
                bestStart = start;
                bestLength = i - start;
            }
        }

        return (bestStart, bestLength);
    }

    // A line of the input that may belong to the zone (trimmed) and how many spaces or tabs it holds.
    private readonly record struct Candidate(string Text, int Blanks);
}
