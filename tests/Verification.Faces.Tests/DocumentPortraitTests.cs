using Xunit.Abstractions;

namespace Verification.Faces.Tests;

/// <summary>
/// The portrait of a specimen document against the same specimen photographed again (the shared real photos:
/// the Czech passport specimen, stored in four EXIF orientations, and two other photographs of a Czech specimen).
/// </summary>
public sealed class DocumentPortraitTests(ITestOutputHelper output)
{
    internal static readonly string RealPhotos = Path.Combine(FaceTestData.RepositoryRoot, "..", "shared", "real-photos");

    private static readonly Lazy<FaceMatcher> SharedMatcher = new(() => new FaceMatcher(FaceModels.Load(FaceTestData.ModelDirectory)));

    [RealPhotoFact]
    public void TheCzechSpecimenPortraitMatchesItselfInEveryOrientation()
    {
        var files = new[] { "orient1", "orient3", "orient6", "orient8" }
            .Select(o => Path.Combine(RealPhotos, $"ultimatemrz__Czech_passport_2005_MRZ_{o}_1300x1002.jpg"))
            .Where(File.Exists)
            .ToList();
        if (files.Count < 4)
        {
            output.WriteLine($"The shared real photos are not at {RealPhotos}; nothing to compare.");
            return;
        }

        var matcher = SharedMatcher.Value;
        var portraits = files.Select(f =>
        {
            var finding = matcher.FindPortrait(Pictures.Load(f), CancellationToken.None);
            output.WriteLine($"{Path.GetFileName(f)}: {finding.Detail}");
            finding.IsUsable.Should().BeTrue($"{Path.GetFileName(f)}: {finding.Detail}");
            return finding.Face!;
        }).ToList();
        for (var i = 1; i < portraits.Count; i++)
        {
            var comparison = matcher.Compare(portraits[0].Descriptor, portraits[i].Descriptor);
            output.WriteLine($"orientation 1 against {Path.GetFileName(files[i])}: distance {comparison.Distance:F3} ({comparison.Verdict})");
            comparison.Verdict.Should().Be(FaceVerdict.Match);
        }
    }

    [RealPhotoFact]
    public void ADocumentSentAsTheSelfieGivesAClearFinding()
    {
        var file = Path.Combine(RealPhotos, "ultimatemrz__Czech_passport_2005_MRZ_orient1_1300x1002.jpg");
        if (!File.Exists(file))
        {
            output.WriteLine($"The shared real photos are not at {RealPhotos}; nothing to check.");
            return;
        }

        var finding = SharedMatcher.Value.FindSelfieFace(Pictures.Load(file), CancellationToken.None);
        output.WriteLine($"{finding.Problem}: {finding.Detail}");
        finding.Detail.Should().NotBeNullOrWhiteSpace();
    }

    [RealPhotoFact]
    public void OtherPhotographsOfACzechSpecimenAreReported()
    {
        var matcher = SharedMatcher.Value;
        foreach (var name in new[] { "passporteye__100_pass-cze.jpg", "passporteye__100_pass-cze2.jpg" })
        {
            var file = Path.Combine(RealPhotos, name);
            if (!File.Exists(file))
            {
                continue;
            }

            var finding = matcher.FindPortrait(Pictures.Load(file), CancellationToken.None);
            output.WriteLine($"{name}: {finding.Problem}: {finding.Detail}");
            var reference = matcher.FindPortrait(Pictures.Load(Path.Combine(RealPhotos, "ultimatemrz__Czech_passport_2005_MRZ_orient1_1300x1002.jpg")), CancellationToken.None);
            if (finding.IsUsable && reference.IsUsable)
            {
                var comparison = matcher.Compare(reference.Face!.Descriptor, finding.Face!.Descriptor);
                output.WriteLine($"  against the ultimateMRZ specimen: distance {comparison.Distance:F3} ({comparison.Verdict})");
            }
        }
    }
}

/// <summary>A test on the shared real photos (and face-api's files); skipped, saying why, when something is missing.</summary>
internal sealed class RealPhotoFactAttribute : FactAttribute
{
    public RealPhotoFactAttribute()
    {
        if (FaceTestData.MissingReference is { } missing)
        {
            Skip = missing;
        }
        else if (!File.Exists(Path.Combine(DocumentPortraitTests.RealPhotos, "ultimatemrz__Czech_passport_2005_MRZ_orient1_1300x1002.jpg")))
        {
            Skip = $"the shared real photos are not at {DocumentPortraitTests.RealPhotos}";
        }
    }
}
