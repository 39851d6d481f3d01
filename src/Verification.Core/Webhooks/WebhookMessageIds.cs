namespace Verification.Core.Webhooks;

/// <summary>Creates <c>webhook-id</c> values: <c>msg_</c> and a ULID, so ids sort by creation.</summary>
internal static class WebhookMessageIds
{
    /// <summary>The prefix of every message id.</summary>
    public const string Prefix = "msg_";

    /// <summary>A new message id. Create it once, with the outbox entry, and send it on every attempt.</summary>
    public static string New(TimeProvider timeProvider) => Prefix + Identifiers.NewUlid(timeProvider);

    /// <summary>A new message id for <paramref name="instant"/> (the time of the change that raised the event).</summary>
    public static string New(DateTimeOffset instant) => Prefix + Identifiers.NewUlid(instant);
}
