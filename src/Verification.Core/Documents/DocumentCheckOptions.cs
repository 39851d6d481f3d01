using Verification.Core.Documents.Names;

namespace Verification.Core.Documents;

/// <summary>Options of the document checks, with defaults that suit the API contract (<c>docs/api.md</c>).</summary>
public sealed record DocumentCheckOptions
{
    /// <summary>The defaults.</summary>
    public static DocumentCheckOptions Default { get; } = new();

    /// <summary>How far in the future a two-digit expiry year may lie before it is read as the previous century. Default 20.</summary>
    public int ExpiryHorizonYears { get; init; } = 20;

    /// <summary>Whether confirmed OCR confusions are corrected in machine-readable zones. Default on.</summary>
    public bool CorrectOcrConfusions { get; init; } = true;

    /// <summary>Name-match thresholds.</summary>
    public NameMatchOptions NameMatch { get; init; } = NameMatchOptions.Default;

    /// <summary>Largest accepted file, decoded. Default 10 MiB (the limit of <c>docs/api.md</c>).</summary>
    public long MaxFileBytes { get; init; } = 10L * 1024 * 1024;

    /// <summary>Largest pixel count an image may announce before it is treated as a decompression bomb. Default 100 million.</summary>
    public long MaxImagePixels { get; init; } = 100_000_000;

    /// <summary>Largest width or height an image may announce. Default 30,000.</summary>
    public int MaxImageSide { get; init; } = 30_000;
}
