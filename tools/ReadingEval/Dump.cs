using SkiaSharp;
using Verification.Reading.PaddleOcr;
using Verification.Reading.PaddleOcr.Imaging;
using Verification.Reading.PaddleOcr.Mrz;

internal static class Dump
{
    /// <summary>Writes a recogniser input (3 x 48 x width, -1 to 1) as a PNG.</summary>
    public static void Line(float[] tensor, int width, string path)
    {
        const int height = 48;
        using var bitmap = new SKBitmap(width, height);
        var plane = height * width;
        byte At(int c, int x, int y) => (byte)Math.Clamp((tensor[(c * plane) + (y * width) + x] + 1) * 127.5f, 0, 255);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, new SKColor(At(2, x, y), At(1, x, y), At(0, x, y)));
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 90);
        File.WriteAllBytes(path, data.ToArray());
    }

    /// <summary>Writes the photo with the detected lines (green) and zone candidates (red) as a PNG, for looking at.</summary>
    public static void Write(Photo photo, PaddleOcrModels models, string path)
    {
        var boxes = models.Detector.Detect(photo, 960, CancellationToken.None);
        var groups = PhotoZoneReader.Groups(boxes);
        using var bitmap = new SKBitmap(photo.Width, photo.Height);
        for (var y = 0; y < photo.Height; y++)
        {
            for (var x = 0; x < photo.Width; x++)
            {
                var i = ((y * photo.Width) + x) * 3;
                bitmap.SetPixel(x, y, new SKColor(photo.Bgr[i + 2], photo.Bgr[i + 1], photo.Bgr[i]));
            }
        }

        using var canvas = new SKCanvas(bitmap);
        using var green = new SKPaint { Color = SKColors.Lime, Style = SKPaintStyle.Stroke, StrokeWidth = 1 };
        using var red = new SKPaint { Color = SKColors.Red, Style = SKPaintStyle.Stroke, StrokeWidth = 2 };
        foreach (var b in boxes)
        {
            Draw(canvas, b, green);
        }

        foreach (var g in groups)
        {
            foreach (var b in g)
            {
                Draw(canvas, b, red);
            }
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 90);
        File.WriteAllBytes(path, data.ToArray());
    }

    private static void Draw(SKCanvas canvas, Verification.Reading.PaddleOcr.Text.TextBox b, SKPaint paint)
    {
        var hl = b.Length / 2;
        var ht = b.Thickness / 2;
        SKPoint P(float a, float c) => new(b.CenterX + (b.Ux * a) + (b.Vx * c), b.CenterY + (b.Uy * a) + (b.Vy * c));
        SKPoint[] corners = [P(-hl, -ht), P(hl, -ht), P(hl, ht), P(-hl, ht), P(-hl, -ht)];
        for (var i = 0; i < 4; i++)
        {
            canvas.DrawLine(corners[i], corners[i + 1], paint);
        }

    }
}
