namespace Verification.Core.Webhooks;

/// <summary>The header names of the Standard Webhooks specification.</summary>
public static class WebhookHeaderNames
{
    /// <summary>The message id, the same on every delivery attempt; receivers de-duplicate by it.</summary>
    public const string Id = "webhook-id";

    /// <summary>The signing time in unix seconds.</summary>
    public const string Timestamp = "webhook-timestamp";

    /// <summary>Space-separated <c>v1,&lt;base64&gt;</c> signatures.</summary>
    public const string Signature = "webhook-signature";
}

/// <summary>The three headers of a signed webhook request, as they go on the wire.</summary>
/// <param name="Id">The <c>webhook-id</c> value.</param>
/// <param name="Timestamp">The <c>webhook-timestamp</c> value (unix seconds).</param>
/// <param name="Signature">The <c>webhook-signature</c> value.</param>
public sealed record WebhookHeaders(string Id, string Timestamp, string Signature);
