using Bogus;
using Verification.Hosting.Testing;

namespace ReferenceHost.Adversarial.Tests;

/// <summary>Hostile contract headers at every document route: refused with a problem, nothing stored.</summary>
[Collection(HostileHostCollection.Name)]
public sealed class HeaderTests(HostileHost host)
{
    private sealed record HeaderAttack(string Name, string Header, string[] Values, string Code);

    private static readonly HeaderAttack[] Attacks =
    [
        new("correlation-crlf", "X-Correlation-ID", ["ABC-1\r\nX-Injected: yes"], "correlation_id.invalid"),
        new("correlation-lf", "X-Correlation-ID", ["ABC-1\nSet-Cookie: a=b"], "correlation_id.invalid"),
        new("correlation-nul", "X-Correlation-ID", ["ABC\u00001"], "correlation_id.invalid"),
        new("correlation-cyrillic-lookalike", "X-Correlation-ID", ["\u0422EST-123456"], "correlation_id.invalid"),
        new("correlation-fullwidth-lookalike", "X-Correlation-ID", ["\uFF34\uFF25\uFF33\uFF34-123"], "correlation_id.invalid"),
        new("correlation-zero-width", "X-Correlation-ID", ["TEST\u200B-123"], "correlation_id.invalid"),
        new("correlation-rtl-override", "X-Correlation-ID", ["TEST-\u202E321"], "correlation_id.invalid"),
        new("correlation-129-characters", "X-Correlation-ID", [new string('A', 129)], "correlation_id.invalid"),
        new("correlation-very-long", "X-Correlation-ID", [new string('A', 60_000)], "correlation_id.invalid"),
        new("correlation-spaces", "X-Correlation-ID", ["A B"], "correlation_id.invalid"),
        new("correlation-path", "X-Correlation-ID", ["../../etc/passwd"], "correlation_id.invalid"),
        new("correlation-markup", "X-Correlation-ID", ["<script>alert(1)</script>"], "correlation_id.invalid"),
        new("correlation-sql", "X-Correlation-ID", ["1' OR '1'='1"], "correlation_id.invalid"),
        new("correlation-repeated", "X-Correlation-ID", ["ABC-1", "ABC-2"], "correlation_id.invalid"),
        new("department-crlf", "X-Approver-Department", ["retail\r\nX-Injected: yes"], "department.invalid"),
        new("department-control", "X-Approver-Department", ["retail\u0007"], "department.invalid"),
        new("department-blank", "X-Approver-Department", ["   "], "department.invalid"),
        new("department-very-long", "X-Approver-Department", [new string('d', 60_000)], "department.invalid"),
        new("department-65-characters", "X-Approver-Department", [new string('d', 65)], "department.invalid"),
        new("department-repeated", "X-Approver-Department", ["retail", "private"], "department.invalid"),
    ];

    public static TheoryData<string, string> DocumentRoutesAndAttacks()
    {
        var data = new TheoryData<string, string>();
        foreach (var route in Routes.Api.Where(r => r.Scope == Verification.Core.ServiceAccounts.Scopes.DocumentsSubmit))
        {
            foreach (var attack in Attacks)
            {
                data.Add(route.Name, attack.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DocumentRoutesAndAttacks))]
    public async Task RefusesTheHeaderWithItsCodeAndStoresNothing(string routeName, string attackName)
    {
        var route = Routes.Named(routeName);
        var attack = Attacks.Single(a => a.Name == attackName);
        var before = await host.SnapshotAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, route.Path(string.Empty)) { Content = SavingSample(route) };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + host.Token);
        foreach (var value in attack.Values)
        {
            request.Headers.TryAddWithoutValidation(attack.Header, value);
        }

        var reply = await host.SendAsync(request);

        Expect.Problem(reply, [400], attack.Code);
        reply.Headers.Contains("X-Injected").Should().BeFalse();
        Expect.NothingStored(before, await host.SnapshotAsync(), reply);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(128)]
    public async Task AcceptsCorrelationIdsOfOneTo128Characters(int length)
    {
        var id = string.Concat(Enumerable.Repeat("a.b_c:d-E9", 13))[..length];
        if (length > 1)
        {
            id = Guid.NewGuid().ToString("N") + id[32..];
        }
        else
        {
            id = "Z";
        }

        var reply = await host.SendAsync(HttpMethod.Post, "/api/v1/reco/mrz", host.Token,
            HostileHost.Json(new { paramDict = new { mrz = Specimens.IcaoPassport, save = true } }), h => h.Add("X-Correlation-ID", id));

        reply.Status.Should().Be(200, reply.ToString());
        reply.Json.GetProperty("verificationId").GetString().Should().Be(id);
    }

    [Fact]
    public async Task RefusesAVeryLongAuthorizationHeaderAsAnInvalidToken()
    {
        var reply = await host.SendAsync(HttpMethod.Get, "/api/v1/verifications", new string('x', 100_000));

        Expect.Problem(reply, [401], "auth.invalid_token");
    }

    [Fact]
    public async Task DoesNotLogTheNameOfAPersonSentInAHeader()
    {
        var person = new Faker().Name.LastName() + Guid.NewGuid().ToString("N")[..6];
        var logs = host.Factory.Logs.Count;

        var reply = await host.SendAsync(HttpMethod.Post, "/api/v1/reco/mrz", host.Token,
            HostileHost.Json(new { paramDict = new { mrz = Specimens.IcaoPassport } }), h => h.Add("X-Correlation-ID", person + " " + person));

        Expect.Problem(reply, [400], "correlation_id.invalid", [person]);
        Expect.NotLogged(host.Factory.Logs, logs, [person]);
    }

    // The route's sample with save on, so that a wrongly accepted header would store something.
    private static HttpContent SavingSample(ApiRoute route) => route.Payload == Payload.Multipart
        ? route.Sample()!
        : new StringContent(route.SampleJson!.Replace("{\"paramDict\":{", "{\"paramDict\":{\"save\":true,", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json");
}
