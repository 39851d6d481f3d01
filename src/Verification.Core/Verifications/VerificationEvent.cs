namespace Verification.Core.Verifications;

/// <summary>Kinds of <see cref="VerificationEvent"/>.</summary>
public static class VerificationEventKinds
{
    /// <summary>A document was submitted.</summary>
    public const string Submitted = "submitted";

    /// <summary>Personal data was extracted (read) by an integrator or viewed by an analyst.</summary>
    public const string Extracted = "extracted";

    /// <summary>An analysis was decided.</summary>
    public const string Decided = "decided";

    /// <summary>The personal data was erased.</summary>
    public const string Archived = "archived";

    /// <summary>An analyst commented.</summary>
    public const string Commented = "commented";
}

/// <summary>One entry of a verification's history. Holds no personal data, so it survives archiving.</summary>
public sealed class VerificationEvent
{
    /// <summary>Event id (a ULID).</summary>
    public required string Id { get; init; }

    /// <summary>The folder.</summary>
    public required string FolderId { get; init; }

    /// <summary>The analysis concerned, if any.</summary>
    public string? AnalysisId { get; init; }

    /// <summary>One of <see cref="VerificationEventKinds"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>Who: <c>analyst:&lt;id&gt;</c>, <c>service:&lt;id&gt;</c> or <c>system</c>.</summary>
    public required string Actor { get; init; }

    /// <summary>Short detail without personal data (document type, decision, comment).</summary>
    public string? Detail { get; init; }

    /// <summary>When.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
