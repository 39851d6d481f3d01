using System.Diagnostics;
using System.Text.Json;
using Verification.Core.Documents.Mrz;
using Verification.Reading.PaddleOcr;
using Verification.Reading.PaddleOcr.Imaging;
using Verification.Reading.PaddleOcr.Mrz;

// Usage: ReadingEval <folder with manifest.json> [model folder] [--only substring]
var folder = args.Length > 0 ? args[0] : "../shared/real-photos";
var models = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? args[1] : "artifacts/models/paddleocr";
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
var dump = args.SkipWhile(a => a != "--dump").Skip(1).FirstOrDefault();
var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json"))).RootElement;
using var loaded = PaddleOcrModels.Load(models, Math.Min(Environment.ProcessorCount, 2));
var reader = new PhotoZoneReader(loaded);
if (args.Contains("--debug"))
{
    PhotoZoneReader.Debug = Console.WriteLine;
    var n = 0;
    Verification.Reading.PaddleOcr.Text.TextRecognizer.DebugCrop = (tensor, width) =>
    {
        using var bitmap = new SkiaSharp.SKBitmap(width, 48);
        for (var y = 0; y < 48; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var v = (byte)Math.Clamp((tensor[(y * width) + x] + 1) * 127.5f, 0, 255);
                bitmap.SetPixel(x, y, new SkiaSharp.SKColor(v, v, v));
            }
        }

        Directory.CreateDirectory("/tmp/crops");
        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 90);
        File.WriteAllBytes($"/tmp/crops/crop{n++}.png", data.ToArray());
    };
}
int exact = 0, zones = 0, wrongPassing = 0, notFound = 0, negatives = 0, negativesOk = 0;
var times = new List<double>();
foreach (var entry in manifest.EnumerateArray())
{
    var file = entry.GetProperty("file").GetString()!;
    if (only is not null && !file.Contains(only, StringComparison.Ordinal))
    {
        continue;
    }

    var kind = entry.GetProperty("kind").GetString();
    var truth = entry.TryGetProperty("mrz", out var m) && m.ValueKind == JsonValueKind.Array ? m.EnumerateArray().Select(x => x.GetString()!).ToArray() : [];
    var watch = Stopwatch.StartNew();
    var photo = Photo.Decode(File.ReadAllBytes(Path.Combine(folder, file)), 2400);
    var result = photo is null ? null : reader.Read(photo, CancellationToken.None);
    if (dump is not null && photo is not null)
    {
        Directory.CreateDirectory(dump);
        Dump.Write(photo, loaded, Path.Combine(dump, Path.GetFileNameWithoutExtension(file) + ".png"));
    }

    watch.Stop();
    times.Add(watch.Elapsed.TotalMilliseconds);
    var zone = result?.Zone;
    var read = zone?.Lines ?? [];
    string verdict;
    if (kind == "none")
    {
        negatives++;
        var ok = zone is null || zone.FailingDigits > 0;
        negativesOk += ok ? 1 : 0;
        verdict = ok ? "negative ok" : "FALSE ZONE";
    }
    else
    {
        zones++;
        var parsed = zone is null ? default(Verification.Core.Outcome<MrzResult>?) : MrzParser.Parse(string.Join("\n", read), TimeProvider.System);
        var passes = parsed is { IsSuccess: true } p && p.Value.AllCheckDigitsValid;
        if (read.SequenceEqual(truth))
        {
            exact++;
            verdict = "exact";
        }
        else if (zone is null)
        {
            notFound++;
            verdict = "NOT FOUND";
        }
        else
        {
            verdict = passes ? "WRONG BUT PASSING" : "wrong";
            wrongPassing += passes ? 1 : 0;
        }
    }

    Console.WriteLine($"{verdict,-18} {watch.Elapsed.TotalMilliseconds,6:F0} ms  {file}");
    if (verdict != "exact" && verdict != "negative ok")
    {
        for (var i = 0; i < Math.Max(read.Length, truth.Length); i++)
        {
            var r = i < read.Length ? read[i] : "";
            var t = i < truth.Length ? truth[i] : "";
            Console.WriteLine($"    read  {r}\n    truth {t}");
        }

        Console.WriteLine($"    {string.Join(" | ", result?.Tried ?? [])}");
        if (zone is not null)
        {
            Console.WriteLine($"    failing digits {zone.FailingDigits}, unchecked confidence {zone.UncheckedConfidence:F2}");
        }
    }
}

times.Sort();
Console.WriteLine($"\nzones {zones}: exact {exact} ({100.0 * exact / Math.Max(1, zones):F1} %), not found {notFound}, wrong but passing {wrongPassing}; negatives {negativesOk}/{negatives}");
Console.WriteLine($"time per photo: p50 {times[times.Count / 2]:F0} ms, p95 {times[(int)(times.Count * 0.95)]:F0} ms, max {times[^1]:F0} ms");
