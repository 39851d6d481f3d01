using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ReferenceHost.Cli;
using Verification.Core.Stores;
using Verification.Core.Verifications;
using Verification.Core.Webhooks;
using Verification.Hosting.Testing;
using Verification.Storage.Specification;
using Verification.Storage.Specification.Webhooks;

namespace ReferenceHost.Tests.Webhooks;

/// <summary>The reference host with webhooks to loopback allowed and a fast dispatcher.</summary>
public sealed class WebhookHostFactory : ReferenceHostFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Verification:Webhooks:AllowLoopback"] = "true",
        ["Verification:Webhooks:PollInterval"] = "00:00:00.050",
        ["Verification:Webhooks:RetryDelayScale"] = "0.001",
    };
}

public sealed class WebhookAdminTests(WebhookHostFactory factory) : IClassFixture<WebhookHostFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task DeliversADecisionToAnEndpointAddedThroughTheAdminApiAndShowsTheLog()
    {
        using var receiver = new WebhookTestReceiver((_, _) => new ReceiverAnswer(200));
        var client = factory.ClientWithToken((await factory.MintAsync("admin")).Token);

        var added = await client.PostAsJsonAsync("/api/v1/admin/webhooks", new { url = receiver.BaseUrl + "kyc" });
        added.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = JsonDocument.Parse(await added.Content.ReadAsStringAsync()).RootElement;
        var endpointId = created.GetProperty("endpointId").GetString()!;
        var secret = WebhookSecret.Parse(created.GetProperty("secret").GetString()).Value;
        var (folder, analysis) = await DecideAsync();

        var messageId = folder.Outbox.Single().Id;
        var received = (await WaitForAsync(receiver, r => r.Any(x => x.Id == messageId))).Single(r => r.Id == messageId);
        received.Path.Should().Be("/kyc");
        new WebhookVerifier(TimeProvider.System).Verify(received.Id, received.Timestamp, received.Signature, received.Body, secret).IsSuccess.Should().BeTrue();
        StandardWebhooksReceiver.Accepts(received, created.GetProperty("secret").GetString()!).Should().BeTrue("the StandardWebhooks package accepts our signature");
        var body = JsonDocument.Parse(received.Body).RootElement;
        body.GetProperty("analysisId").GetString().Should().Be(analysis.Id);
        body.GetProperty("verificationId").GetString().Should().Be(folder.VerificationId);
        body.GetProperty("newStatus").GetString().Should().Be("user_approved");

        var deliveries = await WaitForDeliveredAsync(client, endpointId);
        var delivery = deliveries.EnumerateArray().Single();
        delivery.GetProperty("webhookId").GetString().Should().Be(received.Id);
        delivery.GetProperty("attempts").EnumerateArray().Single().GetProperty("statusCode").GetInt32().Should().Be(200);
        (await client.GetStringAsync("/api/v1/admin/webhooks")).Should().Contain(endpointId).And.NotContain("whsec_", "secrets are shown only once");

        var resent = await client.PostAsync($"/api/v1/admin/webhook-deliveries/{delivery.GetProperty("deliveryId").GetString()}/resend", null);
        resent.StatusCode.Should().Be(HttpStatusCode.OK);
        var again = await WaitForAsync(receiver, r => r.Count(x => x.Id == messageId) >= 2);
        again.Where(r => r.Id == messageId).Should().HaveCount(2, "a resend repeats the same webhook-id");
    }

    [Fact]
    public async Task RotatesDisablesEnablesAndSendsATestEvent()
    {
        using var receiver = new WebhookTestReceiver((_, _) => new ReceiverAnswer(204));
        var client = factory.ClientWithToken((await factory.MintAsync("admin")).Token);
        var created = JsonDocument.Parse(await (await client.PostAsJsonAsync("/api/v1/admin/webhooks", new { url = receiver.BaseUrl })).Content.ReadAsStringAsync()).RootElement;
        var endpointId = created.GetProperty("endpointId").GetString()!;

        var rotated = JsonDocument.Parse(await (await client.PostAsync($"/api/v1/admin/webhooks/{endpointId}/rotate-secret", null)).Content.ReadAsStringAsync()).RootElement;
        var test = await client.PostAsync($"/api/v1/admin/webhooks/{endpointId}/test", null);
        static bool IsTest(ReceivedWebhook r) => JsonDocument.Parse(r.Body).RootElement.GetProperty("analysisId").GetString()!.StartsWith("test_", StringComparison.Ordinal);
        var received = (await WaitForAsync(receiver, r => r.Any(IsTest))).First(IsTest);
        var disabled = await client.PostAsJsonAsync($"/api/v1/admin/webhooks/{endpointId}/disable", new { reason = "receiver maintenance" });
        var refusedTest = await client.PostAsync($"/api/v1/admin/webhooks/{endpointId}/test", null);
        var enabled = await client.PostAsync($"/api/v1/admin/webhooks/{endpointId}/enable", null);

        test.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var verifier = new WebhookVerifier(TimeProvider.System);
        verifier.Verify(received.Id, received.Timestamp, received.Signature, received.Body, WebhookSecret.Parse(created.GetProperty("secret").GetString()).Value)
            .IsSuccess.Should().BeTrue("the old secret keeps signing during the grace period");
        verifier.Verify(received.Id, received.Timestamp, received.Signature, received.Body, WebhookSecret.Parse(rotated.GetProperty("secret").GetString()).Value)
            .IsSuccess.Should().BeTrue();
        StandardWebhooksReceiver.Accepts(received, rotated.GetProperty("secret").GetString()!)
            .Should().BeTrue("the StandardWebhooks package accepts the new secret's signature, which comes first");
        StandardWebhooksReceiver.Accepts(received, WebhookSecret.Generate().Reveal()).Should().BeFalse();
        JsonDocument.Parse(await disabled.Content.ReadAsStringAsync()).RootElement.GetProperty("disabledReason").GetString().Should().Be("receiver maintenance");
        refusedTest.StatusCode.Should().Be(HttpStatusCode.Conflict);
        JsonDocument.Parse(await enabled.Content.ReadAsStringAsync()).RootElement.GetProperty("enabled").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task RefusesAPrivateUrlAndTokensWithoutTheAdminScope()
    {
        var admin = factory.ClientWithToken((await factory.MintAsync("admin")).Token);
        var reviewer = factory.ClientWithToken((await factory.MintAsync("verifications:review")).Token);

        var linkLocal = await admin.PostAsJsonAsync("/api/v1/admin/webhooks", new { url = "http://169.254.169.254/latest" });
        var forbidden = await reviewer.GetAsync("/api/v1/admin/webhooks");
        var unknown = await admin.PostAsync("/api/v1/admin/webhook-deliveries/01JNOSUCHDELIVERY000000000/resend", null);

        linkLocal.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await linkLocal.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString().Should().Be("webhook.url_not_public");
        forbidden.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task SetWebhookPrintsTheEndpointIdAndTheSecret()
    {
        _ = factory.Server;
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await AdminCommandLine.RunAsync(
            ["admin", "set-webhook", "--url", "http://127.0.0.1:9/hooks", .. factory.ConfigurationArguments(), "--Verification:Webhooks:AllowLoopback=true"], stdout, stderr);

        exit.Should().Be(0, stderr.ToString());
        var printed = JsonDocument.Parse(stdout.ToString()).RootElement;
        printed.EnumerateObject().Select(p => p.Name).Should().Equal("endpointId", "secret");
        printed.GetProperty("secret").GetString().Should().StartWith("whsec_");
        using var scope = factory.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<IWebhookEndpointStore>().FindByIdAsync("default", printed.GetProperty("endpointId").GetString()!, CancellationToken.None);
        stored!.Url.Should().Be("http://127.0.0.1:9/hooks");
    }

    [Fact]
    public async Task SetWebhookRefusesLoopbackWithoutAllowLoopback()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await AdminCommandLine.RunAsync(["admin", "set-webhook", "--url", "https://127.0.0.1/hooks", .. factory.ConfigurationArguments()], stdout, stderr);

        exit.Should().Be(1);
        stdout.ToString().Should().BeEmpty();
        JsonDocument.Parse(stderr.ToString()).RootElement.GetProperty("code").GetString().Should().Be("webhook.url_not_public");
    }

    private async Task<(VerificationFolder Folder, Analysis Analysis)> DecideAsync()
    {
        using var scope = factory.Services.CreateScope();
        var folder = new SpecimenData().NewFolder("default", analyses: 1);
        await scope.ServiceProvider.GetRequiredService<IVerificationStore>().CreateAsync(folder, CancellationToken.None);
        using var decideScope = factory.Services.CreateScope();
        var decided = await decideScope.ServiceProvider.GetRequiredService<VerificationManager>()
            .DecideAsync("default", folder.Analyses[0].Id, DecisionKind.Approve, "analyst:test", null, CancellationToken.None);
        return decided.Value;
    }

    private static async Task<List<ReceivedWebhook>> WaitForAsync(WebhookTestReceiver receiver, Func<List<ReceivedWebhook>, bool> done)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var received = receiver.Received.ToList();
            if (done(received) || DateTime.UtcNow > deadline)
            {
                return received;
            }

            await Task.Delay(50);
        }
    }

    private static async Task<JsonElement> WaitForDeliveredAsync(HttpClient client, string endpointId)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var list = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/admin/webhook-deliveries?endpointId={endpointId}")).RootElement;
            if (list.EnumerateArray().All(d => d.GetProperty("state").GetString() == "delivered") || DateTime.UtcNow > deadline)
            {
                return list;
            }

            await Task.Delay(50);
        }
    }
}
