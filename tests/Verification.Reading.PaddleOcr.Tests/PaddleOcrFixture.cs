using Microsoft.Extensions.Options;
using Verification.Reading.Tesseract.Tests.Specimens;
using Verification.SpecimenBuilders;

namespace Verification.Reading.PaddleOcr.Tests;

/// <summary>
/// One warm PaddleOCR reader (no fall-back: these tests measure the engine itself) and a small generated specimen
/// set: passports, ID cards and French cards drawn with ImageMagick and the OCR-B font, rotated, blurred and
/// compressed a little (the reading tests' generator, seed 0). The models come from <c>scripts/install.sh</c>,
/// which <c>./test.sh</c> runs: without them the tests fail and say so, rather than pass without reading.
/// </summary>
public sealed class PaddleOcrFixture : IAsyncLifetime
{
    public const int IdentityCount = 12;

    private readonly string _folder = Directory.CreateTempSubdirectory("verification-paddleocr-").FullName;

    public PaddleOcrDocumentReader Reader { get; private set; } = null!;

    public string Folder => _folder;

    internal IReadOnlyList<IdentitySpecimen> Identities { get; private set; } = [];

    public async Task InitializeAsync()
    {
        // The generated set measures reading, not the machine's load: its search is not cut short by the clock (the
        // budget has a test of its own, on a clock that jumps), so that a busy test run answers later, not differently.
        var options = new PaddleOcrReaderOptions { SearchBudget = TimeSpan.FromSeconds(60) };
        var models = options.ResolveModelDirectory();
        if (PaddleOcrModels.RequiredFiles.Any(f => !File.Exists(Path.Combine(models, f))))
        {
            throw new InvalidOperationException($"The PaddleOCR models are missing in {models}: run scripts/install.sh (./test.sh does).");
        }

        if (!ImageMagick.IsAvailable)
        {
            throw new InvalidOperationException("The specimen generator needs imagemagick and fonts-ocr-b (scripts/install.sh test).");
        }

        Reader = new PaddleOcrDocumentReader(Options.Create(options), SpecimenGenerator.Clock());
        Reader.WarmUp();
        Reader.Availability.IsAvailable.Should().BeTrue(Reader.Availability.Detail);
        var generator = new SpecimenGenerator(_folder);
        var identities = new IdentitySpecimen[IdentityCount];
        await Parallel.ForEachAsync(Enumerable.Range(0, IdentityCount), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (i, ct) =>
            identities[i] = await generator.IdentityAsync(i, (IdentityKind)(i % 3), ct));
        Identities = identities;
        if (Environment.GetEnvironmentVariable("VERIFICATION_KEEP_SPECIMENS") == "1")
        {
            // A manifest for tools/ReadingEval, to look at what the tests read.
            var manifest = identities.Select(i => new { file = Path.GetFileName(i.Path), kind = i.Kind.ToString().ToLowerInvariant(), mrz = i.Lines });
            await File.WriteAllTextAsync(Path.Combine(_folder, "manifest.json"), System.Text.Json.JsonSerializer.Serialize(manifest));
        }
    }

    /// <summary>A copy of a photo changed by ImageMagick (the arguments go between the input and the output).</summary>
    public async Task<byte[]> ConvertAsync(string path, string name, params string[] arguments)
    {
        var output = Path.Combine(_folder, name);
        await ImageMagick.RunAsync([path, .. arguments, output], CancellationToken.None);
        return await File.ReadAllBytesAsync(output);
    }

    public Task DisposeAsync()
    {
        Reader?.Dispose();
        // VERIFICATION_KEEP_SPECIMENS=1 keeps the generated photos to look at (they are synthetic: no personal data).
        if (Environment.GetEnvironmentVariable("VERIFICATION_KEEP_SPECIMENS") != "1")
        {
            Directory.Delete(_folder, recursive: true);
        }

        return Task.CompletedTask;
    }
}
