using SkiaSharp;

namespace Verification.Faces.Tests;

/// <summary>Picture edits for the robustness tests, done with SkiaSharp and decoded back through <see cref="RgbImage.TryDecode"/>.</summary>
internal static class Pictures
{
    public static RgbImage Load(string path) => RgbImage.TryDecode(File.ReadAllBytes(path)) ?? throw new InvalidOperationException("Cannot decode " + path);

    public static RgbImage Crop(RgbImage image, int x, int y, int width, int height) =>
        Draw(image, width, height, canvas => canvas.DrawImage(ToImage(image), new SKRect(x, y, x + width, y + height), new SKRect(0, 0, width, height), Linear));

    public static RgbImage Resize(RgbImage image, double scale)
    {
        var (w, h) = ((int)Math.Round(image.Width * scale), (int)Math.Round(image.Height * scale));
        using var source = ToBitmap(image);
        using var resized = source.Resize(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Unpremul), new SKSamplingOptions(SKCubicResampler.Mitchell));
        return FromBitmap(resized);
    }

    public static RgbImage Jpeg(RgbImage image, int quality)
    {
        using var bitmap = ToBitmap(image);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, quality);
        return RgbImage.TryDecode(data.ToArray())!;
    }

    public static RgbImage Blur(RgbImage image, float sigma) => Draw(image, image.Width, image.Height, canvas =>
    {
        using var paint = new SKPaint { ImageFilter = SKImageFilter.CreateBlur(sigma, sigma) };
        canvas.DrawImage(ToImage(image), 0, 0, Linear, paint);
    });

    public static RgbImage Brightness(RgbImage image, int delta)
    {
        var pixels = image.Pixels.Select(p => (byte)Math.Clamp(p + delta, 0, 255)).ToArray();
        return new RgbImage(image.Width, image.Height, pixels);
    }

    public static RgbImage Rotate(RgbImage image, float degrees) => Draw(image, image.Width, image.Height, canvas =>
    {
        canvas.Clear(SKColors.Gray);
        canvas.RotateDegrees(degrees, image.Width / 2f, image.Height / 2f);
        using var paint = new SKPaint { IsAntialias = true };
        canvas.DrawImage(ToImage(image), 0, 0, Linear, paint);
    });

    public static RgbImage Blank(int width, int height, byte grey) =>
        new(width, height, Enumerable.Repeat(grey, width * height * 3).ToArray());

    /// <summary>Pastes <paramref name="small"/> in the middle of a grey canvas.</summary>
    public static RgbImage OnCanvas(RgbImage small, int width, int height) => Draw(small, width, height, canvas =>
    {
        canvas.Clear(SKColors.Gray);
        canvas.DrawImage(ToImage(small), (width - small.Width) / 2f, (height - small.Height) / 2f, Linear);
    });

    public static void SavePng(RgbImage image, string path)
    {
        using var bitmap = ToBitmap(image);
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }

    private static RgbImage Draw(RgbImage source, int width, int height, Action<SKCanvas> draw)
    {
        using var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using (var canvas = new SKCanvas(target))
        {
            draw(canvas);
        }

        return FromBitmap(target);
    }

    private static readonly SKSamplingOptions Linear = new(SKFilterMode.Linear, SKMipmapMode.None);

    private static SKImage ToImage(RgbImage image)
    {
        using var bitmap = ToBitmap(image);
        return SKImage.FromBitmap(bitmap);
    }

    private static SKBitmap ToBitmap(RgbImage image)
    {
        var bitmap = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var rgba = new byte[image.Width * image.Height * 4];
        for (int i = 0, j = 0; i < image.Pixels.Length; i += 3, j += 4)
        {
            rgba[j] = image.Pixels[i];
            rgba[j + 1] = image.Pixels[i + 1];
            rgba[j + 2] = image.Pixels[i + 2];
            rgba[j + 3] = 255;
        }

        System.Runtime.InteropServices.Marshal.Copy(rgba, 0, bitmap.GetPixels(), rgba.Length);
        return bitmap;
    }

    private static RgbImage FromBitmap(SKBitmap bitmap)
    {
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return RgbImage.TryDecode(data.ToArray())!;
    }
}
