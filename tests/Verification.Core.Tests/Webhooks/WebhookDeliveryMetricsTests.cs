using System.Diagnostics.Metrics;
using Verification.Core.Webhooks;

namespace Verification.Core.Tests.Webhooks;

public sealed class WebhookDeliveryMetricsTests : IDisposable
{
    private readonly TestMeterFactory _factory = new();
    private readonly MeterListener _listener = new();
    private readonly List<(string Name, double Value, Dictionary<string, object?> Tags)> _measurements = [];

    public WebhookDeliveryMetricsTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (_factory.Meters.Contains(instrument.Meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    public void Dispose()
    {
        _listener.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public void CreatesTheMeterThroughTheFactory()
    {
        _ = new WebhookDeliveryMetrics(_factory);

        _factory.Meters.Should().ContainSingle().Which.Name.Should().Be("Verification.Webhooks");
    }

    [Fact]
    public void CountsSucceededAttemptsAndTheirDuration()
    {
        var metrics = new WebhookDeliveryMetrics(_factory);

        metrics.RecordAttempt(DeliveryOutcome.Succeeded, 200, TimeSpan.FromMilliseconds(250));

        _measurements.Should().ContainSingle(m => m.Name == WebhookMetrics.DeliveriesSucceeded && m.Value == 1)
            .Which.Tags[WebhookMetrics.StatusCodeTag].Should().Be(200);
        _measurements.Should().ContainSingle(m => m.Name == WebhookMetrics.DeliveryDuration)
            .Which.Value.Should().BeApproximately(0.25, 1e-9);
        _measurements.Should().NotContain(m => m.Name == WebhookMetrics.DeliveriesFailed);
    }

    [Fact]
    public void CountsFailedAttemptsWithOrWithoutAnAnswer()
    {
        var metrics = new WebhookDeliveryMetrics(_factory);

        metrics.RecordAttempt(DeliveryOutcome.Failed, 500, TimeSpan.FromSeconds(1));
        metrics.RecordAttempt(DeliveryOutcome.Failed, null, TimeSpan.FromSeconds(15));
        metrics.RecordAttempt(DeliveryOutcome.EndpointGone, 410, TimeSpan.FromSeconds(1));

        _measurements.Where(m => m.Name == WebhookMetrics.DeliveriesFailed).Should().HaveCount(3);
        _measurements.Should().Contain(m => m.Name == WebhookMetrics.DeliveriesFailed && (string?)m.Tags[WebhookMetrics.OutcomeTag] == "endpoint_gone");
        _measurements.Should().NotContain(m => m.Name == WebhookMetrics.DeliveriesSucceeded);
    }

    [Fact]
    public void CountsScheduledRetries()
    {
        var metrics = new WebhookDeliveryMetrics(_factory);

        metrics.RecordRetryScheduled();
        metrics.RecordRetryScheduled();

        _measurements.Where(m => m.Name == WebhookMetrics.DeliveriesRetried).Sum(m => m.Value).Should().Be(2);
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        lock (_measurements)
        {
            _measurements.Add((instrument.Name, value, copy));
        }
    }

    /// <summary>A minimal <see cref="IMeterFactory"/> (Microsoft.Extensions.Diagnostics is not referenced here).</summary>
    private sealed class TestMeterFactory : IMeterFactory
    {
        public List<Meter> Meters { get; } = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
            Meters.Add(meter);
            return meter;
        }

        public void Dispose()
        {
            foreach (var meter in Meters)
            {
                meter.Dispose();
            }
        }
    }
}
