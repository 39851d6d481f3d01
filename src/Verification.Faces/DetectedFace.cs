namespace Verification.Faces;

/// <summary>A rectangle in picture pixels.</summary>
/// <param name="X">Left edge.</param>
/// <param name="Y">Top edge.</param>
/// <param name="Width">Width.</param>
/// <param name="Height">Height.</param>
public readonly record struct FaceRectangle(double X, double Y, double Width, double Height);

/// <summary>A point in picture pixels.</summary>
/// <param name="X">Horizontal position.</param>
/// <param name="Y">Vertical position.</param>
public readonly record struct FacePoint(double X, double Y);

/// <summary>One face found in a picture, as face-api's <c>detectAllFaces().withFaceLandmarks().withFaceDescriptors()</c> gives it.</summary>
/// <param name="Score">The detector's confidence, in (0, 1).</param>
/// <param name="Box">The detector's box (may reach past the picture's edges).</param>
/// <param name="Landmarks">The 68 landmarks (iBUG 300-W order: jaw 0-16, brows 17-26, nose 27-35, eyes 36-47, mouth 48-67).</param>
/// <param name="AlignedBox">The square face-api crops for the descriptor (dlib alignment from the eyes and mouth).</param>
/// <param name="Descriptor">The 128-D descriptor of that crop.</param>
public sealed record DetectedFace(double Score, FaceRectangle Box, IReadOnlyList<FacePoint> Landmarks, FaceRectangle AlignedBox, FaceDescriptor Descriptor);
