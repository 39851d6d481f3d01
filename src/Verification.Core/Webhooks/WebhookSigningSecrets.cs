namespace Verification.Core.Webhooks;

/// <summary>
/// The secrets an endpoint signs with: the current one and, during a rotation's grace period, the previous
/// one, so that receivers still configured with the old secret keep verifying until they switch. Immutable;
/// <see cref="Rotate"/> returns a new value for the store to save.
/// </summary>
public sealed class WebhookSigningSecrets
{
    /// <summary>Creates a set with only a current secret.</summary>
    public WebhookSigningSecrets(WebhookSecret current)
        : this(current, null, null)
    {
    }

    /// <summary>Creates a set with a current secret and a previous one that signs until <paramref name="previousExpiresAt"/>.</summary>
    /// <exception cref="ArgumentException">A previous secret is given without its expiry, or the reverse.</exception>
    public WebhookSigningSecrets(WebhookSecret current, WebhookSecret? previous, DateTimeOffset? previousExpiresAt)
    {
        ArgumentNullException.ThrowIfNull(current);
        if ((previous is null) != (previousExpiresAt is null))
        {
            throw new ArgumentException("A previous secret needs an expiry, and an expiry needs a previous secret.", nameof(previousExpiresAt));
        }

        Current = current;
        Previous = previous;
        PreviousExpiresAt = previousExpiresAt;
    }

    /// <summary>The secret every message is signed with.</summary>
    public WebhookSecret Current { get; }

    /// <summary>The secret replaced by the last rotation, if it is still kept.</summary>
    public WebhookSecret? Previous { get; }

    /// <summary>When <see cref="Previous"/> stops signing (exclusive).</summary>
    public DateTimeOffset? PreviousExpiresAt { get; }

    /// <summary>
    /// Replaces the current secret by <paramref name="next"/>; the current one becomes the previous one and
    /// keeps signing for <paramref name="gracePeriod"/> from <paramref name="now"/>. A secret that was already
    /// the previous one is dropped: at most two secrets sign at a time.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The grace period is negative.</exception>
    public WebhookSigningSecrets Rotate(WebhookSecret next, DateTimeOffset now, TimeSpan gracePeriod)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentOutOfRangeException.ThrowIfLessThan(gracePeriod, TimeSpan.Zero);
        return gracePeriod == TimeSpan.Zero
            ? new WebhookSigningSecrets(next)
            : new WebhookSigningSecrets(next, Current, now + gracePeriod);
    }

    /// <summary>Whether the previous secret still signs at <paramref name="now"/>.</summary>
    public bool PreviousIsActiveAt(DateTimeOffset now) => Previous is not null && now < PreviousExpiresAt;

    /// <summary>The secrets that sign at <paramref name="now"/>, current first.</summary>
    public IReadOnlyList<WebhookSecret> ActiveAt(DateTimeOffset now) =>
        PreviousIsActiveAt(now) ? [Current, Previous!] : [Current];

    /// <summary>A description without any key.</summary>
    public override string ToString() =>
        Previous is null ? $"current {Current}" : $"current {Current}, previous until {PreviousExpiresAt:O}";
}
