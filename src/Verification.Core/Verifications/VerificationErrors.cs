namespace Verification.Core.Verifications;

/// <summary>
/// The error codes of verifications, analyses and decisions (documented in <c>docs/api.md</c>). The problem
/// mapper, the documentation and the tests use these constants; nothing compares or writes the text inline.
/// </summary>
public static class VerificationErrors
{
    /// <summary>No such verification in the caller's tenant (<c>404</c>).</summary>
    public const string VerificationNotFound = "verification.not_found";

    /// <summary>A verification with this id already exists in the tenant (a lost creation race, retried by the manager).</summary>
    public const string VerificationExists = "verification.exists";

    /// <summary>The verification kept changing under the request, after every retry (<c>409</c>).</summary>
    public const string ConcurrencyConflict = "verification.concurrency_conflict";

    /// <summary>The verification is archived: it takes no document and no decision (<c>409</c>).</summary>
    public const string Archived = "verification.archived";

    /// <summary>The verification belongs to a department the sender may not write into (<c>403</c>).</summary>
    public const string DepartmentNotAllowed = "verification.department_not_allowed";

    /// <summary>No such analysis in the caller's tenant (<c>404</c>).</summary>
    public const string AnalysisNotFound = "analysis.not_found";

    /// <summary>The analysis was decided already; a decision is never overwritten (<c>409</c>).</summary>
    public const string AlreadyDecided = "analysis.already_decided";

    /// <summary>A decision that is neither <c>approve</c> nor <c>reject</c> (<c>400</c>).</summary>
    public const string DecisionInvalid = "decision.invalid";

    /// <summary>A decision's comment over <see cref="VerificationFolder.MaxCommentLength"/> characters (<c>400</c>).</summary>
    public const string CommentTooLong = "decision.comment_too_long";

    /// <summary>An empty comment, or one over <see cref="VerificationFolder.MaxCommentLength"/> characters (<c>400</c>).</summary>
    public const string CommentInvalid = "comment.invalid";

    /// <summary><c>query.invalid_cursor</c> (400): The cursor is not one this API gave.</summary>
    public const string QueryInvalidCursor = "query.invalid_cursor";

    /// <summary><c>query.invalid_limit</c> (400): limit is 1 to 200.</summary>
    public const string QueryInvalidLimit = "query.invalid_limit";

    /// <summary><c>query.invalid_updated_since</c> (400): updatedSince is an ISO 8601 instant, e.g. 2026-11-21T10:00:00Z.</summary>
    public const string QueryInvalidUpdatedSince = "query.invalid_updated_since";
}

/// <summary>The failures of verifications, analyses and decisions, with their codes from <see cref="VerificationErrors"/>.</summary>
public static class VerificationFailures
{
    /// <summary>No such analysis.</summary>
    public static Failure AnalysisNotFound { get; } = Failure.NotFound(VerificationErrors.AnalysisNotFound, "No such analysis.");

    /// <summary>The analysis was decided already.</summary>
    public static Failure AlreadyDecided { get; } = Failure.Conflict(VerificationErrors.AlreadyDecided, "The analysis has already been decided.");

    /// <summary>An archived verification cannot be decided.</summary>
    public static Failure ArchivedNoDecision { get; } = Failure.Conflict(VerificationErrors.Archived, "The verification is archived; it can no longer be decided.");

    /// <summary>Not <c>approve</c> or <c>reject</c>.</summary>
    public static Failure DecisionInvalid { get; } = Failure.Invalid(VerificationErrors.DecisionInvalid, "decision is 'approve' or 'reject'.");

    /// <summary>A decision's comment is too long.</summary>
    public static Failure CommentTooLong { get; } =
        Failure.Invalid(VerificationErrors.CommentTooLong, $"A comment has at most {VerificationFolder.MaxCommentLength} characters.");

    /// <summary>A comment is empty or too long.</summary>
    public static Failure CommentInvalid { get; } =
        Failure.Invalid(VerificationErrors.CommentInvalid, $"A comment is 1 to {VerificationFolder.MaxCommentLength} characters.");
}

/// <summary>The decisions as the API and the back office write them.</summary>
public static class Decisions
{
    /// <summary><c>approve</c>.</summary>
    public const string Approve = "approve";

    /// <summary><c>reject</c>.</summary>
    public const string Reject = "reject";

    /// <summary>Parses <c>approve</c> or <c>reject</c> (exactly); anything else is <see cref="VerificationErrors.DecisionInvalid"/>.</summary>
    public static Outcome<DecisionKind> Parse(string? text) => text switch
    {
        Approve => DecisionKind.Approve,
        Reject => DecisionKind.Reject,
        _ => VerificationFailures.DecisionInvalid,
    };

    /// <summary><c>approve</c> or <c>reject</c>.</summary>
    public static string Text(DecisionKind decision) => decision == DecisionKind.Approve ? Approve : Reject;
}
