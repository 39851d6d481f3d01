namespace Verification.Core.Webhooks;

/// <summary>
/// The failure codes of the webhook features, shared so that hosts, receivers and tests can rely on them.
/// Details never contain a secret, a URL's credentials or personal data.
/// </summary>
public static class WebhookFailures
{
    /// <summary>The text is not a <c>whsec_</c> secret of 24 to 64 bytes.</summary>
    public const string InvalidSecretCode = "webhook.invalid_secret";

    /// <summary>The <c>webhook-id</c> header is missing or empty.</summary>
    public const string IdMissingCode = "webhook.id_missing";

    /// <summary>The <c>webhook-timestamp</c> header is missing or empty.</summary>
    public const string TimestampMissingCode = "webhook.timestamp_missing";

    /// <summary>The <c>webhook-timestamp</c> header is not a number of unix seconds.</summary>
    public const string TimestampInvalidCode = "webhook.timestamp_invalid";

    /// <summary>The message timestamp is further from now than the tolerance.</summary>
    public const string TimestampOutOfRangeCode = "webhook.timestamp_out_of_range";

    /// <summary>The <c>webhook-signature</c> header is missing or holds no signature of a known version.</summary>
    public const string SignatureMissingCode = "webhook.signature_missing";

    /// <summary>No signature in the header matches the body with any of the secrets.</summary>
    public const string SignatureMismatchCode = "webhook.signature_mismatch";

    /// <summary>The payload is not a webhook event this library knows.</summary>
    public const string PayloadInvalidCode = "webhook.payload_invalid";

    /// <summary>The endpoint URL is malformed or uses a refused scheme or form.</summary>
    public const string UrlInvalidCode = "webhook.url_invalid";

    /// <summary>The endpoint URL names, or resolves to, an address that is not public.</summary>
    public const string UrlNotPublicCode = "webhook.url_not_public";

    internal static Failure InvalidSecret(string detail) => Failure.Invalid(InvalidSecretCode, detail);

    internal static Failure IdMissing { get; } =
        Failure.Invalid(IdMissingCode, "The webhook-id header is missing.");

    internal static Failure TimestampMissing { get; } =
        Failure.Invalid(TimestampMissingCode, "The webhook-timestamp header is missing.");

    internal static Failure TimestampInvalid { get; } =
        Failure.Invalid(TimestampInvalidCode, "The webhook-timestamp header must be a whole number of unix seconds.");

    internal static Failure TimestampOutOfRange { get; } =
        Failure.Invalid(TimestampOutOfRangeCode, "The webhook-timestamp is outside the accepted tolerance; the message is too old or from the future.");

    internal static Failure SignatureMissing { get; } =
        Failure.Invalid(SignatureMissingCode, "The webhook-signature header holds no v1 signature.");

    internal static Failure SignatureMismatch { get; } =
        Failure.Invalid(SignatureMismatchCode, "No signature matches the message.");

    internal static Failure PayloadInvalid(string detail) => Failure.Invalid(PayloadInvalidCode, detail);

    internal static Failure UrlInvalid(string detail) => Failure.Invalid(UrlInvalidCode, detail);

    internal static Failure UrlNotPublic(string detail) => Failure.Invalid(UrlNotPublicCode, detail);
}

/// <summary>The failure codes of webhook endpoints and deliveries, shared by the stores and the managers.</summary>
public static class WebhookDeliveryFailures
{
    /// <summary>No such endpoint in the tenant.</summary>
    public static Failure EndpointNotFound { get; } =
        Failure.NotFound(WebhookErrors.WebhookEndpointNotFound, "No such webhook endpoint.");

    /// <summary>An endpoint with that id exists.</summary>
    public static Failure EndpointExists { get; } =
        Failure.Conflict(WebhookErrors.WebhookEndpointExists, "A webhook endpoint with this id already exists.");

    /// <summary>The endpoint is disabled.</summary>
    public static Failure EndpointDisabled { get; } =
        Failure.Conflict(WebhookErrors.WebhookEndpointDisabled, "The webhook endpoint is disabled; enable it first.");

    /// <summary>An event type that does not exist.</summary>
    public static Failure EventTypeUnknown { get; } =
        Failure.Invalid(WebhookErrors.WebhookEndpointEventTypeUnknown, "Unknown event type; known types: " + string.Join(", ", WebhookEventTypes.All) + ".");

    /// <summary>No such delivery in the tenant.</summary>
    public static Failure DeliveryNotFound { get; } =
        Failure.NotFound(WebhookErrors.WebhookDeliveryNotFound, "No such webhook delivery.");

    /// <summary>That endpoint already has a delivery of that message.</summary>
    public static Failure DeliveryExists { get; } =
        Failure.Conflict(WebhookErrors.WebhookDeliveryExists, "This message is already being delivered to this endpoint.");
}
