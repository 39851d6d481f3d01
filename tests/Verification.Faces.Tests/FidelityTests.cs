using Xunit.Abstractions;

namespace Verification.Faces.Tests;

/// <summary>
/// The port against the reference implementation (face-api 1.7.15 under Node on TensorFlow.js' WASM backend), fed the
/// very pixels the reference decoded: the same faces, boxes within 2 px, descriptors with cosine at least 0.999.
/// </summary>
public sealed class FidelityTests(ReferenceFixture reference, ITestOutputHelper output) : IClassFixture<ReferenceFixture>
{
    [ReferenceFact]
    public void FindsTheSameFacesWithBoxesWithinTwoPixelsAndTheSameDescriptors()
    {
        var analyzer = new FaceAnalyzer(ReferenceFixture.Models);
        var worstBox = 0.0;
        var worstCosine = 1.0;
        var worstLandmark = 0.0;
        var faces = 0;
        foreach (var image in reference.Images)
        {
            var ported = analyzer.Analyze(image.Pixels, CancellationToken.None);
            output.WriteLine($"{image.File}: reference {image.Faces.Count} faces, port {ported.Count}");
            ported.Should().HaveCount(image.Faces.Count, $"the port must find the faces the reference finds in {image.File}");
            for (var i = 0; i < ported.Count; i++)
            {
                var (mine, theirs) = (ported[i], image.Faces[i]);
                var box = BoxDifference(mine.Box, theirs.Box);
                var landmark = mine.Landmarks.Zip(theirs.Landmarks, (a, b) => Math.Max(Math.Abs(a.X - b.X), Math.Abs(a.Y - b.Y))).Max();
                var cosine = mine.Descriptor.CosineSimilarity(new FaceDescriptor(theirs.Descriptor));
                output.WriteLine($"  face {i}: score {mine.Score:F4}/{theirs.Score:F4} box diff {box:G3} px, landmarks max diff {landmark:G3} px, "
                    + $"aligned box equal {mine.AlignedBox == theirs.AlignedRect}, 1 - cosine {1 - cosine:G3}");
                worstBox = Math.Max(worstBox, box);
                worstLandmark = Math.Max(worstLandmark, landmark);
                worstCosine = Math.Min(worstCosine, cosine);
                faces++;
                box.Should().BeLessThanOrEqualTo(2.0, $"face {i} of {image.File}");
                cosine.Should().BeGreaterThanOrEqualTo(0.999, $"face {i} of {image.File}");
            }
        }

        output.WriteLine($"{faces} faces: worst box difference {worstBox:G3} px, worst landmark {worstLandmark:G3} px, worst 1 - cosine {1 - worstCosine:G3}");
        faces.Should().BeGreaterThan(10);
    }

    /// <summary>
    /// The product's path: the same photos decoded by SkiaSharp (libjpeg-turbo) rather than by the reference's
    /// <c>jpeg-js</c>. The decoders differ by a grey level here and there; this measures what that costs.
    /// </summary>
    [ReferenceFact]
    public void SkiaDecodingStaysCloseToTheReference()
    {
        var analyzer = new FaceAnalyzer(ReferenceFixture.Models);
        var worstBox = 0.0;
        var worstCosine = 1.0;
        foreach (var image in reference.Images)
        {
            var decoded = RgbImage.TryDecode(File.ReadAllBytes(Path.Combine(FaceTestData.SampleDirectory, image.File)))!;
            var differing = decoded.Pixels.Zip(image.Pixels.Pixels).Count(p => p.First != p.Second);
            var ported = analyzer.Analyze(decoded, CancellationToken.None);
            output.WriteLine($"{image.File}: {differing * 100.0 / decoded.Pixels.Length:F1} % of channel values differ between the decoders; reference {image.Faces.Count} faces, port {ported.Count}");
            ported.Should().HaveCount(image.Faces.Count, image.File);
            for (var i = 0; i < ported.Count; i++)
            {
                var box = BoxDifference(ported[i].Box, image.Faces[i].Box);
                var cosine = ported[i].Descriptor.CosineSimilarity(new FaceDescriptor(image.Faces[i].Descriptor));
                output.WriteLine($"  face {i}: box diff {box:F2} px, cosine {cosine:F5}");
                worstBox = Math.Max(worstBox, box);
                worstCosine = Math.Min(worstCosine, cosine);
            }
        }

        output.WriteLine($"Skia-decoded: worst box difference {worstBox:F2} px, worst cosine {worstCosine:F5}");
        worstBox.Should().BeLessThanOrEqualTo(2.0);
        worstCosine.Should().BeGreaterThanOrEqualTo(0.99);
    }

    private static double BoxDifference(FaceRectangle a, FaceRectangle b) => new[]
    {
        Math.Abs(a.X - b.X), Math.Abs(a.Y - b.Y), Math.Abs(a.X + a.Width - b.X - b.Width), Math.Abs(a.Y + a.Height - b.Y - b.Height),
    }.Max();
}
