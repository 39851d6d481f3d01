using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Verification.Core.Verifications;
using Verification.Core.Webhooks;

namespace Verification.Core.Tests.Webhooks;

public sealed class WebhookEndpointManagerTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task AddsAnEndpointWithAFreshSecretShownOnce()
    {
        await using var harness = new WebhookHarness();

        var added = await harness.AddEndpointAsync("https://hooks.example.com/verification");

        added.Secret.Should().StartWith("whsec_");
        WebhookSecret.Parse(added.Secret).Value.Length.Should().Be(32);
        added.Endpoint.Url.Should().Be("https://hooks.example.com/verification");
        added.Endpoint.Enabled.Should().BeTrue();
        added.Endpoint.EventTypes.Should().Equal("analysis.decided");
        var listed = await harness.WithManagerAsync(async m => await ToListAsync(m.ListAsync(WebhookHarness.Tenant, Ct)));
        listed.Should().ContainSingle().Which.Id.Should().Be(added.Endpoint.Id);
        (await harness.AddEndpointAsync("https://hooks.example.com/other")).Secret.Should().NotBe(added.Secret);
    }

    [Theory]
    [InlineData("http://hooks.example.com/", "webhook.url_invalid")]
    [InlineData("https://127.0.0.1/", "webhook.url_not_public")]
    [InlineData("https://10.0.0.8/", "webhook.url_not_public")]
    [InlineData("https://localhost/", "webhook.url_not_public")]
    [InlineData("https://user:pw@hooks.example.com/", "webhook.url_invalid")]
    [InlineData("not a url", "webhook.url_invalid")]
    public async Task RefusesAUrlThePolicyRefuses(string url, string code)
    {
        await using var harness = new WebhookHarness(o => o.AllowLoopback = false);

        var added = await harness.WithManagerAsync(m => m.AddAsync(WebhookHarness.Tenant, url, null, Ct).AsTask());

        added.Failure!.Code.Should().Be(code);
        (await harness.WithManagerAsync(async m => await ToListAsync(m.ListAsync(WebhookHarness.Tenant, Ct)))).Should().BeEmpty();
    }

    [Fact]
    public async Task AcceptsALoopbackHttpUrlWhenLoopbackIsAllowed()
    {
        await using var harness = new WebhookHarness(o => o.AllowLoopback = true);

        var added = await harness.WithManagerAsync(m => m.AddAsync(WebhookHarness.Tenant, "http://127.0.0.1:9000/hooks", null, Ct).AsTask());

        added.IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task RefusesAnUnknownEventType()
    {
        await using var harness = new WebhookHarness();

        var added = await harness.WithManagerAsync(m => m.AddAsync(WebhookHarness.Tenant, "https://hooks.example.com/", ["analysis.deleted"], Ct).AsTask());

        added.Failure!.Code.Should().Be("webhook_endpoint.event_type_unknown");
    }

    [Fact]
    public async Task RotatingKeepsTheOldSecretSigningForTheGracePeriodOnly()
    {
        await using var harness = new WebhookHarness(o => o.SecretRotationGracePeriod = TimeSpan.FromHours(24));
        var added = await harness.AddEndpointAsync("https://hooks.example.com/");

        var rotated = (await harness.WithManagerAsync(m => m.RotateSecretAsync(WebhookHarness.Tenant, added.Endpoint.Id, Ct).AsTask())).Value;

        rotated.Secret.Should().NotBe(added.Secret);
        var stored = (await harness.Endpoints.FindByIdAsync(WebhookHarness.Tenant, added.Endpoint.Id, Ct))!;
        stored.Secret.Should().Be(rotated.Secret);
        stored.PreviousSecret.Should().Be(added.Secret);
        stored.PreviousSecretExpiresAt.Should().Be(harness.Clock.GetUtcNow().AddHours(24));
        stored.SigningSecrets(harness.Clock.GetUtcNow().AddHours(23)).ActiveAt(harness.Clock.GetUtcNow().AddHours(23)).Should().HaveCount(2);
        stored.SigningSecrets(harness.Clock.GetUtcNow().AddHours(24)).ActiveAt(harness.Clock.GetUtcNow().AddHours(24)).Should().ContainSingle()
            .Which.HasSameKeyAs(WebhookSecret.Parse(rotated.Secret).Value).Should().BeTrue();
    }

    [Fact]
    public async Task DisablesAndEnablesAnEndpointOfItsOwnTenantOnly()
    {
        await using var harness = new WebhookHarness();
        var added = await harness.AddEndpointAsync("https://hooks.example.com/");

        var disabled = await harness.WithManagerAsync(m => m.DisableAsync(WebhookHarness.Tenant, added.Endpoint.Id, null, Ct).AsTask());
        var foreign = await harness.WithManagerAsync(m => m.EnableAsync("another-tenant", added.Endpoint.Id, Ct).AsTask());
        var test = await harness.WithManagerAsync(m => m.SendTestEventAsync(WebhookHarness.Tenant, added.Endpoint.Id, Ct).AsTask());
        var enabled = await harness.WithManagerAsync(m => m.EnableAsync(WebhookHarness.Tenant, added.Endpoint.Id, Ct).AsTask());

        disabled.Value.Enabled.Should().BeFalse();
        disabled.Value.DisabledReason.Should().Be(WebhookEndpointManager.DisabledByAdministrator);
        foreign.Failure!.Code.Should().Be("webhook_endpoint.not_found");
        test.Failure!.Code.Should().Be("webhook_endpoint.disabled");
        enabled.Value.Enabled.Should().BeTrue();
        enabled.Value.DisabledReason.Should().BeNull();
    }

    [Fact]
    public async Task QueuesATestEventForOneEndpoint()
    {
        await using var harness = new WebhookHarness();
        var first = await harness.AddEndpointAsync("https://hooks.example.com/a");
        await harness.AddEndpointAsync("https://hooks.example.com/b");

        var test = await harness.WithManagerAsync(m => m.SendTestEventAsync(WebhookHarness.Tenant, first.Endpoint.Id, Ct).AsTask());

        test.Value.EndpointId.Should().Be(first.Endpoint.Id);
        test.Value.MessageId.Should().StartWith("msg_");
        var body = (AnalysisDecidedEvent)WebhookEventSerializer.Deserialize(System.Text.Encoding.UTF8.GetBytes(test.Value.Body)).Value;
        body.AnalysisId.Should().StartWith("test_");
        (await harness.ListDeliveriesAsync()).Should().ContainSingle();
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}

public sealed class WebhookDeliveryOptionsTests
{
    [Fact]
    public void TheDefaultsAreValidAndFollowTheSpecification()
    {
        var options = new WebhookDeliveryOptions();

        new WebhookDeliveryOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
        options.AllowLoopback.Should().BeFalse();
        options.RequestTimeout.Should().Be(TimeSpan.FromSeconds(15));
        options.SecretRotationGracePeriod.Should().Be(TimeSpan.FromHours(24));
        options.CreateRetrySchedule().MaxAttempts.Should().Be(10);
    }

    [Theory]
    [InlineData("PollInterval")]
    [InlineData("LeaseDuration")]
    [InlineData("BatchSize")]
    [InlineData("SecretRotationGracePeriod")]
    [InlineData("RetryDelayScale")]
    public void RefusesABadSettingByName(string setting)
    {
        var options = new WebhookDeliveryOptions();
        switch (setting)
        {
            case "PollInterval": options.PollInterval = TimeSpan.Zero; break;
            case "LeaseDuration": options.LeaseDuration = TimeSpan.FromSeconds(10); break;
            case "BatchSize": options.BatchSize = 0; break;
            case "SecretRotationGracePeriod": options.SecretRotationGracePeriod = TimeSpan.FromHours(-1); break;
            default: options.RetryDelayScale = 0; break;
        }

        var result = new WebhookDeliveryOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("Verification:Webhooks:" + setting);
    }

    [Fact]
    public void ScalesTheScheduleForTests()
    {
        var schedule = new WebhookDeliveryOptions { RetryDelayScale = 0.001, RetryJitter = 0 }.CreateRetrySchedule();

        schedule.NextDelay(1).Should().Be(TimeSpan.FromMilliseconds(5));
        schedule.NextDelay(2).Should().Be(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task AFailingConfigurationStopsTheHostAtStart()
    {
        await using var harness = new WebhookHarness(o => o.BatchSize = -1);

        var resolve = () => harness.Services.GetRequiredService<IOptions<WebhookDeliveryOptions>>().Value;

        resolve.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("BatchSize");
    }
}

public sealed class OutboxTests
{
    [Fact]
    public void ADecisionAppendsAnAnalysisDecidedMessageWithoutACorrelationIdWhenTheIdWasGenerated()
    {
        var clock = new Verification.Storage.Specification.ManualClock(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero));
        var folder = VerificationFolder.Create("default", "01JGENERATED0000000000000", fromCorrelationId: false, null, clock);
        var analysis = new Verification.Storage.Specification.SpecimenData().NewAnalysis(folder);
        folder.AddAnalysis(analysis, "service:svc", clock.GetUtcNow());

        folder.Decide(analysis.Id, DecisionKind.Approve, "analyst:A", null, clock.GetUtcNow()).IsSuccess.Should().BeTrue();
        folder.Decide(analysis.Id, DecisionKind.Reject, "analyst:B", null, clock.GetUtcNow()).IsSuccess.Should().BeFalse();

        var message = folder.Outbox.Should().ContainSingle("a refused decision raises nothing").Subject;
        message.CreatedAt.Should().Be(clock.GetUtcNow());
        var json = System.Text.Json.JsonDocument.Parse(message.Body).RootElement;
        json.GetProperty("type").GetString().Should().Be("analysis.decided");
        json.GetProperty("correlationId").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        json.GetProperty("sessionId").GetString().Should().Be("01JGENERATED0000000000000");
        json.GetProperty("sesssionId").GetString().Should().Be("01JGENERATED0000000000000");
        json.GetProperty("newStatus").GetString().Should().Be("user_approved");
        json.GetProperty("occurredAt").GetString().Should().Be("2026-11-21T10:00:00Z");
    }
}
