using System.Globalization;
using System.Text;
using Verification.Core.Documents.Mrz;
using Verification.Reading.PaddleOcr.Imaging;
using Verification.Reading.PaddleOcr.Text;

namespace Verification.Reading.PaddleOcr.Mrz;

/// <summary>A word of the printed (visual) zone: capital letters, each with the recogniser's probability.</summary>
internal sealed record VisualWord(string Letters, float[] Probability);

/// <summary>What the visual zone did to a zone reading: characters it confirmed, and characters it changed.</summary>
internal readonly record struct VisualZoneOutcome(int Confirmed, int Changed);

/// <summary>
/// Cross-checks the names of a machine-readable zone with the document's printed names (the visual zone above it).
/// Names carry no check digit, so a doubtful letter in them (M read as N in small print, a filler over a watermark)
/// cannot be settled by the zone alone. The lines printed above the zone are read, cut into words, and each word of
/// four letters or more is aligned with the zone's name field; a word found there, letter for letter or within a
/// quarter of its letters, is the same name printed twice.
/// <list type="bullet">
/// <item>Where both readings agree and the printed letter was read surely, a doubtful zone letter becomes sure: two
/// independent readings of one name.</item>
/// <item>Where they differ and the printed letter was read more surely than the zone's, the zone takes the printed
/// letter, but it stays doubtful (below the checker's threshold): two readings disagreed, so the names are for a
/// person to compare (<c>mrz.reading_confidence</c> warns). A change is never silent.</item>
/// </list>
/// Nothing is decided from the visual zone alone: a name missing from it, or printed differently (national
/// characters, a shortened name), leaves the zone as read.
/// </summary>
internal static class VisualZone
{
    private const int MinimumWord = 4;
    private const float SurelyPrinted = 0.9f;
    private const float SureInZone = 0.9f;

    /// <summary>Confidence given to a zone letter the printed name changed: below the checker's 0.6, so it is shown for review.</summary>
    internal const float ChangedConfidence = 0.55f;

    /// <summary>
    /// Below this, a name letter is what the checker reports as doubtful (<c>MrzReadingEvidence.Threshold</c>): only
    /// then is the visual zone read (up to 24 more recognitions), since nothing above it changes the answer.
    /// </summary>
    internal const float Doubtful = 0.6f;

    /// <summary>Whether any letter of the zone's name fields was read with less than <paramref name="sure"/>.</summary>
    public static bool HasDoubtfulNames(ZoneReading zone, float sure = Doubtful) =>
        NameSpans(zone.Layout).Any(s => Enumerable.Range(s.Start, s.Length).Any(i => zone.Confidence[s.Line][i] < sure));

    /// <summary>
    /// Reads the lines printed above the zone (parallel to it, within the document's height) and settles the zone's
    /// doubtful name letters with them (the zone's own lines, <see cref="ZoneReading.Boxes"/>, say where "above" is);
    /// <paramref name="detected"/> every line the detector found. At most 24 short lines are read
    /// (tens of milliseconds on small photos): bounded by count, not by the clock, so that a loaded machine answers
    /// later rather than differently.
    /// </summary>
    public static (ZoneReading Zone, VisualZoneOutcome Outcome) Settle(
        PaddleOcrModels models, Photo photo, ZoneReading zone, IReadOnlyList<TextBox> detected, CancellationToken cancellationToken)
    {
        var words = new List<VisualWord>();
        foreach (var box in Above(zone.Boxes, detected))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = PageReader.Characters(models.Recognizer.Recognize(photo, box, 1f, LineTone.Ink, cancellationToken), models.Characters);
            PhotoZoneReader.Debug?.Invoke($"printed: {string.Concat(read.Select(c => c.Text))}");
            words.AddRange(Words(read));
        }

        return Resolve(zone, words);
    }

    /// <summary>The lines of the visual zone: parallel to the zone, above it within the document's height, nearest first.</summary>
    internal static IEnumerable<TextBox> Above(IReadOnlyList<TextBox> zoneLines, IReadOnlyList<TextBox> detected)
    {
        const int maxLines = 24;
        var top = zoneLines[0];
        return PhotoZoneReader.MergeCollinear(detected)
            .Where(b => b.Thickness >= 3 && b.Length >= b.Thickness * 2)
            .Where(b => Math.Abs((b.Ux * top.Ux) + (b.Uy * top.Uy)) > Math.Cos(10 * Math.PI / 180))
            .Select(b => (b.Ux * top.Ux) + (b.Uy * top.Uy) < 0 ? b.Reversed() : b)
            .Where(b => -top.Across(b) > top.Thickness * 0.8f && -top.Across(b) < top.Length * 0.9f && Math.Abs(top.Along(b)) < top.Length * 0.6f)
            .OrderBy(b => -top.Across(b))
            .Take(maxLines);
    }

    /// <summary>Cuts a recognised line into words of capital letters (accents dropped, small letters raised).</summary>
    internal static IEnumerable<VisualWord> Words(IReadOnlyList<(string Text, float Probability)> characters)
    {
        var letters = new StringBuilder();
        var probability = new List<float>();
        foreach (var (text, p) in characters.Append((" ", 0f)))
        {
            var folded = text.Normalize(NormalizationForm.FormKD).FirstOrDefault(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark);
            var upper = char.ToUpperInvariant(folded);
            if (upper is >= 'A' and <= 'Z')
            {
                letters.Append(upper);
                probability.Add(p);
                continue;
            }

            if (letters.Length >= MinimumWord)
            {
                yield return new VisualWord(letters.ToString(), [.. probability]);
            }

            letters.Clear();
            probability.Clear();
        }
    }

    /// <summary>Aligns each printed word with the zone's name fields and applies what it shows (see the class).</summary>
    internal static (ZoneReading Zone, VisualZoneOutcome Outcome) Resolve(ZoneReading zone, IReadOnlyList<VisualWord> words)
    {
        var lines = zone.Lines.Select(l => l.ToCharArray()).ToArray();
        var confidence = zone.Confidence.Select(c => (float[])c.Clone()).ToArray();
        int confirmed = 0, changed = 0;
        foreach (var span in NameSpans(zone.Layout))
        {
            foreach (var word in words.DistinctBy(w => w.Letters))
            {
                var field = new string(lines[span.Line], span.Start, span.Length);
                // Names hold one separator (<<) between surname and given names: a second one followed by more names
                // means one of its fillers is a letter misread, however sure the recogniser was (asked again for each
                // word: once a word has mended the names, their other fillers are as sure as they were read).
                var fillersInDoubt = Separators(field).Count > 1;
                if (Align(field, word.Letters) is not { } pairs)
                {
                    continue;
                }

                foreach (var (column, letter) in pairs)
                {
                    var at = span.Start + column;
                    var printed = word.Probability[letter];
                    if (printed < SurelyPrinted)
                    {
                        continue;
                    }

                    if (lines[span.Line][at] == word.Letters[letter])
                    {
                        if (confidence[span.Line][at] < SureInZone)
                        {
                            confidence[span.Line][at] = Math.Max(confidence[span.Line][at], Math.Min(printed, SureInZone));
                            confirmed++;
                        }
                    }
                    else if (printed > (fillersInDoubt && lines[span.Line][at] == '<' ? Math.Min(confidence[span.Line][at], ChangedConfidence) : confidence[span.Line][at]))
                    {
                        lines[span.Line][at] = word.Letters[letter];
                        confidence[span.Line][at] = ChangedConfidence;
                        changed++;
                    }
                }
            }
        }

        return changed == 0 && confirmed == 0
            ? (zone, default)
            : (zone with { Lines = [.. lines.Select(l => new string(l))], Confidence = confidence }, new VisualZoneOutcome(confirmed, changed));
    }

    /// <summary>
    /// Where <paramref name="word"/> stands in <paramref name="field"/>: pairs of (field column, word letter) for the
    /// letters aligned one to one, or null when the word is not there. The word must be aligned whole, with at most a
    /// quarter of its letters differing, missing or extra, between fillers (or the field's ends); a filler inside the
    /// aligned run counts as a difference (a letter read as a filler).
    /// </summary>
    internal static List<(int Column, int Letter)>? Align(string field, string word)
    {
        var allowed = Math.Max(1, (word.Length + 1) / 4);
        var n = word.Length;
        var m = field.Length;
        // cost[i, j]: word[..i] aligned ending at field column j (exclusive); free start anywhere in the field.
        var cost = new int[n + 1, m + 1];
        for (var i = 1; i <= n; i++)
        {
            cost[i, 0] = i;
        }

        for (var i = 1; i <= n; i++)
        {
            for (var j = 1; j <= m; j++)
            {
                var substitute = cost[i - 1, j - 1] + (word[i - 1] == field[j - 1] ? 0 : 1);
                cost[i, j] = Math.Min(substitute, Math.Min(cost[i - 1, j] + 1, cost[i, j - 1] + 1));
            }
        }

        // Every end within the allowance whose alignment is a whole word between fillers; the lowest cost wins, and
        // it must be the only placement that low (a word that fits two places settles nothing).
        List<(int Column, int Letter)>? chosen = null;
        var chosenCost = int.MaxValue;
        var elsewhere = false;
        for (var j = 1; j <= m; j++)
        {
            if (cost[n, j] > allowed || cost[n, j] > chosenCost || Trace(cost, field, word, j) is not { } pairs)
            {
                continue;
            }

            if (cost[n, j] < chosenCost)
            {
                (chosen, chosenCost, elsewhere) = (pairs, cost[n, j], false);
            }
            else if (chosen is not null && pairs[0].Column > chosen[^1].Column)
            {
                elsewhere = true;
            }
        }

        return elsewhere ? null : chosen;
    }

    /// <summary>The alignment ending at field column <paramref name="end"/> (exclusive), when it is a whole word between fillers.</summary>
    private static List<(int Column, int Letter)>? Trace(int[,] cost, string field, string word, int end)
    {
        var n = word.Length;
        var allowed = Math.Max(1, (n + 1) / 4);
        var pairs = new List<(int Column, int Letter)>();
        var (a, b) = (n, end);
        while (a > 0 && b > 0)
        {
            if (cost[a, b] == cost[a - 1, b - 1] + (word[a - 1] == field[b - 1] ? 0 : 1))
            {
                pairs.Add((b - 1, a - 1));
                a--;
                b--;
            }
            else if (cost[a, b] == cost[a - 1, b] + 1)
            {
                a--;
            }
            else
            {
                b--;
            }
        }

        if (pairs.Count == 0)
        {
            return null;
        }

        pairs.Reverse();
        var first = pairs[0].Column;
        var last = pairs[^1].Column;
        var matching = pairs.Count(p => field[p.Column] == word[p.Letter]);
        var bounded = (first == 0 || field[first - 1] == '<') && (last == field.Length - 1 || field[last + 1] == '<');
        return bounded && matching >= n - allowed ? pairs : null;
    }

    /// <summary>
    /// The separators of a name field: each run of two or more fillers followed by more letters, as (first column,
    /// column after the run). Names hold one (between the surname and the given names).
    /// </summary>
    internal static List<(int Start, int End)> Separators(string field)
    {
        var runs = new List<(int Start, int End)>();
        for (var i = 0; i < field.Length;)
        {
            if (field[i] != '<')
            {
                i++;
                continue;
            }

            var j = i;
            while (j < field.Length && field[j] == '<')
            {
                j++;
            }

            if (j - i >= 2 && j < field.Length)
            {
                runs.Add((i, j));
            }

            i = j;
        }

        return runs;
    }

    /// <summary>The name fields of each layout: (line, start, length).</summary>
    internal static IReadOnlyList<MrzSpan> NameSpans(MrzLayout layout) => layout.Format switch
    {
        MrzFormat.Td3 => [new(0, 5, 39)],
        MrzFormat.Td2 => [new(0, 5, 31)],
        MrzFormat.Td1 => [new(2, 0, 30)],
        MrzFormat.FrenchIdLegacy => [new(0, 5, 25), new(1, 13, 14)],
        _ => [],
    };
}
