namespace Verification.Core.Webhooks;

/// <summary>
/// A tenant's webhook receiver: where events go, which ones, and the secrets they are signed with. The
/// secrets are kept in their text form because signing needs the key itself (HMAC is symmetric); they are
/// shown once when issued and never written to logs (<see cref="object.ToString"/> is not overridden to
/// print them, and logs name endpoints by <see cref="Id"/> only).
/// </summary>
public sealed class WebhookEndpoint
{
    /// <summary>Id (a ULID).</summary>
    public required string Id { get; init; }

    /// <summary>The tenant whose events it receives.</summary>
    public required string TenantId { get; init; }

    /// <summary>The absolute URL POSTed to (validated by <see cref="OutboundAddressPolicy.ValidateUrl"/>).</summary>
    public required string Url { get; set; }

    /// <summary>Whether events are delivered to it.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Why it was disabled (by an administrator, or <c>410 Gone</c> from the receiver), when it is.</summary>
    public string? DisabledReason { get; set; }

    /// <summary>The event types it receives (see <see cref="WebhookEventTypes"/>).</summary>
    public List<string> EventTypes { get; init; } = [];

    /// <summary>The current signing secret, <c>whsec_...</c>.</summary>
    public required string Secret { get; set; }

    /// <summary>The secret replaced by the last rotation, while it still signs.</summary>
    public string? PreviousSecret { get; set; }

    /// <summary>When <see cref="PreviousSecret"/> stops signing.</summary>
    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }

    /// <summary>When it was configured.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Whether it receives events of <paramref name="eventType"/>.</summary>
    public bool Subscribes(string eventType) => EventTypes.Contains(eventType, StringComparer.Ordinal);

    /// <summary>
    /// The secrets to sign with now: the current one and, until it expires, the previous one. The caller
    /// disposes them (see <see cref="WebhookSecret"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">A stored secret is not a valid <c>whsec_</c> secret.</exception>
    public WebhookSigningSecrets SigningSecrets(DateTimeOffset now)
    {
        var current = WebhookSecret.Parse(Secret);
        if (!current.IsSuccess)
        {
            throw new InvalidOperationException($"The stored secret of webhook endpoint {Id} is not valid.");
        }

        if (PreviousSecret is null || PreviousSecretExpiresAt is not { } expiresAt || now >= expiresAt)
        {
            return new WebhookSigningSecrets(current.Value);
        }

        var previous = WebhookSecret.Parse(PreviousSecret);
        return previous.IsSuccess
            ? new WebhookSigningSecrets(current.Value, previous.Value, expiresAt)
            : new WebhookSigningSecrets(current.Value);
    }
}
