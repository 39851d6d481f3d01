using System.Text;
using Bogus;
using Verification.Hosting.Testing;

namespace ReferenceHost.Adversarial.Tests;

/// <summary>Hostile multipart bodies at <c>ingest</c>: each is a 4xx problem that stores nothing and logs no personal value.</summary>
[Collection(HostileHostCollection.Name)]
public sealed class IngestTests(HostileHost host)
{
    private sealed record MultipartAttack(string Name, Func<string, (byte[] Body, string? ContentType)> Build, int[] Statuses, string? Code);

    private const string B = "hostile-boundary";
    private static readonly string Jpeg = Encoding.Latin1.GetString(Specimens.Jpeg());

    private static readonly MultipartAttack[] Attacks =
    [
        new("json-content-type", p => (Utf8($$"""{"file":"{{p}}"}"""), "application/json"), [415], "request.unsupported_media_type"),
        new("no-content-type", p => (Body(FilePart() + Meta(p)), null), [415], "request.unsupported_media_type"),
        new("no-boundary", p => (Body(FilePart() + Meta(p)), "multipart/form-data"), [415], "request.unsupported_media_type"),
        new("empty-boundary", p => (Body(FilePart() + Meta(p)), "multipart/form-data; boundary=\"\""), [415], "request.unsupported_media_type"),
        new("boundary-too-long", p => (Body(FilePart() + Meta(p)), "multipart/form-data; boundary=" + new string('b', 500)), [415], "request.unsupported_media_type"),
        new("empty-body", _ => ([], Multipart), [400], null),
        new("garbage-body", p => (Utf8("this is not multipart " + p), Multipart), [400], null),
        new("no-closing-boundary", p => (Latin1($"--{B}\r\nContent-Disposition: form-data; name=\"metadata\"\r\n\r\n{{\"external_id\":\"{p}\"}}\r\n--{B}\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\n{Jpeg}"), Multipart), [400], null),
        new("truncated-in-headers", _ => (Latin1($"--{B}\r\nContent-Disposition: form-da"), Multipart), [400], null),
        new("many-parts", p => (Body(string.Concat(Enumerable.Range(0, 200).Select(i => Part($"extra{i}", "x"))) + FilePart() + Meta(p)), Multipart), [400], "request.too_many_parts"),
        new("many-headers-in-a-part", p => (Body($"--{B}\r\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"X-H{i}: v\r\n")) + "Content-Disposition: form-data; name=\"file\"\r\n\r\n" + Jpeg + "\r\n" + Meta(p)), Multipart), [400], "request.invalid_multipart"),
        new("huge-part-header", p => (Body($"--{B}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{new string('a', 40_000)}\"\r\n\r\n{Jpeg}\r\n" + Meta(p)), Multipart), [400], "request.invalid_multipart"),
        new("missing-file-part", p => (Body(Meta(p)), Multipart), [400], "request.missing_field"),
        new("only-unknown-parts", p => (Body(Part("document", Jpeg) + Part("meta", p)), Multipart), [400], "request.missing_field"),
        new("two-file-parts", p => (Body(FilePart() + FilePart() + Meta(p)), Multipart), [400], "request.duplicate_part"),
        new("empty-file-part", p => (Body(Part("file", string.Empty) + Meta(p)), Multipart), [400], "file.empty"),
        new("oversized-file-part", p => (Body(Part("file", Jpeg + new string('\0', 10 * 1024 * 1024)) + Meta(p)), Multipart), [413], "file.too_large"),
        new("oversized-metadata", p => (Body(FilePart() + Part("metadata", $"{{\"source_tag\":\"{p}{new string('x', 20_000)}\"}}")), Multipart), [400], "metadata.invalid"),
        new("metadata-not-json", p => (Body(FilePart() + Part("metadata", "external_id=" + p)), Multipart), [400], "metadata.invalid"),
        new("metadata-truncated", p => (Body(FilePart() + Part("metadata", $"{{\"external_id\":\"{p}")), Multipart), [400], "metadata.invalid"),
        new("metadata-deeply-nested", p => (Body(FilePart() + Part("metadata", string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 200))), Multipart), [400], "metadata.invalid"),
        new("metadata-duplicate-keys", p => (Body(FilePart() + Part("metadata", $"{{\"external_id\":\"A-1\",\"external_id\":\"{p}\"}}")), Multipart), [400], "metadata.invalid"),
        new("metadata-wrong-types", p => (Body(FilePart() + Part("metadata", "{\"external_id\":12,\"department\":[\"" + p + "\"]}")), Multipart), [400], "metadata.invalid"),
        new("metadata-array", p => (Body(FilePart() + Part("metadata", $"[\"{p}\"]")), Multipart), [400], "metadata.invalid"),
        new("metadata-invalid-utf8", _ => (Body(FilePart() + Part("metadata", "{\"source_tag\":\"\u00C3\u0028\u00FF\"}")), Multipart), [400], "metadata.invalid"),
        new("external-id-invalid", p => (Body(FilePart() + Meta(p + " <script>")), Multipart), [400], "correlation_id.invalid"),
        new("external-id-too-long", _ => (Body(FilePart() + Part("metadata", $"{{\"external_id\":\"{new string('A', 129)}\"}}")), Multipart), [400], "correlation_id.invalid"),
        new("department-control-characters", p => (Body(FilePart() + Part("metadata", "{\"department\":\"retail\\u0000" + p + "\"}")), Multipart), [400], "department.invalid"),
        new("two-metadata-parts", p => (Body(FilePart() + Part("metadata", "{\"document_category\":\"other\"}") + Meta(p)), Multipart), [400], "request.duplicate_part"),
        new("source-tag-control-characters", p => (Body(FilePart() + Part("metadata", "{\"source_tag\":\"vkyc\\r\\nFORGED " + p + "\"}")), Multipart), [400], "source_tag.invalid"),
        new("department-bidi-override", p => (Body(FilePart() + Part("metadata", "{\"department\":\"retail\\u202E" + p + "\"}")), Multipart), [400], "department.invalid"),
        new("department-zero-width", p => (Body(FilePart() + Part("metadata", "{\"department\":\"ret\\u200Bail" + p + "\"}")), Multipart), [400], "department.invalid"),
        new("category-too-long", _ => (Body(FilePart() + Part("metadata", $"{{\"document_category\":\"{new string('c', 65)}\"}}")), Multipart), [400], "metadata.invalid"),
    ];

    public static TheoryData<string> AttackNames()
    {
        var data = new TheoryData<string>();
        foreach (var attack in Attacks)
        {
            data.Add(attack.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AttackNames))]
    public async Task RefusesTheMultipartBodyWithAProblemAndStoresNothing(string attackName)
    {
        var attack = Attacks.Single(a => a.Name == attackName);
        var person = new Faker().Name.LastName() + Guid.NewGuid().ToString("N")[..6];
        var (body, contentType) = attack.Build(person);
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        var before = await host.SnapshotAsync();
        var logs = host.Factory.Logs.Count;

        var reply = await host.SendAsync(HttpMethod.Post, "/api/v1/ingest", host.Token, content);

        Expect.Problem(reply, attack.Statuses, attack.Code, [person]);
        Expect.NothingStored(before, await host.SnapshotAsync(), reply);
        Expect.NotLogged(host.Factory.Logs, logs, [person]);
    }

    [Fact]
    public async Task SurvivesRandomisedMultipartBodiesAndMetadata()
    {
        // Mutants of well-formed ingest bodies: the multipart framing and the snake_case metadata JSON.
        var person = new Faker().Name.LastName() + Guid.NewGuid().ToString("N")[..6];
        byte[][] seeds =
        [
            Body(FilePart() + Meta(person)),
            Body(Part("metadata", $"{{\"source_tag\":\"vkyc\",\"external_id\":\"{person}\",\"document_category\":\"kyc_vkyc\",\"department\":\"retail\"}}") + FilePart()),
            Body(FilePart() + Part("metadata", "{\"document_category\":\"bank_details\",\"department\":null,\"extra\":[1,{\"a\":2}]}")),
        ];
        var random = new Random(6);
        var logs = host.Factory.Logs.Count;
        for (var i = 0; i < 150; i++)
        {
            var body = Fuzz.Mutate(random, seeds);
            var content = new ByteArrayContent(body);
            content.Headers.TryAddWithoutValidation("Content-Type", Multipart);
            var sending = host.SendAsync(HttpMethod.Post, "/api/v1/ingest", host.Token, content);
            (await Task.WhenAny(sending, Task.Delay(Fuzz.Watchdog))).Should().BeSameAs(sending, "iteration {0} (seed 6) must not hang: {1}", i, Fuzz.Hex(body));

            var reply = await sending;
            if (reply.Status != 201)
            {
                try
                {
                    Expect.Problem(reply, personal: [person]);
                }
                catch (Xunit.Sdk.XunitException ex)
                {
                    throw new Xunit.Sdk.XunitException($"Iteration {i} (seed 6): {ex.Message}\ninput: {Fuzz.Hex(body)}");
                }
            }
        }

        Expect.NotLogged(host.Factory.Logs, logs, [person]);
    }

    private static string Multipart => "multipart/form-data; boundary=" + B;

    private static string Part(string name, string value) => $"--{B}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n";

    private static string FilePart() => $"--{B}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n{Jpeg}\r\n";

    private static string Meta(string externalId) => Part("metadata", $"{{\"external_id\":\"{externalId}\",\"document_category\":\"other\"}}");

    private static byte[] Body(string parts) => Latin1(parts + $"--{B}--\r\n");

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
