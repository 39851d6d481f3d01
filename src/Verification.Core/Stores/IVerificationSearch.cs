namespace Verification.Core.Stores;

/// <summary>
/// The back office's read side over verifications: search by id or by a person's name, filters, sorted
/// pages, and dashboard figures. It answers names (personal data), so only the back office uses it, and
/// only for signed-in analysts whose views are audited. Every query is scoped to a tenant and, when
/// <see cref="VerificationSearchQuery.AllowedDepartments"/> is set, to those departments.
/// </summary>
public interface IVerificationSearch
{
    /// <summary>One page of analyses (one row per document), in <see cref="VerificationSearchQuery.Order"/>.</summary>
    IAsyncEnumerable<AnalysisSearchRow> SearchAnalysesAsync(VerificationSearchQuery query, CancellationToken cancellationToken);

    /// <summary>One page of verifications (one row per customer file), in <see cref="VerificationSearchQuery.Order"/>.</summary>
    IAsyncEnumerable<FolderSearchRow> SearchFoldersAsync(VerificationSearchQuery query, CancellationToken cancellationToken);

    /// <summary>Dashboard figures over a window of days.</summary>
    ValueTask<VerificationStatistics> GetStatisticsAsync(VerificationStatisticsQuery query, CancellationToken cancellationToken);
}

/// <summary>
/// Orders of a search page; ties are broken by id, so pages are stable. Verifications are ordered by their
/// internal id, a ULID minted at creation (so by creation time, on the primary key); analyses by submission time.
/// </summary>
public enum SearchOrder
{
    /// <summary>Most recently submitted first.</summary>
    NewestFirst = 0,

    /// <summary>Oldest first (a queue).</summary>
    OldestFirst = 1,

    /// <summary>By status code, then newest first.</summary>
    Status = 2,
}

/// <summary>Search text, filters and paging for <see cref="IVerificationSearch"/>; everything but the tenant is optional.</summary>
public sealed record VerificationSearchQuery
{
    /// <summary>The longest search text considered.</summary>
    public const int MaxTextLength = 128;

    /// <summary>The tenant (required).</summary>
    public required string TenantId { get; init; }

    /// <summary>
    /// Matches a verification id (or correlation id) or an analysis id exactly, or a person's name (every
    /// word, case-insensitive, anywhere in the surname, given names or account holder; a text with a digit
    /// is never a name, so id searches stay on indexes).
    /// </summary>
    public string? Text { get; init; }

    /// <summary>Analyses: their automatic status code; verifications: their aggregate status.</summary>
    public string? Status { get; init; }

    /// <summary>Only decided (<see langword="true"/>) or undecided (<see langword="false"/>) analyses; verifications: with any undecided analysis.</summary>
    public bool? Decided { get; init; }

    /// <summary>Only this department (of the verification).</summary>
    public string? Department { get; init; }

    /// <summary>
    /// The departments the reader may see; <see langword="null"/> for all. A verification without a
    /// department is visible only to unrestricted readers.
    /// </summary>
    public IReadOnlyCollection<string>? AllowedDepartments { get; init; }

    /// <summary>Only documents sent from this source system (for verifications: with at least one).</summary>
    public string? SourceTag { get; init; }

    /// <summary>Only submitted (analyses) or created (verifications) at or after this instant.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only submitted or created before this instant.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>The order.</summary>
    public SearchOrder Order { get; init; }

    /// <summary>Rows to skip.</summary>
    public int Offset { get; init; }

    /// <summary>Page size, 1 to 201 (ask one more than you show to know whether there is a next page).</summary>
    public int Limit { get; init; } = 50;

    /// <summary>The words of <see cref="Text"/> (at most four), or none.</summary>
    public IReadOnlyList<string> Words() =>
        string.IsNullOrWhiteSpace(Text)
            ? []
            : Text.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(4).ToArray();

    /// <summary>The trimmed text, or <see langword="null"/>.</summary>
    public string? TrimmedText() => string.IsNullOrWhiteSpace(Text) ? null : Text.Trim();
}

/// <summary>One analysis in a search page.</summary>
/// <param name="AnalysisId">The analysis id.</param>
/// <param name="VerificationId">The public id of its verification.</param>
/// <param name="DocumentType">The document type.</param>
/// <param name="StatusCode">The automatic status code.</param>
/// <param name="Department">The verification's department.</param>
/// <param name="SourceTag">The source system that sent it.</param>
/// <param name="ServiceUserId">The service user that sent it.</param>
/// <param name="Channel">How it arrived.</param>
/// <param name="CreatedAt">When it was submitted.</param>
/// <param name="Decision">The decision, if any.</param>
/// <param name="DecidedAt">When it was decided.</param>
/// <param name="PersonName">The person's name read from it (personal data), if any.</param>
public sealed record AnalysisSearchRow(
    string AnalysisId,
    string VerificationId,
    string DocumentType,
    string StatusCode,
    string? Department,
    string? SourceTag,
    string? ServiceUserId,
    string Channel,
    DateTimeOffset CreatedAt,
    Verifications.DecisionKind? Decision,
    DateTimeOffset? DecidedAt,
    string? PersonName);

/// <summary>One verification in a search page.</summary>
/// <param name="VerificationId">The public id.</param>
/// <param name="Status">The aggregate status.</param>
/// <param name="Department">The department.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="UpdatedAt">Last change.</param>
/// <param name="ArchivedAt">Archive time, if archived.</param>
/// <param name="AnalysisCount">How many documents it holds.</param>
/// <param name="UndecidedCount">How many of them are undecided.</param>
/// <param name="SourceTags">The source systems of its documents, distinct, sorted.</param>
/// <param name="PersonName">The person's name read from its first document that has one (personal data).</param>
public sealed record FolderSearchRow(
    string VerificationId,
    string Status,
    string? Department,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ArchivedAt,
    int AnalysisCount,
    int UndecidedCount,
    IReadOnlyList<string> SourceTags,
    string? PersonName);

/// <summary>The window and scope of <see cref="IVerificationSearch.GetStatisticsAsync"/>.</summary>
public sealed record VerificationStatisticsQuery
{
    /// <summary>The tenant (required).</summary>
    public required string TenantId { get; init; }

    /// <summary>The departments the reader may see; <see langword="null"/> for all.</summary>
    public IReadOnlyCollection<string>? AllowedDepartments { get; init; }

    /// <summary>The last UTC day of the window (included).</summary>
    public required DateOnly Until { get; init; }

    /// <summary>How many days, 1 to 90.</summary>
    public int Days { get; init; } = 14;
}

/// <summary>Dashboard figures.</summary>
/// <param name="AnalysesPerDay">Documents submitted per UTC day, oldest first, every day of the window.</param>
/// <param name="FoldersByStatus">Verifications per aggregate status (all time), by status.</param>
/// <param name="AnalysesBySource">Documents per source system in the window (an empty key for none), largest first.</param>
/// <param name="DecisionDelays">Time from submission to decision of documents decided in the window (at most the latest 2000), shortest first.</param>
public sealed record VerificationStatistics(
    IReadOnlyList<(DateOnly Day, int Count)> AnalysesPerDay,
    IReadOnlyList<(string Status, int Count)> FoldersByStatus,
    IReadOnlyList<(string Source, int Count)> AnalysesBySource,
    IReadOnlyList<TimeSpan> DecisionDelays);
