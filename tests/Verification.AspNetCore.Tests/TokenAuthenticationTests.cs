using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Verification.AspNetCore.Auditing;
using Verification.Core.Audit;
using Verification.Core.ServiceAccounts;
using Verification.Core.Stores;
using Verification.Hosting.Testing;

namespace Verification.AspNetCore.Tests;

public sealed class RateLimitedHostFactory : ReferenceHostFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Verification:RateLimits:PermitsPerSecond"] = "1",
        ["Verification:RateLimits:Burst"] = "5",
    };
}

public sealed class TokenAuthenticationTests(ReferenceHostFactory factory) : IClassFixture<ReferenceHostFactory>
{
    private const string Admin = "/api/v1/admin/service-users";

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task AnAdminTokenCreatesAServiceUserAndMintsATokenShownOnce()
    {
        var (_, admin) = await factory.MintAsync(Scopes.Admin);
        var client = factory.ClientWithToken(admin);

        var created = await client.PostAsJsonAsync(Admin, new { name = "branch-scanners-" + Guid.NewGuid().ToString("N")[..6], sourceSystem = "branch_scan" });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var serviceUserId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var minted = await client.PostAsJsonAsync("/api/v1/admin/tokens", new { serviceUser = serviceUserId, scopes = new[] { "documents:submit", "verifications:read:metadata" }, description = "scanner fleet", archiveAfterExtract = "00:10:00" });
        minted.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = await minted.Content.ReadFromJsonAsync<JsonElement>();
        var token = body.GetProperty("token").GetString()!;
        token.Split('.').Should().HaveCount(3);
        body.GetProperty("record").GetProperty("archiveAfterExtract").GetString().Should().Be("00:10:00");

        var listed = await (await client.GetAsync("/api/v1/admin/tokens?serviceUser=" + serviceUserId)).Content.ReadAsStringAsync();
        listed.Should().Contain(body.GetProperty("tokenId").GetString()).And.NotContain(token, "the token is shown once, at minting");
    }

    [Fact]
    public async Task RefusesACallWithoutATokenWithAProblemAndABearerChallenge()
    {
        var response = await factory.CreateClient().GetAsync(Admin);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Be("Bearer");
        (await ProblemAsync(response)).GetProperty("code").GetString().Should().Be("auth.missing_token");
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("eyJhbGciOiJub25lIiwidHlwIjoiYXQrand0In0.eyJzdWIiOiJ4IiwidGlkIjoiZGVmYXVsdCIsImp0aSI6IngiLCJzY29wZSI6ImFkbWluIn0.")]
    [InlineData("a.b.c")]
    public async Task RefusesMalformedOrUnsignedTokens(string token)
    {
        var response = await factory.ClientWithToken(token).GetAsync(Admin);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await ProblemAsync(response)).GetProperty("code").GetString().Should().Be("auth.invalid_token");
    }

    [Fact]
    public async Task RefusesATokenWhoseSignatureWasTamperedWith()
    {
        var (_, token) = await factory.MintAsync(Scopes.Admin);
        var parts = token.Split('.');
        var payload = JsonDocument.Parse(Base64UrlDecode(parts[1])).RootElement;
        var forged = payload.GetRawText().Replace("\"admin\"", "\"admin documents:submit\"", StringComparison.Ordinal);
        var tampered = parts[0] + "." + Base64UrlEncode(forged) + "." + parts[2];

        (await factory.ClientWithToken(tampered).GetAsync(Admin)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await factory.ClientWithToken(token).GetAsync(Admin)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RefusesATokenWithoutTheScopeWithForbidden()
    {
        var (_, token) = await factory.MintAsync(Scopes.DocumentsSubmit);

        var response = await factory.ClientWithToken(token).GetAsync(Admin);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ProblemAsync(response)).GetProperty("code").GetString().Should().Be("auth.insufficient_scope");
    }

    [Theory]
    [InlineData("disable")]
    [InlineData("revoke")]
    public async Task RefusesATokenOnTheVeryNextRequestAfterItIsDisabledOrRevoked(string action)
    {
        var (_, admin) = await factory.MintAsync(Scopes.Admin);
        var (victimId, victim) = await factory.MintAsync(Scopes.Admin);
        var victimClient = factory.ClientWithToken(victim);
        (await victimClient.GetAsync(Admin)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await factory.ClientWithToken(admin).PostAsync($"/api/v1/admin/tokens/{victimId}/{action}", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        (await victimClient.GetAsync(Admin)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnotherTenantsTokenIdAnswersExactlyLikeAMissingOne()
    {
        var (_, admin) = await factory.MintAsync(Scopes.Admin);
        var (foreignId, _) = await factory.MintAsync(Scopes.Admin, tenantId: "other-bank");
        var client = factory.ClientWithToken(admin);

        var foreign = await client.PostAsync($"/api/v1/admin/tokens/{foreignId}/disable", null);
        var missing = await client.PostAsync("/api/v1/admin/tokens/01JNOSUCHTOKEN0000000000000/disable", null);

        foreign.StatusCode.Should().Be(HttpStatusCode.NotFound);
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var a = await ProblemAsync(foreign);
        var b = await ProblemAsync(missing);
        a.GetProperty("code").GetString().Should().Be(b.GetProperty("code").GetString());
        a.GetProperty("detail").GetString().Should().Be(b.GetProperty("detail").GetString());
        (await (await client.GetAsync("/api/v1/admin/tokens")).Content.ReadAsStringAsync()).Should().NotContain(foreignId);
    }

    [Theory]
    [InlineData("{\"name\": ", "request.invalid_json")]
    [InlineData("[1,2,3]", "request.invalid_json")]
    [InlineData("{\"name\": 42, \"sourceSystem\": \"vkyc\"}", "request.invalid_json")]
    [InlineData("{\"name\": \"\", \"sourceSystem\": \"vkyc\"}", "service_user.invalid_name")]
    public async Task AnswersBadBodiesWithAStableCodeAndStoresNothing(string json, string code)
    {
        var (_, admin) = await factory.MintAsync(Scopes.Admin);
        var client = factory.ClientWithToken(admin);
        var before = (await (await client.GetAsync(Admin)).Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength();

        var response = await client.PostAsync(Admin, new StringContent(json, Encoding.UTF8, "application/json"));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ProblemAsync(response)).GetProperty("code").GetString().Should().Be(code);
        (await (await client.GetAsync(Admin)).Content.ReadFromJsonAsync<JsonElement>()).GetArrayLength().Should().Be(before);
    }

    [Fact]
    public async Task AuditsEveryMachineCallWithoutTheTokenItself()
    {
        var (tokenId, token) = await factory.MintAsync(Scopes.Admin);
        var client = factory.ClientWithToken(token);
        await client.GetAsync(Admin);
        await client.PostAsync("/api/v1/admin/tokens/01JNOSUCHTOKEN0000000000000/revoke", null);
        await factory.CreateClient().GetAsync(Admin);

        await factory.Services.GetRequiredService<AuditQueue>().FlushAsync(CancellationToken.None);
        using var scope = factory.Services.CreateScope();
        var entries = new List<AuditEntry>();
        await foreach (var e in scope.ServiceProvider.GetRequiredService<IAuditStore>().ListAsync(new AuditQuery(), CancellationToken.None))
        {
            entries.Add(e);
        }

        var mine = entries.Where(e => e.TokenId == tokenId).ToList();
        mine.Select(e => (e.Action, e.Outcome)).Should().Contain([("admin.service_users.list", "200"), ("admin.tokens.revoke", "404")]);
        mine.Should().OnlyContain(e => e.ActorType == AuditActorTypes.ServiceUser && e.ActorId != null, "TestServer has no client address; Kestrel sets it");
        mine.Single(e => e.Action == "admin.tokens.revoke").TargetId.Should().Be("01JNOSUCHTOKEN0000000000000");
        entries.Should().Contain(e => e.ActorType == AuditActorTypes.Anonymous && e.Outcome == "auth.missing_token");
        entries.Should().NotContain(e => (e.Route ?? "").Contains(token) || (e.UserAgent ?? "").Contains(token));
        (await scope.ServiceProvider.GetRequiredService<AuditTrail>().VerifyAsync(CancellationToken.None)).Ok.Should().BeTrue();
    }

    private static string Base64UrlEncode(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Base64UrlDecode(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Encoding.UTF8.GetString(Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=')));
    }
}

public sealed class RateLimitTests(RateLimitedHostFactory factory) : IClassFixture<RateLimitedHostFactory>
{
    [Fact]
    public async Task ABurstFromOneTokenGets429WhileAnotherTokenIsUnaffected()
    {
        var (_, noisy) = await factory.MintAsync(Scopes.Admin);
        var (_, quiet) = await factory.MintAsync(Scopes.Admin);
        var noisyClient = factory.ClientWithToken(noisy);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            statuses.Add((await noisyClient.GetAsync("/api/v1/admin/service-users")).StatusCode);
        }

        statuses.Should().Contain(HttpStatusCode.TooManyRequests);
        var limited = await noisyClient.GetAsync("/api/v1/admin/service-users");
        if (limited.StatusCode == HttpStatusCode.TooManyRequests)
        {
            limited.Headers.RetryAfter.Should().NotBeNull();
            JsonDocument.Parse(await limited.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString().Should().Be("rate_limit.exceeded");
        }

        (await factory.ClientWithToken(quiet).GetAsync("/api/v1/admin/service-users")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
