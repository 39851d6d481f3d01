namespace Verification.Core.Webhooks;

/// <summary>
/// The error codes of webhook endpoints and deliveries (admin API, back office). Documented in <c>docs/api.md</c>;
/// the problem mapper, the documentation test and the tests use these constants instead of the text.
/// </summary>
public static class WebhookErrors
{
    /// <summary><c>webhook_delivery.exists</c> (409): This message is already being delivered to this endpoint.</summary>
    public const string WebhookDeliveryExists = "webhook_delivery.exists";

    /// <summary><c>webhook_delivery.not_found</c> (404): No such webhook delivery.</summary>
    public const string WebhookDeliveryNotFound = "webhook_delivery.not_found";

    /// <summary><c>webhook_endpoint.disabled</c> (409): The webhook endpoint is disabled; enable it first.</summary>
    public const string WebhookEndpointDisabled = "webhook_endpoint.disabled";

    /// <summary><c>webhook_endpoint.event_type_unknown</c> (400): Unknown event type; known types: </summary>
    public const string WebhookEndpointEventTypeUnknown = "webhook_endpoint.event_type_unknown";

    /// <summary><c>webhook_endpoint.exists</c> (409): A webhook endpoint with this id already exists.</summary>
    public const string WebhookEndpointExists = "webhook_endpoint.exists";

    /// <summary><c>webhook_endpoint.not_found</c> (404): No such webhook endpoint.</summary>
    public const string WebhookEndpointNotFound = "webhook_endpoint.not_found";
}
