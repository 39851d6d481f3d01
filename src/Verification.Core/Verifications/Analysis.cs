namespace Verification.Core.Verifications;

/// <summary>An analyst's or integrator's decision on an analysis.</summary>
public enum DecisionKind
{
    /// <summary>The document is accepted.</summary>
    Approve = 1,

    /// <summary>The document is refused.</summary>
    Reject = 2,
}

/// <summary>
/// One submitted document and what the product found in it: type, fields, controls, status, who sent it,
/// its files, and the decision taken on it.
/// </summary>
public sealed class Analysis
{
    /// <summary>The <c>analysisId</c> (a ULID).</summary>
    public required string Id { get; init; }

    /// <summary>The tenant.</summary>
    public required string TenantId { get; init; }

    /// <summary>The <see cref="VerificationFolder.Id"/> of the file it belongs to.</summary>
    public required string FolderId { get; init; }

    /// <summary>One of <see cref="DocumentTypes"/>.</summary>
    public required string DocumentType { get; set; }

    /// <summary>The document category the integrator declared (ingest), if any.</summary>
    public string? DocumentCategory { get; init; }

    /// <summary>The automatic status code (see <see cref="AnalysisStatus"/>).</summary>
    public required string StatusCode { get; set; }

    /// <summary>Personal attributes read from the document.</summary>
    public ExtractedFields Fields { get; set; } = ExtractedFields.Empty;

    /// <summary>The controls applied.</summary>
    public List<ControlResult> Controls { get; set; } = [];

    /// <summary>How it arrived: <c>reco</c>, <c>ingest</c> or <c>backoffice</c>.</summary>
    public required string Channel { get; init; }

    /// <summary>The service user that sent it, if a machine did.</summary>
    public string? ServiceUserId { get; init; }

    /// <summary>The token (its <c>jti</c>) it was sent with, if any.</summary>
    public string? TokenId { get; init; }

    /// <summary>The integrator's source system tag (e.g. <c>vkyc</c>).</summary>
    public string? SourceTag { get; init; }

    /// <summary>The department that should review it.</summary>
    public string? Department { get; init; }

    /// <summary>When it was submitted.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The decision, once taken.</summary>
    public DecisionKind? Decision { get; set; }

    /// <summary>Who decided (analyst or service user id).</summary>
    public string? DecidedBy { get; set; }

    /// <summary>When it was decided.</summary>
    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>The decision comment.</summary>
    public string? DecisionComment { get; set; }

    /// <summary>The stored files of the document.</summary>
    public List<DocumentFile> Files { get; init; } = [];

    /// <summary>The automatic status as a value.</summary>
    public AnalysisStatus Status => AnalysisStatus.Find(StatusCode) ?? new AnalysisStatus(StatusCode, "unknown");
}
