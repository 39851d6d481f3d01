using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.Options;
using Verification.Reading.Tesseract;

namespace Verification.Benchmarks.Reading;

/// <summary>
/// Reading one 1250 x 880 passport photo: the warm in-process pool against running the <c>tesseract</c>
/// command per request, one request and two concurrent ones. Needs tesseract-ocr, imagemagick and
/// fonts-ocr-b; the photo is generated in <see cref="Setup"/>. Run with benchmarks/ocr-compare.sh or ./bench.sh.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
[Config(typeof(ReadingJob))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ReadingBenchmarks
{
    private const string Line1 = "P<FRAMARTIN<<CLAIRE<ANNE<<<<<<<<<<<<<<<<<<<<";
    private const string Line2 = "12AB345673FRA8001014F3001019<<<<<<<<<<<<<<<6";

    private string _folder = string.Empty;
    private string _photo = string.Empty;
    private byte[] _bytes = [];
    private string _mediaType = string.Empty;
    private TesseractDocumentReader? _reader;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("verification-bench-").FullName;
        _photo = Path.Combine(_folder, "passport.jpg");
        Run("convert",
        [
            "-size", "1250x880", "xc:#f1ede2", "-font", "DejaVu-Sans", "-fill", "#2a2a3a", "-pointsize", "38",
            "-annotate", "+60+70", "PASSPORT / PASSEPORT", "-fill", "#bdb6a8", "-draw", "rectangle 60,120 370,500",
            "-fill", "#2a2a3a", "-pointsize", "34", "-annotate", "+420+200", "MARTIN", "-annotate", "+420+290", "CLAIRE ANNE",
            "-font", "/usr/share/fonts/opentype/ocr-b/OCRB.otf", "-fill", "#111111", "-pointsize", "34",
            "-annotate", "+50+770", Line1, "-annotate", "+50+830", Line2,
            "-background", "#5a5a5a", "-rotate", "1.2", "-gravity", "center", "-extent", "1250x880",
            "-blur", "0x0.6", "-attenuate", "0.3", "+noise", "Gaussian", "-quality", "75", _photo,
        ]);
        _bytes = File.ReadAllBytes(_photo);
        _mediaType = "image/jpeg";
        _reader = new TesseractDocumentReader(Options.Create(new TesseractReaderOptions { PoolSize = Environment.ProcessorCount }), TimeProvider.System);
        _reader.WarmUp();
        var check = _reader.ReadIdentityAsync(_bytes, "image/jpeg", CancellationToken.None).AsTask().GetAwaiter().GetResult();
        // The zone's check digits hold, so the first alternative (the glyph classifier) settles it.
        if (!check.IsSuccess || check.Value.MrzText != Line1 + "\n" + Line2 || check.Value.AlternativesTried.Count != 1)
        {
            throw new InvalidOperationException("The warm reader did not read the benchmark photo: " + (check.IsSuccess ? check.Value.MrzText : check.Failure!.Code));
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _reader?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("one request")]
    public async Task<string?> WarmPool() =>
        (await _reader!.ReadIdentityAsync(_bytes, _mediaType, CancellationToken.None)).Value.MrzText;

    [Benchmark, BenchmarkCategory("one request")]
    public string TesseractCommand() => Command();

    [Benchmark(Baseline = true), BenchmarkCategory("two concurrent requests")]
    public async Task WarmPoolTwoConcurrent() =>
        await Task.WhenAll(Task.Run(WarmPool), Task.Run(WarmPool));

    [Benchmark, BenchmarkCategory("two concurrent requests")]
    public async Task TesseractCommandTwoConcurrent() =>
        await Task.WhenAll(Task.Run(Command), Task.Run(Command));

    /// <summary>
    /// Each call takes 0.1 to a few seconds: a few measured calls, no pilot stage, in this process (the reader
    /// is in-process anyway, and bench.sh saves the minute a generated project costs to build).
    /// VERIFICATION_BENCH_OCR_ITERATIONS lowers the count for bench.sh --quick.
    /// </summary>
    private sealed class ReadingJob : ManualConfig
    {
        public ReadingJob()
        {
            var iterations = int.TryParse(Environment.GetEnvironmentVariable("VERIFICATION_BENCH_OCR_ITERATIONS"), out var n) && n > 0 ? n : 15;
            AddJob(Job.Default
                .WithStrategy(RunStrategy.Monitoring)
                .WithLaunchCount(1)
                .WithWarmupCount(Math.Min(3, iterations))
                .WithIterationCount(iterations)
                .WithToolchain(InProcessEmitToolchain.Instance));
        }
    }

    // What a host without the pool would do: start the engine for each request on the photo.
    private string Command() => Run("tesseract", [_photo, "stdout"]);

    private static string Run(string program, string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        _ = error.Result;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited with {process.ExitCode}.");
        }

        return output;
    }
}
