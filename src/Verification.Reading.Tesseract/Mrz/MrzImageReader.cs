using System.Diagnostics;
using Verification.Core.Documents.Mrz;
using Verification.Reading.Tesseract.Imaging;

namespace Verification.Reading.Tesseract.Mrz;

/// <summary>What <see cref="MrzImageReader"/> found.</summary>
internal sealed record MrzImageResult(string? Text, string? Alternative, IReadOnlyList<string> Tried, double Skew);

/// <summary>
/// Finds the machine-readable zone in a photo and reads it, trying the alternatives a careful reader would:
/// the level (deskewed) image with the OCR-B glyph classifier, at two ink thresholds (combined character by
/// character where both hold and disagree on what no check digit covers), then Tesseract on the band
/// (upscaled, then binarised). The first reading whose check digits all hold and whose other fields look real
/// (<see cref="ZoneLayout.IsPlausible"/>) wins; otherwise the best by that order, so that the checks report
/// the failure rather than the reader hiding it.
/// </summary>
internal sealed class MrzImageReader
{
    private const int MaxWorkingWidth = 2000;
    private const string Whitelist = GlyphClassifier.Alphabet;

    private readonly GlyphClassifier? _glyphs;
    private readonly TimeProvider _timeProvider;

    public MrzImageReader(GlyphClassifier? glyphs, TimeProvider timeProvider)
    {
        _glyphs = glyphs;
        _timeProvider = timeProvider;
    }

    public MrzImageResult Read(GrayImage image, TesseractEngine? engine, CancellationToken cancellationToken)
    {
        if (image.Width > MaxWorkingWidth)
        {
            image = image.Scale(MaxWorkingWidth / (double)image.Width);
        }

        var level = image.Deskew(out var skew).Smooth();
        var tried = new List<string>();
        Candidate? best = null;

        // A reading settles the zone when its check digits hold and the fields they do not cover look real.
        bool Consider(string alternative, string? text, bool winsTies = false)
        {
            tried.Add(alternative);
            if (Judge(alternative, text) is not { } candidate)
            {
                return false;
            }

            if (best is null || candidate.Rank > best.Rank || (winsTies && candidate.Rank == best.Rank))
            {
                best = candidate;
            }

            return candidate.Settled;
        }

        var otsu = level.OtsuThreshold();
        var groups = Groups(TextLines.Find(level, otsu));
        if (_glyphs is not null)
        {
            var first = ReadGlyphs(level, groups, otsu);
            if (Consider("glyphs", first?.Text) && first!.Confident)
            {
                return Done();
            }

            // Blur thins the gaps and fattens the strokes: a darker cut separates glyphs again.
            cancellationToken.ThrowIfCancellationRequested();
            var darker = Math.Max(16, otsu - 40);
            var second = ReadGlyphs(level, Groups(TextLines.Find(level, darker)), darker);
            var settled = Consider("glyphs/darker-threshold", second?.Text);
            if (first is not null && second is not null && best is { Settled: true } && GlyphZone.Merge(first, second) is { } merged)
            {
                // Both cuts read the zone: where they disagree on a character no check digit covers, the
                // classifier's surer reading wins.
                settled |= Consider("glyphs/merged", merged, winsTies: true);
            }

            if (settled || best is { Settled: true })
            {
                return Done();
            }
        }

        if (engine is not null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var band = Band(level, groups);
            var lineHeight = groups.Count > 0 ? groups[0].Lines.Average(l => l.Height) : level.Height / 40.0;
            var factor = Math.Clamp(40 / Math.Max(lineHeight, 1), 1, 4);
            var scaled = factor > 1.1 ? band.Scale(factor) : band;
            if (Consider(factor > 1.1 ? "tesseract/band-upscaled" : "tesseract/band", engine.Recognize(scaled, PageSegmentation.SingleBlock, Whitelist)))
            {
                return Done();
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (Consider("tesseract/band-binarised", engine.Recognize(scaled.Binarize(scaled.OtsuThreshold()), PageSegmentation.SingleBlock, Whitelist)))
            {
                return Done();
            }
        }

        return Done();

        MrzImageResult Done() => new(best?.Text, best?.Alternative, tried, skew);
    }

    private Candidate? Judge(string alternative, string? text)
    {
        if (text is null)
        {
            return null;
        }

        var parsed = MrzParser.Parse(text, _timeProvider);
        if (!parsed.IsSuccess)
        {
            return null;
        }

        var valid = parsed.Value.CheckDigits.Count(d => d.IsValid);
        var all = parsed.Value.AllCheckDigitsValid;
        var plausible = ZoneLayout.IsPlausible(parsed.Value);
        return new Candidate(text, alternative, valid, all, plausible);
    }

    private GlyphZone? ReadGlyphs(GrayImage image, List<Group> groups, int threshold)
    {
        Debug.Assert(_glyphs is not null, "Only called with a classifier.");
        GlyphZone? best = null;
        var bestScore = double.MinValue;
        var bestRank = -1;
        foreach (var group in groups.Take(4))
        {
            foreach (var length in group.Lengths)
            {
                // Each line gets its own pitch fit first (a pitch shared from the start read worse); a line
                // that strays from the others is then read again on their cells.
                var lines = new GlyphLine[group.Lines.Length];
                var complete = true;
                for (var i = 0; i < lines.Length && complete; i++)
                {
                    if (_glyphs!.ReadLine(image, group.Lines[i], threshold, length) is { } line)
                    {
                        lines[i] = line;
                    }
                    else
                    {
                        complete = false;
                    }
                }

                if (!complete)
                {
                    continue;
                }

                var zone = GlyphZone.Decode(Harmonise(image, group.Lines, threshold, lines));
                var candidate = Judge(string.Empty, zone.Text);
                var rank = candidate?.Rank ?? -1;
                if (rank > bestRank || (rank == bestRank && zone.Score > bestScore))
                {
                    (best, bestScore, bestRank) = (zone, zone.Score, rank);
                }
            }
        }

        return best;
    }

    /// <summary>
    /// The lines of a zone are printed with one pitch and one left margin. A line whose own fit strays from
    /// another's (a smudge, a frame or the document's edge changed its extent) is read again on that line's
    /// cells, and the reading the classifier matches better is kept.
    /// </summary>
    private GlyphLine[] Harmonise(GrayImage image, TextLine[] found, int threshold, GlyphLine[] lines)
    {
        var result = (GlyphLine[])lines.Clone();
        for (var i = 0; i < lines.Length; i++)
        {
            var score = lines[i].MeanScore();
            for (var j = 0; j < lines.Length; j++)
            {
                var (a, b) = (lines[i], lines[j]);
                if (i == j || (Math.Abs(a.Pitch - b.Pitch) <= b.Pitch * 0.015 && Math.Abs(a.Offset - b.Offset) <= b.Pitch / 2))
                {
                    continue;
                }

                if (_glyphs!.ReadLine(image, found[i], threshold, a.Length, (b.Offset, b.Pitch)) is { } again && again.MeanScore() > score)
                {
                    (result[i], score) = (again, again.MeanScore());
                }
            }
        }

        return result;
    }

    private static GrayImage Band(GrayImage image, List<Group> groups)
    {
        if (groups.Count == 0)
        {
            // No band found: the zone is at the bottom of a document, read the lower part.
            var top = image.Height * 3 / 5;
            return image.Crop(0, top, image.Width, image.Height - top);
        }

        var group = groups[0];
        var h = (int)group.Lines.Average(l => l.Height);
        var left = group.Lines.Min(l => l.Left) - (2 * h);
        var right = group.Lines.Max(l => l.Right) + (2 * h);
        var y0 = group.Lines[0].Top - h;
        var y1 = group.Lines[^1].Bottom + h;
        return image.Crop(Math.Max(0, left), Math.Max(0, y0), right - Math.Max(0, left), y1 - Math.Max(0, y0));
    }

    /// <summary>Groups of two or three consecutive long lines alike in height and extent, lowest first.</summary>
    private List<Group> Groups(List<TextLine> lines)
    {
        var ratio = _glyphs?.PitchPerHeight ?? 0.75;
        var groups = new List<Group>();
        for (var end = lines.Count - 1; end >= 1; end--)
        {
            foreach (var count in new[] { 3, 2 })
            {
                var start = end - count + 1;
                if (start < 0)
                {
                    continue;
                }

                var members = lines.GetRange(start, count).ToArray();
                if (!Alike(members))
                {
                    continue;
                }

                var h = members.Average(l => l.Height);
                var w = members.Max(l => l.Width);
                var estimated = w / (ratio * h);
                int[] lengths = count == 3
                    ? [30]
                    : Math.Abs(estimated - 44) <= Math.Abs(estimated - 36) ? [44, 36] : [36, 44];
                if (count == 3 && Math.Abs(estimated - 30) > 8)
                {
                    continue;
                }

                groups.Add(new Group(members, lengths));
            }
        }

        return groups;
    }

    private static bool Alike(TextLine[] lines)
    {
        var minH = lines.Min(l => l.Height);
        var maxH = lines.Max(l => l.Height);
        if (maxH > minH * 1.45 || minH < 6)
        {
            return false;
        }

        var h = (minH + maxH) / 2.0;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Width < 18 * h)
            {
                return false;
            }

            if (Math.Abs(lines[i].Left - lines[0].Left) > 2 * h)
            {
                return false;
            }

            if (i > 0 && lines[i].Top - lines[i - 1].Bottom > 3 * h)
            {
                return false;
            }
        }

        // The name line of a passport may end early when its fillers are faint; its start still aligns.
        return true;
    }

    private sealed record Group(TextLine[] Lines, int[] Lengths);

    private sealed record Candidate(string Text, string Alternative, int Valid, bool All, bool Plausible)
    {
        public bool Settled => All && Plausible;

        // Settled first, then every check digit holding, then the count holding, then plausibility.
        public int Rank => (Settled ? 1000 : 0) + (All ? 100 : 0) + (Valid * 2) + (Plausible ? 1 : 0);
    }
}
