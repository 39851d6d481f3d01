using Microsoft.ML.OnnxRuntime;
using Verification.Reading.PaddleOcr.Imaging;

namespace Verification.Reading.PaddleOcr.Text;

/// <summary>
/// Tells text upside down from upright text with PaddleOCR's direction classifier (PP-OCR mobile v2.0 cls: a line
/// image 48 x 192 pixels in, the probabilities of 0 and 180 degrees out). A long line is shown in pieces of the
/// classifier's own proportions (four line heights long): squeezed whole into 192 pixels, a zone line of 44
/// characters leaves little to see. The pieces of several lines, run as one batch, vote.
/// </summary>
internal sealed class AngleClassifier(InferenceSession session)
{
    private const int Height = TextRecognizer.Height;
    private const int Width = 192;
    private const int PiecesPerLine = 3;

    /// <summary>
    /// The mean probability that <paramref name="lines"/>, read along their direction, are upside down;
    /// <see langword="null"/> when there are none.
    /// </summary>
    public float? UpsideDown(Photo photo, IReadOnlyList<TextBox> lines, CancellationToken cancellationToken)
    {
        var pieces = new List<TextBox>();
        foreach (var line in lines)
        {
            var length = line.Thickness * Width / Height;
            var count = line.Length <= length ? 1 : Math.Min(PiecesPerLine, (int)(line.Length / length));
            for (var k = 0; k < count; k++)
            {
                // Evenly from one end of the line to the other.
                var along = count == 1 ? 0 : (-line.Length / 2) + (length / 2) + (k * (line.Length - length) / (count - 1));
                pieces.Add(line with
                {
                    CenterX = line.CenterX + (line.Ux * along),
                    CenterY = line.CenterY + (line.Uy * along),
                    Length = Math.Min(length, line.Length),
                });
            }
        }

        if (pieces.Count == 0)
        {
            return null;
        }

        var size = 3 * Height * Width;
        // Padding (a piece shorter than the classifier's width) is 0: grey, as the classifier was trained with.
        var tensor = new float[pieces.Count * size];
        for (var p = 0; p < pieces.Count; p++)
        {
            var piece = pieces[p];
            var width = Math.Clamp((int)Math.Round(piece.Length * (Height / piece.Thickness)), 1, Width);
            TextRecognizer.Resample(photo, piece, 1f, width, Width, tensor.AsSpan(p * size, size));
        }

        using var outputs = session.RunCancellable(tensor, [pieces.Count, 3, Height, Width], cancellationToken);
        var scores = outputs[0].GetTensorDataAsSpan<float>();
        var sum = 0f;
        for (var p = 0; p < pieces.Count; p++)
        {
            sum += scores[(p * 2) + 1];
        }

        return sum / pieces.Count;
    }
}
