using Xunit.Abstractions;

namespace Verification.Faces.Tests;

/// <summary>
/// What can be shown here without a labelled face set: different people in one group photo are apart, the same face
/// under everyday edits stays close, and hostile pictures give a clear finding rather than an exception.
/// </summary>
public sealed class MatchBehaviourTests(ITestOutputHelper output)
{
    private static readonly Lazy<FaceMatcher> SharedMatcher = new(() => new FaceMatcher(FaceModels.Load(FaceTestData.ModelDirectory)));

    private static FaceMatcher Matcher => SharedMatcher.Value;

    private static string Sample(string name) => Path.Combine(FaceTestData.SampleDirectory, name);

    [ReferenceFact]
    public void DifferentPeopleInOneGroupPhotoAreAboveTheThreshold()
    {
        var analyzer = new FaceAnalyzer(FaceModels.Load(FaceTestData.ModelDirectory));
        var verdicts = new List<FaceVerdict>();
        var closest = double.MaxValue;
        var pairs = 0;
        foreach (var sample in FaceTestData.Samples)
        {
            var faces = analyzer.Analyze(Pictures.Load(Sample(sample)), CancellationToken.None);
            for (var i = 0; i < faces.Count; i++)
            {
                for (var j = i + 1; j < faces.Count; j++)
                {
                    var distance = faces[i].Descriptor.DistanceTo(faces[j].Descriptor);
                    output.WriteLine($"{sample} faces {i}/{j}: distance {distance:F3}");
                    closest = Math.Min(closest, distance);
                    verdicts.Add(Matcher.Compare(faces[i].Descriptor, faces[j].Descriptor).Verdict);
                    pairs++;
                }
            }
        }

        output.WriteLine($"{pairs} pairs of different people; closest {closest:F3} (threshold {Matcher.Options.Threshold}); "
            + $"{verdicts.Count(v => v == FaceVerdict.Mismatch)} mismatch, {verdicts.Count(v => v == FaceVerdict.Uncertain)} uncertain, {verdicts.Count(v => v == FaceVerdict.Match)} match");
        pairs.Should().BeGreaterThan(10);
        closest.Should().BeGreaterThan(Matcher.Options.Threshold);
        verdicts.Should().NotContain(FaceVerdict.Match);
    }

    [ReferenceFact]
    public void TheSameFaceUnderEverydayEditsStaysBelowTheThreshold()
    {
        var selfie = SelfieFromSample2();
        var original = Matcher.FindSelfieFace(selfie, CancellationToken.None);
        original.IsUsable.Should().BeTrue(original.Detail);
        var edits = new (string Name, RgbImage Picture)[]
        {
            ("resized to 50 %", Pictures.Resize(selfie, 0.5)),
            ("resized to 150 %", Pictures.Resize(selfie, 1.5)),
            ("JPEG quality 30", Pictures.Jpeg(selfie, 30)),
            ("Gaussian blur sigma 2", Pictures.Blur(selfie, 2)),
            ("brighter by 40", Pictures.Brightness(selfie, 40)),
            ("darker by 40", Pictures.Brightness(selfie, -40)),
            ("rotated 10 degrees", Pictures.Rotate(selfie, 10)),
            ("rotated -10 degrees", Pictures.Rotate(selfie, -10)),
        };
        foreach (var (name, picture) in edits)
        {
            var found = Matcher.FindSelfieFace(picture, CancellationToken.None);
            found.IsUsable.Should().BeTrue($"{name}: {found.Detail}");
            var comparison = Matcher.Compare(original.Face!.Descriptor, found.Face!.Descriptor);
            output.WriteLine($"{name}: distance {comparison.Distance:F3} ({comparison.Verdict})");
            comparison.Verdict.Should().Be(FaceVerdict.Match, $"{name}: distance {comparison.Distance:F3}");
        }
    }

    [ReferenceFact]
    public void ASelfieWithSeveralPeopleIsRefusedWithTheCount()
    {
        var finding = Matcher.FindSelfieFace(Pictures.Load(Sample("sample1.jpg")), CancellationToken.None);
        output.WriteLine(finding.Detail);
        finding.Problem.Should().Be(FaceProblem.SeveralFaces);
        finding.Detail.Should().Contain("3 faces");
    }

    [FaceModelFact]
    public void APictureWithoutAFaceSaysSo()
    {
        var finding = Matcher.FindSelfieFace(Pictures.Blank(640, 480, 128), CancellationToken.None);
        finding.Problem.Should().Be(FaceProblem.NoFace);
        finding.Detail.Should().Be("No face was found in the selfie.");
    }

    [ReferenceFact]
    public void ATwentyPixelFaceIsNotUsed()
    {
        var selfie = SelfieFromSample2();
        var face = Matcher.FindSelfieFace(selfie, CancellationToken.None).Face!;
        var tiny = Pictures.OnCanvas(Pictures.Resize(selfie, 20 / face.AlignedBox.Width), 640, 480);
        var finding = Matcher.FindSelfieFace(tiny, CancellationToken.None);
        output.WriteLine($"{finding.Problem}: {finding.Detail}");
        finding.IsUsable.Should().BeFalse();
        finding.Problem.Should().BeOneOf(FaceProblem.NoFace, FaceProblem.TooSmall);
    }

    [ReferenceFact]
    public void ATwelveMegapixelPhotoIsAnalysed()
    {
        var selfie = SelfieFromSample2();
        var large = Pictures.Resize(selfie, Math.Sqrt(12_000_000.0 / (selfie.Width * selfie.Height)));
        output.WriteLine($"{large.Width} x {large.Height}");
        ((long)large.Width * large.Height).Should().BeGreaterThanOrEqualTo(11_900_000);
        var finding = Matcher.FindSelfieFace(large, CancellationToken.None);
        finding.IsUsable.Should().BeTrue(finding.Detail);
        var original = Matcher.FindSelfieFace(selfie, CancellationToken.None).Face!;
        Matcher.Compare(original.Descriptor, finding.Face!.Descriptor).Distance.Should().BeLessThan(Matcher.Options.Threshold);
    }

    [FaceModelFact]
    public void BytesThatAreNotAPictureDecodeToNothing()
    {
        Matcher.Decode("%PDF-1.7 not a picture"u8).Should().BeNull();
        Matcher.Decode(ReadOnlySpan<byte>.Empty).Should().BeNull();
    }

    /// <summary>The one face of sample2, cropped as a selfie would frame it.</summary>
    private static RgbImage SelfieFromSample2()
    {
        var photo = Pictures.Load(Sample("sample2.jpg"));
        var face = new FaceAnalyzer(FaceModels.Load(FaceTestData.ModelDirectory)).Analyze(photo, CancellationToken.None).Single().Box;
        var side = (int)(face.Width * 2.2);
        var x = Math.Clamp((int)(face.X + face.Width / 2 - side / 2), 0, photo.Width - side);
        var y = Math.Clamp((int)(face.Y + face.Height / 2 - side / 2), 0, photo.Height - side);
        return Pictures.Crop(photo, x, y, side, (int)(side * 1.25) > photo.Height - y ? photo.Height - y : (int)(side * 1.25));
    }
}
