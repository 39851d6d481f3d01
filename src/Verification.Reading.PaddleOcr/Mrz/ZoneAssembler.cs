using Verification.Core.Documents.Mrz;
using Verification.Reading.PaddleOcr.Text;

namespace Verification.Reading.PaddleOcr.Mrz;

/// <summary>A zone read from a photo: its lines, a confidence per character, and whether the check digits hold.</summary>
internal sealed record ZoneReading(MrzLayout Layout, string[] Lines, float[][] Confidence, int FailingDigits, int Corrections)
{
    public float MeanConfidence => Confidence.SelectMany(c => c).Average();

    /// <summary>The zone's lines in the photo as read (top first, in reading direction); empty when not known.</summary>
    public IReadOnlyList<TextBox> Boxes { get; init; } = [];
}

/// <summary>
/// Chooses each character of the zone from the recogniser's scores under the layout's grammar (a digit where
/// only digits may stand, a letter or filler in names and codes), then repairs fields whose check digit fails
/// with the single change the scores make most likely, and marks what the scores leave in doubt.
/// </summary>
internal static class ZoneAssembler
{
    private const float AlternativeFloor = 0.02f;
    private const float SureEnough = 0.9f;
    private const string FillerLookalikes = "KAMUCSXLEHNR";
    private static readonly string[] LookalikeGroups = ["ODQ", "MNHW"];

    public static ZoneReading Assemble(MrzLayout layout, Emission?[][] slots)
    {
        var alphabet = CharacterSet.MrzAlphabet;
        var lines = new char[layout.Lines][];
        var confidence = new float[layout.Lines][];
        for (var l = 0; l < layout.Lines; l++)
        {
            lines[l] = new char[layout.Width];
            confidence[l] = new float[layout.Width];
            for (var i = 0; i < layout.Width; i++)
            {
                var cls = layout.Classes[l][i];
                var slot = slots[l][i];
                if (slot is null)
                {
                    // Nothing emitted here: a filler the recogniser merged into its neighbours, when they are fillers.
                    var besideFillers = (i > 0 && slots[l][i - 1] is { } before && alphabet[before.Best] == '<')
                        || (i + 1 < layout.Width && slots[l][i + 1] is { } after && alphabet[after.Best] == '<')
                        || i == layout.Width - 1;
                    lines[l][i] = '<';
                    confidence[l][i] = MrzLayout.Allows(cls, '<') && besideFillers ? 0.9f : 0.2f;
                    continue;
                }

                var best = Likeliest(slot, c => MrzLayout.Allows(cls, c));

                // How sure, among what the position may hold: an O where only letters stand is sure even when the
                // recogniser hesitated with 0, which the position rules out.
                var allowed = 0f;
                for (var k = 0; k < alphabet.Length; k++)
                {
                    if (MrzLayout.Allows(cls, alphabet[k]))
                    {
                        allowed += slot.Scores[k];
                    }
                }

                lines[l][i] = alphabet[best];
                // A filler where only a letter may stand is no look-alike of any letter: the letter is a guess, as
                // sure as the recogniser's own score for it (unlike an O where only letters stand, read as 0).
                confidence[l][i] = slot.Best == 0 && best != 0 && cls == 'L' ? slot.Scores[best]
                    : allowed > 1e-6f ? slot.Scores[best] / allowed : 0;
            }
        }

        CodesWithoutInnerFillers(layout, slots, lines, confidence);
        KnownCodes(layout, slots, lines, confidence);

        var corrections = 0;
        foreach (var field in layout.Checked)
        {
            if (!field.Holds(lines) && Repair(layout, field, slots, lines, confidence))
            {
                corrections++;
            }
        }

        CleanNames(layout, slots, lines, confidence);
        DoubtLookalikeNameLetters(layout, slots, lines, confidence);
        var failing = layout.Checked.Count(f => !f.Holds(lines));
        return new ZoneReading(layout, [.. lines.Select(l => new string(l))], confidence, failing, corrections);
    }

    /// <summary>The index in the zone's alphabet of the likeliest character <paramref name="allowed"/> accepts; -1 when none does.</summary>
    private static int Likeliest(Emission slot, Func<char, bool> allowed)
    {
        var alphabet = CharacterSet.MrzAlphabet;
        var best = -1;
        for (var k = 0; k < alphabet.Length; k++)
        {
            if (allowed(alphabet[k]) && (best < 0 || slot.Scores[k] > slot.Scores[best]))
            {
                best = k;
            }
        }

        return best;
    }

    /// <summary>The one change of a character of the field (or its digit) that makes the digit hold, most likely first.</summary>
    private static bool Repair(MrzLayout layout, MrzCheckedField field, Emission?[][] slots, char[][] lines, float[][] confidence)
    {
        var alphabet = CharacterSet.MrzAlphabet;
        var positions = field.Segments.SelectMany(s => Enumerable.Range(s.Start, s.Length).Select(i => (s.Line, Column: i)))
            .Append((Line: field.Digit.Line, Column: field.Digit.Start));
        (int Line, int Column, char To, float Score)? best = null;
        foreach (var (line, column) in positions)
        {
            var slot = slots[line][column];
            var current = lines[line][column];
            if (confidence[line][column] >= SureEnough)
            {
                // A character read surely is never changed to satisfy a digit: that is how a forgery would be hidden.
                continue;
            }

            var cls = layout.Classes[line][column];
            for (var k = 0; k < alphabet.Length; k++)
            {
                var candidate = alphabet[k];
                var score = slot?.Scores[k] ?? (candidate == '<' ? 0.5f : 0.01f);
                if (candidate == current || score < AlternativeFloor || !MrzLayout.Allows(cls, candidate))
                {
                    continue;
                }

                if (best is { } b && b.Score >= score)
                {
                    continue;
                }

                lines[line][column] = candidate;
                if (field.Holds(lines))
                {
                    best = (line, column, candidate, score);
                }

                lines[line][column] = current;
            }
        }

        if (best is not { } change)
        {
            return false;
        }

        lines[change.Line][change.Column] = change.To;
        confidence[change.Line][change.Column] = change.Score;
        return true;
    }

    /// <summary>
    /// A country code is three letters, or fewer followed by fillers (<c>D&lt;&lt;</c>): a filler between two letters
    /// is a letter the recogniser lost (a narrow <c>W</c> in a small photo), taken from its scores and marked as
    /// doubtful as they are.
    /// </summary>
    private static void CodesWithoutInnerFillers(MrzLayout layout, Emission?[][] slots, char[][] lines, float[][] confidence)
    {
        var alphabet = CharacterSet.MrzAlphabet;
        foreach (var field in new[] { MrzField.IssuingState, MrzField.Nationality })
        {
            if (layout.Span(field) is not { Length: 3 } span)
            {
                continue;
            }

            var line = lines[span.Line];
            var middle = span.Start + 1;
            if (line[middle] != '<' || line[middle + 1] == '<')
            {
                continue;
            }

            var slot = slots[span.Line][middle];
            var best = slot is null ? -1 : Likeliest(slot, c => c is >= 'A' and <= 'Z');
            if (best >= 0 && slot!.Scores[best] >= AlternativeFloor)
            {
                line[middle] = alphabet[best];
                confidence[span.Line][middle] = Math.Min(confidence[span.Line][middle], slot.Scores[best]);
            }
            else
            {
                confidence[span.Line][middle] = Math.Min(confidence[span.Line][middle], 0.2f);
            }
        }
    }

    /// <summary>
    /// A country code no ICAO list holds, with letters read in doubt, is one the list holds: among the known codes that
    /// agree with every letter read surely, the zone's other code (a passport's issuer is mostly its holder's
    /// nationality: <c>T&lt;N</c> beside <c>TWN</c>), else the only one, else the one the scores clearly prefer. No check
    /// digit covers these codes: what changes stays doubtful, for a person to compare.
    /// </summary>
    internal static void KnownCodes(MrzLayout layout, Emission?[][] slots, char[][] lines, float[][] confidence)
    {
        var spans = new[] { MrzField.IssuingState, MrzField.Nationality }.Select(layout.Span).OfType<MrzSpan>().Where(s => s.Length == 3).ToArray();
        foreach (var span in spans)
        {
            var read = new string(lines[span.Line], span.Start, 3);
            if (CountryCodes.IsKnownIcao(read.TrimEnd('<')))
            {
                continue;
            }

            var sure = Enumerable.Range(0, 3).Select(k => confidence[span.Line][span.Start + k] >= SureEnough).ToArray();
            if (sure.All(s => s))
            {
                // Read surely and unknown: the checker says so; nothing here to repair.
                continue;
            }

            var candidates = CountryCodes.AllIcaoAsPrinted.Where(c => Enumerable.Range(0, 3).All(k => !sure[k] || c[k] == read[k])).ToList();
            var others = spans.Where(o => o != span).Select(o => new string(lines[o.Line], o.Start, 3))
                .Where(o => CountryCodes.IsKnownIcao(o.TrimEnd('<'))).ToList();
            var chosen = candidates.FirstOrDefault(others.Contains) ?? (candidates.Count == 1 ? candidates[0] : Preferred(candidates, slots, span));
            if (chosen is null)
            {
                continue;
            }

            for (var k = 0; k < 3; k++)
            {
                if (chosen[k] != read[k])
                {
                    lines[span.Line][span.Start + k] = chosen[k];
                    confidence[span.Line][span.Start + k] = Math.Min(confidence[span.Line][span.Start + k], VisualZone.ChangedConfidence);
                }
            }
        }
    }

    /// <summary>
    /// The candidate the recogniser's scores make at least ten times likelier than any other, and likely at all (one in
    /// a thousand, its three letters' scores multiplied); null when none is.
    /// </summary>
    private static string? Preferred(List<string> candidates, Emission?[][] slots, MrzSpan span)
    {
        var alphabet = CharacterSet.MrzAlphabet;
        var ranked = candidates.Select(c => (Code: c, Score: Enumerable.Range(0, 3).Aggregate(1.0, (p, k) =>
                p * Math.Max(1e-4, slots[span.Line][span.Start + k]?.Scores[alphabet.IndexOf(c[k], StringComparison.Ordinal)] ?? 1e-4))))
            .OrderByDescending(r => r.Score).Take(2).ToList();
        return ranked.Count > 0 && (ranked.Count == 1 || ranked[0].Score >= 10 * ranked[1].Score) && ranked[0].Score >= 1e-3 ? ranked[0].Code : null;
    }

    /// <summary>
    /// Letters the recogniser confuses among themselves in small print (<c>D</c>/<c>O</c>/<c>Q</c>,
    /// <c>M</c>/<c>N</c>/<c>H</c>/<c>W</c>) were read wrong at 0.6 to 0.9 in names, where no check digit shows it: a
    /// name letter whose runner-up is its look-alike is doubtful below 0.9 (the printed names may then confirm it).
    /// </summary>
    private static void DoubtLookalikeNameLetters(MrzLayout layout, Emission?[][] slots, char[][] lines, float[][] confidence)
    {
        var alphabet = CharacterSet.MrzAlphabet;
        foreach (var span in VisualZone.NameSpans(layout))
        {
            for (var i = span.Start; i < span.Start + span.Length; i++)
            {
                var read = lines[span.Line][i];
                if (confidence[span.Line][i] is < VisualZone.Doubtful or >= SureEnough || slots[span.Line][i] is not { } slot
                    || LookalikeGroups.FirstOrDefault(g => g.Contains(read, StringComparison.Ordinal)) is not { } group)
                {
                    continue;
                }

                var runnerUp = Likeliest(slot, c => c != read && c is >= 'A' and <= 'Z');
                if (runnerUp > 0 && group.Contains(alphabet[runnerUp], StringComparison.Ordinal))
                {
                    confidence[span.Line][i] = VisualZone.Doubtful - 0.01f;
                }
            }
        }
    }

    /// <summary>
    /// Fillers after a name read as letters weigh like fillers in no check digit: a lone letter between fillers
    /// that the scores allow as a filler becomes one, and whatever stays doubtful is marked so.
    /// </summary>
    private static void CleanNames(MrzLayout layout, Emission?[][] slots, char[][] lines, float[][] confidence)
    {
        foreach (var span in layout.Unchecked.Where(s => s.Length > 5))
        {
            var line = lines[span.Line];
            var end = span.Start + span.Length;
            for (var i = span.Start; i < end; i++)
            {
                var c = line[i];
                var fillerAfter = i + 1 >= end || line[i + 1] == '<';
                if (c != '<' && fillerAfter && confidence[span.Line][i] < SureEnough && AfterFillers(line, span.Start, i, 3))
                {
                    // Any letter alone after three fillers: names hold at most two in a row before more names, so the
                    // letter is a filler read wrong (a V at the end of a Czech passport's names, saved again as JPEG).
                    line[i] = '<';
                    confidence[span.Line][i] = Math.Min(confidence[span.Line][i], VisualZone.ChangedConfidence);
                    continue;
                }

                if (c == '<' || !FillerLookalikes.Contains(c, StringComparison.Ordinal))
                {
                    continue;
                }

                var fillerBefore = i > span.Start && line[i - 1] == '<' && (i - 1 == span.Start || line[i - 2] == '<');
                if (!fillerBefore || !fillerAfter)
                {
                    continue;
                }

                var fillerScore = slots[span.Line][i]?.Scores[0] ?? 0.5f;
                if (fillerScore >= 0.05f || confidence[span.Line][i] < 0.9f)
                {
                    line[i] = '<';
                    confidence[span.Line][i] = Math.Min(confidence[span.Line][i], 1 - confidence[span.Line][i] + fillerScore);
                }
            }
        }
    }

    /// <summary>Whether the <paramref name="count"/> characters before column <paramref name="i"/> are fillers, within the field starting at <paramref name="start"/>.</summary>
    private static bool AfterFillers(char[] line, int start, int i, int count)
    {
        if (i - count < start)
        {
            return false;
        }

        for (var k = i - count; k < i; k++)
        {
            if (line[k] != '<')
            {
                return false;
            }
        }

        return true;
    }
}
