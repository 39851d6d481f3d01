using Verification.Core.Documents.Names;

namespace Verification.Core.Documents;

/// <summary>
/// Options of the document checks, with defaults that suit the API contract (<c>docs/api.md</c>). A host sets
/// them through <c>IOptions</c>: the <c>Verification:DocumentChecks</c> section, or
/// <c>services.AddVerification().ConfigureDocumentChecks(o =&gt; ...)</c>; they are validated at start.
/// <see cref="MaxFileBytes"/> follows <c>Verification:Limits:MaxFileBytes</c> in the analysis service.
/// </summary>
public sealed record DocumentCheckOptions
{
    /// <summary>The configuration section, <c>Verification:DocumentChecks</c>.</summary>
    public const string SectionName = "Verification:DocumentChecks";

    /// <summary>A new instance with the defaults (a fresh one each time: the options are settable).</summary>
    public static DocumentCheckOptions Default => new();

    /// <summary>How far in the future a two-digit expiry year may lie before it is read as the previous century. Default 20.</summary>
    public int ExpiryHorizonYears { get; set; } = 20;

    /// <summary>Whether confirmed OCR confusions are corrected in machine-readable zones. Default on.</summary>
    public bool CorrectOcrConfusions { get; set; } = true;

    /// <summary>Name-match thresholds.</summary>
    public NameMatchOptions NameMatch { get; set; } = NameMatchOptions.Default;

    /// <summary>Largest accepted file, decoded. Default 10 MiB (the limit of <c>docs/api.md</c>).</summary>
    public long MaxFileBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>Largest pixel count an image may announce before it is treated as a decompression bomb. Default 100 million.</summary>
    public long MaxImagePixels { get; set; } = 100_000_000;

    /// <summary>Largest width or height an image may announce. Default 30,000.</summary>
    public int MaxImageSide { get; set; } = 30_000;
}

/// <summary>Validates <see cref="DocumentCheckOptions"/> at start, naming the setting that is wrong.</summary>
internal sealed class DocumentCheckOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<DocumentCheckOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, DocumentCheckOptions options)
    {
        var errors = new List<string>();
        if (options.ExpiryHorizonYears is < 0 or > 50)
        {
            errors.Add($"{DocumentCheckOptions.SectionName}:ExpiryHorizonYears is 0 to 50 (got {options.ExpiryHorizonYears}).");
        }

        if (options.MaxFileBytes <= 0)
        {
            errors.Add($"{DocumentCheckOptions.SectionName}:MaxFileBytes must be positive.");
        }

        if (options.MaxImagePixels <= 0)
        {
            errors.Add($"{DocumentCheckOptions.SectionName}:MaxImagePixels must be positive.");
        }

        if (options.MaxImageSide <= 0)
        {
            errors.Add($"{DocumentCheckOptions.SectionName}:MaxImageSide must be positive.");
        }

        if (options.NameMatch is null)
        {
            errors.Add($"{DocumentCheckOptions.SectionName}:NameMatch is required.");
        }

        return errors.Count == 0 ? Microsoft.Extensions.Options.ValidateOptionsResult.Success : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(errors);
    }
}
