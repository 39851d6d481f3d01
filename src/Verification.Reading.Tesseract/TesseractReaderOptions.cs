using Microsoft.Extensions.Options;

namespace Verification.Reading.Tesseract;

/// <summary>Options of the Tesseract reader (section <c>Verification:Reading:Tesseract</c>).</summary>
public sealed class TesseractReaderOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Verification:Reading:Tesseract";

    /// <summary>The Tesseract library: a file name the loader finds, or a path. Default <c>libtesseract.so.5</c>.</summary>
    public string LibraryPath { get; set; } = "libtesseract.so.5";

    /// <summary>The Leptonica library: a file name the loader finds, or a path. Default <c>liblept.so.5</c>.</summary>
    public string LeptonicaPath { get; set; } = "liblept.so.5";

    /// <summary>
    /// The folder holding <c>eng.traineddata</c>; <see langword="null"/> to use <c>TESSDATA_PREFIX</c> or the
    /// usual Debian and local folders.
    /// </summary>
    public string? TessdataPath { get; set; }

    /// <summary>The Tesseract language model used for text (bank details, and the zone when glyphs fail). Default <c>eng</c>.</summary>
    public string Language { get; set; } = "eng";

    /// <summary>How many engines read at once; default the number of processors.</summary>
    public int PoolSize { get; set; } = Environment.ProcessorCount;

    /// <summary>How many requests may wait for an engine before new ones are told <c>reader.busy</c>. Default 16.</summary>
    public int MaxWaiting { get; set; } = 16;

    /// <summary>How long a request waits for an engine before it is told <c>reader.timeout</c>. Default 10 seconds.</summary>
    public TimeSpan AcquireTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether engines are created at start-up rather than on first use. Default on.</summary>
    public bool WarmUpOnStart { get; set; } = true;

    /// <summary>Whether the zone is first read by the OCR-B glyph classifier (then Tesseract as a fall-back). Default on.</summary>
    public bool UseGlyphClassifier { get; set; } = true;

    /// <summary>The <c>pdftoppm</c> program. Default found on the <c>PATH</c>.</summary>
    public string PdfToPpmPath { get; set; } = "pdftoppm";

    /// <summary>How many pages of a PDF are read. Default 2.</summary>
    public int MaxPdfPages { get; set; } = 2;

    /// <summary>The resolution PDF pages are rendered at for reading. Default 200 dpi.</summary>
    public int PdfRenderDpi { get; set; } = 200;

    /// <summary>How long a PDF tool may run before it is stopped. Default 20 seconds.</summary>
    public TimeSpan ProcessTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Images larger than this many pixels are refused before decoding (decompression bombs), and PDF pages whose
    /// box at <see cref="PdfRenderDpi"/> would exceed it are refused before rendering. Default 40 megapixels.
    /// </summary>
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>
    /// The address space a PDF tool may use, in bytes, enforced through <see cref="PrlimitPath"/> when that
    /// program exists. Default 1 GiB.
    /// </summary>
    public long PdfToolMemoryLimitBytes { get; set; } = 1L << 30;

    /// <summary>util-linux's <c>prlimit</c>, which starts the PDF tools under <see cref="PdfToolMemoryLimitBytes"/>. Default <c>/usr/bin/prlimit</c>; ignored when missing.</summary>
    public string PrlimitPath { get; set; } = "/usr/bin/prlimit";
}

/// <summary>Validates <see cref="TesseractReaderOptions"/> at start-up; each message names the setting.</summary>
internal sealed class TesseractReaderOptionsValidator : IValidateOptions<TesseractReaderOptions>
{
    public ValidateOptionsResult Validate(string? name, TesseractReaderOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.LibraryPath))
        {
            problems.Add($"{nameof(TesseractReaderOptions.LibraryPath)} is required.");
        }

        if (string.IsNullOrWhiteSpace(options.LeptonicaPath))
        {
            problems.Add($"{nameof(TesseractReaderOptions.LeptonicaPath)} is required.");
        }

        if (string.IsNullOrWhiteSpace(options.Language) || options.Language.AsSpan().ContainsAny(['/', '\\', '.']))
        {
            problems.Add($"{nameof(TesseractReaderOptions.Language)} must be a traineddata name such as 'eng'.");
        }

        if (options.PoolSize is < 1 or > 256)
        {
            problems.Add($"{nameof(TesseractReaderOptions.PoolSize)} must be between 1 and 256.");
        }

        if (options.MaxWaiting is < 0 or > 10_000)
        {
            problems.Add($"{nameof(TesseractReaderOptions.MaxWaiting)} must be between 0 and 10000.");
        }

        if (options.AcquireTimeout <= TimeSpan.Zero || options.AcquireTimeout > TimeSpan.FromMinutes(10))
        {
            problems.Add($"{nameof(TesseractReaderOptions.AcquireTimeout)} must be positive and at most 10 minutes.");
        }

        if (options.ProcessTimeout <= TimeSpan.Zero || options.ProcessTimeout > TimeSpan.FromMinutes(10))
        {
            problems.Add($"{nameof(TesseractReaderOptions.ProcessTimeout)} must be positive and at most 10 minutes.");
        }

        if (options.MaxPdfPages is < 1 or > 50)
        {
            problems.Add($"{nameof(TesseractReaderOptions.MaxPdfPages)} must be between 1 and 50.");
        }

        if (options.PdfRenderDpi is < 72 or > 600)
        {
            problems.Add($"{nameof(TesseractReaderOptions.PdfRenderDpi)} must be between 72 and 600.");
        }

        if (options.MaxPixels < 1_000_000)
        {
            problems.Add($"{nameof(TesseractReaderOptions.MaxPixels)} must be at least 1000000.");
        }

        if (options.PdfToolMemoryLimitBytes < 64L << 20)
        {
            problems.Add($"{nameof(TesseractReaderOptions.PdfToolMemoryLimitBytes)} must be at least 67108864 (64 MiB).");
        }

        if (string.IsNullOrWhiteSpace(options.PdfToPpmPath))
        {
            problems.Add($"{nameof(TesseractReaderOptions.PdfToPpmPath)} is required.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
