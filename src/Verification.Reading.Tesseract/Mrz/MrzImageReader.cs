using System.Diagnostics;
using Verification.Core.Documents.Mrz;
using Verification.Reading.Tesseract.Imaging;

namespace Verification.Reading.Tesseract.Mrz;

/// <summary>What <see cref="MrzImageReader"/> found.</summary>
internal sealed record MrzImageResult(string? Text, string? Alternative, IReadOnlyList<string> Tried, double Skew);

/// <summary>
/// Finds the machine-readable zone in a photo and reads it, trying the alternatives a careful reader would:
/// the level (deskewed) image with the OCR-B glyph classifier, at two ink thresholds, then Tesseract on the
/// band (upscaled, then binarised). The first reading whose check digits all hold wins; otherwise the one
/// with the most holding, so that the checks report the failure rather than the reader hiding it.
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

        bool Consider(string alternative, string? text)
        {
            tried.Add(alternative);
            if (text is null)
            {
                return false;
            }

            var parsed = MrzParser.Parse(text, _timeProvider);
            if (!parsed.IsSuccess)
            {
                return false;
            }

            var valid = parsed.Value.CheckDigits.Count(d => d.IsValid);
            var all = parsed.Value.AllCheckDigitsValid;
            if (best is null || valid > best.Valid)
            {
                best = new Candidate(text, alternative, valid, all);
            }

            return all;
        }

        var otsu = level.OtsuThreshold();
        var groups = Groups(TextLines.Find(level, otsu));
        if (_glyphs is not null)
        {
            if (Consider("glyphs", ReadGlyphs(level, groups, otsu)))
            {
                return Done();
            }

            // Blur thins the gaps and fattens the strokes: a darker cut separates glyphs again.
            cancellationToken.ThrowIfCancellationRequested();
            var darker = Math.Max(16, otsu - 40);
            if (Consider("glyphs/darker-threshold", ReadGlyphs(level, Groups(TextLines.Find(level, darker)), darker)))
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

    private string? ReadGlyphs(GrayImage image, List<Group> groups, int threshold)
    {
        Debug.Assert(_glyphs is not null, "Only called with a classifier.");
        string? bestText = null;
        var bestScore = double.MinValue;
        var bestValid = -1;
        foreach (var group in groups.Take(4))
        {
            foreach (var length in group.Lengths)
            {
                // Each line gets its own pitch fit: measured, a shared pitch read worse on this set.
                var read = group.Lines.Select(line => _glyphs!.ReadLine(image, line, threshold, length)).ToList();
                if (read.Any(r => r is null))
                {
                    continue;
                }

                var lines = read.Select(r => r!.Value.Text).ToList();
                var score = read.Sum(r => r!.Value.MeanScore);
                var text = string.Join('\n', lines);
                var parsed = MrzParser.Parse(text, _timeProvider);
                var valid = parsed.IsSuccess ? parsed.Value.CheckDigits.Count(d => d.IsValid) + (parsed.Value.AllCheckDigitsValid ? 10 : 0) : -1;
                if (valid > bestValid || (valid == bestValid && score > bestScore))
                {
                    (bestText, bestScore, bestValid) = (text, score, valid);
                }
            }
        }

        return bestText;
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

    private sealed record Candidate(string Text, string Alternative, int Valid, bool All);
}
