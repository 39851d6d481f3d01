using System.Diagnostics;
using System.Text.Json;

namespace Verification.Faces.Tests;

/// <summary>
/// Where the tests find the model files, face-api's sample photos and its reference implementation (all installed by
/// <c>scripts/install.sh test</c>, none committed).
/// </summary>
internal static class FaceTestData
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string ModelsRoot { get; } =
        Environment.GetEnvironmentVariable("VERIFICATION_MODELS") is { Length: > 0 } env ? env : Path.Combine(RepositoryRoot, "artifacts", "models");

    public static string ModelDirectory => Path.Combine(ModelsRoot, "face-api");

    public static string SampleDirectory => Path.Combine(ModelsRoot, "face-api-samples");

    public static string ReferenceDirectory => Path.Combine(RepositoryRoot, "tools", "face-reference");

    public static IReadOnlyList<string> Samples { get; } = ["sample1.jpg", "sample2.jpg", "sample3.jpg", "sample4.jpg", "sample5.jpg", "sample6.jpg"];

    public static string? MissingModels =>
        FaceModels.IsPresent(ModelDirectory) ? null : $"face-api model files not found in {ModelDirectory}: run scripts/install.sh";

    public static string? MissingReference
    {
        get
        {
            if (MissingModels is { } models)
            {
                return models;
            }

            if (!Samples.All(s => File.Exists(Path.Combine(SampleDirectory, s))))
            {
                return $"face-api sample photos not found in {SampleDirectory}: run scripts/install.sh test";
            }

            return Directory.Exists(Path.Combine(ReferenceDirectory, "node_modules", "@vladmandic", "face-api"))
                ? null
                : $"the reference implementation is not installed in {ReferenceDirectory}/node_modules: run scripts/install.sh test";
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Verification.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Verification.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A test that needs the face-api model files; skipped, saying why, when they are not installed.</summary>
internal sealed class FaceModelFactAttribute : FactAttribute
{
    public FaceModelFactAttribute()
    {
        if (FaceTestData.MissingModels is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A test that compares with the reference implementation; skipped, saying why, when it is not installed.</summary>
internal sealed class ReferenceFactAttribute : FactAttribute
{
    public ReferenceFactAttribute()
    {
        if (FaceTestData.MissingReference is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>What the reference implementation computed for one face.</summary>
internal sealed record ReferenceFace(double Score, FaceRectangle Box, FacePoint[] Landmarks, FaceRectangle AlignedRect, float[] Descriptor);

/// <summary>What the reference implementation computed for one photo, and the exact pixels it decoded.</summary>
internal sealed record ReferenceImage(string File, RgbImage Pixels, double Milliseconds, IReadOnlyList<ReferenceFace> Faces);

/// <summary>Runs face-api (Node, TensorFlow.js WASM backend) once on the package's sample photos.</summary>
public sealed class ReferenceFixture
{
    private readonly Lazy<IReadOnlyList<ReferenceImage>> _images = new(Run);

    internal IReadOnlyList<ReferenceImage> Images => _images.Value;

    internal static FaceModels Models => SharedModels.Value;

    private static readonly Lazy<FaceModels> SharedModels = new(() => FaceModels.Load(FaceTestData.ModelDirectory));

    private static List<ReferenceImage> Run()
    {
        var work = Directory.CreateTempSubdirectory("face-reference-");
        try
        {
            var start = new ProcessStartInfo("node")
            {
                WorkingDirectory = FaceTestData.ReferenceDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.ArgumentList.Add("reference.js");
            start.ArgumentList.Add("--models");
            start.ArgumentList.Add(FaceTestData.ModelDirectory);
            start.ArgumentList.Add("--dump-pixels");
            start.ArgumentList.Add(work.FullName);
            foreach (var sample in FaceTestData.Samples)
            {
                start.ArgumentList.Add(Path.Combine(FaceTestData.SampleDirectory, sample));
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("The reference implementation ran for more than 3 minutes.");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"The reference implementation failed ({process.ExitCode}): {stderr.Result}");
            }

            using var json = JsonDocument.Parse(stdout);
            return json.RootElement.GetProperty("images").EnumerateArray().Select(image =>
            {
                var file = image.GetProperty("file").GetString()!;
                var pixels = new RgbImage(
                    image.GetProperty("width").GetInt32(),
                    image.GetProperty("height").GetInt32(),
                    File.ReadAllBytes(Path.Combine(work.FullName, file + ".rgb")));
                var faces = image.GetProperty("faces").EnumerateArray().Select(f => new ReferenceFace(
                    f.GetProperty("score").GetDouble(),
                    Rect(f.GetProperty("box")),
                    f.GetProperty("landmarks").EnumerateArray().Select(p => new FacePoint(p[0].GetDouble(), p[1].GetDouble())).ToArray(),
                    Rect(f.GetProperty("alignedRect")),
                    f.GetProperty("descriptor").EnumerateArray().Select(v => v.GetSingle()).ToArray())).ToList();
                return new ReferenceImage(file, pixels, image.GetProperty("milliseconds").GetDouble(), faces);
            }).ToList();
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static FaceRectangle Rect(JsonElement e) => new(
        e.GetProperty("x").GetDouble(), e.GetProperty("y").GetDouble(), e.GetProperty("width").GetDouble(), e.GetProperty("height").GetDouble());
}
