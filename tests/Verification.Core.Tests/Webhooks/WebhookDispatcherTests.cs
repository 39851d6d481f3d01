using Microsoft.Extensions.DependencyInjection;
using System.Text;
using Verification.Core.Verifications;
using Verification.Core.Webhooks;
using Verification.Storage.Specification;
using Verification.Storage.Specification.Webhooks;

namespace Verification.Core.Tests.Webhooks;

public sealed class WebhookDispatcherTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task DeliversADecisionOnceSignedSoThatTheReceiverVerifiesIt()
    {
        using var receiver = new WebhookTestReceiver((_, _) => new ReceiverAnswer(204));
        await using var harness = new WebhookHarness();
        var endpoint = await harness.AddEndpointAsync(receiver.BaseUrl + "hooks");
        var (folder, analysis) = await harness.DecideAsync(DecisionKind.Reject);

        await harness.Dispatcher.RunOnceAsync(Ct);
        await harness.Dispatcher.RunOnceAsync(Ct);

        var request = receiver.Received.Should().ContainSingle().Subject;
        request.Path.Should().Be("/hooks");
        request.Id.Should().Be(folder.Outbox.Single().Id);
        var secret = WebhookSecret.Parse(endpoint.Secret).Value;
        new WebhookVerifier(harness.Clock).Verify(request.Id, request.Timestamp, request.Signature, request.Body, secret).IsSuccess.Should().BeTrue();
        var body = (AnalysisDecidedEvent)WebhookEventSerializer.Deserialize(request.Body).Value;
        body.AnalysisId.Should().Be(analysis.Id);
        body.NewStatus.Should().Be(WebhookDecisionStatus.UserRejected);
        var delivery = (await harness.ListDeliveriesAsync()).Should().ContainSingle().Subject;
        delivery.State.Should().Be(WebhookDeliveryState.Delivered);
        delivery.Attempts.Should().ContainSingle().Which.StatusCode.Should().Be(204);
    }

    [Fact]
    public async Task RetriesAFailedAttemptOnTheScheduleWithTheSameWebhookId()
    {
        using var receiver = new WebhookTestReceiver((_, i) => new ReceiverAnswer(i == 0 ? 500 : 200));
        await using var harness = new WebhookHarness();
        await harness.AddEndpointAsync(receiver.BaseUrl);
        await harness.DecideAsync();
        var started = harness.Clock.GetUtcNow();

        await harness.Dispatcher.RunOnceAsync(Ct);
        var pending = (await harness.ListDeliveriesAsync()).Single();
        harness.Clock.Advance(TimeSpan.FromSeconds(4));
        await harness.Dispatcher.RunOnceAsync(Ct);
        receiver.Received.Should().HaveCount(1, "the second attempt waits five seconds");
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        await harness.Dispatcher.RunOnceAsync(Ct);

        pending.State.Should().Be(WebhookDeliveryState.Pending);
        pending.NextAttemptAt.Should().Be(started.AddSeconds(5));
        pending.LastError.Should().Be(WebhookDeliveryErrors.HttpStatus);
        receiver.Received.Select(r => r.StatusCode).Should().Equal(500, 200);
        receiver.Received.Select(r => r.Id).Distinct().Should().ContainSingle("the webhook-id is the same on every attempt");
        var delivered = (await harness.ListDeliveriesAsync()).Single();
        delivered.State.Should().Be(WebhookDeliveryState.Delivered);
        delivered.Attempts.Select(a => (a.Number, a.StatusCode, a.NextAttemptAt)).Should().Equal((1, 500, started.AddSeconds(5)), (2, (int?)200, (DateTimeOffset?)null));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task WaitsAsLongAsRetryAfterAsks(int status)
    {
        using var receiver = new WebhookTestReceiver((_, _) => new ReceiverAnswer(status, new Dictionary<string, string> { ["Retry-After"] = "120" }));
        await using var harness = new WebhookHarness();
        await harness.AddEndpointAsync(receiver.BaseUrl);
        await harness.DecideAsync();
        var started = harness.Clock.GetUtcNow();

        await harness.Dispatcher.RunOnceAsync(Ct);

        (await harness.ListDeliveriesAsync()).Single().NextAttemptAt.Should().Be(started.AddSeconds(120), "the receiver asked for more than the schedule's five seconds");
    }

    [Fact]
    public async Task DisablesTheEndpointWhenTheReceiverAnswersGone()
    {
        using var receiver = new WebhookTestReceiver((_, _) => new ReceiverAnswer(410));
        await using var harness = new WebhookHarness();
        var endpoint = await harness.AddEndpointAsync(receiver.BaseUrl);
        await harness.DecideAsync();

        await harness.Dispatcher.RunOnceAsync(Ct);
        await harness.DecideAsync();
        await harness.Dispatcher.RunOnceAsync(Ct);
        harness.Clock.Advance(TimeSpan.FromDays(2));
        await harness.Dispatcher.RunOnceAsync(Ct);

        var stored = (await harness.Endpoints.FindByIdAsync(WebhookHarness.Tenant, endpoint.Endpoint.Id, Ct))!;
        stored.Enabled.Should().BeFalse();
        stored.DisabledReason.Should().Be(WebhookDispatcher.GoneReason);
        var delivery = (await harness.ListDeliveriesAsync()).Should().ContainSingle("a disabled endpoint gets no new deliveries").Subject;
        delivery.State.Should().Be(WebhookDeliveryState.Failed);
        delivery.LastError.Should().Be(WebhookDeliveryErrors.Gone);
        receiver.Received.Should().ContainSingle("a gone endpoint is not retried");
    }

    [Fact]
    public async Task GivesUpAfterTheLastAttemptOfTheSchedule()
    {
        using var receiver = new WebhookTestReceiver((_, _) => new ReceiverAnswer(500));
        await using var harness = new WebhookHarness();
        await harness.AddEndpointAsync(receiver.BaseUrl);
        await harness.DecideAsync();

        for (var i = 0; i < 12; i++)
        {
            await harness.Dispatcher.RunOnceAsync(Ct);
            harness.Clock.Advance(TimeSpan.FromHours(25));
        }

        receiver.Received.Should().HaveCount(RetrySchedule.StandardDelays.Count);
        var delivery = (await harness.ListDeliveriesAsync()).Single();
        delivery.State.Should().Be(WebhookDeliveryState.Failed);
        delivery.Attempts.Select(a => a.Number).Should().Equal(Enumerable.Range(1, 10));
    }

    [Fact]
    public async Task AResentDeliveryIsAttemptedAgainWithTheSameWebhookId()
    {
        using var receiver = new WebhookTestReceiver((_, i) => new ReceiverAnswer(i == 0 ? 410 : 200));
        await using var harness = new WebhookHarness();
        var endpoint = await harness.AddEndpointAsync(receiver.BaseUrl);
        await harness.DecideAsync();
        await harness.Dispatcher.RunOnceAsync(Ct);
        var failed = (await harness.ListDeliveriesAsync()).Single();

        await harness.WithManagerAsync(m => m.EnableAsync(WebhookHarness.Tenant, endpoint.Endpoint.Id, Ct).AsTask());
        (await harness.Deliveries.ResendAsync(WebhookHarness.Tenant, failed.Id, harness.Clock.GetUtcNow(), Ct)).IsSuccess.Should().BeTrue();
        await harness.Dispatcher.RunOnceAsync(Ct);

        receiver.Received.Select(r => r.Id).Should().Equal(failed.MessageId, failed.MessageId);
        (await harness.ListDeliveriesAsync()).Single().State.Should().Be(WebhookDeliveryState.Delivered);
    }

    [Fact]
    public async Task CancelsAPendingDeliveryOfAnEndpointDisabledMeanwhile()
    {
        using var receiver = new WebhookTestReceiver((_, _) => new ReceiverAnswer(500));
        await using var harness = new WebhookHarness();
        var endpoint = await harness.AddEndpointAsync(receiver.BaseUrl);
        await harness.DecideAsync();
        await harness.Dispatcher.RunOnceAsync(Ct);

        await harness.WithManagerAsync(m => m.DisableAsync(WebhookHarness.Tenant, endpoint.Endpoint.Id, null, Ct).AsTask());
        harness.Clock.Advance(TimeSpan.FromMinutes(1));
        await harness.Dispatcher.RunOnceAsync(Ct);

        receiver.Received.Should().ContainSingle();
        var delivery = (await harness.ListDeliveriesAsync()).Single();
        delivery.State.Should().Be(WebhookDeliveryState.Cancelled);
        delivery.LastError.Should().Be(WebhookDeliveryErrors.EndpointDisabled);
    }

    [Fact]
    public async Task SignsWithTheOldAndTheNewSecretDuringARotation()
    {
        using var receiver = new WebhookTestReceiver((_, _) => new ReceiverAnswer(200));
        await using var harness = new WebhookHarness(o => o.SecretRotationGracePeriod = TimeSpan.FromHours(1));
        var endpoint = await harness.AddEndpointAsync(receiver.BaseUrl);
        var rotated = await harness.WithManagerAsync(m => m.RotateSecretAsync(WebhookHarness.Tenant, endpoint.Endpoint.Id, Ct).AsTask());
        await harness.DecideAsync();
        await harness.Dispatcher.RunOnceAsync(Ct);
        harness.Clock.Advance(TimeSpan.FromHours(1));
        await harness.DecideAsync();
        await harness.Dispatcher.RunOnceAsync(Ct);

        var old = WebhookSecret.Parse(endpoint.Secret).Value;
        var current = WebhookSecret.Parse(rotated.Value.Secret).Value;
        var verifier = new WebhookVerifier(harness.Clock, TimeSpan.FromHours(2));
        var requests = receiver.Received.ToList();
        requests.Should().HaveCount(2);
        requests[0].Signature!.Split(' ').Should().HaveCount(2);
        verifier.Verify(requests[0].Id, requests[0].Timestamp, requests[0].Signature, requests[0].Body, old).IsSuccess.Should().BeTrue("the old secret signs during the grace period");
        verifier.Verify(requests[0].Id, requests[0].Timestamp, requests[0].Signature, requests[0].Body, current).IsSuccess.Should().BeTrue();
        verifier.Verify(requests[1].Id, requests[1].Timestamp, requests[1].Signature, requests[1].Body, old).IsSuccess.Should().BeFalse("the grace period is over");
        verifier.Verify(requests[1].Id, requests[1].Timestamp, requests[1].Signature, requests[1].Body, current).IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task TwoDispatchersOnOneStoreDeliverEachEventOnce()
    {
        using var receiver = new WebhookTestReceiver((_, _) => new ReceiverAnswer(200, Delay: TimeSpan.FromMilliseconds(20)));
        await using var harness = new WebhookHarness(o => o.BatchSize = 3);
        await harness.AddEndpointAsync(receiver.BaseUrl);
        for (var i = 0; i < 12; i++)
        {
            await harness.DecideAsync();
        }

        var other = new WebhookDispatcher(
            harness.Services.GetRequiredService<IServiceScopeFactory>(),
            harness.Services.GetRequiredService<WebhookSender>(),
            harness.Services.GetRequiredService<WebhookDeliveryMetrics>(),
            harness.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebhookDeliveryOptions>>(),
            harness.Clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<WebhookDispatcher>.Instance);
        for (var round = 0; round < 6; round++)
        {
            await Task.WhenAll(harness.Dispatcher.RunOnceAsync(Ct), other.RunOnceAsync(Ct));
        }

        receiver.Received.Select(r => r.Id).Should().HaveCount(12).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task CountsAttemptsAndRetriesOnTheWebhookMeter()
    {
        using var receiver = new WebhookTestReceiver((_, i) => new ReceiverAnswer(i == 0 ? 503 : 200));
        await using var harness = new WebhookHarness();
        var measurements = new System.Collections.Concurrent.ConcurrentQueue<(string Name, long Value)>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == WebhookMetrics.MeterName && instrument.Meter.Scope is HarnessMeterFactory)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => measurements.Enqueue((instrument.Name, value)));
        listener.Start();
        await harness.AddEndpointAsync(receiver.BaseUrl);
        await harness.DecideAsync();

        await harness.Dispatcher.RunOnceAsync(Ct);
        harness.Clock.Advance(TimeSpan.FromSeconds(5));
        await harness.Dispatcher.RunOnceAsync(Ct);

        measurements.Select(m => m.Name).Should().BeEquivalentTo([WebhookMetrics.DeliveriesFailed, WebhookMetrics.DeliveriesRetried, WebhookMetrics.DeliveriesSucceeded]);
    }

    [Fact]
    public async Task KeepsSecretsOutOfTheLogs()
    {
        using var receiver = new WebhookTestReceiver((_, _) => new ReceiverAnswer(410));
        await using var harness = new WebhookHarness();
        var added = await harness.AddEndpointAsync(receiver.BaseUrl);
        var rotated = await harness.WithManagerAsync(m => m.RotateSecretAsync(WebhookHarness.Tenant, added.Endpoint.Id, Ct).AsTask());
        await harness.DecideAsync();
        await harness.Dispatcher.RunOnceAsync(Ct);

        var logs = string.Join("\n", harness.Logs.Messages);
        logs.Should().Contain(added.Endpoint.Id, "endpoints are named by id");
        logs.Should().NotContain(added.Secret).And.NotContain(rotated.Value.Secret).And.NotContain("whsec_");
    }
}
