using System.Diagnostics.Metrics;

namespace Verification.Core.Webhooks;

/// <summary>
/// The names of the webhook delivery telemetry, for dashboards and for listeners (OpenTelemetry:
/// <c>AddMeter(WebhookMetrics.MeterName)</c>).
/// </summary>
internal static class WebhookMetrics
{
    /// <summary>The <see cref="Meter"/> name.</summary>
    public const string MeterName = "Verification.Webhooks";

    /// <summary>Counter: attempts answered with 2xx.</summary>
    public const string DeliveriesSucceeded = "verification.webhooks.deliveries.succeeded";

    /// <summary>Counter: attempts that failed (non-2xx answer, redirect, timeout, refused address, connection error).</summary>
    public const string DeliveriesFailed = "verification.webhooks.deliveries.failed";

    /// <summary>Counter: retries scheduled after a failed attempt.</summary>
    public const string DeliveriesRetried = "verification.webhooks.deliveries.retried";

    /// <summary>Histogram: duration of one attempt, in seconds.</summary>
    public const string DeliveryDuration = "verification.webhooks.delivery.duration";

    /// <summary>Tag: the HTTP status code of the answer, when there was one.</summary>
    public const string StatusCodeTag = "http.response.status_code";

    /// <summary>Tag: the <see cref="DeliveryOutcome"/> of the attempt, in snake case.</summary>
    public const string OutcomeTag = "verification.webhooks.outcome";
}

/// <summary>
/// Records webhook delivery telemetry on the <see cref="WebhookMetrics.MeterName"/> meter, created through
/// <see cref="IMeterFactory"/> so that hosts and tests get their own, disposable meter. Register as a singleton.
/// </summary>
internal sealed class WebhookDeliveryMetrics
{
    private readonly Counter<long> _succeeded;
    private readonly Counter<long> _failed;
    private readonly Counter<long> _retried;
    private readonly Histogram<double> _duration;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public WebhookDeliveryMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(WebhookMetrics.MeterName);
        _succeeded = meter.CreateCounter<long>(WebhookMetrics.DeliveriesSucceeded, "{delivery}", "Webhook delivery attempts answered with 2xx.");
        _failed = meter.CreateCounter<long>(WebhookMetrics.DeliveriesFailed, "{delivery}", "Webhook delivery attempts that failed.");
        _retried = meter.CreateCounter<long>(WebhookMetrics.DeliveriesRetried, "{delivery}", "Webhook delivery retries scheduled.");
        _duration = meter.CreateHistogram<double>(WebhookMetrics.DeliveryDuration, "s", "Duration of a webhook delivery attempt.");
    }

    /// <summary>Records one attempt: its duration, and whether it succeeded or failed.</summary>
    /// <param name="outcome">How the attempt was classified.</param>
    /// <param name="statusCode">The HTTP status, or <see langword="null"/> when no answer came.</param>
    /// <param name="duration">How long the attempt took.</param>
    public void RecordAttempt(DeliveryOutcome outcome, int? statusCode, TimeSpan duration)
    {
        var outcomeTag = new KeyValuePair<string, object?>(WebhookMetrics.OutcomeTag, OutcomeText(outcome));
        if (statusCode is { } code)
        {
            var statusTag = new KeyValuePair<string, object?>(WebhookMetrics.StatusCodeTag, code);
            _duration.Record(duration.TotalSeconds, outcomeTag, statusTag);
            (outcome == DeliveryOutcome.Succeeded ? _succeeded : _failed).Add(1, outcomeTag, statusTag);
        }
        else
        {
            _duration.Record(duration.TotalSeconds, outcomeTag);
            (outcome == DeliveryOutcome.Succeeded ? _succeeded : _failed).Add(1, outcomeTag);
        }
    }

    /// <summary>Records that a retry was scheduled.</summary>
    public void RecordRetryScheduled() => _retried.Add(1);

    private static string OutcomeText(DeliveryOutcome outcome) => outcome switch
    {
        DeliveryOutcome.Succeeded => "succeeded",
        DeliveryOutcome.EndpointGone => "endpoint_gone",
        _ => "failed",
    };
}
