namespace Verification.Faces.Networks;

/// <summary>An integer region of a picture (already clipped to it), as face-api slices faces out of an image tensor.</summary>
internal readonly record struct PixelRegion(int X, int Y, int Width, int Height);

/// <summary>
/// Builds a network's input as face-api's <c>NetInput.toBatchTensor</c> does for an image tensor: the region padded with
/// zeros to a square (centred, or at the end), resized with TensorFlow's bilinear resize (align corners and half-pixel
/// centres both off) to <c>size</c> x <c>size</c>, minus the mean colour, divided by 255. The padded square is never
/// materialised, so a 12-megapixel photo costs no more memory than its pixels.
/// </summary>
internal static class NetInput
{
    public static Tensor ToBatchTensor(RgbImage image, PixelRegion region, int size, bool center, ReadOnlySpan<float> meanRgb)
    {
        var (w, h) = (region.Width, region.Height);
        var square = Math.Max(w, h);
        var diff = Math.Abs(h - w);
        var append = (int)Math.Floor(diff * (center ? 0.5 : 1.0) + 0.5);
        var prepend = center ? diff - append : 0;
        var padLeft = h > w ? prepend : 0;
        var padTop = w > h ? prepend : 0;

        var result = new Tensor(size, size, 3);
        var scale = (float)square / size;
        var pixels = image.Pixels;
        var data = result.Data;

        float Sample(int sy, int sx, int c)
        {
            var iy = sy - padTop;
            var ix = sx - padLeft;
            if ((uint)iy >= (uint)h || (uint)ix >= (uint)w)
            {
                return 0f;
            }

            return pixels[((long)(region.Y + iy) * image.Width + region.X + ix) * 3 + c];
        }

        for (var y = 0; y < size; y++)
        {
            var fy = scale * y;
            var y0 = Math.Max(0, (int)MathF.Floor(fy));
            var y1 = Math.Min(square - 1, (int)MathF.Ceiling(fy));
            var dy = fy - y0;
            for (var x = 0; x < size; x++)
            {
                var fx = scale * x;
                var x0 = Math.Max(0, (int)MathF.Floor(fx));
                var x1 = Math.Min(square - 1, (int)MathF.Ceiling(fx));
                var dx = fx - x0;
                for (var c = 0; c < 3; c++)
                {
                    var topLeft = Sample(y0, x0, c);
                    var topRight = Sample(y0, x1, c);
                    var bottomLeft = Sample(y1, x0, c);
                    var bottomRight = Sample(y1, x1, c);
                    var top = topLeft + (topRight - topLeft) * dx;
                    var bottom = bottomLeft + (bottomRight - bottomLeft) * dx;
                    var value = top + (bottom - top) * dy;
                    data[(y * size + x) * 3 + c] = (value - meanRgb[c]) / 255f;
                }
            }
        }

        return result;
    }
}
