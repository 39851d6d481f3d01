using Verification.Faces.Networks;

namespace Verification.Faces;

/// <summary>
/// Finds the faces of a picture with their landmarks and descriptors, computing what face-api 1.7.15 computes for
/// <c>detectAllFaces(image, new TinyFaceDetectorOptions({ inputSize, scoreThreshold })).withFaceLandmarks().withFaceDescriptors()</c>.
/// Thread-safe; each call runs on the calling thread (bound the concurrency in the caller).
/// </summary>
public sealed class FaceAnalyzer
{
    private readonly FaceModels _models;

    /// <summary>Creates an analyzer over loaded models.</summary>
    /// <param name="models">The networks.</param>
    /// <param name="inputSize">The detector's input size (a multiple of 32; face-api's default 416).</param>
    /// <param name="scoreThreshold">The detector's minimum score (face-api's default 0.5).</param>
    public FaceAnalyzer(FaceModels models, int inputSize = 416, double scoreThreshold = 0.5)
    {
        ArgumentNullException.ThrowIfNull(models);
        if (inputSize < 32 || inputSize % 32 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(inputSize), inputSize, "The detector's input size must be a positive multiple of 32.");
        }

        if (scoreThreshold is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(scoreThreshold), scoreThreshold, "The score threshold must lie strictly between 0 and 1.");
        }

        _models = models;
        InputSize = inputSize;
        ScoreThreshold = scoreThreshold;
    }

    /// <summary>The detector's input size.</summary>
    public int InputSize { get; }

    /// <summary>The detector's minimum score.</summary>
    public double ScoreThreshold { get; }

    /// <summary>Every face the detector finds, best score first, each with its landmarks and descriptor.</summary>
    /// <param name="image">The picture.</param>
    /// <param name="cancellationToken">Stops between layers.</param>
    public IReadOnlyList<DetectedFace> Analyze(RgbImage image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        var detections = _models.Detector.Detect(image, InputSize, ScoreThreshold, cancellationToken);
        var faces = new List<DetectedFace>(detections.Count);
        foreach (var (score, x, y, width, height) in detections)
        {
            cancellationToken.ThrowIfCancellationRequested();

            // face-api slices the detection box (clipped and floored) out of the picture for the landmark net, then
            // shifts the landmarks by the unfloored box corner.
            if (Clip(image, x, y, width, height) is not { } crop)
            {
                continue;
            }

            var relative = _models.Landmarks.Detect(image, crop);
            var landmarks = relative.Select(p => new FacePoint(p.X + x, p.Y + y)).ToArray();
            var aligned = AlignDlib(landmarks, crop.Width, crop.Height);
            if (Clip(image, aligned.X, aligned.Y, aligned.Width, aligned.Height) is not { } faceRegion)
            {
                continue;
            }

            var descriptor = _models.Recognition.Describe(image, faceRegion, cancellationToken);
            faces.Add(new DetectedFace(score, new FaceRectangle(x, y, width, height), landmarks, aligned, new FaceDescriptor(descriptor)));
        }

        return faces;
    }

    /// <summary>
    /// The descriptor of a picture that is a face square already (a portrait crop stored by <see cref="CropForDescriptor"/>):
    /// the recognition net on the whole picture, which gives the very descriptor the face had in its original picture.
    /// </summary>
    /// <param name="crop">The face square.</param>
    /// <param name="cancellationToken">Stops between layers.</param>
    public FaceDescriptor DescribeCrop(RgbImage crop, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(crop);
        return new FaceDescriptor(_models.Recognition.Describe(crop, new PixelRegion(0, 0, crop.Width, crop.Height), cancellationToken));
    }

    /// <summary>The pixels the recognition net described for <paramref name="face"/>: its aligned square, clipped to the picture.</summary>
    /// <param name="image">The picture the face was found in.</param>
    /// <param name="face">The face.</param>
    public static RgbImage? CropForDescriptor(RgbImage image, DetectedFace face)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(face);
        return Clip(image, face.AlignedBox.X, face.AlignedBox.Y, face.AlignedBox.Width, face.AlignedBox.Height) is { } region
            ? image.Crop(region.X, region.Y, region.Width, region.Height)
            : null;
    }

    /// <summary>face-api's <c>Box.clipAtImageBorders</c> (then floored); null when nothing of the box is in the picture.</summary>
    internal static PixelRegion? Clip(RgbImage image, double x, double y, double width, double height)
    {
        var clippedX = Math.Max(x, 0);
        var clippedY = Math.Max(y, 0);
        var clippedWidth = Math.Min(x + width - clippedX, image.Width - clippedX);
        var clippedHeight = Math.Min(y + height - clippedY, image.Height - clippedY);
        var region = new PixelRegion((int)Math.Floor(clippedX), (int)Math.Floor(clippedY), (int)Math.Floor(clippedWidth), (int)Math.Floor(clippedHeight));
        if (region.Width <= 0 || region.Height <= 0 || region.X >= image.Width || region.Y >= image.Height)
        {
            return null;
        }

        // Flooring x and the width separately can reach one pixel past the edge; keep the slice inside.
        return region with
        {
            Width = Math.Min(region.Width, image.Width - region.X),
            Height = Math.Min(region.Height, image.Height - region.Y),
        };
    }

    /// <summary>face-api's <c>FaceLandmarks.alignDlib</c>: a square from the centres of the eyes and the mouth.</summary>
    private static FaceRectangle AlignDlib(FacePoint[] points, int cropWidth, int cropHeight)
    {
        var leftEye = Center(points, 36, 42);
        var rightEye = Center(points, 42, 48);
        var mouth = Center(points, 48, 68);
        static double Distance(FacePoint a, FacePoint b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));
        var eyeToMouth = (Distance(mouth, leftEye) + Distance(mouth, rightEye)) / 2;
        var size = Math.Floor(eyeToMouth / 0.45);
        var refX = (leftEye.X + rightEye.X + mouth.X) / 3;
        var refY = (leftEye.Y + rightEye.Y + mouth.Y) / 3;
        var x = Math.Floor(Math.Max(0, refX - 0.5 * size));
        var y = Math.Floor(Math.Max(0, refY - 0.43 * size));

        // face-api bounds the size by the landmark crop's dimensions plus the offset (its own quirk, kept for fidelity).
        return new FaceRectangle(x, y, Math.Min(size, cropWidth + x), Math.Min(size, cropHeight + y));
    }

    private static FacePoint Center(FacePoint[] points, int from, int to)
    {
        double sx = 0, sy = 0;
        for (var i = from; i < to; i++)
        {
            sx += points[i].X;
            sy += points[i].Y;
        }

        return new FacePoint(sx / (to - from), sy / (to - from));
    }
}
