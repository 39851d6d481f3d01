using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Verification.AspNetCore.Authentication;
using Verification.Core.Stores;
using Verification.Core;
using Verification.Core.ServiceAccounts;
using Verification.Core.Webhooks;

namespace Verification.AspNetCore.Http;

/// <summary>Body of <c>POST /admin/webhooks</c>.</summary>
/// <param name="Url">The receiver's URL (https, public address; http to loopback with <c>AllowLoopback</c>).</param>
/// <param name="EventTypes">Event types to receive; every type when omitted.</param>
public sealed record AddWebhookEndpointRequest(string? Url, IReadOnlyList<string>? EventTypes);

/// <summary>Body of <c>POST /admin/webhooks/{endpointId}/disable</c> (optional).</summary>
/// <param name="Reason">Why it is disabled.</param>
public sealed record DisableWebhookEndpointRequest(string? Reason);

/// <summary>A webhook endpoint as the admin API shows it: never its secrets.</summary>
/// <param name="EndpointId">Id.</param>
/// <param name="Url">URL.</param>
/// <param name="Enabled">Whether events are delivered to it.</param>
/// <param name="DisabledReason">Why it is disabled.</param>
/// <param name="EventTypes">Event types it receives.</param>
/// <param name="PreviousSecretExpiresAt">Until when the secret replaced by the last rotation still signs.</param>
/// <param name="CreatedAt">Creation.</param>
/// <param name="UpdatedAt">Last change.</param>
public sealed record WebhookEndpointView(
    string EndpointId, string Url, bool Enabled, string? DisabledReason, IReadOnlyList<string> EventTypes,
    DateTimeOffset? PreviousSecretExpiresAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>An endpoint with its new secret, shown this once.</summary>
/// <param name="EndpointId">Id.</param>
/// <param name="Secret">The signing secret, <c>whsec_...</c>.</param>
/// <param name="Endpoint">The endpoint.</param>
public sealed record WebhookSecretView(string EndpointId, string Secret, WebhookEndpointView Endpoint);

/// <summary>One attempt of the delivery log.</summary>
/// <param name="Number">Attempt number, from 1.</param>
/// <param name="AttemptedAt">When.</param>
/// <param name="StatusCode">The receiver's status, if it answered.</param>
/// <param name="DurationMilliseconds">How long it took.</param>
/// <param name="Error">What went wrong, if anything.</param>
/// <param name="NextAttemptAt">When the next attempt was scheduled.</param>
public sealed record WebhookAttemptView(int Number, DateTimeOffset AttemptedAt, int? StatusCode, long DurationMilliseconds, string? Error, DateTimeOffset? NextAttemptAt);

/// <summary>A delivery as the admin API shows it (the body is the event, which holds no personal data).</summary>
/// <param name="DeliveryId">Id.</param>
/// <param name="EndpointId">Endpoint.</param>
/// <param name="WebhookId">The <c>webhook-id</c> sent on every attempt.</param>
/// <param name="EventType">Event type.</param>
/// <param name="State"><c>pending</c>, <c>delivered</c>, <c>failed</c> or <c>cancelled</c>.</param>
/// <param name="AttemptCount">Attempts made.</param>
/// <param name="NextAttemptAt">When the next attempt is due.</param>
/// <param name="LastStatusCode">The last answer's status.</param>
/// <param name="LastError">What went wrong last.</param>
/// <param name="CreatedAt">Creation.</param>
/// <param name="DeliveredAt">When the receiver acknowledged it.</param>
/// <param name="Payload">The body sent.</param>
/// <param name="Attempts">The attempt log, oldest first.</param>
public sealed record WebhookDeliveryView(
    string DeliveryId, string EndpointId, string WebhookId, string EventType, string State, int AttemptCount,
    DateTimeOffset? NextAttemptAt, int? LastStatusCode, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt,
    JsonElement Payload, IReadOnlyList<WebhookAttemptView> Attempts);

/// <summary>
/// The webhook admin API (scope <c>admin</c>): endpoints (list, add, disable, enable, rotate the secret, send
/// a test event) and the delivery log (list with attempts, resend). Needs <c>AddWebhookDelivery()</c>.
/// </summary>
internal static class WebhookAdminEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").RequireScope(Scopes.Admin).WithTags("Webhooks");

        admin.MapGet("/webhooks", ListEndpoints).WithName("admin.webhooks.list");
        admin.MapPost("/webhooks", AddAsync).WithName("admin.webhooks.add");
        admin.MapPost("/webhooks/{endpointId}/disable", DisableAsync).WithName("admin.webhooks.disable");
        admin.MapPost("/webhooks/{endpointId}/enable", (string endpointId, HttpContext http, [FromServices] WebhookEndpointManager manager, CancellationToken ct) =>
            ChangeAsync(http, tenant => manager.EnableAsync(tenant, endpointId, ct))).WithName("admin.webhooks.enable");
        admin.MapPost("/webhooks/{endpointId}/rotate-secret", RotateAsync).WithName("admin.webhooks.rotate_secret");
        admin.MapPost("/webhooks/{endpointId}/test", SendTestAsync).WithName("admin.webhooks.test");
        admin.MapGet("/webhook-deliveries", ListDeliveries).WithName("admin.webhook_deliveries.list");
        admin.MapGet("/webhook-deliveries/{deliveryId}", FindDeliveryAsync).WithName("admin.webhook_deliveries.get");
        admin.MapPost("/webhook-deliveries/{deliveryId}/resend", ResendAsync).WithName("admin.webhook_deliveries.resend");
    }

    public static WebhookEndpointView View(WebhookEndpoint e) =>
        new(e.Id, e.Url, e.Enabled, e.DisabledReason, e.EventTypes, e.PreviousSecretExpiresAt, e.CreatedAt, e.UpdatedAt);

    public static WebhookDeliveryView View(WebhookDelivery d) => new(
        d.Id, d.EndpointId, d.MessageId, d.EventType, StateText(d.State), d.AttemptCount, d.NextAttemptAt, d.LastStatusCode, d.LastError,
        d.CreatedAt, d.DeliveredAt, JsonDocument.Parse(d.Body).RootElement.Clone(),
        [.. d.Attempts.Select(a => new WebhookAttemptView(a.Number, a.AttemptedAt, a.StatusCode, a.DurationMilliseconds, a.Error, a.NextAttemptAt))]);

    private static string StateText(WebhookDeliveryState state) => state switch
    {
        WebhookDeliveryState.Pending => "pending",
        WebhookDeliveryState.Delivered => "delivered",
        WebhookDeliveryState.Failed => "failed",
        _ => "cancelled",
    };

    private static string Tenant(HttpContext http) => ServiceTokenAuthenticationHandler.GetPrincipal(http)!.TenantId;

    private static async IAsyncEnumerable<WebhookEndpointView> ListEndpoints(
        HttpContext http, [FromServices] WebhookEndpointManager manager, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var endpoint in manager.ListAsync(Tenant(http), ct).ConfigureAwait(false))
        {
            yield return View(endpoint);
        }
    }

    private static async Task<Results<Created<WebhookSecretView>, ProblemHttpResult>> AddAsync(
        HttpContext http, [FromServices] WebhookEndpointManager manager, CancellationToken ct)
    {
        var body = await JsonBody.ReadAsync<AddWebhookEndpointRequest>(http.Request, ApiJson.Options, ct).ConfigureAwait(false);
        if (!body.TryGetValue(out var request, out var failure))
        {
            return VerificationProblems.Result(failure, http);
        }

        var added = await manager.AddAsync(Tenant(http), request.Url, request.EventTypes, ct).ConfigureAwait(false);
        return added.TryGetValue(out var issued, out failure)
            ? TypedResults.Created($"{http.Request.PathBase}/api/v1/admin/webhooks/{issued.Endpoint.Id}", new WebhookSecretView(issued.Endpoint.Id, issued.Secret, View(issued.Endpoint)))
            : VerificationProblems.Result(failure, http);
    }

    private static async Task<Results<Ok<WebhookEndpointView>, ProblemHttpResult>> DisableAsync(
        string endpointId, HttpContext http, [FromServices] WebhookEndpointManager manager, CancellationToken ct)
    {
        string? reason = null;
        if (http.Request.ContentLength is > 0 || http.Request.HasJsonContentType())
        {
            var body = await JsonBody.ReadAsync<DisableWebhookEndpointRequest>(http.Request, ApiJson.Options, ct).ConfigureAwait(false);
            if (!body.TryGetValue(out var request, out var failure))
            {
                return VerificationProblems.Result(failure, http);
            }

            reason = request.Reason;
        }

        return await ChangeAsync(http, tenant => manager.DisableAsync(tenant, endpointId, reason, ct)).ConfigureAwait(false);
    }

    private static async Task<Results<Ok<WebhookSecretView>, ProblemHttpResult>> RotateAsync(
        string endpointId, HttpContext http, [FromServices] WebhookEndpointManager manager, CancellationToken ct)
    {
        var rotated = await manager.RotateSecretAsync(Tenant(http), endpointId, ct).ConfigureAwait(false);
        return rotated.TryGetValue(out var issued, out var failure)
            ? TypedResults.Ok(new WebhookSecretView(issued.Endpoint.Id, issued.Secret, View(issued.Endpoint)))
            : VerificationProblems.Result(failure, http);
    }

    private static async Task<Results<Accepted<WebhookDeliveryView>, ProblemHttpResult>> SendTestAsync(
        string endpointId, HttpContext http, [FromServices] WebhookEndpointManager manager, CancellationToken ct)
    {
        var queued = await manager.SendTestEventAsync(Tenant(http), endpointId, ct).ConfigureAwait(false);
        return queued.TryGetValue(out var delivery, out var failure)
            ? TypedResults.Accepted($"{http.Request.PathBase}/api/v1/admin/webhook-deliveries/{delivery.Id}", View(delivery))
            : VerificationProblems.Result(failure, http);
    }

    private static async IAsyncEnumerable<WebhookDeliveryView> ListDeliveries(
        HttpContext http, [FromServices] IWebhookDeliveryStore deliveries, string? endpointId, string? webhookId, string? state, string? cursor, int? limit,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var query = new WebhookDeliveryQuery
        {
            TenantId = Tenant(http),
            EndpointId = endpointId,
            MessageId = webhookId,
            State = state switch
            {
                "pending" => WebhookDeliveryState.Pending,
                "delivered" => WebhookDeliveryState.Delivered,
                "failed" => WebhookDeliveryState.Failed,
                "cancelled" => WebhookDeliveryState.Cancelled,
                _ => null,
            },
            After = cursor,
            Limit = Math.Clamp(limit ?? 50, 1, 500),
        };
        await foreach (var delivery in deliveries.ListAsync(query, ct).ConfigureAwait(false))
        {
            yield return View(delivery);
        }
    }

    private static async Task<Results<Ok<WebhookDeliveryView>, ProblemHttpResult>> FindDeliveryAsync(
        string deliveryId, HttpContext http, [FromServices] IWebhookDeliveryStore deliveries, CancellationToken ct)
    {
        var delivery = await deliveries.FindByIdAsync(Tenant(http), deliveryId, ct).ConfigureAwait(false);
        return delivery is null ? VerificationProblems.Result(WebhookDeliveryFailures.DeliveryNotFound, http) : TypedResults.Ok(View(delivery));
    }

    private static async Task<Results<Ok<WebhookDeliveryView>, ProblemHttpResult>> ResendAsync(
        string deliveryId, HttpContext http, [FromServices] IWebhookDeliveryStore deliveries, [FromServices] TimeProvider timeProvider, CancellationToken ct)
    {
        var resent = await deliveries.ResendAsync(Tenant(http), deliveryId, timeProvider.GetUtcNow(), ct).ConfigureAwait(false);
        return resent.TryGetValue(out var delivery, out var failure) ? TypedResults.Ok(View(delivery)) : VerificationProblems.Result(failure, http);
    }

    private static async Task<Results<Ok<WebhookEndpointView>, ProblemHttpResult>> ChangeAsync(
        HttpContext http, Func<string, ValueTask<Outcome<WebhookEndpoint>>> change)
    {
        var changed = await change(Tenant(http)).ConfigureAwait(false);
        return changed.TryGetValue(out var endpoint, out var failure) ? TypedResults.Ok(View(endpoint)) : VerificationProblems.Result(failure, http);
    }
}
