using Verification.Core.Documents.Mrz;
using Verification.Reading.PaddleOcr.Imaging;
using Verification.Reading.PaddleOcr.Text;

namespace Verification.Reading.PaddleOcr.Mrz;

/// <summary>
/// Settles the confusions no check digit sees by comparing shapes within the document itself. Every zone prints
/// many fillers and digits the recogniser is sure of; their cells, averaged, are templates in this document's own
/// print, size and blur. A doubtful cell (a letter where a filler may stand, a filler read with doubt) is compared
/// with the filler template and, where the document gives one, with the template of the letter read: the closer
/// shape wins, and the confidence says how clearly.
/// </summary>
internal static class CellVerifier
{
    private const string FillerLookalikes = "KAMUCSXLEZ";
    private const int CellWidth = 14;
    private const int CellHeight = 20;

    /// <summary>How far (in columns) a filler matching the template vouches for the placement of a cell's columns.</summary>
    private const int Nearby = 6;

    public static ZoneReading Refine(Photo photo, ZoneReading zone, PlacedLine[] placed, Action<string>? debug)
    {
        var layout = zone.Layout;
        var lines = zone.Lines.Select(l => l.ToCharArray()).ToArray();
        var confidence = zone.Confidence.Select(c => (float[])c.Clone()).ToArray();
        // Every cell normalised once (zero mean, unit variance): all comparisons below are between normalised shapes.
        var cells = new float[layout.Lines][][];
        for (var l = 0; l < layout.Lines; l++)
        {
            cells[l] = new float[layout.Width][];
            for (var i = 0; i < layout.Width; i++)
            {
                cells[l][i] = Normalise(Cell(photo, placed[l], i));
            }
        }

        // The filler's template first; letters' templates leave out cells shaped like fillers (a filler read
        // confidently as K must not teach what a K looks like).
        var fillerSum = new float[CellWidth * CellHeight];
        var fillers = 0;
        ForEachConfident(c => c == '<', (l, i) =>
        {
            Add(fillerSum, cells[l][i]);
            fillers++;
        });
        if (fillers < 2)
        {
            return zone;
        }

        var filler = Normalise(fillerSum);
        var sums = new Dictionary<char, float[]>();
        ForEachConfident(c => c is 'O' or (>= '0' and <= '9'), (l, i) =>
        {
            if (Correlation(cells[l][i], filler) < 0.65f)
            {
                if (!sums.TryGetValue(lines[l][i], out var sum))
                {
                    sums[lines[l][i]] = sum = new float[CellWidth * CellHeight];
                }

                Add(sum, cells[l][i]);
            }
        });
        var letters = sums.ToDictionary(kv => kv.Key, kv => Normalise(kv.Value));
        debug?.Invoke($"templates: <:{fillers} {string.Join(" ", letters.Keys)}");

        var before = layout.Checked.Select(f => f.Holds(lines)).ToArray();
        var original = lines.Select(l => (char[])l.Clone()).ToArray();
        // Two passes: the zone-wide filler template first, then each line's own (same offset, same blur), built
        // from the cells the first pass found clearly to be fillers.
        var lineFillers = new float[]?[layout.Lines];
        // Cells where the shape overruled a sure reading: doubtful whatever the second pass finds.
        var disputed = lines.Select(l => new bool[l.Length]).ToArray();
        var afterSecondSeparator = AfterSecondSeparator(layout, lines);
        for (var pass = 0; pass < 2; pass++)
        {
            for (var l = 0; l < layout.Lines; l++)
            {
                var template = pass == 0 ? filler : lineFillers[l];
                if (template is null)
                {
                    continue;
                }

                var threshold = pass == 0 ? 0.78f : 0.8f;
                // Where this line's own fillers match the template: where they do not (columns placed off the print at a
                // line's end under perspective), a cell unlike the template says nothing about the cell.
                var matched = new bool[layout.Width];
                for (var i = 0; i < layout.Width; i++)
                {
                    matched[i] = lines[l][i] == '<' && Correlation(cells[l][i], template) >= threshold;
                }

                for (var i = 0; i < layout.Width; i++)
                {
                    // Sure readings stand, except the document code's second character: most documents print a filler
                    // there (P<, I<), and right after a letter a blurred filler is read as C with all the recogniser's
                    // confidence.
                    if ((confidence[l][i] >= 0.97f && !(l == 0 && i == 1) && !afterSecondSeparator[l][i]) || disputed[l][i])
                    {
                        continue;
                    }

                    var cell = cells[l][i];
                    var current = lines[l][i];
                    var cls = layout.Classes[l][i];
                    if (current is 'O' or '0' && cls == 'X' && letters.TryGetValue('0', out var zero))
                    {
                        // O or 0 where both may stand: the document's own zeros (from its dates) decide.
                        var asZero = Correlation(cell, zero);
                        var asO = letters.TryGetValue('O', out var o) ? Correlation(cell, o) : (float?)null;
                        var isZero = asO is { } ao ? asZero > ao + 0.05f : asZero >= 0.85f;
                        var isO = asO is { } ao2 ? ao2 > asZero + 0.05f : asZero < 0.6f;
                        debug?.Invoke($"pass {pass} cell {l}:{i} read '{current}' zero {asZero:F2} O {asO?.ToString("F2", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}");
                        if (isZero || isO)
                        {
                            lines[l][i] = isZero ? '0' : 'O';
                            confidence[l][i] = Math.Max(confidence[l][i], 0.9f);
                        }

                        continue;
                    }

                    if (!MrzLayout.Allows(cls, '<') || (current != '<' && !FillerLookalikes.Contains(current, StringComparison.Ordinal)))
                    {
                        continue;
                    }

                    var asFiller = Correlation(cell, template);
                    debug?.Invoke($"pass {pass} cell {l}:{i} read '{current}' ({confidence[l][i]:F2}) filler {asFiller:F2}");
                    if (asFiller >= threshold && current != '<' && confidence[l][i] >= 0.97f)
                    {
                        // The document code's second character read surely as a letter, shaped like a filler: blurred,
                        // C after P and a type letter (IA, AC) look alike. The shape decides, a person checks.
                        lines[l][i] = '<';
                        confidence[l][i] = VisualZone.ChangedConfidence;
                        disputed[l][i] = true;
                    }
                    else if (asFiller >= threshold)
                    {
                        lines[l][i] = '<';
                        confidence[l][i] = Math.Max(current == '<' ? confidence[l][i] : 0, Math.Min(1, asFiller + 0.1f));
                    }
                    else if (pass == 1 && !FillersMatchNear(matched, i))
                    {
                        // No filler nearby looks like the template: the comparison cannot tell, the recogniser's word stands.
                        debug?.Invoke($"pass {pass} cell {l}:{i} no filler nearby matches the template");
                    }
                    else if (pass == 1 && current != '<' && asFiller < threshold - 0.2f)
                    {
                        // Clearly not a filler: the letter read stands.
                        confidence[l][i] = Math.Max(confidence[l][i], 0.9f);
                    }
                    else if (pass == 1 && current != '<' && asFiller >= threshold - 0.2f)
                    {
                        // A letter shaped almost like a filler: the recogniser's word alone is not enough.
                        confidence[l][i] = Math.Min(confidence[l][i], 0.5f);
                    }
                    else if (pass == 1 && current == '<' && placed[l].Slots[i] is null && asFiller < threshold - 0.2f)
                    {
                        // Nothing was emitted here, so a filler was assumed (the recogniser merges runs of them), but the
                        // cell is not shaped like one: a letter the recogniser left out at the end of a name.
                        confidence[l][i] = Math.Min(confidence[l][i], 0.5f);
                    }
                }
            }

            for (var l = 0; l < layout.Lines; l++)
            {
                var sum = new float[CellWidth * CellHeight];
                var n = 0;
                for (var i = 0; i < layout.Width; i++)
                {
                    if (lines[l][i] == '<' && Correlation(cells[l][i], filler) >= 0.76f)
                    {
                        Add(sum, cells[l][i]);
                        n++;
                    }
                }

                lineFillers[l] = n >= 3 ? Normalise(sum) : null;
            }
        }

        SettleMirrorLetters(layout, lines, confidence, cells, debug);
        DoubtFillersSplittingNames(layout, original, lines, confidence, debug);
        DoubtSecondSeparators(layout, lines, confidence, debug);

        // Shapes never overrule a check digit: a field that held keeps what it had.
        for (var f = 0; f < layout.Checked.Count; f++)
        {
            var field = layout.Checked[f];
            if (before[f] && !field.Holds(lines))
            {
                foreach (var segment in field.Segments.Append(field.Digit))
                {
                    for (var i = segment.Start; i < segment.Start + segment.Length; i++)
                    {
                        if (lines[segment.Line][i] != original[segment.Line][i])
                        {
                            lines[segment.Line][i] = original[segment.Line][i];
                            confidence[segment.Line][i] = zone.Confidence[segment.Line][i];
                        }
                    }
                }
            }
        }

        var failing = layout.Checked.Count(f => !f.Holds(lines));
        return zone with { Lines = [.. lines.Select(l => new string(l))], Confidence = confidence, FailingDigits = failing };

        void ForEachConfident(Func<char, bool> which, Action<int, int> action)
        {
            for (var l = 0; l < layout.Lines; l++)
            {
                for (var i = 0; i < layout.Width; i++)
                {
                    if (confidence[l][i] >= 0.9f && placed[l].Slots[i] is not null && which(lines[l][i]))
                    {
                        action(l, i);
                    }
                }
            }
        }
    }

    /// <summary>Whether a filler within <see cref="Nearby"/> columns of <paramref name="column"/> (not itself) matches the template.</summary>
    private static bool FillersMatchNear(bool[] matched, int column)
    {
        for (var j = Math.Max(0, column - Nearby); j <= Math.Min(matched.Length - 1, column + Nearby); j++)
        {
            if (j != column && matched[j])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Names hold one separator (<c>&lt;&lt;</c>) between the surname and the given names, and single fillers within
    /// them: letters after a second separator are fillers read as letters (<c>VZOR&lt;&lt;K&lt;&lt;&lt;</c>, however sure the
    /// recogniser was) or follow a letter read as a filler. They are compared by shape whatever their confidence.
    /// </summary>
    internal static bool[][] AfterSecondSeparator(MrzLayout layout, char[][] lines)
    {
        var suspect = lines.Select(l => new bool[l.Length]).ToArray();
        foreach (var (span, separators) in NamesWithSeveralSeparators(layout, lines))
        {
            for (var i = span.Start + separators[1].End; i < span.Start + span.Length; i++)
            {
                suspect[span.Line][i] = lines[span.Line][i] != '<';
            }
        }

        return suspect;
    }

    /// <summary>
    /// Names that still hold more than one separator once the shapes are compared: the fillers of every separator
    /// are doubtful (one of them may be a letter the recogniser and the shape both took for a filler), so that a
    /// person compares the names with the printed ones; never a silent pass.
    /// </summary>
    internal static void DoubtSecondSeparators(MrzLayout layout, char[][] lines, float[][] confidence, Action<string>? debug)
    {
        foreach (var (span, separators) in NamesWithSeveralSeparators(layout, lines))
        {
            debug?.Invoke($"names hold {separators.Count} separators on line {span.Line}");
            foreach (var (start, end) in separators)
            {
                for (var i = span.Start + start; i < span.Start + end; i++)
                {
                    confidence[span.Line][i] = Math.Min(confidence[span.Line][i], VisualZone.ChangedConfidence);
                }
            }
        }
    }

    /// <summary>
    /// The name fields holding more than one separator, with their separators (columns within the field). Only the
    /// ICAO layouts: cards of the French legacy layout separate given names with two fillers.
    /// </summary>
    private static IEnumerable<(MrzSpan Span, List<(int Start, int End)> Separators)> NamesWithSeveralSeparators(MrzLayout layout, char[][] lines)
    {
        if (layout.Format is not (MrzFormat.Td1 or MrzFormat.Td2 or MrzFormat.Td3))
        {
            yield break;
        }

        foreach (var span in VisualZone.NameSpans(layout))
        {
            var separators = VisualZone.Separators(new string(lines[span.Line], span.Start, span.Length));
            if (separators.Count > 1)
            {
                yield return (span, separators);
            }
        }
    }

    /// <summary>
    /// A letter inside a name taken for a filler splits a word in two (<c>KOWALS&lt;A</c>): blurred, a K or a C is shaped
    /// much like a filler, and no check digit covers names. Separators between name parts exist (<c>ANNA&lt;MARIA</c>),
    /// so the filler stands, but as doubtful (<see cref="VisualZone.ChangedConfidence"/>): a person compares it with the
    /// printed name. Fillers taken for letters next to other fillers (a name's end, its separator) are not affected.
    /// </summary>
    internal static void DoubtFillersSplittingNames(MrzLayout layout, char[][] original, char[][] lines, float[][] confidence, Action<string>? debug)
    {
        foreach (var span in VisualZone.NameSpans(layout))
        {
            var line = lines[span.Line];
            for (var i = Math.Max(span.Start, 1); i < Math.Min(span.Start + span.Length, line.Length - 1); i++)
            {
                if (line[i] == '<' && original[span.Line][i] != '<' && char.IsAsciiLetter(line[i - 1]) && char.IsAsciiLetter(line[i + 1]))
                {
                    debug?.Invoke($"filler splits a name at {span.Line}:{i} (read '{original[span.Line][i]}')");
                    confidence[span.Line][i] = Math.Min(confidence[span.Line][i], VisualZone.ChangedConfidence);
                }
            }
        }
    }

    /// <summary>
    /// M, W and N in names, read with doubt. Printed small (letters of 5 to 8 pixels), the recogniser leans to N for
    /// all three, and no check digit covers names. Their shapes differ in two ways that survive blur: M and W are
    /// symmetric left to right and N is not; M carries more ink above its middle, W below. A doubtful N that is as
    /// symmetric as the document's own sure N's are not (and symmetric outright) is an M or a W; a doubtful M or W
    /// is set by where its ink lies. What changes stays doubtful: a person compares it with the printed name.
    /// </summary>
    internal static void SettleMirrorLetters(MrzLayout layout, char[][] lines, float[][] confidence, float[][][] cells, Action<string>? debug)
    {
        var names = VisualZone.NameSpans(layout);
        var sureN = names.SelectMany(s => Enumerable.Range(s.Start, s.Length).Where(i => lines[s.Line][i] == 'N' && confidence[s.Line][i] >= 0.9f)
            .Select(i => Mirror(cells[s.Line][i]))).Order().ToList();
        var reference = sureN.Count == 0 ? (float?)null : sureN[sureN.Count / 2];
        foreach (var span in names)
        {
            for (var i = span.Start; i < span.Start + span.Length; i++)
            {
                var current = lines[span.Line][i];
                if (current is not ('N' or 'M' or 'W') || confidence[span.Line][i] >= 0.9f)
                {
                    continue;
                }

                var cell = cells[span.Line][i];
                var mirror = Mirror(cell);
                if (mirror < 0.88f || (reference is { } sure && mirror <= sure + 0.1f))
                {
                    continue;
                }

                var top = InkAboveMiddle(cell);
                // Ink low: a W; ink high, or an N now known to be symmetric: an M; in between, an M or W stays as read.
                var settled = top < 0.47f ? 'W' : (top > 0.53f || current == 'N') ? 'M' : current;
                debug?.Invoke($"cell {span.Line}:{i} read '{current}' mirror {mirror:F2} (sure N {reference?.ToString("F2", System.Globalization.CultureInfo.InvariantCulture) ?? "-"}) ink above {top:F2}: '{settled}'");
                if (settled != current)
                {
                    lines[span.Line][i] = settled;
                    confidence[span.Line][i] = Math.Min(confidence[span.Line][i], VisualZone.ChangedConfidence);
                }
            }
        }
    }

    /// <summary>How closely a cell matches its own mirror image, mirrored about its ink's centre column.</summary>
    internal static float Mirror(float[] cell)
    {
        var ink = Ink(cell, byColumn: true);
        var least = ink.Min();
        float total = 0, moment = 0;
        for (var x = 0; x < CellWidth; x++)
        {
            total += ink[x] - least;
            moment += (ink[x] - least) * (x + 0.5f);
        }

        var centre = total > 1e-3f ? moment / total : CellWidth / 2f;
        var mirrored = new float[cell.Length];
        for (var y = 0; y < CellHeight; y++)
        {
            for (var x = 0; x < CellWidth; x++)
            {
                // Column x's centre mirrored about the ink's centre, sampled linearly between columns.
                var from = (2 * centre) - x - 1;
                var left = (int)MathF.Floor(from);
                var weight = from - left;
                var a = left is >= 0 and < CellWidth ? cell[(y * CellWidth) + left] : 0;
                var b = left + 1 is >= 0 and < CellWidth ? cell[(y * CellWidth) + left + 1] : 0;
                mirrored[(y * CellWidth) + x] = (a * (1 - weight)) + (b * weight);
            }
        }

        return Correlation(cell, Normalise(mirrored));
    }

    /// <summary>The share of a cell's ink above the middle of its inked rows (0.5: as much above as below).</summary>
    internal static float InkAboveMiddle(float[] cell)
    {
        var ink = Ink(cell, byColumn: false);
        var (least, most) = (ink.Min(), ink.Max());
        var inked = least + ((most - least) * 0.4f);
        var middle = (Array.FindIndex(ink, v => v > inked) + Array.FindLastIndex(ink, v => v > inked)) / 2f;
        float above = 0, below = 0;
        for (var y = 0; y < CellHeight; y++)
        {
            if (y < middle)
            {
                above += ink[y] - least;
            }
            else if (y > middle)
            {
                below += ink[y] - least;
            }
        }

        return above / Math.Max(1e-3f, above + below);
    }

    /// <summary>A cell's ink (its darkness: the negated normalised grey) summed down each column, or along each row.</summary>
    private static float[] Ink(float[] cell, bool byColumn)
    {
        var ink = new float[byColumn ? CellWidth : CellHeight];
        for (var y = 0; y < CellHeight; y++)
        {
            for (var x = 0; x < CellWidth; x++)
            {
                ink[byColumn ? x : y] -= cell[(y * CellWidth) + x];
            }
        }

        return ink;
    }

    /// <summary>The cell of one column, resampled to a fixed size in grey.</summary>
    private static float[] Cell(Photo photo, PlacedLine line, int column)
    {
        var box = line.Line.Box;
        var along = line.Along(column);
        var pitch = line.PitchAt(column);
        var height = box.Thickness * 0.8f;
        var cell = new float[CellWidth * CellHeight];
        for (var y = 0; y < CellHeight; y++)
        {
            var across = ((y + 0.5f) / CellHeight * height) - (height / 2);
            for (var x = 0; x < CellWidth; x++)
            {
                var a = along + (((x + 0.5f) / CellWidth) - 0.5f) * pitch;
                var sx = box.CenterX + (box.Ux * a) + (box.Vx * across);
                var sy = box.CenterY + (box.Uy * a) + (box.Vy * across);
                cell[(y * CellWidth) + x] = photo.Sample(sx, sy, 0) + photo.Sample(sx, sy, 1) + photo.Sample(sx, sy, 2);
            }
        }

        return cell;
    }

    private static void Add(float[] sum, float[] cell)
    {
        for (var i = 0; i < sum.Length; i++)
        {
            sum[i] += cell[i];
        }
    }

    private static float[] Normalise(float[] cell)
    {
        var mean = cell.Average();
        var variance = cell.Sum(v => (v - mean) * (v - mean)) / cell.Length;
        var scale = variance > 1e-6f ? 1 / MathF.Sqrt(variance) : 0;
        return [.. cell.Select(v => (v - mean) * scale)];
    }

    private static float Correlation(float[] a, float[] b)
    {
        var sum = 0f;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum / a.Length;
    }
}
