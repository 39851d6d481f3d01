using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using SkiaSharp;
using Verification.Core.Reading;
using Verification.Faces;

namespace Verification.Benchmarks.Faces;

/// <summary>
/// One face comparison, warm (models loaded once): decode, detect, find the 68 landmarks, align and describe both
/// pictures, then compare: the 1300 x 1002 photo of the Czech passport specimen (the shared real photos) against a
/// 670 x 893 selfie cut from face-api's sample2. Target: at most 150 ms on 2 cores. Needs the face-api model files and
/// sample photos (<c>scripts/install.sh test</c>; <c>VERIFICATION_MODELS</c>). Run with ./bench.sh --only faces.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class FaceBenchmarks
{
    private FaceComparer? _comparer;
    private FaceRequest _request = new();

    [GlobalSetup]
    public void Setup()
    {
        var models = Environment.GetEnvironmentVariable("VERIFICATION_MODELS") is { Length: > 0 } env ? env : Path.Combine(Root(), "artifacts", "models");
        var document = Path.Combine(Root(), "..", "shared", "real-photos", "ultimatemrz__Czech_passport_2005_MRZ_orient1_1300x1002.jpg");
        var sample = Path.Combine(models, "face-api-samples", "sample2.jpg");
        if (!File.Exists(document) || !File.Exists(sample))
        {
            throw new InvalidOperationException($"Missing {document} or {sample}: run scripts/install.sh test and set VERIFICATION_MODELS.");
        }

        using var photo = SKBitmap.Decode(sample);
        using var crop = new SKBitmap(670, 893);
        photo.ExtractSubset(crop, new SKRectI(1250, 0, 1920, 893));
        using var data = crop.Encode(SKEncodedImageFormat.Jpeg, 90);
        _request = new FaceRequest
        {
            Documents = [new FacePicture(File.ReadAllBytes(document), "image/jpeg")],
            Selfie = new FacePicture(data.ToArray(), "image/jpeg"),
        };
        _comparer = new FaceComparer(Options.Create(new FaceComparerOptions { ModelDirectory = Path.Combine(models, "face-api") }));
        _comparer.WarmUp();
        var report = Compare();
        if (!report.Controls.Any(c => c.Code == "face.match" && c.Result == Core.Verifications.ControlOutcome.Failed))
        {
            throw new InvalidOperationException("The warm comparer did not compare the two faces: " + string.Join("; ", report.Controls.Select(c => $"{c.Code} {c.Result} {c.Detail}")));
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _comparer?.Dispose();

    /// <summary>Detect, align and describe both pictures, and compare.</summary>
    [Benchmark]
    public FaceReport Compare() => _comparer!.CompareAsync(_request, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Verification.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
