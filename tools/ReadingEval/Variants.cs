using System.Text.Json;
using System.Text.Json.Nodes;
using SkiaSharp;
using Verification.Reading.PaddleOcr.Imaging;

/// <summary>
/// Writes harder variants of every photo of a set, with their manifest, to measure how reading holds up beyond the
/// photos themselves (the same documents turned, smaller, tilted, compressed, far away) on any set, reproducibly:
/// <c>ReadingEval &lt;folder&gt; --variants &lt;output folder&gt;</c>, then <c>ReadingEval &lt;output folder&gt;</c>.
/// </summary>
internal static class Variants
{
    /// <summary>A table's colour: the background of tilted and far photos.</summary>
    private static readonly SKColor Table = new(0x8a, 0x7f, 0x70);

    private static readonly SKSamplingOptions Sampling = new(SKFilterMode.Linear, SKMipmapMode.Linear);

    /// <summary>The variants, in the order they are written.</summary>
    public static IReadOnlyList<string> Names { get; } = ["rot90", "rot180", "rot270", "turn12", "turn-25", "small60", "persp", "jpeg30blur", "far", "resaved", "glare"];

    public static void Write(string folder, string output)
    {
        Directory.CreateDirectory(output);
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json")))!.AsArray();
        var written = new JsonArray();
        foreach (var entry in manifest)
        {
            var file = entry!["file"]!.GetValue<string>();
            // Upright as the photo's EXIF orientation says, at its own size.
            if (Photo.Decode(File.ReadAllBytes(Path.Combine(folder, file)), 20_000) is not { } photo)
            {
                continue;
            }

            using var source = photo.ToBitmap();
            foreach (var name in Names)
            {
                if (Make(name, source, Seed(file)) is not var (bitmap, quality))
                {
                    continue;
                }

                using (bitmap)
                {
                    var target = $"{name}__{Path.GetFileNameWithoutExtension(file)}.jpg";
                    using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, quality);
                    File.WriteAllBytes(Path.Combine(output, target), data.ToArray());
                    var copy = entry.DeepClone();
                    copy["file"] = target;
                    copy["variant"] = name;
                    written.Add(copy);
                }
            }
        }

        File.WriteAllText(Path.Combine(output, "manifest.json"), written.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"{written.Count} variants of {manifest.Count} photos written to {output}");
    }

    /// <summary>A seed from a file's name (FNV-1a): the same glare on the same photo in every run.</summary>
    private static int Seed(string file)
    {
        var hash = 2166136261u;
        foreach (var c in file)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & 0x7fffffff);
    }

    /// <summary>One variant of <paramref name="source"/> and the JPEG quality to save it at; null when it does not apply.</summary>
    private static (SKBitmap Bitmap, int Quality)? Make(string name, SKBitmap source, int seed)
    {
        int w = source.Width, h = source.Height;
        using var image = SKImage.FromBitmap(source);
        switch (name)
        {
            case "rot90":
            case "rot180":
            case "rot270":
                var degrees = int.Parse(name[3..], System.Globalization.CultureInfo.InvariantCulture);
                var turned = degrees == 180 ? new SKBitmap(w, h) : new SKBitmap(h, w);
                using (var canvas = new SKCanvas(turned))
                {
                    canvas.Translate(turned.Width / 2f, turned.Height / 2f);
                    canvas.RotateDegrees(degrees);
                    canvas.Translate(-w / 2f, -h / 2f);
                    canvas.DrawImage(image, 0, 0, Sampling);
                }

                return (turned, 92);
            case "turn12":
            case "turn-25":
                // Lying askew on a table: turned by a few degrees, on a canvas that holds the whole photo.
                var angle = float.Parse(name[4..], System.Globalization.CultureInfo.InvariantCulture);
                var radians = Math.Abs(angle) * MathF.PI / 180;
                var (cos, sin) = (MathF.Cos(radians), MathF.Sin(radians));
                var askew = new SKBitmap((int)Math.Ceiling((w * cos) + (h * sin)), (int)Math.Ceiling((w * sin) + (h * cos)));
                using (var canvas = new SKCanvas(askew))
                {
                    canvas.Clear(Table);
                    canvas.Translate(askew.Width / 2f, askew.Height / 2f);
                    canvas.RotateDegrees(angle);
                    canvas.Translate(-w / 2f, -h / 2f);
                    using var paint = new SKPaint { IsAntialias = true };
                    canvas.DrawImage(image, 0, 0, Sampling, paint);
                }

                return (askew, 92);
            case "small60":
                var small = new SKBitmap(Math.Max(1, (int)(w * 0.6)), Math.Max(1, (int)(h * 0.6)));
                source.ScalePixels(small, Sampling);
                return (small, 92);
            case "persp":
                // The page tilted away from the camera: its top edge 20 % shorter and 10 % lower, on a table.
                var tilted = new SKBitmap(w, h);
                using (var canvas = new SKCanvas(tilted))
                {
                    canvas.Clear(Table);
                    canvas.SetMatrix(Homography(w, h, [(w * 0.1f, h * 0.1f), (w * 0.9f, h * 0.1f), (w, h), (0, h)]));
                    using var paint = new SKPaint { IsAntialias = true };
                    canvas.DrawImage(image, 0, 0, Sampling, paint);
                }

                return (tilted, 92);
            case "jpeg30blur":
                // A shaken hand and a messenger's compression.
                var blurred = new SKBitmap(w, h);
                using (var canvas = new SKCanvas(blurred))
                using (var paint = new SKPaint { ImageFilter = SKImageFilter.CreateBlur(1f, 1f) })
                {
                    canvas.DrawImage(image, 0, 0, Sampling, paint);
                }

                return (blurred, 30);
            case "far":
                // The document on a table in a 12-megapixel photo, at its own size: only for photos large enough to be read
                // at all once they fill a quarter of the width.
                if (Math.Max(w, h) < 1000)
                {
                    return null;
                }

                var far = new SKBitmap(4000, 3000);
                using (var canvas = new SKCanvas(far))
                {
                    canvas.Clear(Table);
                    canvas.DrawImage(image, Math.Min(1500, 4000 - w), Math.Min(1200, 3000 - h), Sampling);
                }

                return (far, 88);
            case "resaved":
                // The same photo saved again as JPEG at quality 85, as a messaging app or an integrator's client does: the
                // smallest change a photo undergoes on its way.
                return (source.Copy(), 85);
            case "glare":
                // A lamp's reflection on the laminate: a white patch fading out over 8 to 20 % of the width, somewhere in the
                // lower half (where zones are printed), from 60 to 95 % white at its centre; placed by the file's name.
                var random = new Random(seed);
                var (cx, cy) = (w * (0.15f + (0.7f * random.NextSingle())), h * (0.5f + (0.45f * random.NextSingle())));
                var radius = w * (0.08f + (0.12f * random.NextSingle()));
                var peak = (byte)(255 * (0.6f + (0.35f * random.NextSingle())));
                var glared = source.Copy();
                using (var canvas = new SKCanvas(glared))
                using (var paint = new SKPaint { IsAntialias = true })
                {
                    paint.Shader = SKShader.CreateRadialGradient(
                        new SKPoint(cx, cy), radius, [new SKColor(255, 255, 250, peak), new SKColor(255, 255, 250, peak), new SKColor(255, 255, 250, 0)], [0f, 0.4f, 1f], SKShaderTileMode.Clamp);
                    canvas.Scale(1, 0.5f + (0.4f * random.NextSingle()), cx, cy);
                    canvas.DrawCircle(cx, cy, radius, paint);
                }

                return (glared, 90);
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown variant.");
        }
    }

    /// <summary>The projective map taking the corners of a w x h image (clockwise from top left) to <paramref name="to"/>.</summary>
    private static SKMatrix Homography(int w, int h, (float X, float Y)[] to)
    {
        (float X, float Y)[] from = [(0, 0), (w, 0), (w, h), (0, h)];
        // Solve for the eight unknowns a..h of x' = (a x + b y + c) / (g x + h y + 1), y' = (d x + e y + f) / (g x + h y + 1).
        var m = new double[8, 9];
        for (var i = 0; i < 4; i++)
        {
            var (x, y) = from[i];
            var (u, v) = to[i];
            double[] rowU = [x, y, 1, 0, 0, 0, -u * x, -u * y, u];
            double[] rowV = [0, 0, 0, x, y, 1, -v * x, -v * y, v];
            for (var k = 0; k < 9; k++)
            {
                m[2 * i, k] = rowU[k];
                m[(2 * i) + 1, k] = rowV[k];
            }
        }

        for (var col = 0; col < 8; col++)
        {
            var pivot = Enumerable.Range(col, 8 - col).MaxBy(r => Math.Abs(m[r, col]));
            for (var k = 0; k < 9; k++)
            {
                (m[col, k], m[pivot, k]) = (m[pivot, k], m[col, k]);
            }

            for (var r = 0; r < 8; r++)
            {
                if (r != col)
                {
                    var factor = m[r, col] / m[col, col];
                    for (var k = col; k < 9; k++)
                    {
                        m[r, k] -= factor * m[col, k];
                    }
                }
            }
        }

        float S(int i) => (float)(m[i, 8] / m[i, i]);
        return new SKMatrix(S(0), S(1), S(2), S(3), S(4), S(5), S(6), S(7), 1);
    }
}
