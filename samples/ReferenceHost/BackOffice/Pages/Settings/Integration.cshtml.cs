using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Verification.Core.Stores;
using Verification.Core;
using Verification.Core.Audit;
using Verification.Core.Webhooks;

namespace ReferenceHost.BackOffice.Pages.Settings;

/// <summary>
/// Settings → Integration (administrators only): the tenant's webhook endpoints and their delivery log.
/// Everything goes through the same <see cref="WebhookEndpointManager"/> and delivery store as the admin API,
/// so the URL policy, the rotation grace period and the dispatcher (signing, retries) are the ones in
/// production. A signing secret is in the answer to the request that issued it only; every change is audited.
/// </summary>
public sealed class IntegrationModel(
    WebhookEndpointManager endpoints,
    IWebhookDeliveryStore deliveries,
    IOptions<WebhookDeliveryOptions> options,
    AuditTrail audit,
    TimeProvider timeProvider) : PageModel
{
    /// <summary>How many deliveries of each endpoint the log shows, newest first.</summary>
    public const int LogSize = 20;

    /// <summary>The endpoints, in creation order, each with its newest deliveries.</summary>
    public IReadOnlyList<EndpointLog> Endpoints { get; private set; } = [];

    /// <summary>A secret just issued (added or rotated): shown in this answer only.</summary>
    public IssuedSecret? Issued { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public string? Error { get; private set; }

    [BindProperty]
    public AddEndpointForm Add { get; set; } = new();

    /// <summary>Whether this host accepts http and loopback or private addresses (development and tests).</summary>
    public bool AllowLoopback => options.Value.AllowLoopback;

    /// <summary>How long a rotated-out secret keeps signing, in words.</summary>
    public string GracePeriodText => options.Value.SecretRotationGracePeriod switch
    {
        { TotalDays: >= 2 } g when g.TotalDays == Math.Floor(g.TotalDays) => FormattableString.Invariant($"{g.TotalDays:0} days"),
        { TotalHours: >= 1 } g => FormattableString.Invariant($"{g.TotalHours:0.#} hours"),
        var g => FormattableString.Invariant($"{g.TotalMinutes:0.#} minutes"),
    };

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!User.IsAdmin())
        {
            context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
        }
    }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken)
    {
        var types = (Add.EventTypes ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        Outcome<IssuedWebhookSecret> added = types.Count == 0
            ? Failure.Invalid("backoffice.event_types_missing", "Choose at least one event.")
            : await endpoints.AddAsync(User.TenantId(), Add.Url?.Trim(), types, cancellationToken);
        await RecordAsync("backoffice.webhook_add", Outcome(added), "webhook_endpoint", added.IsSuccess ? added.Value.Endpoint.Id : null, cancellationToken);
        if (!added.TryGetValue(out var issued, out var failure))
        {
            // A URL the policy refuses is the form's fault: shown next to the field, answered 400, never a 500.
            var field = failure.Code is WebhookFailures.UrlInvalidCode or WebhookFailures.UrlNotPublicCode ? "Add.Url" : "Add.EventTypes";
            ModelState.AddModelError(field, failure.Detail);
            await LoadAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Issued = new IssuedSecret(issued.Endpoint.Id, issued.Endpoint.Url, issued.Secret, Rotated: false, null);
        Add = new AddEndpointForm();
        ModelState.Clear();
        await LoadAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostDisableAsync(string endpointId, CancellationToken cancellationToken) =>
        ChangeAsync("backoffice.webhook_disable", endpointId, id => endpoints.DisableAsync(User.TenantId(), id, null, cancellationToken), "disabled", cancellationToken);

    public Task<IActionResult> OnPostEnableAsync(string endpointId, CancellationToken cancellationToken) =>
        ChangeAsync("backoffice.webhook_enable", endpointId, id => endpoints.EnableAsync(User.TenantId(), id, cancellationToken), "enabled", cancellationToken);

    public async Task<IActionResult> OnPostRotateAsync(string endpointId, CancellationToken cancellationToken)
    {
        var rotated = await endpoints.RotateSecretAsync(User.TenantId(), endpointId ?? string.Empty, cancellationToken);
        await RecordAsync("backoffice.webhook_rotate_secret", Outcome(rotated), "webhook_endpoint", endpointId, cancellationToken);
        if (!rotated.TryGetValue(out var issued, out var failure))
        {
            return await RefuseAsync(failure, cancellationToken);
        }

        Issued = new IssuedSecret(issued.Endpoint.Id, issued.Endpoint.Url, issued.Secret, Rotated: true, issued.Endpoint.PreviousSecretExpiresAt);
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostTestAsync(string endpointId, CancellationToken cancellationToken)
    {
        var queued = await endpoints.SendTestEventAsync(User.TenantId(), endpointId ?? string.Empty, cancellationToken);
        await RecordAsync("backoffice.webhook_test", Outcome(queued), "webhook_endpoint", endpointId, cancellationToken);
        if (!queued.TryGetValue(out var delivery, out var failure))
        {
            return await RefuseAsync(failure, cancellationToken);
        }

        Notice = $"Test event {delivery.MessageId} queued: it shows in the delivery log below once attempted.";
        return RedirectToPage(null, null, null, "deliveries-" + delivery.EndpointId);
    }

    public async Task<IActionResult> OnPostRetryAsync(string deliveryId, CancellationToken cancellationToken)
    {
        var tenantId = User.TenantId();
        var delivery = await deliveries.FindByIdAsync(tenantId, deliveryId ?? string.Empty, cancellationToken);
        Outcome<WebhookDelivery> retried;
        if (delivery is null)
        {
            retried = WebhookDeliveryFailures.DeliveryNotFound;
        }
        else if (delivery.State == WebhookDeliveryState.Delivered)
        {
            retried = Failure.Conflict("backoffice.webhook_delivered", "This delivery was acknowledged by the receiver; there is nothing to retry.");
        }
        else if (await endpoints.FindAsync(tenantId, delivery.EndpointId, cancellationToken) is not { Enabled: true })
        {
            // The dispatcher would cancel it at once: say so instead of pretending to retry.
            retried = WebhookDeliveryFailures.EndpointDisabled;
        }
        else
        {
            retried = await deliveries.ResendAsync(tenantId, delivery.Id, timeProvider.GetUtcNow(), cancellationToken);
        }

        await RecordAsync("backoffice.webhook_retry", Outcome(retried), "webhook_delivery", deliveryId, cancellationToken);
        if (!retried.TryGetValue(out var resent, out var failure))
        {
            return await RefuseAsync(failure, cancellationToken);
        }

        Notice = $"Delivery of {resent.MessageId} queued again (same webhook-id): it is attempted at once.";
        return RedirectToPage(null, null, null, "deliveries-" + resent.EndpointId);
    }

    /// <summary>Whether a delivery may be retried from the log: it failed, was cancelled, or is waiting after a failed attempt.</summary>
    public static bool MayRetry(WebhookDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return delivery.State is WebhookDeliveryState.Failed or WebhookDeliveryState.Cancelled
            || (delivery.State == WebhookDeliveryState.Pending && delivery.AttemptCount > 0);
    }

    /// <summary>The state word shown for a delivery; a pending delivery that already failed once is retrying.</summary>
    public static string StateText(WebhookDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return delivery.State switch
        {
            WebhookDeliveryState.Delivered => "delivered",
            WebhookDeliveryState.Failed => "failed",
            WebhookDeliveryState.Cancelled => "cancelled",
            _ when delivery.AttemptCount > 0 => "retrying",
            _ => "pending",
        };
    }

    /// <summary>The last answer of a delivery: the HTTP status, the error code, both or neither.</summary>
    public static string LastAnswer(WebhookDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return (delivery.LastStatusCode, delivery.LastError) switch
        {
            ({ } status, { } error) => $"HTTP {status} · {error}",
            ({ } status, null) => $"HTTP {status}",
            (null, { } error) => error,
            _ => "—",
        };
    }

    private async Task<IActionResult> ChangeAsync(
        string action, string endpointId, Func<string, ValueTask<Outcome<WebhookEndpoint>>> change, string done, CancellationToken cancellationToken)
    {
        var changed = await change(endpointId ?? string.Empty);
        await RecordAsync(action, Outcome(changed), "webhook_endpoint", endpointId, cancellationToken);
        if (!changed.TryGetValue(out var endpoint, out var failure))
        {
            return await RefuseAsync(failure, cancellationToken);
        }

        Notice = $"Endpoint {endpoint.Url} {done}.";
        return RedirectToPage();
    }

    private async Task<IActionResult> RefuseAsync(Failure failure, CancellationToken cancellationToken)
    {
        if (failure.Kind == FailureKind.NotFound)
        {
            return NotFound();
        }

        Error = failure.Detail;
        await LoadAsync(cancellationToken);
        Response.StatusCode = failure.Kind == FailureKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var tenantId = User.TenantId();

        // Read to the end before the next query: the endpoint and delivery stores share one database connection.
        var all = new List<WebhookEndpoint>();
        await foreach (var endpoint in endpoints.ListAsync(tenantId, cancellationToken))
        {
            all.Add(endpoint);
        }

        var list = new List<EndpointLog>();
        foreach (var endpoint in all)
        {
            var recent = new List<WebhookDelivery>();
            var query = new WebhookDeliveryQuery { TenantId = tenantId, EndpointId = endpoint.Id, NewestFirst = true, Limit = LogSize };
            await foreach (var delivery in deliveries.ListAsync(query, cancellationToken))
            {
                recent.Add(delivery);
            }

            list.Add(new EndpointLog(endpoint, recent));
        }

        Endpoints = list;
    }

    private static string Outcome<T>(Outcome<T> outcome) => outcome.IsSuccess ? "success" : outcome.Failure!.Code;

    private ValueTask RecordAsync(string action, string outcome, string targetType, string? targetId, CancellationToken cancellationToken) =>
        audit.RecordAsync(HttpContext.AuditEntry(timeProvider.GetUtcNow(), action, outcome, targetType, targetId is { Length: > 64 } id ? id[..64] : targetId), cancellationToken);

    /// <summary>An endpoint and its newest deliveries (the first is the last delivery).</summary>
    /// <param name="Endpoint">The endpoint (its secrets are never shown).</param>
    /// <param name="Recent">Its newest deliveries, newest first.</param>
    public sealed record EndpointLog(WebhookEndpoint Endpoint, IReadOnlyList<WebhookDelivery> Recent);

    /// <summary>A secret issued by this request.</summary>
    /// <param name="EndpointId">The endpoint.</param>
    /// <param name="Url">Its URL.</param>
    /// <param name="Secret">The secret, <c>whsec_...</c>.</param>
    /// <param name="Rotated">Whether it replaced a secret (rather than came with a new endpoint).</param>
    /// <param name="PreviousExpiresAt">Until when the replaced secret keeps signing, after a rotation.</param>
    public sealed record IssuedSecret(string EndpointId, string Url, string Secret, bool Rotated, DateTimeOffset? PreviousExpiresAt);

    /// <summary>The add form.</summary>
    public sealed class AddEndpointForm
    {
        public string? Url { get; set; }

        /// <summary>The events chosen; <see langword="null"/> before the form was posted (every event is offered checked).</summary>
        public List<string>? EventTypes { get; set; }
    }
}
