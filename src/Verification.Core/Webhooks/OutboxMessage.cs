namespace Verification.Core.Webhooks;

/// <summary>
/// An event waiting to be told to webhook endpoints: written with the change that caused it, in the same
/// transaction (it is part of the <see cref="Verifications.VerificationFolder"/> aggregate), so an event is
/// never lost and never sent for a change that was not stored. The dispatcher later turns it into one
/// <see cref="WebhookDelivery"/> per subscribed endpoint. Immutable once written.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>The message id (<c>msg_</c> and a ULID): the <c>webhook-id</c> of every delivery of it.</summary>
    public required string Id { get; init; }

    /// <summary>The verification (internal id) the event is about.</summary>
    public required string FolderId { get; init; }

    /// <summary>The tenant whose endpoints receive it.</summary>
    public required string TenantId { get; init; }

    /// <summary>The event type (one of <see cref="WebhookEventTypes"/>).</summary>
    public required string EventType { get; init; }

    /// <summary>
    /// The exact body sent, as written by <see cref="WebhookEventSerializer"/> (UTF-8 JSON, kept as text):
    /// signed and sent unchanged on every attempt.
    /// </summary>
    public required string Body { get; init; }

    /// <summary>When the event happened and the message was written.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Creates the message of <paramref name="webhookEvent"/>.</summary>
    public static OutboxMessage Create(WebhookEvent webhookEvent, string tenantId, string folderId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(folderId);
        return new OutboxMessage
        {
            Id = WebhookMessageIds.New(now),
            FolderId = folderId,
            TenantId = tenantId,
            EventType = webhookEvent.Type,
            Body = System.Text.Encoding.UTF8.GetString(WebhookEventSerializer.SerializeToUtf8Bytes(webhookEvent)),
            CreatedAt = now,
        };
    }
}
