using System.Text;
using Verification.Reading.PaddleOcr.Imaging;
using Verification.Reading.PaddleOcr.Mrz;

namespace Verification.Reading.PaddleOcr.Text;

/// <summary>The text of a page as <see cref="PageReader"/> read it.</summary>
/// <param name="Text">The lines, top to bottom, pieces of one row left to right; personal data, never logged.</param>
/// <param name="Lines">How many text lines were detected and read.</param>
/// <param name="MeanConfidence">The mean of the recogniser's probability for every character emitted, 0 to 1.</param>
/// <param name="OutOfTime">Whether lines were left unread because the budget ran out.</param>
internal sealed record PageText(string Text, int Lines, float MeanConfidence, bool OutOfTime);

/// <summary>
/// Reads all the text of a photographed page with PP-OCR: every text line is detected on the whole photo (at a
/// scale where small print still makes lines), pieces of one line are joined, each line is resampled along its own
/// rectangle (which straightens a tilted photo) and recognised with greedy CTC over the recogniser's full
/// dictionary (the page's direction is the one the recogniser is surer of on its two longest lines, so a page
/// upside down or turned either way reads too), and lines are put in reading order: rows top to bottom along the page's own axis, pieces of a row
/// left to right, so that a table row (a RIB's bank, branch, account and key) comes out as one line.
/// </summary>
internal sealed class PageReader(PaddleOcrModels models)
{
    private const int MaxLines = 300;

    /// <summary>Reads the page; no new line is recognised once <paramref name="budget"/> has passed.</summary>
    public PageText Read(Photo photo, TimeProvider timeProvider, TimeSpan budget, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();

        // Small print in a phone photo needs detail: detect at the photo's own size up to 1600 px, and never below
        // 960 px (small photos are enlarged, which helps the detector separate lines of small characters).
        var side = Math.Clamp(Math.Max(photo.Width, photo.Height), 960, 1600) / 32 * 32;
        var boxes = PhotoZoneReader.MergeCollinear(models.Detector.Detect(photo, side, cancellationToken))
            .Where(b => b.Thickness >= 4 && b.Length >= b.Thickness * 0.8f)
            .Take(MaxLines)
            .ToList();
        if (boxes.Count == 0)
        {
            return new PageText(string.Empty, 0, 0, false);
        }

        // The page's reading direction: the long lines' axes, pointed to the right (a page turned by a few degrees
        // or by a quarter turn keeps its lines parallel).
        var (axisX, axisY) = Axis(boxes);
        var known = new Dictionary<TextBox, (string Text, float Confidence)>();
        if (ReadsBetterReversed(photo, boxes, axisX, axisY, known, cancellationToken))
        {
            // A page upside down, or turned a quarter clockwise: the recogniser is surer of its lines the other way.
            (axisX, axisY) = (-axisX, -axisY);
        }

        // Recognised in reading order, so that a budget running out leaves out the end of the page, not whatever
        // happened to be detected as short.
        var oriented = boxes.Select(b => (b.Ux * axisX) + (b.Uy * axisY) < 0 ? b.Reversed() : b)
            .OrderBy(b => (b.CenterX * -axisY) + (b.CenterY * axisX))
            .ToList();

        var read = new List<(TextBox Box, string Text, float Confidence)>(oriented.Count);
        var outOfTime = false;
        foreach (var box in oriented)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (timeProvider.GetElapsedTime(started) > budget)
            {
                outOfTime = true;
                break;
            }

            var (text, confidence) = known.TryGetValue(box, out var already) ? already : Greedy(models.Recognizer.Recognize(photo, box, 1f, LineTone.Colour, cancellationToken), models.Characters);
            if (text.Length > 0)
            {
                read.Add((box, text, confidence));
            }
        }

        var page = Order(read, axisX, axisY);
        var mean = read.Count == 0 ? 0 : read.Average(r => r.Confidence);
        return new PageText(page, read.Count, mean, outOfTime);
    }

    /// <summary>
    /// Greedy CTC: the likeliest class at each step, repeats merged, blanks dropped; full-width forms folded to ASCII.
    /// The recogniser seldom emits spaces in small print, so a gap between two characters much wider than the line's
    /// usual spacing becomes one (labels such as "Account holder" stay words).
    /// </summary>
    internal static (string Text, float Confidence) Greedy(Frames frames, CharacterSet characters)
    {
        var emitted = Emitted(frames, characters);
        if (emitted.Count == 0)
        {
            return (string.Empty, 0);
        }

        var gaps = new List<int>(emitted.Count);
        for (var i = 1; i < emitted.Count; i++)
        {
            gaps.Add(emitted[i].Step - emitted[i - 1].Step);
        }

        gaps.Sort();
        var usual = gaps.Count == 0 ? 0 : gaps[gaps.Count / 2];
        var builder = new StringBuilder();
        for (var i = 0; i < emitted.Count; i++)
        {
            var gap = i == 0 ? 0 : emitted[i].Step - emitted[i - 1].Step;
            if (i > 0 && usual > 0 && gap >= (usual * 2) + 1 && !string.IsNullOrWhiteSpace(emitted[i].Text) && !string.IsNullOrWhiteSpace(emitted[i - 1].Text))
            {
                builder.Append(' ');
            }

            builder.Append(emitted[i].Text);
        }

        var text = builder.ToString().Normalize(NormalizationForm.FormKC).Trim();
        return (text, emitted.Average(e => e.Probability));
    }

    /// <summary>The characters greedy CTC emits, each with the recogniser's probability (no spaces added).</summary>
    internal static IReadOnlyList<(string Text, float Probability)> Characters(Frames frames, CharacterSet characters) =>
        Emitted(frames, characters).Select(e => (e.Text, e.Probability)).ToList();

    private static List<(string Text, int Step, float Probability)> Emitted(Frames frames, CharacterSet characters)
    {
        var emitted = new List<(string Text, int Step, float Probability)>();
        var previous = 0;
        for (var t = 0; t < frames.Steps; t++)
        {
            var row = frames.At(t);
            var best = 0;
            for (var c = 1; c < row.Length; c++)
            {
                if (row[c] > row[best])
                {
                    best = c;
                }
            }

            if (best != 0 && best != previous && best < characters.Count)
            {
                emitted.Add((characters[best], t, row[best]));
            }

            previous = best;
        }

        return emitted;
    }

    /// <summary>
    /// Whether the longest lines read with more confidence against the axis than along it. The longest line read
    /// surely along the axis settles it (the common case: one recognition, kept for the page); otherwise the two
    /// longest are read both ways. Readings along the axis go into <paramref name="known"/>.
    /// </summary>
    private bool ReadsBetterReversed(Photo photo, List<TextBox> boxes, float axisX, float axisY, Dictionary<TextBox, (string Text, float Confidence)> known, CancellationToken cancellationToken)
    {
        float forward = 0, backward = 0;
        var first = true;
        foreach (var box in boxes.OrderByDescending(b => b.Length).Take(2))
        {
            var along = (box.Ux * axisX) + (box.Uy * axisY) < 0 ? box.Reversed() : box;
            var ahead = Greedy(models.Recognizer.Recognize(photo, along, 1f, LineTone.Colour, cancellationToken), models.Characters);
            known[along] = ahead;
            if (first && ahead.Confidence >= 0.9f && ahead.Text.Length >= 6)
            {
                // Upside-down print reads as a few unsure characters, never as a long sure line.
                return false;
            }

            first = false;
            forward += ahead.Confidence;
            backward += Greedy(models.Recognizer.Recognize(photo, along.Reversed(), 1f, LineTone.Colour, cancellationToken), models.Characters).Confidence;
        }

        return backward > forward + 0.1f;
    }

    private static (float X, float Y) Axis(List<TextBox> boxes)
    {
        // Doubled angles average directions that are the same line read either way.
        double c = 0, s = 0;
        foreach (var b in boxes)
        {
            var angle = Math.Atan2(b.Uy, b.Ux) * 2;
            c += Math.Cos(angle) * b.Length;
            s += Math.Sin(angle) * b.Length;
        }

        var mean = Math.Atan2(s, c) / 2;
        var (x, y) = ((float)Math.Cos(mean), (float)Math.Sin(mean));

        // Left to right for a page upright or tilted; for a quarter-turned page, bottom to top (turned anticlockwise).
        return Math.Abs(x) >= Math.Abs(y) ? (x < 0 ? (-x, -y) : (x, y)) : (y > 0 ? (-x, -y) : (x, y));
    }

    private static string Order(List<(TextBox Box, string Text, float Confidence)> read, float axisX, float axisY)
    {
        // Across the page (down the rows) is the axis turned a quarter clockwise in image coordinates.
        float Across(TextBox b) => (b.CenterX * -axisY) + (b.CenterY * axisX);
        float Along(TextBox b) => (b.CenterX * axisX) + (b.CenterY * axisY);

        var rows = new List<List<(TextBox Box, string Text, float Confidence)>>();
        foreach (var line in read.OrderBy(r => Across(r.Box)))
        {
            var row = rows.Count == 0 ? null : rows[^1];
            if (row is not null && Math.Abs(Across(line.Box) - row.Average(r => Across(r.Box))) < Math.Min(line.Box.Thickness, row.Min(r => r.Box.Thickness)) * 0.5f)
            {
                row.Add(line);
            }
            else
            {
                rows.Add([line]);
            }
        }

        return string.Join('\n', rows.Select(row => string.Join("   ", row.OrderBy(r => Along(r.Box)).Select(r => r.Text))));
    }
}
