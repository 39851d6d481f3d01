using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Verification.Core.Stores;
using Verification.Hosting.Testing;

namespace ReferenceHost.Adversarial.Tests;

/// <summary>Another tenant's ids look exactly like ids that do not exist, and touching them changes nothing.</summary>
[Collection(HostileHostCollection.Name)]
public sealed class TenantIsolationTests(HostileHost host)
{
    public static TheoryData<string, string> RoutesWithIdsOfTenantB() => new()
    {
        { "verifications.get", "verification" },
        { "verifications.archive", "verification" },
        { "analyses.decide", "analysis" },
        { "admin.tokens.disable", "token" },
        { "admin.tokens.enable", "token" },
        { "admin.tokens.revoke", "token" },
        { "admin.webhooks.disable", "webhook" },
        { "admin.webhooks.enable", "webhook" },
        { "admin.webhooks.rotate_secret", "webhook" },
        { "admin.webhooks.test", "webhook" },
        { "admin.webhook_deliveries.get", "delivery" },
        { "admin.webhook_deliveries.resend", "delivery" },
    };

    [Theory]
    [MemberData(nameof(RoutesWithIdsOfTenantB))]
    public async Task AnswersAnotherTenantsIdExactlyLikeAMissingId(string routeName, string kind)
    {
        var route = Routes.Named(routeName);
        var foreign = kind switch
        {
            "verification" => host.VerificationOfB,
            "analysis" => host.AnalysisOfB,
            "token" => host.TokenIdOfB,
            "webhook" => host.WebhookOfB,
            _ => host.DeliveryOfB,
        };
        var missing = Routes.MissingId();
        var before = await host.SnapshotAsync();

        var ofB = await host.SendAsync(new HttpMethod(route.Method), route.Path(foreign), host.Token, route.Sample());
        var absent = await host.SendAsync(new HttpMethod(route.Method), route.Path(missing), host.Token, route.Sample());

        Expect.Problem(ofB, [404]);
        ofB.Status.Should().Be(absent.Status);
        Comparable(ofB.Body, foreign).Should().Be(Comparable(absent.Body, missing), "another tenant's id must not be distinguishable from a missing one");
        ofB.Headers.Select(h => h.Key).Should().BeEquivalentTo(absent.Headers.Select(h => h.Key));
        Expect.NothingStored(before, await host.SnapshotAsync(), ofB);
        (await host.SendAsync(HttpMethod.Get, "/api/v1/verifications?limit=1", host.TokenOfB)).Status.Should().Be(200, "tenant B's token still works");
    }

    [Fact]
    public async Task ScopesCorrelationIdsToTheTenantThatSentThem()
    {
        var shared = "SHARED-" + Guid.NewGuid().ToString("N");
        var body = new { paramDict = new { mrz = Specimens.IcaoPassport, save = true } };
        var ofB = await host.SendAsync(HttpMethod.Post, "/api/v1/reco/mrz", host.TokenOfB, HostileHost.Json(body), h => h.Add("X-Correlation-ID", shared));

        var ofA = await host.SendAsync(HttpMethod.Post, "/api/v1/reco/mrz", host.Token, HostileHost.Json(body), h => h.Add("X-Correlation-ID", shared));
        var listed = await host.SendAsync(HttpMethod.Get, "/api/v1/verifications?correlationId=" + shared, host.TokenOfB);

        ofB.Status.Should().Be(200, ofB.ToString());
        ofA.Status.Should().Be(200, ofA.ToString());
        ofA.Json.GetProperty("verificationId").GetString().Should().Be(shared);
        using var scope = host.Factory.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<IVerificationStore>();
        (await store.FindByIdAsync(HostileHost.TenantB, shared, CancellationToken.None))!.Analyses.Should().ContainSingle("tenant A's submission joined its own folder");
        (await store.FindByIdAsync("default", shared, CancellationToken.None))!.Analyses.Should().ContainSingle();
        listed.Json.GetProperty("items").GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task ListsNothingOfAnotherTenant()
    {
        var ofA = await host.SendAsync(HttpMethod.Post, "/api/v1/reco/mrz", host.Token,
            HostileHost.Json(new { paramDict = new { mrz = Specimens.IcaoPassport, save = true } }));
        var id = ofA.Json.GetProperty("verificationId").GetString()!;

        var listed = await host.SendAsync(HttpMethod.Get, "/api/v1/verifications?limit=200", host.TokenOfB);
        var tokens = await host.SendAsync(HttpMethod.Get, "/api/v1/admin/tokens", host.TokenOfB);
        var users = await host.SendAsync(HttpMethod.Get, "/api/v1/admin/service-users", host.TokenOfB);

        listed.Status.Should().Be(200);
        listed.Body.Should().NotContain(id);
        tokens.Body.Should().NotContain(host.TokenId);
        users.Json.GetArrayLength().Should().Be(1, "tenant B has its one service user");
    }

    // The body with the traceId removed and the id asked for replaced, so that two answers can be compared.
    private static string Comparable(string body, string id)
    {
        var node = JsonNode.Parse(body)!.AsObject();
        node.Remove("traceId");
        return node.ToJsonString().Replace(id, "{id}", StringComparison.Ordinal);
    }
}
