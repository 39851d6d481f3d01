using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Verification.Core.Stores;

namespace Verification.Core.Webhooks;

/// <summary>An endpoint with its secret, shown this once (when added or rotated).</summary>
/// <param name="Endpoint">The stored endpoint.</param>
/// <param name="Secret">The new signing secret, <c>whsec_...</c>: hand it to the receiver now, it is not shown again.</param>
public sealed record IssuedWebhookSecret(WebhookEndpoint Endpoint, string Secret);

/// <summary>
/// Configures a tenant's webhook endpoints: adds them (URL checked against the
/// <see cref="OutboundAddressPolicy"/>, secret generated), disables and enables them, rotates their secret
/// (the old one keeps signing for <see cref="WebhookDeliveryOptions.SecretRotationGracePeriod"/>), and
/// queues test events.
/// </summary>
public sealed partial class WebhookEndpointManager(
    IWebhookEndpointStore endpoints,
    IWebhookDeliveryStore deliveries,
    OutboundAddressPolicy addressPolicy,
    IOptions<WebhookDeliveryOptions> options,
    TimeProvider timeProvider,
    ILogger<WebhookEndpointManager> logger)
{
    /// <summary>The reason recorded when an endpoint is disabled by an administrator without one.</summary>
    public const string DisabledByAdministrator = "disabled by an administrator";

    /// <summary>
    /// Adds an endpoint receiving <paramref name="eventTypes"/> (every type when none is given) and answers it
    /// with its secret, shown this once.
    /// </summary>
    public async ValueTask<Outcome<IssuedWebhookSecret>> AddAsync(string tenantId, string? url, IReadOnlyList<string>? eventTypes, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        var validated = addressPolicy.ValidateUrl(url);
        if (!validated.TryGetValue(out var uri, out var failure))
        {
            return failure;
        }

        var types = eventTypes is null || eventTypes.Count == 0 ? [.. WebhookEventTypes.All] : eventTypes.Distinct(StringComparer.Ordinal).ToList();
        if (types.Any(t => !WebhookEventTypes.All.Contains(t, StringComparer.Ordinal)))
        {
            return WebhookDeliveryFailures.EventTypeUnknown;
        }

        using var secret = WebhookSecret.Generate();
        var now = timeProvider.GetUtcNow();
        var endpoint = new WebhookEndpoint
        {
            Id = Identifiers.NewUlid(now),
            TenantId = tenantId,
            Url = uri.AbsoluteUri,
            EventTypes = types,
            Secret = secret.Reveal(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        var created = await endpoints.CreateAsync(endpoint, cancellationToken).ConfigureAwait(false);
        if (!created.TryGetValue(out var stored, out failure))
        {
            return failure;
        }

        LogAdded(logger, stored.Id, tenantId);
        return new IssuedWebhookSecret(stored, stored.Secret);
    }

    /// <summary>Stops delivering to an endpoint; pending deliveries are cancelled when their turn comes.</summary>
    public ValueTask<Outcome<WebhookEndpoint>> DisableAsync(string tenantId, string endpointId, string? reason, CancellationToken cancellationToken) =>
        ChangeAsync(tenantId, endpointId, e =>
        {
            e.Enabled = false;
            e.DisabledReason = string.IsNullOrWhiteSpace(reason) ? DisabledByAdministrator : reason.Trim()[..Math.Min(reason.Trim().Length, 200)];
        }, cancellationToken);

    /// <summary>Delivers to an endpoint again (new events only; resend past deliveries to repeat them).</summary>
    public ValueTask<Outcome<WebhookEndpoint>> EnableAsync(string tenantId, string endpointId, CancellationToken cancellationToken) =>
        ChangeAsync(tenantId, endpointId, e =>
        {
            e.Enabled = true;
            e.DisabledReason = null;
        }, cancellationToken);

    /// <summary>
    /// Replaces an endpoint's secret and answers the new one, shown this once. The old secret keeps signing,
    /// next to the new one, for <see cref="WebhookDeliveryOptions.SecretRotationGracePeriod"/>, so the receiver
    /// can switch without losing events; a secret that was already the previous one stops signing.
    /// </summary>
    public async ValueTask<Outcome<IssuedWebhookSecret>> RotateSecretAsync(string tenantId, string endpointId, CancellationToken cancellationToken)
    {
        using var next = WebhookSecret.Generate();
        var text = next.Reveal();
        var grace = options.Value.SecretRotationGracePeriod;
        var changed = await ChangeAsync(tenantId, endpointId, e =>
        {
            var now = timeProvider.GetUtcNow();
            e.PreviousSecret = grace > TimeSpan.Zero ? e.Secret : null;
            e.PreviousSecretExpiresAt = grace > TimeSpan.Zero ? now + grace : null;
            e.Secret = text;
        }, cancellationToken).ConfigureAwait(false);
        if (!changed.TryGetValue(out var endpoint, out var failure))
        {
            return failure;
        }

        LogRotated(logger, endpoint.Id, endpoint.PreviousSecretExpiresAt);
        return new IssuedWebhookSecret(endpoint, text);
    }

    /// <summary>Finds an endpoint.</summary>
    public ValueTask<WebhookEndpoint?> FindAsync(string tenantId, string endpointId, CancellationToken cancellationToken) =>
        endpoints.FindByIdAsync(tenantId, endpointId, cancellationToken);

    /// <summary>Lists a tenant's endpoints in creation order.</summary>
    public IAsyncEnumerable<WebhookEndpoint> ListAsync(string tenantId, CancellationToken cancellationToken) =>
        endpoints.ListAsync(tenantId, cancellationToken);

    /// <summary>
    /// Queues a test <c>analysis.decided</c> event (made-up ids, marked by the <c>test_</c> prefix) for one
    /// enabled endpoint only, due at once, and answers the delivery.
    /// </summary>
    public async ValueTask<Outcome<WebhookDelivery>> SendTestEventAsync(string tenantId, string endpointId, CancellationToken cancellationToken)
    {
        var endpoint = await endpoints.FindByIdAsync(tenantId, endpointId, cancellationToken).ConfigureAwait(false);
        if (endpoint is null)
        {
            return WebhookDeliveryFailures.EndpointNotFound;
        }

        if (!endpoint.Enabled)
        {
            return WebhookDeliveryFailures.EndpointDisabled;
        }

        var now = timeProvider.GetUtcNow();
        var testEvent = new AnalysisDecidedEvent
        {
            AnalysisId = "test_" + Identifiers.NewUlid(now),
            VerificationId = "test_" + Identifiers.NewUlid(now),
            CorrelationId = null,
            SessionId = null,
            NewStatus = WebhookDecisionStatus.UserApproved,
            OccurredAt = now,
        };
        var message = OutboxMessage.Create(testEvent, tenantId, "test", now);
        return await deliveries.CreateAsync(WebhookDelivery.For(message, endpoint, now), cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<Outcome<WebhookEndpoint>> ChangeAsync(string tenantId, string endpointId, Action<WebhookEndpoint> change, CancellationToken cancellationToken)
    {
        var endpoint = await endpoints.FindByIdAsync(tenantId, endpointId, cancellationToken).ConfigureAwait(false);
        if (endpoint is null)
        {
            return WebhookDeliveryFailures.EndpointNotFound;
        }

        change(endpoint);
        endpoint.UpdatedAt = timeProvider.GetUtcNow();
        return await endpoints.UpdateAsync(endpoint, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Webhook endpoint {EndpointId} added for tenant {TenantId}")]
    private static partial void LogAdded(ILogger logger, string endpointId, string tenantId);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information, Message = "Webhook endpoint {EndpointId} secret rotated; the previous secret signs until {PreviousExpiresAt}")]
    private static partial void LogRotated(ILogger logger, string endpointId, DateTimeOffset? previousExpiresAt);
}
