using System.Runtime.InteropServices;
using Verification.Reading.Tesseract.Native;

namespace Verification.Reading.Tesseract.Imaging;

/// <summary>An 8-bit grey image in managed memory, row-major, one byte a pixel (0 black, 255 white).</summary>
internal sealed class GrayImage
{
    public GrayImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pixels.Length, width * height);
        Width = width;
        Height = height;
        Pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Pixels { get; }

    public byte this[int x, int y] => Pixels[(y * Width) + x];

    /// <summary>Decodes JPEG, PNG, TIFF, WebP, BMP or GIF with Leptonica; <see langword="null"/> when it cannot.</summary>
    public static unsafe GrayImage? Decode(ReadOnlySpan<byte> file)
    {
        if (file.IsEmpty)
        {
            return null;
        }

        IntPtr raw;
        fixed (byte* data = file)
        {
            raw = NativeMethods.pixReadMem(data, (nuint)file.Length);
        }

        if (raw == IntPtr.Zero)
        {
            return null;
        }

        using var pix = PixHandle.Own(raw);
        using var gray = PixHandle.Own(NativeMethods.pixConvertTo8(pix, 0));
        return gray.IsInvalid ? null : FromPix(gray);
    }

    /// <summary>The dimensions from the file's header, without decoding it; <see langword="null"/> when unknown.</summary>
    public static unsafe (int Width, int Height)? ReadSize(ReadOnlySpan<byte> file)
    {
        if (file.IsEmpty)
        {
            return null;
        }

        fixed (byte* data = file)
        {
            return NativeMethods.pixReadHeaderMem(data, (nuint)file.Length, out _, out var width, out var height, out _, out _, out _) == 0
                ? (width, height)
                : null;
        }
    }

    /// <summary>Copies an 8-bit Leptonica image.</summary>
    public static unsafe GrayImage FromPix(PixHandle pix)
    {
        var width = NativeMethods.pixGetWidth(pix);
        var height = NativeMethods.pixGetHeight(pix);
        var wpl = NativeMethods.pixGetWpl(pix);
        var data = (byte*)NativeMethods.pixGetData(pix);
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            var line = data + (y * wpl * 4);
            var row = y * width;
            // Leptonica packs pixels big-endian in 32-bit words: on a little-endian machine byte n sits at n ^ 3.
            for (var x = 0; x < width; x++)
            {
                pixels[row + x] = line[BitConverter.IsLittleEndian ? x ^ 3 : x];
            }
        }

        return new GrayImage(width, height, pixels);
    }

    /// <summary>Copies to a new 8-bit Leptonica image.</summary>
    public unsafe PixHandle ToPix()
    {
        var pix = PixHandle.Own(NativeMethods.pixCreate(Width, Height, 8));
        if (pix.IsInvalid)
        {
            throw new InvalidOperationException("Leptonica could not allocate an image.");
        }

        var wpl = NativeMethods.pixGetWpl(pix);
        var data = (byte*)NativeMethods.pixGetData(pix);
        for (var y = 0; y < Height; y++)
        {
            var line = data + (y * wpl * 4);
            var row = y * Width;
            for (var x = 0; x < Width; x++)
            {
                line[BitConverter.IsLittleEndian ? x ^ 3 : x] = Pixels[row + x];
            }
        }

        return pix;
    }

    /// <summary>
    /// Finds the skew of the text lines with Leptonica's sweep and rotates them level; the angle in degrees.
    /// Leptonica itself declines to rotate below a confidence that photos with a frame or a picture often
    /// miss, while the angle it finds is already right: rotate whenever the angle is found at all.
    /// </summary>
    public GrayImage Deskew(out double angle)
    {
        using var pix = ToPix();
        var unused = NativeMethods.pixDeskewGeneral(pix, 0, 0f, 0f, 0, 0, out var found, out var confidence);
        PixHandle.Own(unused).Dispose();
        angle = confidence > 0.5f && Math.Abs(found) >= 0.1f ? found : 0;
        if (angle == 0)
        {
            return this;
        }

        // Area-mapped rotation, white brought in at the corners.
        using var rotated = PixHandle.Own(NativeMethods.pixRotate(pix, (float)(angle * Math.PI / 180), 1, 1, 0, 0));
        return rotated.IsInvalid ? this : FromPix(rotated);
    }

    public GrayImage Crop(int x, int y, int width, int height)
    {
        x = Math.Clamp(x, 0, Width - 1);
        y = Math.Clamp(y, 0, Height - 1);
        width = Math.Clamp(width, 1, Width - x);
        height = Math.Clamp(height, 1, Height - y);
        var pixels = new byte[width * height];
        for (var row = 0; row < height; row++)
        {
            Array.Copy(Pixels, ((y + row) * Width) + x, pixels, row * width, width);
        }

        return new GrayImage(width, height, pixels);
    }

    /// <summary>Resizes with bilinear sampling (area-averaged when shrinking by more than 2).</summary>
    public GrayImage Scale(double factor)
    {
        var width = Math.Max(1, (int)Math.Round(Width * factor));
        var height = Math.Max(1, (int)Math.Round(Height * factor));
        var pixels = new byte[width * height];
        var inverse = 1.0 / factor;
        for (var y = 0; y < height; y++)
        {
            var sy = ((y + 0.5) * inverse) - 0.5;
            for (var x = 0; x < width; x++)
            {
                var sx = ((x + 0.5) * inverse) - 0.5;
                pixels[(y * width) + x] = (byte)Math.Clamp((int)Math.Round(Sample(sx, sy)), 0, 255);
            }
        }

        return new GrayImage(width, height, pixels);
    }

    /// <summary>Bilinear sample; outside the image reads as white.</summary>
    public double Sample(double x, double y)
    {
        var x0 = (int)Math.Floor(x);
        var y0 = (int)Math.Floor(y);
        var fx = x - x0;
        var fy = y - y0;
        var a = At(x0, y0);
        var b = At(x0 + 1, y0);
        var c = At(x0, y0 + 1);
        var d = At(x0 + 1, y0 + 1);
        return ((a * (1 - fx)) + (b * fx)) * (1 - fy) + (((c * (1 - fx)) + (d * fx)) * fy);
    }

    private int At(int x, int y) => (uint)x < (uint)Width && (uint)y < (uint)Height ? Pixels[(y * Width) + x] : 255;

    /// <summary>A 3 x 3 box blur: sensor and JPEG noise average out, strokes stay.</summary>
    public GrayImage Smooth()
    {
        var w = Width;
        var h = Height;
        var rows = new int[w * h];
        for (var y = 0; y < h; y++)
        {
            var row = y * w;
            for (var x = 0; x < w; x++)
            {
                var left = x > 0 ? Pixels[row + x - 1] : Pixels[row + x];
                var right = x < w - 1 ? Pixels[row + x + 1] : Pixels[row + x];
                rows[row + x] = left + Pixels[row + x] + right;
            }
        }

        var pixels = new byte[w * h];
        for (var y = 0; y < h; y++)
        {
            var up = (y > 0 ? y - 1 : y) * w;
            var row = y * w;
            var down = (y < h - 1 ? y + 1 : y) * w;
            for (var x = 0; x < w; x++)
            {
                pixels[row + x] = (byte)((rows[up + x] + rows[row + x] + rows[down + x] + 4) / 9);
            }
        }

        return new GrayImage(w, h, pixels);
    }

    /// <summary>Otsu's threshold over the histogram of the whole image.</summary>
    public int OtsuThreshold()
    {
        Span<int> histogram = stackalloc int[256];
        foreach (var p in Pixels.AsSpan(0, Width * Height))
        {
            histogram[p]++;
        }

        return OtsuThreshold(histogram, Width * Height);
    }

    public static int OtsuThreshold(ReadOnlySpan<int> histogram, int total)
    {
        double sum = 0;
        for (var i = 0; i < 256; i++)
        {
            sum += i * (double)histogram[i];
        }

        double sumBackground = 0, best = -1;
        var weightBackground = 0;
        var threshold = 128;
        for (var i = 0; i < 256; i++)
        {
            weightBackground += histogram[i];
            if (weightBackground == 0)
            {
                continue;
            }

            var weightForeground = total - weightBackground;
            if (weightForeground == 0)
            {
                break;
            }

            sumBackground += i * (double)histogram[i];
            var meanBackground = sumBackground / weightBackground;
            var meanForeground = (sum - sumBackground) / weightForeground;
            var between = (double)weightBackground * weightForeground * (meanBackground - meanForeground) * (meanBackground - meanForeground);
            if (between > best)
            {
                best = between;
                threshold = i;
            }
        }

        return threshold;
    }

    /// <summary>Black (0) where darker than or equal to <paramref name="threshold"/>, white elsewhere.</summary>
    public GrayImage Binarize(int threshold)
    {
        var pixels = new byte[Width * Height];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = Pixels[i] <= threshold ? (byte)0 : (byte)255;
        }

        return new GrayImage(Width, Height, pixels);
    }

    /// <summary>Pins the pixels for Tesseract's <c>SetImage</c>.</summary>
    public GCHandle Pin() => GCHandle.Alloc(Pixels, GCHandleType.Pinned);
}
