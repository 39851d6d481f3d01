namespace Verification.Core.Verifications;

/// <summary>
/// The status of an analysis: a code and a label as in the API contract, <c>docs/api.md</c> (<c>1.0 conform</c>,
/// <c>2.2 unreadable</c>, ...). Values are compared by <see cref="Code"/>.
/// </summary>
/// <param name="Code">The numeric code, e.g. <c>1.0</c>.</param>
/// <param name="Label">The label, e.g. <c>conform</c>.</param>
public sealed record AnalysisStatus(string Code, string Label)
{
    /// <summary>The document is conform.</summary>
    public static readonly AnalysisStatus Conform = new("1.0", "conform");

    /// <summary>The image is too blurry to read.</summary>
    public static readonly AnalysisStatus Blurry = new("2.1", "blurry");

    /// <summary>The document could not be read.</summary>
    public static readonly AnalysisStatus Unreadable = new("2.2", "unreadable");

    /// <summary>An identity document without a readable machine-readable zone.</summary>
    public static readonly AnalysisStatus MissingMrz = new("2.4", "missing_mrz");

    /// <summary>No document was found in the file.</summary>
    public static readonly AnalysisStatus NoDocument = new("2.6", "no_document");

    /// <summary>The document has expired.</summary>
    public static readonly AnalysisStatus Expired = new("3.0", "expired");

    /// <summary>An analyst should check the document.</summary>
    public static readonly AnalysisStatus ToVerify = new("4.0", "to_verify");

    /// <summary>The document shows signs of fraud.</summary>
    public static readonly AnalysisStatus Fraudulent = new("5.0", "fraudulent");

    /// <summary>The document does not belong to the person who sent it.</summary>
    public static readonly AnalysisStatus OwnerMismatch = new("7.0", "owner_mismatch");

    /// <summary>Every status of the contract (<c>docs/api.md</c>), in code order.</summary>
    public static IReadOnlyList<AnalysisStatus> All { get; } =
        [Conform, Blurry, Unreadable, MissingMrz, NoDocument, Expired, ToVerify, Fraudulent, OwnerMismatch];

    /// <summary>Finds a status by its code or label, or <see langword="null"/>.</summary>
    public static AnalysisStatus? Find(string? codeOrLabel) =>
        All.FirstOrDefault(s => string.Equals(s.Code, codeOrLabel, StringComparison.Ordinal)
                                || string.Equals(s.Label, codeOrLabel, StringComparison.Ordinal));
}
