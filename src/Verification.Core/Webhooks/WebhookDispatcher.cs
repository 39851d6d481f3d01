using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Verification.Core.Stores;

namespace Verification.Core.Webhooks;

/// <summary>
/// The background dispatcher of a host: fans new outbox messages out into deliveries, claims due deliveries
/// under a lease, attempts them (in parallel, up to <see cref="WebhookDeliveryOptions.BatchSize"/>), and
/// records each attempt and what follows it by the <see cref="RetrySchedule"/>: delivered, retried later
/// (honouring <c>Retry-After</c> of <c>429</c>/<c>503</c>), given up, or, on <c>410 Gone</c>, the endpoint
/// disabled. Several hosts may run it on one database; a host that dies mid-delivery leaves its lease to
/// lapse and another host retries (the receiver de-duplicates by <c>webhook-id</c>).
/// </summary>
public sealed partial class WebhookDispatcher : BackgroundService
{
    /// <summary>The reason recorded when a receiver answers <c>410 Gone</c>.</summary>
    public const string GoneReason = "the receiver answered 410 Gone";

    private static readonly TimeSpan SaveTimeout = TimeSpan.FromSeconds(15);

    private readonly IServiceScopeFactory _scopes;
    private readonly WebhookSender _sender;
    private readonly WebhookDeliveryMetrics _metrics;
    private readonly WebhookDeliveryOptions _options;
    private readonly RetrySchedule _schedule;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<WebhookDispatcher> _logger;

    /// <summary>Creates the dispatcher (registered by <c>AddWebhookDelivery()</c>).</summary>
    internal WebhookDispatcher(
        IServiceScopeFactory scopes,
        WebhookSender sender,
        WebhookDeliveryMetrics metrics,
        IOptions<WebhookDeliveryOptions> options,
        TimeProvider timeProvider,
        ILogger<WebhookDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _scopes = scopes;
        _sender = sender;
        _metrics = metrics;
        _options = options.Value;
        _schedule = _options.CreateRetrySchedule();
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// One pass: fans out pending outbox messages, then claims and attempts the due deliveries. Answers how
    /// much was done (messages fanned out plus deliveries claimed); zero means idle.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        int fannedOut;
        IReadOnlyList<WebhookDelivery> claimed;
        var endpoints = new Dictionary<string, WebhookEndpoint?>(StringComparer.Ordinal);
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var deliveries = scope.ServiceProvider.GetRequiredService<IWebhookDeliveryStore>();
            var now = _timeProvider.GetUtcNow();
            fannedOut = await deliveries.FanOutAsync(_options.BatchSize, now, cancellationToken).ConfigureAwait(false);
            claimed = await deliveries.ClaimDueAsync(_options.BatchSize, now, _options.LeaseDuration, cancellationToken).ConfigureAwait(false);
            var endpointStore = scope.ServiceProvider.GetRequiredService<IWebhookEndpointStore>();
            foreach (var delivery in claimed)
            {
                if (!endpoints.ContainsKey(delivery.EndpointId))
                {
                    endpoints[delivery.EndpointId] = await endpointStore.FindByIdAsync(delivery.TenantId, delivery.EndpointId, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        await Task.WhenAll(claimed.Select(d => DeliverAsync(d, endpoints[d.EndpointId], cancellationToken))).ConfigureAwait(false);
        return fannedOut + claimed.Count;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.DispatcherEnabled)
        {
            return;
        }

        LogStarted(_logger);
        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = 0;
            try
            {
                worked = await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The loop must survive a database outage; the failure is logged and the pass retried.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogPassFailed(_logger, ex);
            }

            if (worked == 0)
            {
                try
                {
                    await Task.Delay(_options.PollInterval, _timeProvider, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    private async Task DeliverAsync(WebhookDelivery delivery, WebhookEndpoint? endpoint, CancellationToken cancellationToken)
    {
        var startedAt = _timeProvider.GetUtcNow();
        if (endpoint is null || !endpoint.Enabled)
        {
            delivery.State = WebhookDeliveryState.Cancelled;
            delivery.NextAttemptAt = null;
            delivery.LastError = WebhookDeliveryErrors.EndpointDisabled;
            delivery.UpdatedAt = startedAt;
            await SaveAsync(delivery, null).ConfigureAwait(false);
            return;
        }

        WebhookAttemptResult result;
        var secrets = endpoint.SigningSecrets(startedAt);
        try
        {
            result = await _sender.SendAsync(endpoint.Url, delivery.MessageId, delivery.Body, secrets, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            secrets.Current.Dispose();
            secrets.Previous?.Dispose();
        }

        var now = _timeProvider.GetUtcNow();
        delivery.AttemptCount++;
        delivery.ScheduleAttempts++;
        var decision = _schedule.Decide(delivery.ScheduleAttempts, result.StatusCode, result.RetryAfter, now);
        _metrics.RecordAttempt(decision.Outcome, result.StatusCode, result.Duration);
        delivery.LastStatusCode = result.StatusCode;
        delivery.LastError = result.Error ?? ErrorOf(decision.Outcome, result.StatusCode);
        delivery.UpdatedAt = now;
        switch (decision.Kind)
        {
            case DeliveryDecisionKind.Delivered:
                delivery.State = WebhookDeliveryState.Delivered;
                delivery.DeliveredAt = now;
                delivery.NextAttemptAt = null;
                break;
            case DeliveryDecisionKind.RetryLater:
                delivery.State = WebhookDeliveryState.Pending;
                delivery.NextAttemptAt = decision.NextAttemptAt;
                _metrics.RecordRetryScheduled();
                break;
            case DeliveryDecisionKind.DisableEndpoint:
                delivery.State = WebhookDeliveryState.Failed;
                delivery.NextAttemptAt = null;
                break;
            default:
                delivery.State = WebhookDeliveryState.Failed;
                delivery.NextAttemptAt = null;
                LogGaveUp(_logger, delivery.Id, delivery.EndpointId, delivery.AttemptCount);
                break;
        }

        var attempt = new WebhookDeliveryAttempt
        {
            Id = Identifiers.NewUlid(startedAt),
            DeliveryId = delivery.Id,
            Number = delivery.AttemptCount,
            AttemptedAt = startedAt,
            StatusCode = result.StatusCode,
            DurationMilliseconds = (long)result.Duration.TotalMilliseconds,
            Error = delivery.LastError,
            NextAttemptAt = delivery.NextAttemptAt,
        };
        var kept = await SaveAsync(delivery, attempt).ConfigureAwait(false);
        if (!kept)
        {
            LogLeaseLost(_logger, delivery.Id);
        }

        if (decision.Kind == DeliveryDecisionKind.DisableEndpoint)
        {
            await DisableEndpointAsync(endpoint).ConfigureAwait(false);
        }
    }

    private static string? ErrorOf(DeliveryOutcome outcome, int? statusCode) => outcome switch
    {
        DeliveryOutcome.Succeeded => null,
        DeliveryOutcome.EndpointGone => WebhookDeliveryErrors.Gone,
        _ when statusCode is >= 300 and < 400 => WebhookDeliveryErrors.Redirect,
        _ => WebhookDeliveryErrors.HttpStatus,
    };

    // The result of an attempt is saved even when the host is stopping: the request was sent.
    private async Task<bool> SaveAsync(WebhookDelivery delivery, WebhookDeliveryAttempt? attempt)
    {
        using var timeout = new CancellationTokenSource(SaveTimeout);
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var store = scope.ServiceProvider.GetRequiredService<IWebhookDeliveryStore>();
            return await store.CompleteAsync(delivery, attempt, timeout.Token).ConfigureAwait(false);
        }
    }

    private async Task DisableEndpointAsync(WebhookEndpoint endpoint)
    {
        using var timeout = new CancellationTokenSource(SaveTimeout);
        var scope = _scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var store = scope.ServiceProvider.GetRequiredService<IWebhookEndpointStore>();
            var current = await store.FindByIdAsync(endpoint.TenantId, endpoint.Id, timeout.Token).ConfigureAwait(false);
            if (current is { Enabled: true })
            {
                current.Enabled = false;
                current.DisabledReason = GoneReason;
                current.UpdatedAt = _timeProvider.GetUtcNow();
                await store.UpdateAsync(current, timeout.Token).ConfigureAwait(false);
                LogEndpointGone(_logger, endpoint.Id);
            }
        }
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Webhook dispatcher started")]
    private static partial void LogStarted(ILogger logger);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Error, Message = "Webhook dispatch pass failed; retrying after the poll interval")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} to endpoint {EndpointId} gave up after {Attempts} attempts")]
    private static partial void LogGaveUp(ILogger logger, string deliveryId, string endpointId, int attempts);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Warning, Message = "Webhook endpoint {EndpointId} answered 410 Gone and was disabled")]
    private static partial void LogEndpointGone(ILogger logger, string endpointId);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId}: the lease lapsed during the attempt; another dispatcher owns it now")]
    private static partial void LogLeaseLost(ILogger logger, string deliveryId);
}
