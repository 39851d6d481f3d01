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

/// <summary>
/// Reads one line with the PP-OCRv4 recogniser (an SVTR network with a CTC head): the line's oriented rectangle
/// is resampled to 48 pixels high, the network answers a probability per character for every 8 pixels of width.
/// </summary>
internal sealed class TextRecognizer(InferenceSession session)
{
    public const int Height = 48;


    public Frames Recognize(Photo photo, TextBox box, float stretch, CancellationToken cancellationToken)
    {
        var scale = Height / box.Thickness;
        var width = Math.Clamp((int)Math.Round(box.Length * scale * stretch), 16, 3200);
        var tensor = new float[3 * Height * width];
        var plane = Height * width;
        var (vx, vy) = (box.Vx, box.Vy);
        for (var y = 0; y < Height; y++)
        {
            var across = ((y + 0.5f) / scale) - (box.Thickness / 2);
            for (var x = 0; x < width; x++)
            {
                var along = ((x + 0.5f) / (scale * stretch)) - (box.Length / 2);
                var sx = box.CenterX + (box.Ux * along) + (vx * across);
                var sy = box.CenterY + (box.Uy * along) + (vy * across);
                for (var c = 0; c < 3; c++)
                {
                    tensor[(c * plane) + (y * width) + x] = (photo.Sample(sx, sy, c) / 127.5f) - 1f;
                }
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        using var input = OrtValue.CreateTensorValueFromMemory(tensor, [1, 3, Height, width]);
        using var options = new RunOptions();
        using var registration = cancellationToken.Register(static o => ((RunOptions)o!).Terminate = true, options);
        using var outputs = session.Run(options, [session.InputNames[0]], [input], session.OutputNames);
        cancellationToken.ThrowIfCancellationRequested();
        var shape = outputs[0].GetTensorTypeAndShape().Shape;
        var data = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        return new Frames(data, (int)shape[1], (int)shape[2], width / (float)shape[1] / (scale * stretch));
    }
}
