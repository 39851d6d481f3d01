using SkiaSharp;

namespace Verification.Faces;

/// <summary>A decoded picture: 8-bit RGB, row after row, no padding.</summary>
public sealed class RgbImage
{
    /// <summary>Wraps decoded pixels.</summary>
    /// <param name="width">Width in pixels (at least 1).</param>
    /// <param name="height">Height in pixels (at least 1).</param>
    /// <param name="pixels">Exactly <c>width * height * 3</c> bytes, R, G, B per pixel.</param>
    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.LongLength != (long)width * height * 3)
        {
            throw new ArgumentException($"Expected {(long)width * height * 3} bytes for {width}x{height} RGB, got {pixels.LongLength}.", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>R, G, B bytes of each pixel, row after row.</summary>
    public byte[] Pixels { get; }

    /// <summary>
    /// Decodes a JPEG, PNG or WebP picture with SkiaSharp, applying its EXIF orientation. Returns <c>null</c> when the
    /// bytes are not a picture Skia can decode or when it holds more than <paramref name="maxPixels"/> pixels.
    /// </summary>
    /// <param name="data">The encoded picture.</param>
    /// <param name="maxPixels">The largest picture accepted (width times height), to bound memory.</param>
    public static RgbImage? TryDecode(ReadOnlySpan<byte> data, long maxPixels = 50_000_000)
    {
        using var skData = SKData.CreateCopy(data);
        using var codec = SKCodec.Create(skData);
        if (codec is null)
        {
            return null;
        }

        var info = codec.Info;
        if (info.Width < 1 || info.Height < 1 || (long)info.Width * info.Height > maxPixels)
        {
            return null;
        }

        using var decoded = new SKBitmap(new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var result = codec.GetPixels(decoded.Info, decoded.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            return null;
        }

        return Orient(FromBitmap(decoded), codec.EncodedOrigin);
    }

    /// <summary>A rectangle of this picture, copied.</summary>
    /// <param name="x">Left edge.</param>
    /// <param name="y">Top edge.</param>
    /// <param name="width">Width (the rectangle must lie inside the picture).</param>
    /// <param name="height">Height.</param>
    public RgbImage Crop(int x, int y, int width, int height)
    {
        if (x < 0 || y < 0 || width < 1 || height < 1 || x + width > Width || y + height > Height)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"The rectangle {x},{y} {width}x{height} is not inside the {Width}x{Height} picture.");
        }

        var pixels = new byte[(long)width * height * 3];
        for (var row = 0; row < height; row++)
        {
            Array.Copy(Pixels, ((long)(y + row) * Width + x) * 3, pixels, (long)row * width * 3, (long)width * 3);
        }

        return new RgbImage(width, height, pixels);
    }

    /// <summary>The picture as a PNG (lossless: decoding it gives these very pixels back).</summary>
    public byte[] EncodePng()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var rowBytes = bitmap.RowBytes;
        var rgba = new byte[(long)rowBytes * Height];
        for (var y = 0; y < Height; y++)
        {
            var row = rgba.AsSpan(y * rowBytes, Width * 4);
            var o = (long)y * Width * 3;
            for (var x = 0; x < Width; x++)
            {
                row[x * 4] = Pixels[o++];
                row[x * 4 + 1] = Pixels[o++];
                row[x * 4 + 2] = Pixels[o++];
                row[x * 4 + 3] = 255;
            }
        }

        System.Runtime.InteropServices.Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>Turns the stored pixels the way the EXIF orientation says the picture is shown.</summary>
    private static RgbImage Orient(RgbImage stored, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or (SKEncodedOrigin)0)
        {
            return stored;
        }

        var (w, h) = (stored.Width, stored.Height);
        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (tw, th) = swap ? (h, w) : (w, h);
        var target = new byte[stored.Pixels.LongLength];
        for (var y = 0; y < th; y++)
        {
            for (var x = 0; x < tw; x++)
            {
                var (sx, sy) = origin switch
                {
                    SKEncodedOrigin.TopRight => (w - 1 - x, y),
                    SKEncodedOrigin.BottomRight => (w - 1 - x, h - 1 - y),
                    SKEncodedOrigin.BottomLeft => (x, h - 1 - y),
                    SKEncodedOrigin.LeftTop => (y, x),
                    SKEncodedOrigin.RightTop => (y, h - 1 - x),
                    SKEncodedOrigin.RightBottom => (w - 1 - y, h - 1 - x),
                    SKEncodedOrigin.LeftBottom => (w - 1 - y, x),
                    _ => (x, y),
                };
                var s = ((long)sy * w + sx) * 3;
                var t = ((long)y * tw + x) * 3;
                target[t] = stored.Pixels[s];
                target[t + 1] = stored.Pixels[s + 1];
                target[t + 2] = stored.Pixels[s + 2];
            }
        }

        return new RgbImage(tw, th, target);
    }

    private static RgbImage FromBitmap(SKBitmap bitmap)
    {
        // The size is read once: each read of an SKBitmap's Width or Height is a call into the native library.
        var (width, height, rowBytes) = (bitmap.Width, bitmap.Height, bitmap.RowBytes);
        ReadOnlySpan<byte> rgba = bitmap.GetPixelSpan();
        var rgb = new byte[(long)width * height * 3];
        for (var y = 0; y < height; y++)
        {
            var row = rgba.Slice(y * rowBytes, width * 4);
            var o = (long)y * width * 3;
            for (var x = 0; x < width; x++)
            {
                rgb[o++] = row[x * 4];
                rgb[o++] = row[(x * 4) + 1];
                rgb[o++] = row[(x * 4) + 2];
            }
        }

        return new RgbImage(width, height, rgb);
    }
}
