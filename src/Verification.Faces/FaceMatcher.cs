using System.Globalization;

namespace Verification.Faces;

/// <summary>Why a picture gave no usable face.</summary>
public enum FaceProblem
{
    /// <summary>A usable face was found.</summary>
    None,

    /// <summary>The bytes are not a picture that can be decoded (or it is larger than allowed).</summary>
    NotAPicture,

    /// <summary>No face was detected.</summary>
    NoFace,

    /// <summary>Faces were found, all smaller than the minimum size.</summary>
    TooSmall,

    /// <summary>More than one face of comparable size (selfies only).</summary>
    SeveralFaces,

    /// <summary>The face is turned sideways or tilted beyond the limits (selfies only).</summary>
    Pose,

    /// <summary>The face is too blurred to be described reliably (selfies only).</summary>
    Blurred,
}

/// <summary>The face kept from one picture, or why none was.</summary>
/// <param name="Problem">Why no face was kept, or <see cref="FaceProblem.None"/>.</param>
/// <param name="Face">The face kept.</param>
/// <param name="FacesFound">How many faces the detector found.</param>
/// <param name="Detail">A sentence for a control's detail (sizes and counts, nothing personal).</param>
public sealed record FaceFinding(FaceProblem Problem, DetectedFace? Face, int FacesFound, string Detail)
{
    /// <summary>The pose of the face judged (selfies), when one was.</summary>
    public FacePose? Pose { get; init; }

    /// <summary>The sharpness of the face judged (selfies; see <see cref="FaceQuality.Sharpness"/>), when one was.</summary>
    public double? Sharpness { get; init; }

    /// <summary>Whether a face was kept.</summary>
    public bool IsUsable => Problem == FaceProblem.None && Face is not null;
}

/// <summary>The verdict of a comparison.</summary>
public enum FaceVerdict
{
    /// <summary>Below the threshold minus the band: the same person.</summary>
    Match,

    /// <summary>Within the band around the threshold: a person decides.</summary>
    Uncertain,

    /// <summary>Above the threshold plus the band: different people.</summary>
    Mismatch,
}

/// <summary>Two descriptors compared.</summary>
/// <param name="Distance">Euclidean distance between the descriptors.</param>
/// <param name="Threshold">The threshold applied.</param>
/// <param name="WarningBand">Half the width of the uncertain band.</param>
/// <param name="Verdict">The verdict.</param>
public sealed record FaceComparison(double Distance, double Threshold, double WarningBand, FaceVerdict Verdict)
{
    /// <summary>A similarity in [0, 1] for display: <c>1 - distance / 2</c> (descriptors have a length near 1, so distances lie in [0, 2]).</summary>
    public double Similarity => Math.Clamp(1 - Distance / 2, 0, 1);

    /// <summary>The similarity at the threshold, on the same scale as <see cref="Similarity"/>.</summary>
    public double SimilarityThreshold => 1 - Threshold / 2;
}

/// <summary>
/// Finds the face of a selfie and the portrait of an identity document, and compares them, over the port of
/// face-api's networks. Thread-safe; it runs on the calling thread (bound the concurrency in the caller).
/// </summary>
public sealed class FaceMatcher
{
    private readonly FaceAnalyzer _analyzer;

    /// <summary>Creates a matcher over loaded models.</summary>
    /// <param name="models">The networks.</param>
    /// <param name="options">Thresholds and sizes; the defaults when <see langword="null"/>.</param>
    public FaceMatcher(FaceModels models, FaceMatchOptions? options = null)
    {
        Options = options ?? new FaceMatchOptions();
        _analyzer = new FaceAnalyzer(models, Options.DetectorInputSize, Options.DetectorScoreThreshold);
    }

    /// <summary>The options in force.</summary>
    public FaceMatchOptions Options { get; }

    /// <summary>Decodes <paramref name="picture"/>; <see langword="null"/> when it is not a picture.</summary>
    /// <param name="picture">JPEG, PNG or WebP bytes.</param>
    public RgbImage? Decode(ReadOnlySpan<byte> picture) => RgbImage.TryDecode(picture, Options.MaxPixels);

    /// <summary>
    /// The one face of a selfie: the most confident face of usable size, refused when another confident face of
    /// comparable size is there (a much smaller or doubtful face in the background is ignored).
    /// </summary>
    /// <param name="image">The selfie.</param>
    /// <param name="cancellationToken">Stops between layers.</param>
    public FaceFinding FindSelfieFace(RgbImage image, CancellationToken cancellationToken)
    {
        var faces = _analyzer.Analyze(image, cancellationToken);
        if (faces.Count == 0)
        {
            return new FaceFinding(FaceProblem.NoFace, null, 0, "No face was found in the selfie.");
        }

        // The face kept is the most confident one of usable size; the detector's weaker finds (it runs at a low score
        // threshold so blurred or small real faces are not lost) do not count as a second person.
        var usable = faces.Where(f => f.AlignedBox.Width >= Options.MinFaceSize).ToList();
        if (usable.Count == 0)
        {
            var largest = faces.Max(f => f.AlignedBox.Width);
            return new FaceFinding(FaceProblem.TooSmall, null, faces.Count,
                $"The face in the selfie is {largest:F0} px wide; at least {Options.MinFaceSize} px are needed.");
        }

        var best = usable.MaxBy(f => f.Score)!;
        var size = best.AlignedBox.Width;
        var others = usable.Count(f => !ReferenceEquals(f, best) && f.Score >= Options.SecondFaceMinScore && f.AlignedBox.Width >= Options.SecondFaceRatio * size);
        if (others > 0)
        {
            return new FaceFinding(FaceProblem.SeveralFaces, null, faces.Count,
                $"{others + 1} faces of comparable size were found in the selfie; exactly one is expected.");
        }

        // Pose and sharpness: a face turned away, tilted or blurred is described unreliably; a person compares instead.
        var pose = FaceQuality.Pose(best.Landmarks);
        var sharpness = FaceQuality.Sharpness(image, best);
        var measured = string.Create(CultureInfo.InvariantCulture,
            $"turned {Math.Abs(pose.YawDegrees):F0}° sideways, tilted {Math.Abs(pose.RollDegrees):F0}°, sharpness {sharpness:F0}");
        if (Math.Abs(pose.YawDegrees) > Options.MaxYawDegrees)
        {
            return new FaceFinding(FaceProblem.Pose, null, faces.Count, string.Create(CultureInfo.InvariantCulture,
                $"The face in the selfie is turned {Math.Abs(pose.YawDegrees):F0}° sideways; at most {Options.MaxYawDegrees:F0}° is usable: the holder should face the camera.")) { Pose = pose, Sharpness = sharpness };
        }

        if (Math.Abs(pose.RollDegrees) > Options.MaxRollDegrees)
        {
            return new FaceFinding(FaceProblem.Pose, null, faces.Count, string.Create(CultureInfo.InvariantCulture,
                $"The face in the selfie is tilted {Math.Abs(pose.RollDegrees):F0}°; at most {Options.MaxRollDegrees:F0}° is usable: the photo should be upright.")) { Pose = pose, Sharpness = sharpness };
        }

        if (sharpness < Options.MinSharpness)
        {
            return new FaceFinding(FaceProblem.Blurred, null, faces.Count, string.Create(CultureInfo.InvariantCulture,
                $"The face in the selfie is blurred: sharpness {sharpness:F0} (variance of the Laplacian on the face), at least {Options.MinSharpness:F0} is needed.")) { Pose = pose, Sharpness = sharpness };
        }

        return new FaceFinding(FaceProblem.None, best, faces.Count, string.Create(CultureInfo.InvariantCulture,
            $"One face of {size:F0} px found (detector score {best.Score:F2}; {measured}).")) { Pose = pose, Sharpness = sharpness };
    }

    /// <summary>The portrait of an identity document: its most confident face of usable size.</summary>
    /// <param name="image">The document.</param>
    /// <param name="cancellationToken">Stops between layers.</param>
    public FaceFinding FindPortrait(RgbImage image, CancellationToken cancellationToken)
    {
        var faces = _analyzer.Analyze(image, cancellationToken);
        if (faces.Count == 0)
        {
            return new FaceFinding(FaceProblem.NoFace, null, 0, "No portrait was found on the document.");
        }

        // The most confident face of usable size: the ghost image, when printed, is smaller and fainter, and the
        // detector's weak finds in guilloches score lower than the portrait.
        var usable = faces.Where(f => f.AlignedBox.Width >= Options.MinPortraitSize).ToList();
        if (usable.Count == 0)
        {
            return new FaceFinding(FaceProblem.TooSmall, null, faces.Count,
                $"The portrait is {faces.Max(f => f.AlignedBox.Width):F0} px wide; at least {Options.MinPortraitSize} px are needed.");
        }

        var best = usable.MaxBy(f => f.Score)!;
        return new FaceFinding(FaceProblem.None, best, faces.Count, $"A portrait of {best.AlignedBox.Width:F0} px found (detector score {best.Score:F2}).");
    }

    /// <summary>The descriptor of a stored portrait crop (the face square itself: no detection).</summary>
    /// <param name="crop">The crop.</param>
    /// <param name="cancellationToken">Stops between layers.</param>
    public FaceDescriptor DescribeCrop(RgbImage crop, CancellationToken cancellationToken) => _analyzer.DescribeCrop(crop, cancellationToken);

    /// <summary>Compares two descriptors against the threshold and its band.</summary>
    /// <param name="a">One descriptor.</param>
    /// <param name="b">The other.</param>
    public FaceComparison Compare(FaceDescriptor a, FaceDescriptor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var distance = a.DistanceTo(b);
        var verdict = distance < Options.Threshold - Options.WarningBand ? FaceVerdict.Match
            : distance > Options.Threshold + Options.WarningBand ? FaceVerdict.Mismatch
            : FaceVerdict.Uncertain;
        return new FaceComparison(distance, Options.Threshold, Options.WarningBand, verdict);
    }
}
