using SkiaSharp;
using Verification.Reading.PaddleOcr.Imaging;

namespace Verification.Reading.PaddleOcr.Tests;

/// <summary>How a photo is resampled for the text detector.</summary>
public sealed class DetectorInputTests
{
    [Theory]
    [InlineData(1874, 736)]
    [InlineData(268, 736)]
    [InlineData(736, 736)]
    [InlineData(4000, 1280)]
    public void WeighsEveryInputPixelByWhatItTakesFromThePhotoInAll(int source, int target)
    {
        var taps = Photo.Taps(source, target);

        taps.Should().HaveCount(target);
        taps.Should().OnlyContain(t => t.First >= 0 && t.First + t.Weights.Length <= source && Math.Abs(t.Weights.Sum() - 1) < 1e-4);
        // Every photo pixel counts as much as any other when shrinking: the weights per photo pixel add up alike.
        if (source > target)
        {
            var share = new double[source];
            foreach (var (first, weights) in taps)
            {
                for (var k = 0; k < weights.Length; k++)
                {
                    share[first + k] += weights[k];
                }
            }

            share.Should().OnlyContain(s => Math.Abs(s - (target / (double)source)) < 1e-3);
        }
    }

    [Fact]
    public void ShrinksFinePrintToItsAverageGreyRatherThanToRandomBlackAndWhite()
    {
        // Black and white columns one pixel wide (fine print), shrunk to a third: every input pixel is the same grey.
        using var bitmap = new SKBitmap(96 * 3, 96 * 3);
        for (var x = 0; x < bitmap.Width; x++)
        {
            for (var y = 0; y < bitmap.Height; y++)
            {
                bitmap.SetPixel(x, y, x % 2 == 0 ? SKColors.Black : SKColors.White);
            }
        }

        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        var photo = Photo.Decode(png.ToArray(), 4000)!;

        var (tensor, width, height) = photo.ToDetectorInput(96);

        (width, height).Should().Be((96, 96));
        // Blue plane, normalised as the network was trained: (v / 255 - 0.485) / 0.229. Each input pixel covers three
        // columns, one or two of them black: the values lie between a third and two thirds white.
        var lowest = ((1 / 3f) - 0.485f) / 0.229f;
        var highest = ((2 / 3f) - 0.485f) / 0.229f;
        tensor.AsSpan(0, width * height).ToArray().Should().OnlyContain(v => v >= lowest - 0.01f && v <= highest + 0.01f);
    }
}
