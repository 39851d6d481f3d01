using System.Text;
using Bogus;

namespace ReferenceHost.Adversarial.Tests;

/// <summary>Hostile JSON bodies at every JSON route: each is a 4xx problem, stores nothing and logs no personal value.</summary>
[Collection(HostileHostCollection.Name)]
public sealed class BodyTests(HostileHost host)
{
    /// <summary>A hostile body: its bytes (built around the route's main property and a personal value) and content type.</summary>
    private sealed record BodyAttack(string Name, Func<string, string, byte[]> Build, string? ContentType = "application/json", int[]? Statuses = null, string? Code = null);

    private static readonly int[] BadRequest = [400];
    private static readonly int[] Unsupported = [415];

    private static readonly BodyAttack[] Attacks =
    [
        new("empty", (_, _) => [], Statuses: BadRequest, Code: "request.invalid_json"),
        new("whitespace-only", (_, _) => Utf8("   \r\n\t  "), Statuses: BadRequest, Code: "request.invalid_json"),
        new("truncated-object", (p, v) => Utf8($$"""{"{{p}}": {"note": "{{v}}"""), Statuses: BadRequest, Code: "request.invalid_json"),
        new("truncated-after-colon", (p, _) => Utf8($$"""{"{{p}}":"""), Statuses: BadRequest, Code: "request.invalid_json"),
        new("truncated-in-escape", (p, v) => Utf8($$"""{"{{p}}": "{{v}}\u00"""), Statuses: BadRequest, Code: "request.invalid_json"),
        new("not-json", (_, v) => Utf8("hello " + v), Statuses: BadRequest, Code: "request.invalid_json"),
        new("json-null", (_, _) => Utf8("null"), Statuses: BadRequest, Code: "request.invalid_json"),
        new("json-array", (_, v) => Utf8($"[\"{v}\"]"), Statuses: BadRequest, Code: "request.invalid_json"),
        new("json-string", (_, v) => Utf8($"\"{v}\""), Statuses: BadRequest, Code: "request.invalid_json"),
        new("json-number", (_, _) => Utf8("42"), Statuses: BadRequest, Code: "request.invalid_json"),
        new("deeply-nested-arrays", (_, _) => Utf8(new string('[', 200_000)), Statuses: BadRequest, Code: "request.invalid_json"),
        new("deeply-nested-objects", (p, _) => Utf8(string.Concat(Enumerable.Repeat($"{{\"{p}\":", 5000)) + "1" + new string('}', 5000)), Statuses: BadRequest, Code: "request.invalid_json"),
        new("duplicate-keys", (p, v) => Utf8($$"""{"{{p}}": "{{v}}", "{{p}}": "{{v}}2"}"""), Statuses: BadRequest, Code: "request.invalid_json"),
        new("wrong-type-number", (p, _) => Utf8($$"""{"{{p}}": 12345}"""), Statuses: BadRequest),
        new("wrong-type-array", (p, v) => Utf8($$"""{"{{p}}": [true, "{{v}}", null]}"""), Statuses: BadRequest),
        new("wrong-type-boolean", (p, _) => Utf8($$"""{"{{p}}": false}"""), Statuses: BadRequest),
        new("huge-string", (p, v) => Utf8($$"""{"{{p}}": "{{v}}{{new string('A', 3_000_000)}}"}"""), Statuses: [400, 413]),
        new("huge-array", (p, _) => Utf8($$"""{"{{p}}": [{{string.Join(',', Enumerable.Repeat("\"x\"", 300_000))}}]}"""), Statuses: [400, 413]),
        new("unknown-fields-only", (_, v) => Utf8("{\"unknownField\": \"" + v + "\", \"another\": {\"nested\": [1, 2, {\"deeper\": null}]}}"), Statuses: [400, 404]),
        new("invalid-utf8", (p, _) => [.. Utf8("{\"" + p + "\": \""), 0xC3, 0x28, 0xFF, 0xFE, .. Utf8("\"}")], Statuses: BadRequest, Code: "request.invalid_json"),
        new("lone-surrogate-escape", (p, _) => Utf8($$"""{"{{p}}": "\ud800"}"""), Statuses: BadRequest),
        new("comments", (p, _) => Utf8($$"""{/* hi */ "{{p}}": 1}"""), Statuses: BadRequest, Code: "request.invalid_json"),
        new("trailing-comma", (p, _) => Utf8($$"""{"{{p}}": 1,}"""), Statuses: BadRequest, Code: "request.invalid_json"),
        new("single-quotes", (p, v) => Utf8($$"""{'{{p}}': '{{v}}'}"""), Statuses: BadRequest, Code: "request.invalid_json"),
        new("number-overflow", (p, _) => Utf8($$"""{"{{p}}": 1e99999}"""), Statuses: BadRequest),
        new("nan", (p, _) => Utf8($$"""{"{{p}}": NaN}"""), Statuses: BadRequest, Code: "request.invalid_json"),
        new("nul-bytes", (_, _) => new byte[64], Statuses: BadRequest, Code: "request.invalid_json"),
        new("utf16-body", (p, v) => Encoding.Unicode.GetBytes($$"""{"{{p}}": "{{v}}"}"""), "application/json; charset=utf-16", Statuses: [400, 415]),
        new("two-documents", (p, v) => Utf8($$"""{"{{p}}": "{{v}}"} {"{{p}}": 1}"""), Statuses: BadRequest, Code: "request.invalid_json"),
        new("text-plain", (p, v) => Utf8($$"""{"{{p}}": "{{v}}"}"""), "text/plain", Unsupported, "request.unsupported_media_type"),
        new("no-content-type", (p, v) => Utf8($$"""{"{{p}}": "{{v}}"}"""), null, Unsupported, "request.unsupported_media_type"),
        new("form-urlencoded", (p, v) => Utf8($"{p}={Uri.EscapeDataString(v)}"), "application/x-www-form-urlencoded", Unsupported, "request.unsupported_media_type"),
        new("multipart", (p, v) => Utf8($"--b\r\nContent-Disposition: form-data; name=\"{p}\"\r\n\r\n{v}\r\n--b--\r\n"), "multipart/form-data; boundary=b", Unsupported, "request.unsupported_media_type"),
        new("xml", (p, v) => Utf8($"<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><{p}>&e;{v}</{p}>"), "application/xml", Unsupported, "request.unsupported_media_type"),
        new("garbage-content-type", (p, v) => Utf8($$"""{"{{p}}": "{{v}}"}"""), "application/json\u0001; boundary=\"", Statuses: [400, 415]),
    ];

    public static TheoryData<string, string> JsonRoutesAndAttacks()
    {
        var data = new TheoryData<string, string>();
        foreach (var route in Routes.Api.Where(r => r.Payload == Payload.Json))
        {
            foreach (var attack in Attacks)
            {
                data.Add(route.Name, attack.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(JsonRoutesAndAttacks))]
    public async Task RefusesTheBodyWithAProblemStoresNothingAndLogsNoPersonalData(string routeName, string attackName)
    {
        var route = Routes.Named(routeName);
        var attack = Attacks.Single(a => a.Name == attackName);
        var person = new Faker().Name.LastName() + Guid.NewGuid().ToString("N")[..6];
        var content = new ByteArrayContent(attack.Build(route.MainProperty!, person));
        if (attack.ContentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", attack.ContentType);
        }

        var before = await host.SnapshotAsync();
        var logs = host.Factory.Logs.Count;

        var reply = await host.SendAsync(HttpMethod.Post, route.Path(Routes.MissingId()), host.Token, content);

        // A body the route accepts reaches the lookup of the missing id: a 404 is then the right answer.
        var statuses = attack.Code is null && route.Template.Contains("{id}", StringComparison.Ordinal) ? [.. attack.Statuses ?? [], 404] : attack.Statuses;
        Expect.Problem(reply, statuses, attack.Code, [person]);
        Expect.NothingStored(before, await host.SnapshotAsync(), reply);
        Expect.NotLogged(host.Factory.Logs, logs, [person]);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
