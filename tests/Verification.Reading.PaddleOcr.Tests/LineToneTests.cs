using Verification.Reading.PaddleOcr.Text;

namespace Verification.Reading.PaddleOcr.Tests;

/// <summary>How a line is shown to the recogniser as ink on paper.</summary>
public sealed class LineToneTests
{
    [Fact]
    public void ShowsColouredPrintOnATintedBackgroundAsBlackOnWhite()
    {
        // Three planes (B, G, R) of 100 pixels, -1 to 1: a pink background with a fifth of the pixels printed in yellow.
        const int plane = 100;
        var tensor = new float[3 * plane];
        for (var i = 0; i < plane; i++)
        {
            var printed = i % 5 == 0;
            tensor[i] = printed ? -0.6f : 0.5f; // blue
            tensor[plane + i] = printed ? 0.4f : 0.2f; // green
            tensor[(2 * plane) + i] = printed ? 0.5f : 0.9f; // red
        }

        TextRecognizer.ToInk(tensor, plane);

        for (var i = 0; i < plane; i++)
        {
            var expected = i % 5 == 0 ? -1f : 1f;
            tensor[i].Should().BeApproximately(expected, 0.05f);
            tensor[plane + i].Should().Be(tensor[i]);
            tensor[(2 * plane) + i].Should().Be(tensor[i]);
        }
    }

    [Fact]
    public void LeavesAnEmptyLineGreyRatherThanAmplifyingNoise()
    {
        const int plane = 100;
        var tensor = Enumerable.Range(0, 3 * plane).Select(i => 0.3f + ((i % 7) * 0.001f)).ToArray();

        TextRecognizer.ToInk(tensor, plane);

        // Paper and ink closer than the floor: stretched by at most 1 / 0.05 around the darkest level.
        tensor.Take(plane).Max().Should().BeLessThan(0.9f);
    }
}
