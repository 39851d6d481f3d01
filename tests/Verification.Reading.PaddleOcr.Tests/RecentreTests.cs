using SkiaSharp;
using Verification.Reading.PaddleOcr.Imaging;
using Verification.Reading.PaddleOcr.Mrz;
using Verification.Reading.PaddleOcr.Text;

namespace Verification.Reading.PaddleOcr.Tests;

/// <summary>
/// How a zone line's rectangle is centred on its print before recognition, on drawn lines: forty characters
/// (bars 16 pixels high, 20 pixels a column) centred at (450, 100), in a level rectangle two and a half times
/// as thick as the print, as the detector outlines a line under perspective.
/// </summary>
public sealed class RecentreTests
{
    private const float PrintHeight = 16;
    private static readonly TextBox Detected = new(450, 100, 1, 0, 820, 40, 0.9f);

    [Fact]
    public void FollowsAPrintRunningAskewOfItsRectangleAndLeavesADrawnFrameOut()
    {
        // Two degrees askew: the print drifts 14 pixels across at each end, so measured over the whole line it
        // spans some 44 rows; a frame drawn 8 pixels above it (a phone app's overlay) runs along with it.
        var photo = Draw(degrees: 2, frame: true);

        var line = PhotoZoneReader.Recentre(photo, Detected);

        line.Thickness.Should().BeInRange(PrintHeight * 1.3f, PrintHeight * 1.9f, "the characters fill the recogniser's height, the frame stays out");
        line.Uy.Should().BeApproximately(MathF.Sin(2 * MathF.PI / 180), 0.01f, "the rectangle follows the print's axis");
        line.CenterY.Should().BeApproximately(100, 2);
        line.CenterX.Should().BeApproximately(450, 2);
    }

    [Fact]
    public void KeepsTheAxisOfALevelPrintAndFitsItsHeight()
    {
        var photo = Draw(degrees: 0, frame: false);

        var line = PhotoZoneReader.Recentre(photo, Detected);

        line.Uy.Should().Be(0);
        line.Ux.Should().Be(1);
        line.CenterY.Should().BeApproximately(100, 1.5f);
        line.Thickness.Should().BeInRange(PrintHeight * 1.3f, PrintHeight * 1.9f);
    }

    private static Photo Draw(float degrees, bool frame)
    {
        using var bitmap = new SKBitmap(900, 200);
        bitmap.Erase(SKColors.White);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            using var red = new SKPaint { Color = SKColors.Red, IsAntialias = true };
            canvas.RotateDegrees(degrees, 450, 100);
            for (var k = 0; k < 40; k++)
            {
                var left = 50 + (k * 20) + 4;
                canvas.DrawRect(new SKRect(left, 100 - (PrintHeight / 2), left + 10, 100 + (PrintHeight / 2)), ink);
            }

            if (frame)
            {
                canvas.DrawRect(new SKRect(40, 100 - (PrintHeight / 2) - 11, 860, 100 - (PrintHeight / 2) - 8), red);
            }
        }

        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return Photo.Decode(png.ToArray(), 4000)!;
    }
}
