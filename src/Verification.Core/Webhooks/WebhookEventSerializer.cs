using System.Text.Json;
using System.Text.Json.Serialization;

namespace Verification.Core.Webhooks;

/// <summary>
/// Writes and reads webhook bodies exactly as in <c>docs/api.md</c> (camelCase, instants in ISO 8601 UTC with
/// <c>Z</c>), through System.Text.Json source generation: no reflection, no runtime code generation.
/// </summary>
public static class WebhookEventSerializer
{
    /// <summary>The body as UTF-8 bytes: what is stored in the outbox, signed and sent, unchanged on every attempt.</summary>
    /// <exception cref="ArgumentException">The event type has no wire form.</exception>
    public static byte[] SerializeToUtf8Bytes(WebhookEvent webhookEvent)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        return webhookEvent switch
        {
            AnalysisDecidedEvent decided => JsonSerializer.SerializeToUtf8Bytes(AnalysisDecidedPayload.From(decided), WebhookJsonContext.Default.AnalysisDecidedPayload),
            _ => throw new ArgumentException($"No wire form for event type '{webhookEvent.Type}'.", nameof(webhookEvent)),
        };
    }

    /// <summary>
    /// Reads a body back (for receivers and tests). A body that is not JSON, has an unknown <c>type</c>, or
    /// lacks a required member is a failure with code <see cref="WebhookFailures.PayloadInvalidCode"/>.
    /// </summary>
    public static Outcome<WebhookEvent> Deserialize(ReadOnlySpan<byte> utf8Json)
    {
        AnalysisDecidedPayload? payload;
        try
        {
            payload = JsonSerializer.Deserialize(utf8Json, WebhookJsonContext.Default.AnalysisDecidedPayload);
        }
        catch (JsonException)
        {
            return WebhookFailures.PayloadInvalid("The webhook body is not valid JSON for a known event.");
        }

        if (payload is null || !string.Equals(payload.Type, WebhookEventTypes.AnalysisDecided, StringComparison.Ordinal))
        {
            return WebhookFailures.PayloadInvalid("The webhook body has no known event type.");
        }

        if (string.IsNullOrEmpty(payload.AnalysisId) || string.IsNullOrEmpty(payload.VerificationId) || payload.OccurredAt is null)
        {
            return WebhookFailures.PayloadInvalid("The analysis.decided body lacks analysisId, verificationId or occurredAt.");
        }

        WebhookDecisionStatus status;
        switch (payload.NewStatus)
        {
            case "user_approved":
                status = WebhookDecisionStatus.UserApproved;
                break;
            case "user_rejected":
                status = WebhookDecisionStatus.UserRejected;
                break;
            default:
                return WebhookFailures.PayloadInvalid("The analysis.decided body has an unknown newStatus.");
        }

        return new AnalysisDecidedEvent
        {
            AnalysisId = payload.AnalysisId,
            VerificationId = payload.VerificationId,
            CorrelationId = payload.CorrelationId,
            SessionId = payload.SessionId ?? payload.SesssionId,
            NewStatus = status,
            OccurredAt = new DateTimeOffset(payload.OccurredAt.Value.ToUniversalTime(), TimeSpan.Zero),
        };
    }
}

/// <summary>The wire form of <c>analysis.decided</c>; members in the order of <c>docs/api.md</c>.</summary>
internal sealed class AnalysisDecidedPayload
{
    public string Type { get; set; } = WebhookEventTypes.AnalysisDecided;

    public string? AnalysisId { get; set; }

    public string? VerificationId { get; set; }

    public string? CorrelationId { get; set; }

    public string? SessionId { get; set; }

    /// <summary>Three s on purpose: a widely copied integration guide spells it so (see <c>docs/api.md</c>).</summary>
    [JsonPropertyName("sesssionId")]
    public string? SesssionId { get; set; }

    public string? NewStatus { get; set; }

    /// <summary>A UTC <see cref="DateTime"/>, which System.Text.Json writes with a <c>Z</c>, as <c>docs/api.md</c> shows.</summary>
    public DateTime? OccurredAt { get; set; }

    public static AnalysisDecidedPayload From(AnalysisDecidedEvent decided) => new()
    {
        AnalysisId = decided.AnalysisId,
        VerificationId = decided.VerificationId,
        CorrelationId = decided.CorrelationId,
        SessionId = decided.SessionId,
        SesssionId = decided.SessionId,
        NewStatus = AnalysisDecidedEvent.StatusText(decided.NewStatus),
        OccurredAt = decided.OccurredAt.UtcDateTime,
    };
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(AnalysisDecidedPayload))]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;
