using Microsoft.ML.OnnxRuntime;
using Verification.Reading.PaddleOcr.Imaging;

namespace Verification.Reading.PaddleOcr.Text;

/// <summary>The recogniser's output for one line: per time step, a probability for the blank and for each character.</summary>
internal sealed class Frames(float[] probabilities, int steps, int classes, float pixelsPerStep)
{
    /// <summary>How many photo pixels along the line one time step covers.</summary>
    public float PixelsPerStep { get; } = pixelsPerStep;

    public int Steps { get; } = steps;

    public int Classes { get; } = classes;

    public ReadOnlySpan<float> At(int step) => probabilities.AsSpan(step * Classes, Classes);
}

/// <summary>How a line is shown to the recogniser.</summary>
internal enum LineTone
{
    /// <summary>The photo's colours: print of any colour (a bank's letterhead, coloured tables).</summary>
    Colour,

    /// <summary>Grey levels stretched from the line's paper (white) to its ink (black): print that is black by design.</summary>
    Ink,
}

/// <summary>
/// Reads one line with the PP-OCRv4 recogniser (an SVTR network with a CTC head): the line's oriented rectangle
/// is resampled to 48 pixels high, the network answers a probability per character for every 8 pixels of width.
/// </summary>
internal sealed class TextRecognizer(InferenceSession session)
{
    public const int Height = 48;

    /// <summary>Diagnostics for tools/ReadingEval only: each line image as recognised (never set it in a host).</summary>
    internal static Action<float[], int>? Debug { get; set; }

    /// <summary>
    /// Recognises one line, resampled along its rectangle at the recogniser's height (and <paramref name="stretch"/>
    /// times wider). <see cref="LineTone.Ink"/> reads print that is black by design (a machine-readable zone, the
    /// names above it) as grey levels stretched between the line's paper and its ink: colour from holograms, tinted
    /// security backgrounds and shadows otherwise pulls the recogniser towards other shapes (bold fillers read as
    /// K under a coloured print).
    /// </summary>
    public Frames Recognize(Photo photo, TextBox box, float stretch, LineTone tone, CancellationToken cancellationToken)
    {
        var scale = Height / box.Thickness;
        var width = Math.Clamp((int)Math.Round(box.Length * scale * stretch), 16, 3200);
        var tensor = new float[3 * Height * width];
        var plane = Height * width;
        Resample(photo, box, stretch, width, width, tensor);
        if (tone == LineTone.Ink)
        {
            ToInk(tensor, plane);
        }

        Debug?.Invoke(tensor, width);
        using var outputs = session.RunCancellable(tensor, [1, 3, Height, width], cancellationToken);
        var shape = outputs[0].GetTensorTypeAndShape().Shape;
        var data = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        return new Frames(data, (int)shape[1], (int)shape[2], width / (float)shape[1] / (scale * stretch));
    }

    /// <summary>
    /// Resamples <paramref name="box"/> at <see cref="Height"/> pixels high (and <paramref name="stretch"/> times wider)
    /// into the first <paramref name="width"/> columns of a three-plane tensor whose rows are <paramref name="stride"/>
    /// wide, each channel from -1 (black) to 1 (white): what the recogniser and the direction classifier are shown.
    /// </summary>
    internal static void Resample(Photo photo, TextBox box, float stretch, int width, int stride, Span<float> tensor)
    {
        var scale = Height / box.Thickness;
        var plane = Height * stride;
        for (var y = 0; y < Height; y++)
        {
            var across = ((y + 0.5f) / scale) - (box.Thickness / 2);
            for (var x = 0; x < width; x++)
            {
                var along = ((x + 0.5f) / (scale * stretch)) - (box.Length / 2);
                var sx = box.CenterX + (box.Ux * along) + (box.Vx * across);
                var sy = box.CenterY + (box.Uy * along) + (box.Vy * across);
                for (var c = 0; c < 3; c++)
                {
                    tensor[(c * plane) + (y * stride) + x] = (photo.Sample(sx, sy, c) / 127.5f) - 1f;
                }
            }
        }
    }

    /// <summary>
    /// Grey levels (the mean of the three channels) stretched so that the line's 2nd percentile is -1 (ink) and its
    /// 98th is 1 (paper), in place, in all three planes.
    /// </summary>
    internal static void ToInk(float[] tensor, int plane)
    {
        const int bins = 512;
        var histogram = new int[bins];
        for (var i = 0; i < plane; i++)
        {
            var grey = (tensor[i] + tensor[plane + i] + tensor[(2 * plane) + i]) / 3;
            tensor[i] = grey;
            histogram[Math.Clamp((int)((grey + 1) * 0.5f * (bins - 1)), 0, bins - 1)]++;
        }

        float Percentile(double fraction)
        {
            var target = (int)(plane * fraction);
            var seen = 0;
            for (var b = 0; b < bins; b++)
            {
                seen += histogram[b];
                if (seen > target)
                {
                    return (b / (float)(bins - 1) * 2) - 1;
                }
            }

            return 1;
        }

        var ink = Percentile(0.02);
        var paper = Percentile(0.98);
        var range = Math.Max(0.05f, paper - ink);
        for (var i = 0; i < plane; i++)
        {
            var v = Math.Clamp(((tensor[i] - ink) / range * 2) - 1, -1f, 1f);
            tensor[i] = v;
            tensor[plane + i] = v;
            tensor[(2 * plane) + i] = v;
        }
    }
}
