using System.Diagnostics;
using System.Text.Json;
using Verification.Core.Documents;
using Verification.Core.Documents.Mrz;
using Verification.Core.Documents.Status;
using Verification.Core.Verifications;
using Microsoft.Extensions.Options;
using Verification.Reading.PaddleOcr;
using Verification.Reading.Tesseract;
using Verification.Reading.PaddleOcr.Imaging;
using Verification.Reading.PaddleOcr.Mrz;

// Usage: ReadingEval <folder with manifest.json> [model folder] [--only substring] [--no-fallback] [--budget seconds] [--repeat n] [--debug] [--dump folder] [--lines folder]
//        ReadingEval <folder with manifest.json> --variants <output folder>   (writes harder variants of the set: see Variants)
var folder = args.Length > 0 ? args[0] : "../shared/real-photos";
if (args.SkipWhile(a => a != "--variants").Skip(1).FirstOrDefault() is { } variantsFolder)
{
    Variants.Write(folder, variantsFolder);
    return;
}

var models = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? args[1] : "artifacts/models/paddleocr";
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
var dump = args.SkipWhile(a => a != "--dump").Skip(1).FirstOrDefault();
var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json"))).RootElement;
var engineOnly = args.Contains("--no-fallback");
// --budget seconds: the search budget (2 s as the host has it); a larger one measures reading apart from the machine's load.
var budget = TimeSpan.FromSeconds(double.Parse(args.SkipWhile(a => a != "--budget").Skip(1).FirstOrDefault() ?? "2", System.Globalization.CultureInfo.InvariantCulture));
// --repeat n: each photo is read n times and its time is the median (this machine's speed varies by a quarter from
// one run to the next); the verdicts are the first reading's.
var repeat = Math.Max(1, int.Parse(args.SkipWhile(a => a != "--repeat").Skip(1).FirstOrDefault() ?? "1", System.Globalization.CultureInfo.InvariantCulture));
// As the reference host reads: PaddleOCR first, the Tesseract reader as its fall-back (unless --no-fallback).
using var tesseract = engineOnly ? null : new TesseractDocumentReader(Options.Create(new TesseractReaderOptions()), TimeProvider.System);
using var product = new PaddleOcrDocumentReader(Options.Create(new PaddleOcrReaderOptions { ModelDirectory = models, SearchBudget = budget }), TimeProvider.System, tesseract);
// One read before measuring, by the reader measured: the first run of each network pays for loading and set-up.
if (manifest.EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } firstEntry)
{
    var warmFile = firstEntry.GetProperty("file").GetString()!;
    var warmBytes = File.ReadAllBytes(Path.Combine(folder, warmFile));
    await product.ReadIdentityAsync(warmBytes, MediaType(warmFile), CancellationToken.None).ConfigureAwait(false);
    if (tesseract is not null)
    {
        // The fall-back too: it reads only where PaddleOCR found no zone surely, which may first happen mid-set.
        await tesseract.ReadIdentityAsync(warmBytes, MediaType(warmFile), CancellationToken.None).ConfigureAwait(false);
    }
}

// Only for --dump: the detector's lines drawn over each photo.
using var loaded = dump is null ? null : PaddleOcrModels.Load(models, Math.Min(Environment.ProcessorCount, 2));

if (args.SkipWhile(a => a != "--lines").Skip(1).FirstOrDefault() is { } linesFolder)
{
    Directory.CreateDirectory(linesFolder);
    var lineCount = 0;
    Verification.Reading.PaddleOcr.Text.TextRecognizer.Debug = (tensor, width) => Dump.Line(tensor, width, Path.Combine(linesFolder, $"line{lineCount++:D3}.png"));
}

if (args.Contains("--debug"))
{
    PhotoZoneReader.Debug = Console.WriteLine;
}
int exact = 0, exactToReview = 0, closerLooks = 0, zones = 0, wrongPassing = 0, wrongFlagged = 0, fraudulent = 0, notFound = 0, negatives = 0, negativesOk = 0;
var statuses = new SortedDictionary<string, int>(StringComparer.Ordinal);
var checker = new IdentityDocumentChecker(TimeProvider.System);
var times = new List<double>();
// Sets written by --variants: zones, exact and silently wrong per variant.
var byVariant = new SortedDictionary<string, (int Zones, int Exact, int Silent)>(StringComparer.Ordinal);
var cpu = new List<double>();
foreach (var entry in manifest.EnumerateArray())
{
    var file = entry.GetProperty("file").GetString()!;
    if (only is not null && !file.Contains(only, StringComparison.Ordinal))
    {
        continue;
    }

    var kind = entry.GetProperty("kind").GetString();
    var truth = entry.TryGetProperty("mrz", out var m) && m.ValueKind == JsonValueKind.Array ? m.EnumerateArray().Select(x => x.GetString()!).ToArray() : [];
    var bytes = File.ReadAllBytes(Path.Combine(folder, file));
    var readTimes = new List<double>();
    var readCpu = new List<double>();
    Verification.Core.Outcome<Verification.Core.Reading.IdentityReading>? outcome = null;
    for (var attempt = 0; attempt < repeat; attempt++)
    {
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var again = await product.ReadIdentityAsync(bytes, MediaType(file), CancellationToken.None).ConfigureAwait(false);
        watch.Stop();
        PhotoZoneReader.Debug?.Invoke($"decode {watch.ElapsedMilliseconds} ms");
        outcome ??= again;
        readTimes.Add(watch.Elapsed.TotalMilliseconds);
        readCpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds);
    }

    var photo = dump is null ? null : Photo.Decode(bytes, 2400);
    var reading = outcome!.IsSuccess ? outcome.Value : null;
    times.Add(readTimes.Order().ElementAt(repeat / 2));
    cpu.Add(readCpu.Order().ElementAt(repeat / 2));
    if (dump is not null && photo is not null && loaded is not null)
    {
        Directory.CreateDirectory(dump);
        Dump.Write(photo, loaded, Path.Combine(dump, Path.GetFileNameWithoutExtension(file) + ".png"));
    }

    var read = reading?.Lines.ToArray() ?? [];
    if (PhotoZoneReader.Debug is not null && reading?.CharacterConfidence is { } confidences)
    {
        for (var l = 0; l < confidences.Count; l++)
        {
            for (var c = 0; c < confidences[l].Count; c++)
            {
                if (confidences[l][c] < 0.6f)
                {
                    Console.WriteLine($"doubtful {l + 1}:{c + 1} '{read[l][c]}' {confidences[l][c]:F2}");
                }
            }
        }
    }

    if (Environment.GetEnvironmentVariable("READINGEVAL_CHARACTERS") is { } characterLog && reading?.CharacterConfidence is { } all && read.Length == truth.Length)
    {
        // Every character read with its confidence and whether it was right (for choosing thresholds).
        File.AppendAllLines(characterLog, Enumerable.Range(0, read.Length).SelectMany(l => Enumerable.Range(0, Math.Min(Math.Min(read[l].Length, truth[l].Length), all[l].Count))
            .Select(c => $"{file}\t{kind}\t{l}\t{c}\t{read[l][c]}\t{truth[l][c]}\t{all[l][c]:F3}")));
    }

    var found = reading?.MrzText is not null;
    string verdict;
    List<ControlResult> raised = [];
    if (kind == "none")
    {
        negatives++;
        var ok = !found;
        negativesOk += ok ? 1 : 0;
        verdict = ok ? "negative ok" : "FALSE ZONE";
    }
    else
    {
        zones++;
        // What the product would answer: the checker with the reading's confidence, as the document API runs it.
        var evidence = new MrzReadingEvidence { CharacterConfidence = reading?.CharacterConfidence };
        var check = checker.Check(reading?.MrzText, null, null, found ? DocumentReading.Read : DocumentReading.MissingMrz, found ? evidence : null);
        var status = check.Status.Code;
        raised = [.. check.Controls.Where(c => c.Result is ControlOutcome.Failed or ControlOutcome.Warning)];
        statuses[status] = statuses.GetValueOrDefault(status) + 1;
        var printedValid = !entry.TryGetProperty("printed_check_digits_valid", out var pv) || pv.ValueKind != JsonValueKind.False;
        if (status == "5.0" && printedValid)
        {
            fraudulent++;
        }

        if (read.SequenceEqual(truth))
        {
            exact++;
            // Right, but sent to a person (a doubtful character warned): the cost of caution on genuine documents.
            var toReview = raised.Any(c => c.Code == ControlCodes.MrzReadingConfidence);
            exactToReview += toReview ? 1 : 0;
            verdict = toReview ? "exact, to review" : "exact";
        }
        else if (!found)
        {
            notFound++;
            verdict = "NOT FOUND";
        }
        else if (!raised.Any(c => c.Code != ControlCodes.DocumentValidity))
        {
            // Nothing but the document's expiry (the specimens are expired) was raised: the wrong reading would pass.
            wrongPassing++;
            verdict = "WRONG, SILENT PASS";
        }
        else
        {
            verdict = check.Controls.Any(c => c.Code == ControlCodes.MrzReadingConfidence && c.Result == ControlOutcome.Warning) ? "wrong, flagged" : "wrong";
            wrongFlagged++;
        }

        verdict += $" {status}";
    }

    if (entry.TryGetProperty("variant", out var variant) && kind != "none")
    {
        var (n, right, silent) = byVariant.GetValueOrDefault(variant.GetString()!);
        byVariant[variant.GetString()!] = (n + 1, right + (verdict.StartsWith("exact", StringComparison.Ordinal) ? 1 : 0), silent + (verdict.StartsWith("WRONG", StringComparison.Ordinal) ? 1 : 0));
    }

    closerLooks += reading?.AlternativesTried?.Any(t => t.StartsWith("closer look", StringComparison.Ordinal)) == true ? 1 : 0;
    Console.WriteLine($"{verdict,-26} {times[^1],6:F0} ms {cpu[^1],6:F0} ms CPU  {file}");
    if (!verdict.StartsWith("exact", StringComparison.Ordinal) && verdict != "negative ok")
    {
        for (var i = 0; i < Math.Max(read.Length, truth.Length); i++)
        {
            var r = i < read.Length ? read[i] : "";
            var t = i < truth.Length ? truth[i] : "";
            Console.WriteLine($"    read  {r}\n    truth {t}");
        }

        Console.WriteLine($"    {reading?.Alternative}: {string.Join(" | ", reading?.AlternativesTried ?? [])}");
        Console.WriteLine($"    raised: {string.Join(", ", raised.Select(c => $"{c.Code} {c.Result}"))}");
        if (reading?.CharacterConfidence is { } sure && read.Length == truth.Length)
        {
            // The confidence the engine gave each character it got wrong: a wrong character at 0.6 or more is unflagged.
            var misread = Enumerable.Range(0, read.Length)
                .SelectMany(l => Enumerable.Range(0, Math.Min(read[l].Length, truth[l].Length)).Where(c => read[l][c] != truth[l][c] && c < sure[l].Count)
                .Select(c => $"{l + 1}:{c + 1} {read[l][c]} for {truth[l][c]} at {sure[l][c]:F2}"));
            Console.WriteLine($"    misread: {string.Join(", ", misread)}");
        }
    }
}

times.Sort();
Console.WriteLine($"\nzones {zones}: exact {exact} ({100.0 * exact / Math.Max(1, zones):F1} %, {exactToReview} of them warned for review), not found {notFound}, wrong and flagged or refused {wrongFlagged}, wrong and silently passing {wrongPassing}; genuine documents called fraudulent {fraudulent}; negatives {negativesOk}/{negatives}");
Console.WriteLine($"statuses: {string.Join(", ", statuses.Select(kv => $"{kv.Key} x{kv.Value}"))}; a closer look taken for {closerLooks} photo(s)");
if (byVariant.Count > 0)
{
    Console.WriteLine($"by variant: {string.Join(", ", byVariant.Select(kv => $"{kv.Key} {kv.Value.Exact}/{kv.Value.Zones}{(kv.Value.Silent > 0 ? $" ({kv.Value.Silent} silent)" : string.Empty)}"))}");
}

cpu.Sort();
Console.WriteLine($"time per photo: p50 {times[times.Count / 2]:F0} ms, p95 {times[(int)(times.Count * 0.95)]:F0} ms, max {times[^1]:F0} ms (wall clock, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]})");
Console.WriteLine($"CPU time per photo (both cores): p50 {cpu[cpu.Count / 2]:F0} ms, p95 {cpu[(int)(cpu.Count * 0.95)]:F0} ms, max {cpu[^1]:F0} ms");

static string MediaType(string file) => Path.GetExtension(file).ToLowerInvariant() switch { ".png" => "image/png", ".webp" => "image/webp", _ => "image/jpeg" };
