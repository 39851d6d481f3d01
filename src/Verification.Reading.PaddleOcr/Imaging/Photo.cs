using SkiaSharp;

namespace Verification.Reading.PaddleOcr.Imaging;

/// <summary>
/// A decoded photo, upright (EXIF orientation applied), as 8-bit BGR planes-free interleaved pixels. Large photos
/// are decoded at a reduced size (JPEG decoders scale by 1/2, 1/4, 1/8 while decoding) so a 12-megapixel photo
/// never costs a full-size buffer.
/// </summary>
internal sealed class Photo
{
    private Photo(int width, int height, byte[] bgr)
    {
        Width = width;
        Height = height;
        Bgr = bgr;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Row-major, three bytes a pixel (blue, green, red).</summary>
    public byte[] Bgr { get; }

    /// <summary>What the header says, without decoding: the size and the EXIF orientation.</summary>
    public static (int Width, int Height)? ReadSize(ReadOnlySpan<byte> file)
    {
        if (file.IsEmpty)
        {
            return null;
        }

        using var data = SKData.CreateCopy(file);
        using var codec = SKCodec.Create(data);
        return codec is null ? null : (codec.Info.Width, codec.Info.Height);
    }

    /// <summary>
    /// Decodes a JPEG, PNG, WebP, GIF or BMP file; <see langword="null"/> when it cannot. The longer side of the result
    /// is at most <paramref name="maxSide"/>; EXIF orientation is honoured.
    /// </summary>
    public static Photo? Decode(ReadOnlySpan<byte> file, int maxSide)
    {
        using var data = SKData.CreateCopy(file);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.Info.Width < 1 || codec.Info.Height < 1)
        {
            return null;
        }

        var longer = Math.Max(codec.Info.Width, codec.Info.Height);
        var scale = Math.Min(1f, maxSide / (float)longer);
        // The decoder picks the nearest size it supports at or above the request.
        var decodeSize = codec.GetScaledDimensions(scale);
        var info = new SKImageInfo(decodeSize.Width, decodeSize.Height, SKColorType.Bgra8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(info);
        var result = codec.GetPixels(info, decoded.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            // Some codecs cannot scale while decoding: decode whole, then shrink.
            if (!decodeSize.Equals(codec.Info.Size))
            {
                var full = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Bgra8888, SKAlphaType.Premul);
                using var whole = new SKBitmap(full);
                var again = codec.GetPixels(full, whole.GetPixels());
                if (again is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
                {
                    return null;
                }

                whole.ScalePixels(decoded, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
            }
            else
            {
                return null;
            }
        }

        using var sized = Fit(decoded, maxSide);
        using var upright = Orient(sized ?? decoded, codec.EncodedOrigin);
        return FromBitmap(upright ?? sized ?? decoded);
    }

    /// <summary>A copy of a rectangle of the photo (clamped to it).</summary>
    public Photo Crop(int x, int y, int width, int height)
    {
        x = Math.Clamp(x, 0, Width - 1);
        y = Math.Clamp(y, 0, Height - 1);
        width = Math.Clamp(width, 1, Width - x);
        height = Math.Clamp(height, 1, Height - y);
        var pixels = new byte[width * height * 3];
        for (var row = 0; row < height; row++)
        {
            Bgr.AsSpan((((y + row) * Width) + x) * 3, width * 3).CopyTo(pixels.AsSpan(row * width * 3));
        }

        return new Photo(width, height, pixels);
    }

    /// <summary>A copy turned by a multiple of 90 degrees clockwise.</summary>
    public Photo Rotate(int quarterTurns)
    {
        quarterTurns = ((quarterTurns % 4) + 4) % 4;
        if (quarterTurns == 0)
        {
            return this;
        }

        var (w, h) = quarterTurns == 2 ? (Width, Height) : (Height, Width);
        var pixels = new byte[w * h * 3];
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var (nx, ny) = quarterTurns switch
                {
                    1 => (Height - 1 - y, x),
                    2 => (Width - 1 - x, Height - 1 - y),
                    _ => (y, Width - 1 - x),
                };
                var from = ((y * Width) + x) * 3;
                var to = ((ny * w) + nx) * 3;
                pixels[to] = Bgr[from];
                pixels[to + 1] = Bgr[from + 1];
                pixels[to + 2] = Bgr[from + 2];
            }
        }

        return new Photo(w, h, pixels);
    }

    /// <summary>Bilinear sample of one channel at a real position (clamped at the edges).</summary>
    public float Sample(float x, float y, int channel)
    {
        x = Math.Clamp(x, 0, Width - 1);
        y = Math.Clamp(y, 0, Height - 1);
        var x0 = Math.Min((int)x, Width - 1);
        var y0 = Math.Min((int)y, Height - 1);
        var x1 = Math.Min(x0 + 1, Width - 1);
        var y1 = Math.Min(y0 + 1, Height - 1);
        var fx = x - x0;
        var fy = y - y0;
        var top = At(x0, y0) + ((At(x1, y0) - At(x0, y0)) * fx);
        var bottom = At(x0, y1) + ((At(x1, y1) - At(x0, y1)) * fx);
        return top + ((bottom - top) * fy);

        float At(int px, int py) => Bgr[(((py * Width) + px) * 3) + channel];
    }

    /// <summary>
    /// The detector's input: the photo resampled so that its longer side is <paramref name="longerSide"/> pixels, both
    /// sides rounded to multiples of 32, each channel normalised as the network was trained. Shrinking averages the
    /// photo pixels each input pixel covers (no aliasing of fine print); enlarging interpolates between the nearest
    /// two. Separable, in managed code, straight from the photo's pixels (a copy into a SkiaSharp bitmap scaled with
    /// mipmaps took 33-48 ms of a 1,900 px photo's detection).
    /// </summary>
    public (float[] Tensor, int Width, int Height) ToDetectorInput(int longerSide)
    {
        var scale = longerSide / (float)Math.Max(Width, Height);
        var w = Math.Max(32, (int)Math.Round(Width * scale / 32f) * 32);
        var h = Math.Max(32, (int)Math.Round(Height * scale / 32f) * 32);
        var columns = Taps(Width, w);
        var rows = Taps(Height, h);

        // Rows first: each of the input's rows gathers the photo rows it draws on, at the photo's full width; then each
        // input pixel gathers the columns it draws on from its row.
        var gathered = new float[h * Width * 3];
        for (var y = 0; y < h; y++)
        {
            var (first, weights) = rows[y];
            var target = gathered.AsSpan(y * Width * 3, Width * 3);
            for (var k = 0; k < weights.Length; k++)
            {
                var source = Bgr.AsSpan((first + k) * Width * 3, Width * 3);
                var weight = weights[k];
                for (var i = 0; i < target.Length; i++)
                {
                    target[i] += source[i] * weight;
                }
            }
        }

        var tensor = new float[3 * w * h];
        var plane = w * h;
        ReadOnlySpan<float> mean = [0.485f, 0.456f, 0.406f];
        ReadOnlySpan<float> std = [0.229f, 0.224f, 0.225f];
        for (var y = 0; y < h; y++)
        {
            var row = gathered.AsSpan(y * Width * 3, Width * 3);
            for (var x = 0; x < w; x++)
            {
                var (first, weights) = columns[x];
                float b = 0, g = 0, r = 0;
                for (var k = 0; k < weights.Length; k++)
                {
                    var at = (first + k) * 3;
                    b += row[at] * weights[k];
                    g += row[at + 1] * weights[k];
                    r += row[at + 2] * weights[k];
                }

                var i = (y * w) + x;
                tensor[i] = ((b / 255f) - mean[0]) / std[0];
                tensor[plane + i] = ((g / 255f) - mean[1]) / std[1];
                tensor[(2 * plane) + i] = ((r / 255f) - mean[2]) / std[2];
            }
        }

        return (tensor, w, h);
    }

    /// <summary>
    /// For each of <paramref name="target"/> positions along an axis of <paramref name="source"/> pixels: the first
    /// source pixel it draws on and the weights of it and the next ones (summing to 1). Shrinking, the source pixels
    /// the target pixel covers, by how much of each it covers; enlarging, linear interpolation between two.
    /// </summary>
    internal static (int First, float[] Weights)[] Taps(int source, int target)
    {
        var taps = new (int, float[])[target];
        var step = source / (double)target;
        for (var t = 0; t < target; t++)
        {
            if (step <= 1)
            {
                var centre = Math.Clamp(((t + 0.5) * step) - 0.5, 0, source - 1);
                var left = Math.Min((int)centre, source - 1);
                var fraction = (float)(centre - left);
                taps[t] = left + 1 < source && fraction > 0 ? (left, [1 - fraction, fraction]) : (left, [1f]);
                continue;
            }

            var from = t * step;
            var to = Math.Min(source, (t + 1) * step);
            var first = (int)from;
            var last = Math.Min(source - 1, (int)Math.Ceiling(to) - 1);
            var weights = new float[last - first + 1];
            for (var i = first; i <= last; i++)
            {
                weights[i - first] = (float)((Math.Min(to, i + 1) - Math.Max(from, i)) / step);
            }

            taps[t] = (first, weights);
        }

        return taps;
    }

    /// <summary>A copy as a SkiaSharp bitmap (opaque, blue-green-red-alpha), for drawing on.</summary>
    internal SKBitmap ToBitmap()
    {
        var bitmap = new SKBitmap(new SKImageInfo(Width, Height, SKColorType.Bgra8888, SKAlphaType.Premul));
        var bgra = new byte[Width * Height * 4];
        for (var i = 0; i < Width * Height; i++)
        {
            bgra[i * 4] = Bgr[i * 3];
            bgra[(i * 4) + 1] = Bgr[(i * 3) + 1];
            bgra[(i * 4) + 2] = Bgr[(i * 3) + 2];
            bgra[(i * 4) + 3] = 255;
        }

        System.Runtime.InteropServices.Marshal.Copy(bgra, 0, bitmap.GetPixels(), bgra.Length);
        return bitmap;
    }

    private static SKBitmap? Fit(SKBitmap bitmap, int maxSide)
    {
        var longer = Math.Max(bitmap.Width, bitmap.Height);
        if (longer <= maxSide)
        {
            return null;
        }

        var scale = maxSide / (float)longer;
        var info = new SKImageInfo(Math.Max(1, (int)(bitmap.Width * scale)), Math.Max(1, (int)(bitmap.Height * scale)), SKColorType.Bgra8888, SKAlphaType.Premul);
        var resized = new SKBitmap(info);
        bitmap.ScalePixels(resized, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        return resized;
    }

    private static SKBitmap? Orient(SKBitmap bitmap, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or SKEncodedOrigin.Default)
        {
            return null;
        }

        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (w, h) = swap ? (bitmap.Height, bitmap.Width) : (bitmap.Width, bitmap.Height);
        var result = new SKBitmap(new SKImageInfo(w, h, SKColorType.Bgra8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(result);
        var matrix = origin switch
        {
            SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
            SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
            SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightTop => new SKMatrix(0, -1, w, 1, 0, 0, 0, 0, 1),
            SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, w, -1, 0, h, 0, 0, 1),
            SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, h, 0, 0, 1),
            _ => SKMatrix.Identity,
        };
        canvas.SetMatrix(matrix);
        using var image = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        canvas.Flush();
        return result;
    }

    private static Photo FromBitmap(SKBitmap bitmap)
    {
        // Width and Height are read once: each read of an SKBitmap's size is a call into the native library.
        var (width, height) = (bitmap.Width, bitmap.Height);
        ReadOnlySpan<byte> pixels = bitmap.GetPixelSpan();
        var bgr = new byte[width * height * 3];
        for (int i = 0, o = 0; o < bgr.Length; i += 4, o += 3)
        {
            // Premultiplied with alpha 255 for photos; transparent pixels are shown over white.
            var a = pixels[i + 3];
            if (a == 255)
            {
                bgr[o] = pixels[i];
                bgr[o + 1] = pixels[i + 1];
                bgr[o + 2] = pixels[i + 2];
            }
            else
            {
                bgr[o] = (byte)(pixels[i] + (255 - a));
                bgr[o + 1] = (byte)(pixels[i + 1] + (255 - a));
                bgr[o + 2] = (byte)(pixels[i + 2] + (255 - a));
            }
        }

        return new Photo(width, height, bgr);
    }
}
