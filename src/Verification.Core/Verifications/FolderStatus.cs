namespace Verification.Core.Verifications;

/// <summary>
/// The status of a whole verification, derived from its analyses: <c>user_rejected</c> as soon as one
/// analysis is rejected, <c>user_approved</c> when all are approved, otherwise the most severe automatic
/// status among the undecided analyses (fraud before owner mismatch before expiry before unreadable
/// before to-verify before conform).
/// </summary>
public static class FolderStatus
{
    /// <summary>A file without analyses.</summary>
    public const string Empty = "empty";

    /// <summary>Every analysis was approved.</summary>
    public const string UserApproved = "user_approved";

    /// <summary>At least one analysis was rejected.</summary>
    public const string UserRejected = "user_rejected";

    private static readonly string[] SeverityOrder = ["5.0", "7.0", "3.0", "2.6", "2.4", "2.2", "2.1", "4.0", "1.0"];

    /// <summary>Derives the status of a file from its analyses.</summary>
    public static string Of(IReadOnlyCollection<Analysis> analyses)
    {
        ArgumentNullException.ThrowIfNull(analyses);
        if (analyses.Count == 0)
        {
            return Empty;
        }

        if (analyses.Any(a => a.Decision == DecisionKind.Reject))
        {
            return UserRejected;
        }

        var undecided = analyses.Where(a => a.Decision is null).ToList();
        if (undecided.Count == 0)
        {
            return UserApproved;
        }

        // A holder who differs between documents is the verification's mismatch, not any one analysis's status.
        return undecided.Select(Effective).MinBy(Severity)!;
    }

    private static string Effective(Analysis analysis)
    {
        var consistency = Documents.IdentityConsistency.OutcomeOf(analysis) switch
        {
            ControlOutcome.Failed => AnalysisStatus.OwnerMismatch.Code,
            ControlOutcome.Warning => AnalysisStatus.ToVerify.Code,
            _ => null,
        };
        return consistency is not null && Severity(consistency) < Severity(analysis.StatusCode) ? consistency : analysis.StatusCode;
    }

    private static int Severity(string code)
    {
        var index = Array.IndexOf(SeverityOrder, code);
        return index < 0 ? SeverityOrder.Length : index;
    }
}
