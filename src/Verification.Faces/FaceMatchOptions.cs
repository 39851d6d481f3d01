namespace Verification.Faces;

/// <summary>How faces are accepted and compared.</summary>
public sealed class FaceMatchOptions
{
    /// <summary>
    /// The Euclidean distance between descriptors below which two faces are the same person. dlib publishes 0.6 for
    /// this network with its own detector and its rotating 5-point alignment; face-api's pipeline, reproduced here,
    /// aligns without rotating, and on face-api's own group photos three pairs of different people came out between
    /// 0.57 and 0.60. 0.55 keeps every one of those 29 pairs above it, while the same face resized, recompressed,
    /// blurred, brightened or turned by 10 degrees stayed below 0.38 (see docs/limits.md).
    /// </summary>
    public double Threshold { get; set; } = 0.55;

    /// <summary>Half the width of the band around <see cref="Threshold"/> whose distances give a warning rather than a verdict.</summary>
    public double WarningBand { get; set; } = 0.05;

    /// <summary>
    /// The smallest face kept, as the side of the aligned square in picture pixels. The recognition net reads a
    /// 150 x 150 crop; a face much smaller is enlarged from too few pixels to be described reliably.
    /// </summary>
    public int MinFaceSize { get; set; } = 64;

    /// <summary>The smallest portrait on an identity document (document photos are small; the ghost image is smaller still).</summary>
    public int MinPortraitSize { get; set; } = 40;

    /// <summary>
    /// In a selfie, a second face counts when its aligned square is at least this fraction of the largest face's
    /// (a small face far in the background does not make the selfie ambiguous, a second person beside does).
    /// </summary>
    public double SecondFaceRatio { get; set; } = 0.5;

    /// <summary>The detector score from which a second face in a selfie counts (face-api's default threshold, 0.5).</summary>
    public double SecondFaceMinScore { get; set; } = 0.5;

    /// <summary>The detector's input size (face-api's default 416, the configuration the fidelity tests measure).</summary>
    public int DetectorInputSize { get; set; } = 416;

    /// <summary>
    /// The detector's minimum score. face-api's default is 0.5, but the tiny detector's scores swing with blur and scale
    /// (the same face scored 0.35 blurred and 0.44 halved, 0.94 turned 10 degrees), so 0.3 is used; the size and count
    /// rules then judge what was found.
    /// </summary>
    public double DetectorScoreThreshold { get; set; } = 0.3;

    /// <summary>
    /// The largest yaw of a selfie's face, in degrees (estimated from the landmarks; see <see cref="FaceQuality.Pose"/>).
    /// The alignment does not rotate and the landmark net itself drifts on profiles, so a face turned further is refused.
    /// </summary>
    public double MaxYawDegrees { get; set; } = 35;

    /// <summary>
    /// The largest roll of a selfie's face, in degrees (the eye line's angle; face-api's alignment does not undo it).
    /// sample2's face, tilted 27° (17° in the photo, turned 10° more), still matched itself at 0.38.
    /// </summary>
    public double MaxRollDegrees { get; set; } = 30;

    /// <summary>
    /// The least sharpness of a selfie's face (<see cref="FaceQuality.Sharpness"/>: variance of the Laplacian of the grey
    /// face square at 128 px). face-api's 20 sample faces measure 49 to 630; sample2's face blurred with sigma 2 measures
    /// 21 and still matches itself (from sigma 3 the detector loses it). See docs/faces.md.
    /// </summary>
    public double MinSharpness { get; set; } = 15;

    /// <summary>The largest picture decoded, in pixels (width times height).</summary>
    public long MaxPixels { get; set; } = 50_000_000;
}
