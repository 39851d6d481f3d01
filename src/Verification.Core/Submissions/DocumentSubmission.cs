using Verification.Core.Documents;

namespace Verification.Core.Submissions;

/// <summary>What a submission asks for.</summary>
public enum SubmissionKind
{
    /// <summary>Identity document images or PDFs (<c>reco/id</c>).</summary>
    Identity,

    /// <summary>A bank-details sheet (<c>reco/bankdetails</c>).</summary>
    BankDetails,

    /// <summary>An MRZ read on the device (<c>reco/mrz</c>).</summary>
    Mrz,

    /// <summary>A file stored for manual review only (ingest of a non-identity, non-bank category).</summary>
    ManualReview,

    /// <summary>
    /// A selfie on its own (<c>ingest</c> with the category <c>selfie</c>): compared with the portraits and selfies the
    /// verification it joins already holds, and with those sent later.
    /// </summary>
    Selfie,
}

/// <summary>One submitted file, already decoded.</summary>
/// <param name="Data">The bytes.</param>
/// <param name="DeclaredMediaType">What the client said it is, if anything.</param>
/// <param name="DisplayName">The client's file name, for display only.</param>
public sealed record SubmittedFile(ReadOnlyMemory<byte> Data, string? DeclaredMediaType, string? DisplayName = null);

/// <summary>Who sent a submission.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Channel"><c>reco</c>, <c>ingest</c> or <c>backoffice</c>.</param>
/// <param name="Actor">Who, for the history (e.g. <c>service:&lt;id&gt;</c>).</param>
/// <param name="ServiceUserId">The service user, for machine calls.</param>
/// <param name="TokenId">The token id, for machine calls.</param>
/// <param name="SourceTag">The integrator's source tag (the source system unless the integrator named another).</param>
/// <param name="SourceSystem">The service user's source system, which decides who shares a correlation id under <see cref="CorrelationIdScope.SourceSystem"/>.</param>
public sealed record SubmissionSource(string TenantId, string Channel, string Actor, string? ServiceUserId = null, string? TokenId = null, string? SourceTag = null, string? SourceSystem = null);

/// <summary>A document to analyse, and whether and where to save the result.</summary>
public sealed record DocumentSubmission
{
    /// <summary>What is asked.</summary>
    public required SubmissionKind Kind { get; init; }

    /// <summary>The files (none for <see cref="SubmissionKind.Mrz"/>).</summary>
    public IReadOnlyList<SubmittedFile> Files { get; init; } = [];

    /// <summary>The MRZ text, for <see cref="SubmissionKind.Mrz"/>.</summary>
    public string? MrzText { get; init; }

    /// <summary>What the user typed.</summary>
    public HolderInput? UserInput { get; init; }

    /// <summary>
    /// A selfie to compare with the portrait of the identity document (<see cref="SubmissionKind.Identity"/> only);
    /// stored with the document's files when saved, so it is a picture like them: encrypted, readable only with
    /// <c>verifications:read:pictures</c>, erased by archiving.
    /// </summary>
    public SubmittedFile? Selfie { get; init; }

    /// <summary>Whether to store the result.</summary>
    public bool Save { get; init; }

    /// <summary>The integrator's correlation id (already validated), grouping the verification.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>The department that should review.</summary>
    public string? Department { get; init; }

    /// <summary>The document category the integrator declared (ingest).</summary>
    public string? DocumentCategory { get; init; }

    /// <summary>Who sent it.</summary>
    public required SubmissionSource Source { get; init; }

    /// <summary>
    /// The departments the sender may write into (a department-limited analyst); <see langword="null"/> for any.
    /// The department of the verification the document would join decides, not the one the sender typed.
    /// </summary>
    public IReadOnlyCollection<string>? WritableDepartments { get; init; }

    /// <summary>
    /// Whether the sender may read the identity attributes of the verification the document joins. Only then
    /// does the answer say how the document compares with the other documents of the verification; otherwise
    /// a submission could be used to test guessed names against another integrator's customer.
    /// </summary>
    public bool SenderReadsAttributes { get; init; }
}
