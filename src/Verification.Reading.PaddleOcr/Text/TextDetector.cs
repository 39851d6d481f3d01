using Microsoft.ML.OnnxRuntime;
using Verification.Reading.PaddleOcr.Imaging;

namespace Verification.Reading.PaddleOcr.Text;

/// <summary>
/// Finds lines of text with the PP-OCRv4 detector (a differentiable-binarisation network): the photo is scaled
/// so its longer side has a set number of pixels, the network gives each pixel the probability of being inside
/// a line, and each connected region above the threshold becomes an oriented rectangle (principal axes of its
/// pixels), grown by the same "unclip" margin the network was trained to shrink.
/// </summary>
internal sealed class TextDetector(InferenceSession session)
{
    private const float PixelThreshold = 0.3f;
    private const float BoxThreshold = 0.55f;
    private const float UnclipRatio = 1.6f;
    private const int MinPixels = 12;

    public IReadOnlyList<TextBox> Detect(Photo photo, int longerSide, CancellationToken cancellationToken)
    {
        var (tensor, w, h) = photo.ToDetectorInput(longerSide);
        using var outputs = session.RunCancellable(tensor, [1, 3, h, w], cancellationToken);
        var probability = outputs[0].GetTensorDataAsSpan<float>();
        return Boxes(probability, w, h, photo.Width / (float)w, photo.Height / (float)h);
    }

    internal static List<TextBox> Boxes(ReadOnlySpan<float> probability, int w, int h, float sx, float sy)
    {
        var labels = new int[w * h];
        var boxes = new List<TextBox>();
        var stack = new Stack<int>();
        var pixels = new List<int>();
        var next = 0;
        for (var start = 0; start < labels.Length; start++)
        {
            if (labels[start] != 0 || probability[start] <= PixelThreshold)
            {
                continue;
            }

            next++;
            pixels.Clear();
            stack.Push(start);
            labels[start] = next;
            while (stack.Count > 0)
            {
                var p = stack.Pop();
                pixels.Add(p);
                var x = p % w;
                var y = p / w;
                if (x > 0 && labels[p - 1] == 0 && probability[p - 1] > PixelThreshold)
                {
                    labels[p - 1] = next;
                    stack.Push(p - 1);
                }

                if (x < w - 1 && labels[p + 1] == 0 && probability[p + 1] > PixelThreshold)
                {
                    labels[p + 1] = next;
                    stack.Push(p + 1);
                }

                if (y > 0 && labels[p - w] == 0 && probability[p - w] > PixelThreshold)
                {
                    labels[p - w] = next;
                    stack.Push(p - w);
                }

                if (y < h - 1 && labels[p + w] == 0 && probability[p + w] > PixelThreshold)
                {
                    labels[p + w] = next;
                    stack.Push(p + w);
                }
            }

            if (pixels.Count >= MinPixels && ToBox(pixels, probability, w, sx, sy) is { } box)
            {
                boxes.Add(box);
            }
        }

        return boxes;
    }

    private static TextBox? ToBox(List<int> pixels, ReadOnlySpan<float> probability, int w, float sx, float sy)
    {
        double mx = 0, my = 0, score = 0;
        foreach (var p in pixels)
        {
            mx += ((p % w) + 0.5) * sx;
            my += ((p / w) + 0.5) * sy;
            score += probability[p];
        }

        var n = pixels.Count;
        mx /= n;
        my /= n;
        score /= n;
        if (score < BoxThreshold)
        {
            return null;
        }

        double cxx = 0, cyy = 0, cxy = 0;
        foreach (var p in pixels)
        {
            var dx = (((p % w) + 0.5) * sx) - mx;
            var dy = (((p / w) + 0.5) * sy) - my;
            cxx += dx * dx;
            cyy += dy * dy;
            cxy += dx * dy;
        }

        var angle = 0.5 * Math.Atan2(2 * cxy, cxx - cyy);
        var ux = (float)Math.Cos(angle);
        var uy = (float)Math.Sin(angle);
        float minU = float.MaxValue, maxU = float.MinValue, minV = float.MaxValue, maxV = float.MinValue;
        foreach (var p in pixels)
        {
            var dx = (float)((((p % w) + 0.5) * sx) - mx);
            var dy = (float)((((p / w) + 0.5) * sy) - my);
            var a = (dx * ux) + (dy * uy);
            var b = (-dx * uy) + (dy * ux);
            minU = Math.Min(minU, a);
            maxU = Math.Max(maxU, a);
            minV = Math.Min(minV, b);
            maxV = Math.Max(maxV, b);
        }

        // One pixel of the map covers (sx, sy) of the photo.
        var pixel = (float)Math.Sqrt(sx * sy);
        var length = maxU - minU + pixel;
        var thickness = maxV - minV + pixel;
        var grow = length * thickness * UnclipRatio / (2 * (length + thickness));
        var centreU = (minU + maxU) / 2;
        var centreV = (minV + maxV) / 2;
        var cx = (float)mx + (centreU * ux) - (centreV * uy);
        var cy = (float)my + (centreU * uy) + (centreV * ux);
        return new TextBox(cx, cy, ux, uy, length + (2 * grow), thickness + (2 * grow), (float)score);
    }
}
