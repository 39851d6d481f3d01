namespace ReferenceHost.Adversarial.Tests;

/// <summary>Every API route refuses every forged, stale or insufficient credential alike, and stores nothing.</summary>
[Collection(HostileHostCollection.Name)]
public sealed class AccessTests(HostileHost host)
{
    public static TheoryData<string, string> RoutesAndAttacks()
    {
        var data = new TheoryData<string, string>();
        foreach (var route in Routes.Api)
        {
            foreach (var attack in ForgedTokens.Attacks)
            {
                data.Add(route.Name, attack);
            }
        }

        return data;
    }

    public static TheoryData<string> RouteNames()
    {
        var data = new TheoryData<string>();
        foreach (var route in Routes.Api)
        {
            data.Add(route.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RoutesAndAttacks))]
    public async Task RefusesTheCredentialWith401AndStoresNothing(string routeName, string attack)
    {
        var route = Routes.Named(routeName);
        var before = await host.SnapshotAsync();
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), route.Path(host.VerificationOfB)) { Content = route.Sample() };
        if (ForgedTokens.Header(attack, host) is { } authorization)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var reply = await host.SendAsync(request);

        Expect.Problem(reply, [401], attack == "no-token" ? "auth.missing_token" : "auth.invalid_token");
        reply.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer");
        Expect.NothingStored(before, await host.SnapshotAsync(), reply);
    }

    [Theory]
    [MemberData(nameof(RouteNames))]
    public async Task RefusesATokenWithoutTheScopeWith403AndStoresNothing(string routeName)
    {
        var route = Routes.Named(routeName);
        var before = await host.SnapshotAsync();

        var reply = await host.SendAsync(new HttpMethod(route.Method), route.Path(Routes.MissingId()), host.TokenWithout[route.Scope], route.Sample());

        Expect.Problem(reply, [403], "auth.insufficient_scope");
        Expect.NothingStored(before, await host.SnapshotAsync(), reply);
    }

    [Fact]
    public async Task AcceptsATokenResignedWithTheRealKeyAndUnchangedClaims()
    {
        // Proves the forging is sound: the refusals above come from what each attack changed.
        var reply = await host.SendAsync(HttpMethod.Get, "/api/v1/verifications?limit=1", ForgedTokens.Resign(host.Token));

        reply.Status.Should().Be(200, reply.ToString());
    }

    [Theory]
    [InlineData("/api/v1/no-such-route")]
    [InlineData("/api/v1/verifications/%2e%2e%2f%2e%2e%2fadmin%2ftokens")]
    [InlineData("/api/v2/verifications")]
    public async Task AnswersUnknownRoutesWithAProblem(string path)
    {
        var reply = await host.SendAsync(HttpMethod.Get, path, host.Token);

        Expect.Problem(reply, [400, 401, 404, 405]);
    }
}
