using Verification.Core.Verifications;

namespace Verification.Core.Webhooks;

/// <summary>The event types a webhook endpoint can subscribe to.</summary>
public static class WebhookEventTypes
{
    /// <summary>An analyst or an integrator approved or rejected an analysis.</summary>
    public const string AnalysisDecided = "analysis.decided";

    /// <summary>Every event type, for endpoint configuration.</summary>
    public static IReadOnlyList<string> All { get; } = [AnalysisDecided];
}

/// <summary>The <c>newStatus</c> of an <see cref="AnalysisDecidedEvent"/>.</summary>
public enum WebhookDecisionStatus
{
    /// <summary><c>user_approved</c>.</summary>
    UserApproved = 1,

    /// <summary><c>user_rejected</c>.</summary>
    UserRejected = 2,
}

/// <summary>
/// Something that happened and is told to webhook endpoints. Each concrete event knows its
/// <see cref="Type"/>; <see cref="WebhookEventSerializer"/> turns it into the body sent.
/// </summary>
public abstract record WebhookEvent
{
    /// <summary>The event type (one of <see cref="WebhookEventTypes"/>).</summary>
    public abstract string Type { get; }

    /// <summary>When it happened.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>
/// An analysis was decided (<c>analysis.decided</c> of <c>docs/api.md</c>). Holds identifiers and the decision
/// only: no personal data leaves through webhooks.
/// </summary>
public sealed record AnalysisDecidedEvent : WebhookEvent
{
    /// <inheritdoc />
    public override string Type => WebhookEventTypes.AnalysisDecided;

    /// <summary>The <c>analysisId</c>.</summary>
    public required string AnalysisId { get; init; }

    /// <summary>The <c>verificationId</c>.</summary>
    public required string VerificationId { get; init; }

    /// <summary>The integrator's correlation id, if the verification has one.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>The integrator's session id, if any; sent as <c>sessionId</c> and as <c>sesssionId</c>.</summary>
    public string? SessionId { get; init; }

    /// <summary>The decision, as <c>newStatus</c>.</summary>
    public required WebhookDecisionStatus NewStatus { get; init; }

    /// <summary>The <c>newStatus</c> (<c>docs/api.md</c>) text of a decision.</summary>
    public static string StatusText(WebhookDecisionStatus status) => status switch
    {
        WebhookDecisionStatus.UserApproved => "user_approved",
        WebhookDecisionStatus.UserRejected => "user_rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown decision status."),
    };

    /// <summary>The <c>newStatus</c> of a decision.</summary>
    public static WebhookDecisionStatus StatusOf(DecisionKind decision) => decision switch
    {
        DecisionKind.Approve => WebhookDecisionStatus.UserApproved,
        DecisionKind.Reject => WebhookDecisionStatus.UserRejected,
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, "Unknown decision."),
    };
}
