namespace Verification.Core.Verifications;

/// <summary>The result of one control.</summary>
public enum ControlOutcome
{
    /// <summary>The control passed.</summary>
    Passed,

    /// <summary>The control failed.</summary>
    Failed,

    /// <summary>The control raised a doubt an analyst should look at.</summary>
    Warning,

    /// <summary>The control does not apply to this document.</summary>
    NotApplicable,
}

/// <summary>Groups controls for display and for the status rule.</summary>
public static class ControlCategories
{
    /// <summary>Data read from the document agrees with itself (check digits, checksums).</summary>
    public const string DataCoherency = "data_coherency";

    /// <summary>The document is valid (not expired, known issuer).</summary>
    public const string DocumentValidity = "document_validity";

    /// <summary>The document belongs to the person who sent it.</summary>
    public const string HolderMatch = "holder_match";

    /// <summary>The file itself (type, integrity, editing traces).</summary>
    public const string FileIntegrity = "file_integrity";

    /// <summary>The document could be read.</summary>
    public const string Readability = "readability";

    /// <summary>Documents of one verification agree with each other.</summary>
    public const string Consistency = "consistency";
}

/// <summary>
/// One control applied to a document: a stable <see cref="Code"/> such as <c>mrz.check_digits</c>, its
/// <see cref="Category"/>, the <see cref="Result"/> and an explanation without personal values.
/// </summary>
/// <param name="Code">Stable dotted code.</param>
/// <param name="Category">One of <see cref="ControlCategories"/>.</param>
/// <param name="Result">The outcome.</param>
/// <param name="Detail">Why, in words; never personal data.</param>
public sealed record ControlResult(string Code, string Category, ControlOutcome Result, string? Detail = null);
