using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Verification.Core.Analysts;
using Verification.Core.Audit;
using Verification.Core.Stores;
using Verification.Core.Webhooks;
using Verification.Hosting.Testing;
using Verification.Storage.Specification.Webhooks;

namespace ReferenceHost.Tests.BackOffice;

/// <summary>
/// The reference host with webhooks to loopback allowed, a fast dispatcher and a compressed retry schedule
/// (the ten attempts of a failing delivery take about three seconds), for the Integration page.
/// </summary>
public class IntegrationHostFactory : ReferenceHostFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Verification:Webhooks:AllowLoopback"] = "true",
        ["Verification:Webhooks:PollInterval"] = "00:00:00.050",
        ["Verification:Webhooks:RetryDelayScale"] = "0.00001",
    };
}

/// <summary>The same on PostgreSQL.</summary>
public sealed class PostgreSqlIntegrationHostFactory : IntegrationHostFactory
{
    public override string Provider => "PostgreSql";
}

public abstract partial class IntegrationPageTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : IntegrationHostFactory
{
    private const string Page = "/backoffice/settings/integration";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    protected TFactory Factory { get; } = factory;

    [Fact]
    public async Task AddsAnEndpointAndShowsItsSecretOnlyOnce()
    {
        var admin = await BackOfficeSession.SignInAsync(Factory, AnalystRoles.Admin);
        var url = $"http://127.0.0.1:9/hooks/{Guid.NewGuid():N}";

        var added = await AddAsync(admin, url);
        var html = await added.Content.ReadAsStringAsync();
        var (endpointId, secret) = IssuedSecret(html);
        var (_, later) = await admin.GetAsync(Page);

        added.StatusCode.Should().Be(HttpStatusCode.OK);
        secret.Should().StartWith("whsec_");
        html.Should().Contain("it is shown only once").And.Contain("data-copy=\"webhook-secret\"");
        later.Should().NotContain(secret, "a secret is shown once").And.NotContain("whsec_");
        later.Should().Contain("<code>" + url + "</code>").And.Contain("id=\"endpoint-" + endpointId + "\"").And.Contain("st-enabled");
        var stored = await FindEndpointAsync(endpointId);
        stored.Url.Should().Be(url);
        stored.Secret.Should().Be(secret);
        stored.EventTypes.Should().Equal(WebhookEventTypes.AnalysisDecided);
        (await AuditAsync("backoffice.webhook_add")).Should().Contain(e => e.ActorId == admin.AnalystId && e.TargetId == endpointId && e.Outcome == "success");
    }

    [Fact]
    public async Task ShowsARefusedUrlAsAFormErrorAndAddsNothing()
    {
        var admin = await BackOfficeSession.SignInAsync(Factory, AnalystRoles.Admin);
        var before = (await ListEndpointsAsync()).Count;

        var metadata = await AddAsync(admin, "http://169.254.169.254/latest/meta-data");
        var notUrl = await AddAsync(admin, "not a url");
        var userInfo = await AddAsync(admin, "https://user:pass@127.0.0.1/hooks");
        var noEvent = await admin.PostFormAsync(Page, Page + "?handler=Add", Fields(("Add.Url", "http://127.0.0.1:9/no-event")));

        foreach (var refused in new[] { metadata, notUrl, userInfo, noEvent })
        {
            refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }

        var metadataHtml = await metadata.Content.ReadAsStringAsync();
        metadataHtml.Should().Contain("id=\"url-error\"").And.Contain("not public (LinkLocal)").And.Contain("aria-invalid=\"true\"")
            .And.Contain("value=\"http://169.254.169.254/latest/meta-data\"", "the form keeps what was typed");
        (await notUrl.Content.ReadAsStringAsync()).Should().Contain("The webhook URL is not an absolute URL.");
        (await userInfo.Content.ReadAsStringAsync()).Should().Contain("must not contain a user name or password");
        (await noEvent.Content.ReadAsStringAsync()).Should().Contain("id=\"events-error\"").And.Contain("Choose at least one event.");
        (await ListEndpointsAsync()).Should().HaveCount(before);
        (await AuditAsync("backoffice.webhook_add")).Should().Contain(e => e.ActorId == admin.AnalystId && e.Outcome == WebhookFailures.UrlNotPublicCode);
    }

    [Fact]
    public async Task DisablesAndEnablesAnEndpoint()
    {
        var admin = await BackOfficeSession.SignInAsync(Factory, AnalystRoles.Admin);
        var (endpointId, _) = IssuedSecret(await (await AddAsync(admin, "http://127.0.0.1:9/disable-me")).Content.ReadAsStringAsync());

        var disabled = await admin.PostFormAsync(Page, Page + "?handler=Disable", Fields(("endpointId", endpointId)));
        var (_, disabledPage) = await admin.GetAsync(Page);
        var storedDisabled = await FindEndpointAsync(endpointId);
        var test = await admin.PostFormAsync(Page, Page + "?handler=Test", Fields(("endpointId", endpointId)));
        var enabled = await admin.PostFormAsync(Page, Page + "?handler=Enable", Fields(("endpointId", endpointId)));
        var unknown = await admin.PostFormAsync(Page, Page + "?handler=Disable", Fields(("endpointId", "01JNOSUCHENDPOINT000000000")));

        disabled.StatusCode.Should().Be(HttpStatusCode.Redirect);
        disabledPage.Should().Contain("Endpoint http://127.0.0.1:9/disable-me disabled.").And.Contain(WebhookEndpointManager.DisabledByAdministrator);
        Regex.Match(disabledPage, $"id=\"endpoint-{endpointId}\".*?</tr>", RegexOptions.Singleline).Value
            .Should().Contain("st-disabled").And.Contain("?handler=Enable").And.NotContain("Send test event");
        storedDisabled.Enabled.Should().BeFalse();
        test.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await test.Content.ReadAsStringAsync()).Should().Contain("The webhook endpoint is disabled; enable it first.");
        enabled.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await FindEndpointAsync(endpointId)).Enabled.Should().BeTrue();
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await AuditAsync("backoffice.webhook_disable")).Should().Contain(e => e.TargetId == endpointId && e.Outcome == "success")
            .And.Contain(e => e.TargetId == "01JNOSUCHENDPOINT000000000" && e.Outcome == "webhook_endpoint.not_found");
        (await AuditAsync("backoffice.webhook_enable")).Should().Contain(e => e.TargetId == endpointId && e.Outcome == "success");
        (await AuditAsync("backoffice.webhook_test")).Should().Contain(e => e.TargetId == endpointId && e.Outcome == "webhook_endpoint.disabled");
    }

    [Fact]
    public async Task RotatesTheSecretShowingTheNewOneOnceWhileTheOldOneKeepsSigning()
    {
        var admin = await BackOfficeSession.SignInAsync(Factory, AnalystRoles.Admin);
        var (endpointId, first) = IssuedSecret(await (await AddAsync(admin, "http://127.0.0.1:9/rotate-me")).Content.ReadAsStringAsync());

        var rotated = await admin.PostFormAsync(Page, Page + "?handler=Rotate", Fields(("endpointId", endpointId)));
        var html = await rotated.Content.ReadAsStringAsync();
        var (rotatedId, second) = IssuedSecret(html);
        var (_, later) = await admin.GetAsync(Page);

        rotated.StatusCode.Should().Be(HttpStatusCode.OK);
        rotatedId.Should().Be(endpointId);
        second.Should().StartWith("whsec_").And.NotBe(first);
        html.Should().Contain("New signing secret").And.Contain("The previous secret keeps signing next to this one until");
        later.Should().NotContain(second).And.NotContain(first);
        var stored = await FindEndpointAsync(endpointId);
        stored.Secret.Should().Be(second);
        stored.PreviousSecret.Should().Be(first);
        stored.PreviousSecretExpiresAt.Should().BeAfter(DateTimeOffset.UtcNow.AddHours(23));
        (await AuditAsync("backoffice.webhook_rotate_secret")).Should().Contain(e => e.ActorId == admin.AnalystId && e.TargetId == endpointId && e.Outcome == "success");
    }

    [Fact]
    public async Task SendsATestEventThroughTheDispatcherSignedWithTheSecretShown()
    {
        using var receiver = new WebhookTestReceiver((_, _) => new ReceiverAnswer(204));
        var admin = await BackOfficeSession.SignInAsync(Factory, AnalystRoles.Admin);
        var (endpointId, secret) = IssuedSecret(await (await AddAsync(admin, receiver.BaseUrl + "kyc")).Content.ReadAsStringAsync());

        var test = await admin.PostFormAsync(Page, Page + "?handler=Test", Fields(("endpointId", endpointId)));
        var received = await WaitForAsync(() => receiver.Received.FirstOrDefault(IsTestEvent));
        var delivery = await WaitForAsync(async () => (await DeliveriesAsync(endpointId)).SingleOrDefault(d => d.MessageId == received.Id && d.State == WebhookDeliveryState.Delivered));
        var (_, html) = await admin.GetAsync(Page);

        test.StatusCode.Should().Be(HttpStatusCode.Redirect);
        test.Headers.Location!.ToString().Should().Be(Page + "#deliveries-" + endpointId);
        received.Path.Should().Be("/kyc");
        new WebhookVerifier(TimeProvider.System).Verify(received.Id, received.Timestamp, received.Signature, received.Body, WebhookSecret.Parse(secret).Value)
            .IsSuccess.Should().BeTrue("the receiver verifies with the secret the page showed");
        var body = JsonDocument.Parse(received.Body).RootElement;
        body.GetProperty("type").GetString().Should().Be(WebhookEventTypes.AnalysisDecided);
        delivery.MessageId.Should().Be(received.Id);
        html.Should().Contain("Test event " + received.Id + " queued");
        var row = Regex.Match(html, $"id=\"delivery-{delivery.Id}\".*?</tr>", RegexOptions.Singleline).Value;
        row.Should().Contain("<code>" + received.Id + "</code>").And.Contain("st-delivered").And.Contain("HTTP 204").And.NotContain("Retry now");
        Regex.Match(html, $"id=\"endpoint-{endpointId}\".*?</tr>", RegexOptions.Singleline).Value.Should().Contain("st-delivered").And.Contain("HTTP 204");
        (await AuditAsync("backoffice.webhook_test")).Should().Contain(e => e.ActorId == admin.AnalystId && e.TargetId == endpointId && e.Outcome == "success");
    }

    [Fact]
    public async Task RetriesAFailedDeliveryNowWithTheSameWebhookId()
    {
        var failing = true;
        using var receiver = new WebhookTestReceiver((_, _) => new ReceiverAnswer(Volatile.Read(ref failing) ? 500 : 200));
        var admin = await BackOfficeSession.SignInAsync(Factory, AnalystRoles.Admin);
        var (endpointId, secret) = IssuedSecret(await (await AddAsync(admin, receiver.BaseUrl + "flaky")).Content.ReadAsStringAsync());
        (await admin.PostFormAsync(Page, Page + "?handler=Test", Fields(("endpointId", endpointId)))).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var failed = await WaitForAsync(async () => (await DeliveriesAsync(endpointId)).SingleOrDefault(d => IsTestEvent(d.Body) && d.State == WebhookDeliveryState.Failed));
        var (_, failedPage) = await admin.GetAsync(Page);
        Volatile.Write(ref failing, false);
        var retry = await admin.PostFormAsync(Page, Page + "?handler=Retry", Fields(("deliveryId", failed.Id)));
        var delivered = await WaitForAsync(async () => (await DeliveriesAsync(endpointId)).SingleOrDefault(d => d.Id == failed.Id && d.State == WebhookDeliveryState.Delivered));
        var again = await admin.PostFormAsync(Page, Page + "?handler=Retry", Fields(("deliveryId", failed.Id)));

        failed.AttemptCount.Should().Be(RetrySchedule.StandardDelays.Count, "the whole schedule ran out");
        var failedRow = WebUtility.HtmlDecode(Regex.Match(failedPage, $"id=\"delivery-{failed.Id}\".*?</tr>", RegexOptions.Singleline).Value);
        failedRow.Should().Contain("st-failed").And.Contain("HTTP 500 · http_status").And.Contain("Retry now").And.Contain(">10<");
        retry.StatusCode.Should().Be(HttpStatusCode.Redirect);
        delivered.Id.Should().Be(failed.Id);
        delivered.AttemptCount.Should().Be(RetrySchedule.StandardDelays.Count + 1);
        var acknowledged = receiver.Received.Single(r => r.StatusCode == 200 && IsTestEvent(r));
        acknowledged.Id.Should().Be(failed.MessageId, "a retry keeps the webhook-id");
        new WebhookVerifier(TimeProvider.System).Verify(acknowledged.Id, acknowledged.Timestamp, acknowledged.Signature, acknowledged.Body, WebhookSecret.Parse(secret).Value)
            .IsSuccess.Should().BeTrue();
        again.StatusCode.Should().Be(HttpStatusCode.Conflict, "a delivered event has nothing to retry");
        (await AuditAsync("backoffice.webhook_retry")).Should().Contain(e => e.ActorId == admin.AnalystId && e.TargetId == failed.Id && e.Outcome == "success")
            .And.Contain(e => e.TargetId == failed.Id && e.Outcome == "backoffice.webhook_delivered");
    }

    [Fact]
    public async Task RefusesAnalystsAndHidesTheLinkFromThem()
    {
        var analyst = await BackOfficeSession.SignInAsync(Factory);
        var admin = await BackOfficeSession.SignInAsync(Factory, AnalystRoles.Admin);
        var before = (await ListEndpointsAsync()).Count;

        var (status, _) = await analyst.GetAsync(Page);
        var (_, analystDashboard) = await analyst.GetAsync("/backoffice");
        var (_, adminDashboard) = await admin.GetAsync("/backoffice");
        var token = BackOfficeSession.Token(await analyst.Client.GetStringAsync("/backoffice/analyses"));
        var post = await analyst.PostWithTokenAsync(Page + "?handler=Add", token, Fields(("Add.Url", "http://127.0.0.1:9/sneaky"), ("Add.EventTypes", WebhookEventTypes.AnalysisDecided)));

        status.Should().Be(HttpStatusCode.Forbidden);
        post.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        analystDashboard.Should().NotContain(Page);
        adminDashboard.Should().Contain("href=\"" + Page + "\"");
        (await ListEndpointsAsync()).Should().HaveCount(before);
    }

    [Fact]
    public async Task RefusesAFormPostedWithoutItsAntiforgeryToken()
    {
        var admin = await BackOfficeSession.SignInAsync(Factory, AnalystRoles.Admin);
        var before = (await ListEndpointsAsync()).Count;

        var post = await admin.Client.PostAsync(Page + "?handler=Add", new FormUrlEncodedContent(Fields(("Add.Url", "http://127.0.0.1:9/forged"), ("Add.EventTypes", WebhookEventTypes.AnalysisDecided))));

        post.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ListEndpointsAsync()).Should().HaveCount(before);
    }

    // Demo data decides analyses too; a test event is told apart by its made-up ids.
    private static bool IsTestEvent(ReceivedWebhook received) => IsTestEvent(System.Text.Encoding.UTF8.GetString(received.Body));

    private static bool IsTestEvent(string body) =>
        JsonDocument.Parse(body).RootElement.GetProperty("analysisId").GetString()!.StartsWith("test_", StringComparison.Ordinal);

    private static Task<HttpResponseMessage> AddAsync(BackOfficeSession session, string url) =>
        session.PostFormAsync(Page, Page + "?handler=Add", Fields(("Add.Url", url), ("Add.EventTypes", WebhookEventTypes.AnalysisDecided)));

    private static (string EndpointId, string Secret) IssuedSecret(string html)
    {
        var match = IssuedSecretPattern().Match(html);
        match.Success.Should().BeTrue("the page shows the issued secret");
        return (match.Groups[2].Value, WebUtility.HtmlDecode(match.Groups[1].Value));
    }

    [GeneratedRegex("id=\"webhook-secret\" class=\"token\" readonly value=\"([^\"]+)\" spellcheck=\"false\" autocomplete=\"off\" data-endpoint=\"([0-9A-Z]{26})\"")]
    private static partial Regex IssuedSecretPattern();

    private static IEnumerable<KeyValuePair<string, string>> Fields(params (string Key, string Value)[] fields) =>
        fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value));

    private static async Task<T> WaitForAsync<T>(Func<T?> probe)
        where T : class =>
        await WaitForAsync(() => Task.FromResult(probe()));

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException($"Nothing came within {Patience.TotalSeconds} s.");
            }

            await Task.Delay(50);
        }
    }

    private async Task<WebhookEndpoint> FindEndpointAsync(string endpointId)
    {
        using var scope = Factory.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<IWebhookEndpointStore>().FindByIdAsync("default", endpointId, CancellationToken.None))!;
    }

    private async Task<List<WebhookEndpoint>> ListEndpointsAsync()
    {
        using var scope = Factory.Services.CreateScope();
        var list = new List<WebhookEndpoint>();
        await foreach (var endpoint in scope.ServiceProvider.GetRequiredService<IWebhookEndpointStore>().ListAsync("default", CancellationToken.None))
        {
            list.Add(endpoint);
        }

        return list;
    }

    private async Task<List<WebhookDelivery>> DeliveriesAsync(string endpointId)
    {
        using var scope = Factory.Services.CreateScope();
        var list = new List<WebhookDelivery>();
        await foreach (var delivery in scope.ServiceProvider.GetRequiredService<IWebhookDeliveryStore>()
            .ListAsync(new WebhookDeliveryQuery { TenantId = "default", EndpointId = endpointId }, CancellationToken.None))
        {
            list.Add(delivery);
        }

        return list;
    }

    private async Task<List<AuditEntry>> AuditAsync(string action)
    {
        using var scope = Factory.Services.CreateScope();
        var entries = new List<AuditEntry>();
        await foreach (var e in scope.ServiceProvider.GetRequiredService<IAuditStore>().ListAsync(new AuditQuery { TenantId = "default", Action = action }, CancellationToken.None))
        {
            entries.Add(e);
        }

        return entries;
    }
}

public sealed class SqliteIntegrationPageTests(IntegrationHostFactory factory) : IntegrationPageTests<IntegrationHostFactory>(factory);

public sealed class PostgreSqlIntegrationPageTests(PostgreSqlIntegrationHostFactory factory) : IntegrationPageTests<PostgreSqlIntegrationHostFactory>(factory);
