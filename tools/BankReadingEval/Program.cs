using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Verification.Core.Documents.Banking;
using Verification.Core.Reading;
using Verification.Reading.PaddleOcr;
using Verification.Reading.Tesseract;

// Usage: BankReadingEval <folder with manifest.json> [--engine paddleocr|tesseract|both] [--models <folder>] [--only substring]
// The manifest is an array of { "file": "...", "iban": "FR76..." } (iban null or absent: the document has none,
// and reporting one is an error). Entries with another "kind" than "bank" (identity photos) are skipped.
// Prints per-image verdicts and timings, never the text read.
var folder = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : ".";
string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
var engine = Option("--engine") ?? "both";
var only = Option("--only");
var models = Option("--models");

using var tesseract = new TesseractDocumentReader(Options.Create(new TesseractReaderOptions()), TimeProvider.System);
using var paddle = new PaddleOcrDocumentReader(
    Options.Create(new PaddleOcrReaderOptions { ModelDirectory = models, WarmUpOnStart = false }),
    TimeProvider.System,
    engine == "both" ? tesseract : null);
IDocumentReader reader = engine == "tesseract" ? tesseract : paddle;
if (!reader.Availability.IsAvailable)
{
    Console.Error.WriteLine($"The {engine} reader is unavailable: {reader.Availability.Detail}");
    return 2;
}

paddle.WarmUp();
int exact = 0, none = 0, wrong = 0, negatives = 0, falsePositives = 0;
var origins = new Dictionary<IbanOrigin, int>();
var times = new List<double>();
var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json"))).RootElement;
foreach (var entry in manifest.EnumerateArray())
{
    var file = entry.GetProperty("file").GetString()!;
    if ((entry.TryGetProperty("kind", out var kind) && kind.GetString() is { } k && k != "bank")
        || (only is not null && !file.Contains(only, StringComparison.Ordinal)))
    {
        continue;
    }

    var truth = entry.TryGetProperty("iban", out var t) && t.ValueKind == JsonValueKind.String ? Iban.Normalize(t.GetString()!) : null;
    var bytes = File.ReadAllBytes(Path.Combine(folder, file));
    var mediaType = Path.GetExtension(file).ToLowerInvariant() switch
    {
        ".pdf" => "application/pdf",
        ".png" => "image/png",
        ".webp" => "image/webp",
        ".tif" or ".tiff" => "image/tiff",
        _ => "image/jpeg",
    };
    var watch = Stopwatch.StartNew();
    var outcome = await reader.ReadBankDetailsAsync(bytes, mediaType, CancellationToken.None).ConfigureAwait(false);
    watch.Stop();
    times.Add(watch.Elapsed.TotalMilliseconds);
    var read = outcome.IsSuccess ? outcome.Value.Iban : null;
    string verdict;
    if (truth is null)
    {
        negatives++;
        falsePositives += read is null ? 0 : 1;
        verdict = read is null ? "negative ok" : "FALSE IBAN";
    }
    else if (read == truth)
    {
        exact++;
        origins[outcome.Value.IbanOrigin] = origins.GetValueOrDefault(outcome.Value.IbanOrigin) + 1;
        verdict = $"exact ({outcome.Value.IbanOrigin})";
    }
    else if (read is null)
    {
        none++;
        verdict = outcome.IsSuccess ? $"none ({outcome.Value.IbanCandidates.Count} candidate(s))" : $"none ({outcome.Failure!.Code})";
    }
    else
    {
        wrong++;
        verdict = "WRONG";
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{verdict,-32} {watch.Elapsed.TotalMilliseconds,6:F0} ms  {file}"));
}

if (times.Count == 0)
{
    Console.Error.WriteLine("No bank entries in the manifest.");
    return 1;
}

times.Sort();
var positives = exact + none + wrong;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"\n{engine}: IBAN exact {exact}/{positives} ({string.Join(", ", origins.Select(o => $"{o.Key} {o.Value}"))}), none {none}, WRONG {wrong}; documents without IBAN {negatives - falsePositives}/{negatives} ok"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"time per document: p50 {times[times.Count / 2]:F0} ms, p95 {times[(int)(times.Count * 0.95)]:F0} ms, max {times[^1]:F0} ms"));
return wrong + falsePositives > 0 ? 1 : 0;
