namespace Verification.Core.Webhooks;

/// <summary>Where a <see cref="WebhookDelivery"/> stands.</summary>
public enum WebhookDeliveryState
{
    /// <summary>Waiting for its next attempt (at <see cref="WebhookDelivery.NextAttemptAt"/>).</summary>
    Pending = 1,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered = 2,

    /// <summary>The retry schedule ran out, or the receiver answered <c>410 Gone</c>; a manual resend starts again.</summary>
    Failed = 3,

    /// <summary>The endpoint was disabled or removed before the event could be delivered.</summary>
    Cancelled = 4,
}

/// <summary>
/// One event for one endpoint: created when an outbox message is fanned out, attempted until the receiver
/// answers 2xx or the schedule runs out. Its <see cref="MessageId"/> is the <c>webhook-id</c> of every
/// attempt. A dispatcher works on it only while it holds its lease (<see cref="LeaseToken"/> until
/// <see cref="LeaseExpiresAt"/>), so several hosts never attempt it at the same time; a host that dies leaves
/// the lease to expire and another host takes the delivery over.
/// </summary>
public sealed class WebhookDelivery
{
    /// <summary>Id (a ULID).</summary>
    public required string Id { get; init; }

    /// <summary>The tenant.</summary>
    public required string TenantId { get; init; }

    /// <summary>The endpoint it goes to.</summary>
    public required string EndpointId { get; init; }

    /// <summary>The <c>webhook-id</c>: the outbox message id, the same for every endpoint and every attempt.</summary>
    public required string MessageId { get; init; }

    /// <summary>The event type.</summary>
    public required string EventType { get; init; }

    /// <summary>The exact body sent (UTF-8 JSON text).</summary>
    public required string Body { get; init; }

    /// <summary>Where it stands.</summary>
    public WebhookDeliveryState State { get; set; } = WebhookDeliveryState.Pending;

    /// <summary>Attempts made in all (the log's numbering).</summary>
    public int AttemptCount { get; set; }

    /// <summary>Attempts made since it was created or last resent: the position in the retry schedule.</summary>
    public int ScheduleAttempts { get; set; }

    /// <summary>When the next attempt is due, while <see cref="WebhookDeliveryState.Pending"/>.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>The claim that holds it, while a dispatcher works on it.</summary>
    public string? LeaseToken { get; set; }

    /// <summary>When the claim lapses and another dispatcher may take it.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; set; }

    /// <summary>The HTTP status of the last attempt, if an answer came.</summary>
    public int? LastStatusCode { get; set; }

    /// <summary>What went wrong in the last attempt (see <see cref="WebhookDeliveryErrors"/>), if anything.</summary>
    public string? LastError { get; set; }

    /// <summary>When it was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the receiver acknowledged it.</summary>
    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>The attempt log, oldest first (filled by reads that ask for it).</summary>
    public List<WebhookDeliveryAttempt> Attempts { get; init; } = [];

    /// <summary>A new pending delivery of <paramref name="message"/> to <paramref name="endpoint"/>, due at once.</summary>
    public static WebhookDelivery For(OutboxMessage message, WebhookEndpoint endpoint, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(endpoint);
        return new WebhookDelivery
        {
            Id = Identifiers.NewUlid(now),
            TenantId = endpoint.TenantId,
            EndpointId = endpoint.Id,
            MessageId = message.Id,
            EventType = message.EventType,
            Body = message.Body,
            NextAttemptAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }
}

/// <summary>One attempt of a <see cref="WebhookDelivery"/>, for the delivery log.</summary>
public sealed class WebhookDeliveryAttempt
{
    /// <summary>Id (a ULID).</summary>
    public required string Id { get; init; }

    /// <summary>The delivery.</summary>
    public required string DeliveryId { get; init; }

    /// <summary>The attempt number, from 1.</summary>
    public required int Number { get; init; }

    /// <summary>When it started.</summary>
    public required DateTimeOffset AttemptedAt { get; init; }

    /// <summary>The HTTP status, when an answer came.</summary>
    public int? StatusCode { get; init; }

    /// <summary>How long it took, in milliseconds.</summary>
    public long DurationMilliseconds { get; init; }

    /// <summary>What went wrong (see <see cref="WebhookDeliveryErrors"/>), or <see langword="null"/> on success.</summary>
    public string? Error { get; init; }

    /// <summary>When the next attempt is due, if one was scheduled.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }
}

/// <summary>The error kinds of the delivery log: stable, and never with personal data or secrets.</summary>
public static class WebhookDeliveryErrors
{
    /// <summary>The receiver answered with a status that is not 2xx (and not a redirect).</summary>
    public const string HttpStatus = "http_status";

    /// <summary>The receiver answered with a redirect, which is never followed.</summary>
    public const string Redirect = "redirect";

    /// <summary>The receiver answered <c>410 Gone</c>; the endpoint was disabled.</summary>
    public const string Gone = "gone";

    /// <summary>No answer within the timeout.</summary>
    public const string Timeout = "timeout";

    /// <summary>The connection failed (refused, reset, TLS, DNS).</summary>
    public const string Connection = "connection";

    /// <summary>The host resolved only to addresses the outbound policy refuses.</summary>
    public const string AddressRefused = "address_refused";

    /// <summary>The endpoint URL is not acceptable under the current policy (e.g. http without AllowLoopback).</summary>
    public const string UrlRefused = "url_refused";

    /// <summary>The endpoint was disabled or removed.</summary>
    public const string EndpointDisabled = "endpoint_disabled";
}
