using Verification.Faces.Networks;

namespace Verification.Faces;

/// <summary>How a face is turned, from its 68 landmarks.</summary>
/// <param name="YawDegrees">Turned sideways (left or right), estimated from where the nose tip lies between the jaw's ends along the eye line: 0 facing the camera.</param>
/// <param name="RollDegrees">Tilted in the picture's plane: the angle of the line through the eyes' centres.</param>
public readonly record struct FacePose(double YawDegrees, double RollDegrees);

/// <summary>
/// What makes a selfie's face usable beyond its size: its pose (yaw and roll from the 68 landmarks) and the sharpness
/// of the face (the variance of the Laplacian of the grey face square, brought to <see cref="SharpnessSide"/> pixels
/// so faces of any size are measured alike).
/// </summary>
public static class FaceQuality
{
    /// <summary>The side, in pixels, the face square is brought to before its sharpness is measured.</summary>
    public const int SharpnessSide = 128;

    /// <summary>The pose of a face from its 68 landmarks (iBUG 300-W order).</summary>
    /// <param name="landmarks">The landmarks.</param>
    public static FacePose Pose(IReadOnlyList<FacePoint> landmarks)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        if (landmarks.Count != 68)
        {
            throw new ArgumentException("68 landmarks are expected.", nameof(landmarks));
        }

        var left = Center(landmarks, 36, 42);
        var right = Center(landmarks, 42, 48);
        var (ex, ey) = (right.X - left.X, right.Y - left.Y);
        var eyes = Math.Sqrt(ex * ex + ey * ey);
        var roll = Math.Atan2(ey, ex) * 180 / Math.PI;
        if (eyes < 1e-6)
        {
            return new FacePose(90, roll);
        }

        // Along the eye line, a face turned by an angle t shows the nose tip off the middle of the jaw's ends by about
        // sin(t) of half their span (a cylinder's model of the head; dlib's 68 points, no 3-D fit).
        var (ux, uy) = (ex / eyes, ey / eyes);
        var nose = landmarks[30];
        var toLeftEnd = (nose.X - landmarks[0].X) * ux + (nose.Y - landmarks[0].Y) * uy;
        var toRightEnd = (landmarks[16].X - nose.X) * ux + (landmarks[16].Y - nose.Y) * uy;
        var span = toLeftEnd + toRightEnd;
        if (span <= 1e-6)
        {
            return new FacePose(90, roll);
        }

        var asymmetry = Math.Clamp((toLeftEnd - toRightEnd) / span, -1, 1);
        return new FacePose(Math.Asin(asymmetry) * 180 / Math.PI, roll);
    }

    /// <summary>
    /// The variance of the 4-neighbour Laplacian of the grey face square (the descriptor's square, clipped to the
    /// picture), area-averaged or bilinearly enlarged to <see cref="SharpnessSide"/> pixels. A sharp face of a phone
    /// photo measures in the hundreds; a face blurred so that its eyes' edges are gone, in the tens or less.
    /// </summary>
    /// <param name="image">The picture.</param>
    /// <param name="face">The face (its <see cref="DetectedFace.AlignedBox"/> is measured).</param>
    public static double Sharpness(RgbImage image, DetectedFace face)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(face);
        if (FaceAnalyzer.Clip(image, face.AlignedBox.X, face.AlignedBox.Y, face.AlignedBox.Width, face.AlignedBox.Height) is not { } region)
        {
            return 0;
        }

        var grey = Resample(image, region, SharpnessSide);
        const int n = SharpnessSide;
        double sum = 0, squares = 0;
        var count = 0;
        for (var y = 1; y < n - 1; y++)
        {
            for (var x = 1; x < n - 1; x++)
            {
                var i = y * n + x;
                double laplacian = grey[i - 1] + grey[i + 1] + grey[i - n] + grey[i + n] - 4 * grey[i];
                sum += laplacian;
                squares += laplacian * laplacian;
                count++;
            }
        }

        var mean = sum / count;
        return squares / count - mean * mean;
    }

    private static float[] Resample(RgbImage image, PixelRegion region, int side)
    {
        var grey = new float[side * side];
        var pixels = image.Pixels;
        float Grey(int x, int y)
        {
            var o = ((long)y * image.Width + x) * 3;
            return 0.299f * pixels[o] + 0.587f * pixels[o + 1] + 0.114f * pixels[o + 2];
        }

        var (sx, sy) = ((double)region.Width / side, (double)region.Height / side);
        for (var ty = 0; ty < side; ty++)
        {
            for (var tx = 0; tx < side; tx++)
            {
                float value;
                if (sx >= 1 && sy >= 1)
                {
                    // Shrinking: the mean of the source pixels the target pixel covers (no aliasing to fake sharpness).
                    var (x0, x1) = ((int)(tx * sx), Math.Max((int)(tx * sx) + 1, (int)((tx + 1) * sx)));
                    var (y0, y1) = ((int)(ty * sy), Math.Max((int)(ty * sy) + 1, (int)((ty + 1) * sy)));
                    double total = 0;
                    for (var y = y0; y < y1; y++)
                    {
                        for (var x = x0; x < x1; x++)
                        {
                            total += Grey(region.X + x, region.Y + y);
                        }
                    }

                    value = (float)(total / ((x1 - x0) * (y1 - y0)));
                }
                else
                {
                    // Enlarging: bilinear, so a small face measures as soft as it is.
                    var fx = Math.Clamp((tx + 0.5) * sx - 0.5, 0, region.Width - 1);
                    var fy = Math.Clamp((ty + 0.5) * sy - 0.5, 0, region.Height - 1);
                    var (ix, iy) = ((int)fx, (int)fy);
                    var (ix1, iy1) = (Math.Min(ix + 1, region.Width - 1), Math.Min(iy + 1, region.Height - 1));
                    var (ax, ay) = ((float)(fx - ix), (float)(fy - iy));
                    var top = Grey(region.X + ix, region.Y + iy) * (1 - ax) + Grey(region.X + ix1, region.Y + iy) * ax;
                    var bottom = Grey(region.X + ix, region.Y + iy1) * (1 - ax) + Grey(region.X + ix1, region.Y + iy1) * ax;
                    value = top * (1 - ay) + bottom * ay;
                }

                grey[ty * side + tx] = value;
            }
        }

        return grey;
    }

    private static FacePoint Center(IReadOnlyList<FacePoint> points, int from, int to)
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
