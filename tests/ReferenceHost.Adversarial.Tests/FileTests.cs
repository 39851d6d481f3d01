using System.Text;
using System.Text.Json;
using Bogus;
using Verification.Hosting.Testing;

namespace ReferenceHost.Adversarial.Tests;

/// <summary>
/// Hostile files at every route that takes one (<c>reco/id</c>, <c>reco/bankdetails</c> as data URIs, <c>ingest</c>
/// as a multipart part). A refused file is a 4xx problem that stores nothing; a damaged but recognisable file is
/// accepted and its <c>file.integrity</c> control says what is wrong.
/// </summary>
[Collection(HostileHostCollection.Name)]
public sealed class FileTests(HostileHost host)
{
    private const long Limit = 10 * 1024 * 1024;

    private sealed record FileAttack(string Name, Func<string>? Uri, Func<byte[]>? Bytes, string? Declared, int[]? Refused = null, string? Code = null, string? Integrity = null);

    private static readonly int[] BadRequest = [400];
    private static readonly int[] Unsupported = [415];
    private static readonly int[] TooLarge = [413];

    private static readonly FileAttack[] Attacks =
    [
        new("data-uri-without-base64", () => "data:image/jpeg," + Uri.EscapeDataString(Encoding.Latin1.GetString(Specimens.Jpeg())), null, null, BadRequest, "file.invalid_data_uri"),
        new("not-a-data-uri", () => "https://evil.example/passport.jpg", null, null, BadRequest, "file.invalid_data_uri"),
        new("file-url", () => "file:///etc/passwd", null, null, BadRequest, "file.invalid_data_uri"),
        new("invalid-characters", () => Specimens.DataUri(Specimens.Jpeg())[..60] + "$%&*!" + Specimens.DataUri(Specimens.Jpeg())[65..], null, null, BadRequest, "file.invalid_data_uri"),
        new("url-safe-alphabet", () => Specimens.DataUri([.. Specimens.Jpeg(), 0xFB, 0xFF, 0xBF]).Replace('+', '-').Replace('/', '_'), null, null, BadRequest, "file.invalid_data_uri"),
        new("padding-missing", () => Specimens.DataUri([.. Specimens.Jpeg(), 1]).TrimEnd('='), null, null, BadRequest, "file.invalid_data_uri"),
        new("padding-extra", () => Specimens.DataUri(Specimens.Jpeg()) + "===", null, null, BadRequest, "file.invalid_data_uri"),
        new("padding-in-the-middle", () => Specimens.DataUri(Specimens.Jpeg()).Insert(40, "=="), null, null, BadRequest, "file.invalid_data_uri"),
        new("media-type-header-injection", () => "data:image/jpeg\r\nX-Evil: 1;base64," + Convert.ToBase64String(Specimens.Jpeg()), null, null, Unsupported, "file.media_type_mismatch"),
        new("no-comma", () => "data:image/jpeg;base64" + new string('A', 5000), null, null, BadRequest, "file.invalid_data_uri"),
        new("empty-payload", () => "data:image/jpeg;base64,", null, null, BadRequest, "file.empty"),
        new("whitespace-only-payload", () => "data:image/jpeg;base64,  \r\n\t ", null, null, BadRequest, "file.empty"),
        new("empty-string", () => string.Empty, null, null, BadRequest, "file.empty"),
        new("whitespace-wrapped-lines", () => "data:image/jpeg;base64," + Convert.ToBase64String(Specimens.Jpeg(), Base64FormattingOptions.InsertLineBreaks), null, null),
        new("zero-bytes", null, () => [], "image/jpeg", BadRequest, "file.empty"),
        new("nul-bytes", null, () => new byte[256], "image/jpeg", Unsupported, "file.unsupported_type"),
        new("html", null, () => Encoding.UTF8.GetBytes("<html><body><script>alert(1)</script></body></html>"), "text/html", Unsupported, "file.unsupported_type"),
        new("svg-with-script", null, () => Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"), "image/svg+xml", Unsupported, "file.unsupported_type"),
        new("windows-executable", null, () => [(byte)'M', (byte)'Z', .. new byte[510]], "application/octet-stream", Unsupported, "file.unsupported_type"),
        new("heic", null, HostileFiles.Heic, "image/heic", Unsupported, "file.unsupported_type"),
        new("jpeg-declared-png", null, () => Specimens.Jpeg(), "image/png", Unsupported, "file.media_type_mismatch"),
        new("pdf-declared-jpeg", null, () => Specimens.Pdf(), "image/jpeg", Unsupported, "file.media_type_mismatch"),
        new("png-declared-pdf", null, () => HostileFiles.Png(), "application/pdf", Unsupported, "file.media_type_mismatch"),
        new("truncated-jpeg", null, () => Specimens.Jpeg()[..24], "image/jpeg", Integrity: "failed"),
        new("jpeg-without-end-marker", null, () => Specimens.Jpeg()[..^2], "image/jpeg", Integrity: "warning"),
        new("truncated-png", null, () => HostileFiles.Png()[..20], "image/png", Integrity: "failed"),
        new("jpeg-announcing-a-huge-pixel-count", null, () => Specimens.Jpeg(65_000, 65_000), "image/jpeg", Integrity: "failed"),
        new("png-announcing-a-huge-pixel-count", null, () => HostileFiles.Png(2_000_000_000, 2_000_000_000), "image/png", Integrity: "failed"),
        new("jpeg-announcing-zero-pixels", null, () => Specimens.Jpeg(0, 0), "image/jpeg", Integrity: "failed"),
        new("jpeg-pdf-polyglot", null, HostileFiles.JpegPdfPolyglot, "image/jpeg", Integrity: "failed"),
        new("pdf-with-javascript", null, HostileFiles.PdfWithJavaScript, "application/pdf", Integrity: "failed"),
        new("pdf-with-escaped-javascript", null, HostileFiles.PdfWithEscapedJavaScript, "application/pdf", Integrity: "failed"),
        new("pdf-with-launch-action", null, HostileFiles.PdfWithLaunch, "application/pdf", Integrity: "failed"),
        new("pdf-with-embedded-file", null, HostileFiles.PdfWithEmbeddedFile, "application/pdf", Integrity: "warning"),
        new("file-over-the-limit", null, () => HostileFiles.OverLimit(Limit), "image/jpeg", TooLarge, "file.too_large"),
    ];

    public static TheoryData<string, string> FileRoutesAndAttacks()
    {
        var data = new TheoryData<string, string>();
        foreach (var route in new[] { "documents.reco_id", "documents.reco_bankdetails", "documents.ingest" })
        {
            foreach (var attack in Attacks.Where(a => route != "documents.ingest" || a.Bytes is not null))
            {
                data.Add(route, attack.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FileRoutesAndAttacks))]
    public async Task RefusesOrFlagsTheFileAndStoresNothingWhenRefused(string routeName, string attackName)
    {
        var attack = Attacks.Single(a => a.Name == attackName);
        var person = new Faker().Name.LastName() + Guid.NewGuid().ToString("N")[..6];
        var before = await host.SnapshotAsync();
        var logs = host.Factory.Logs.Count;

        var reply = routeName == "documents.ingest"
            ? await host.SendAsync(HttpMethod.Post, "/api/v1/ingest", host.Token, Routes.Ingest(attack.Bytes!(), attack.Declared, person + ".jpg", """{"document_category":"other"}"""))
            : await host.SendAsync(HttpMethod.Post, Routes.Named(routeName).Path(string.Empty), host.Token, HostileHost.Json(RecoBody(routeName, [UriOf(attack)], person)));

        Expect.NotLogged(host.Factory.Logs, logs, [person]);
        if (attack.Refused is not null)
        {
            Expect.Problem(reply, attack.Refused, attack.Code, [person]);
            Expect.NothingStored(before, await host.SnapshotAsync(), reply);
            return;
        }

        Expect.NoLeak(reply.Body);
        if (routeName == "documents.ingest")
        {
            reply.Status.Should().Be(201, reply.ToString());
            var id = reply.Json.GetProperty("verificationId").GetString()!;
            var folder = await host.SendAsync(HttpMethod.Get, "/api/v1/verifications/" + id, host.Token);
            IntegrityOf(folder.Json.GetProperty("analyses")[0].GetProperty("controls")).Should().Be(attack.Integrity ?? "passed", folder.ToString());
        }
        else
        {
            reply.Status.Should().Be(200, reply.ToString());
            IntegrityOf(reply.Json.GetProperty("controls")).Should().Be(attack.Integrity ?? "passed", reply.ToString());
            Expect.NothingStored(before, await host.SnapshotAsync(), reply);
        }
    }

    [Theory]
    [InlineData("documents.reco_id", 5)]
    [InlineData("documents.reco_id", 10_000)]
    [InlineData("documents.reco_bankdetails", 5)]
    public async Task RefusesMoreFilesThanTheLimit(string routeName, int count)
    {
        var uri = Specimens.DataUri(Specimens.Jpeg());
        var before = await host.SnapshotAsync();

        var reply = await host.SendAsync(HttpMethod.Post, Routes.Named(routeName).Path(string.Empty), host.Token,
            HostileHost.Json(new { paramDict = new { files = Enumerable.Repeat(uri, count).ToArray(), save = true } }));

        Expect.Problem(reply, [413], "request.too_large");
        Expect.NothingStored(before, await host.SnapshotAsync(), reply);
    }

    [Theory]
    [InlineData("../../../../../../../../tmp/evil-{0}.jpg")]
    [InlineData("..\\..\\..\\..\\windows\\evil-{0}.jpg")]
    [InlineData("/etc/evil-{0}")]
    [InlineData("evil-{0}\u0000.jpg")]
    [InlineData("evil-{0}\r\nContent-Type: text/html.jpg")]
    [InlineData("evil-{0}\u202Egpj.exe")]
    [InlineData("<script>evil-{0}</script>.jpg")]
    [InlineData("CON")]
    public async Task NeverUsesTheSentFileNameAsAPath(string template)
    {
        var name = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, Guid.NewGuid().ToString("N"));

        var reply = await host.SendAsync(HttpMethod.Post, "/api/v1/ingest", host.Token,
            Routes.Ingest(Specimens.Jpeg(), "image/jpeg", name.Replace("\"", string.Empty, StringComparison.Ordinal), """{"document_category":"other"}"""));

        reply.Status.Should().BeOneOf([201, 400], reply.ToString());
        Expect.NoLeak(reply.Body);
        File.Exists(Path.Combine(Path.GetTempPath(), Path.GetFileName(name.Replace('\\', '/')))).Should().BeFalse();
        Directory.EnumerateFiles(host.Factory.BlobsPath, "*", SearchOption.AllDirectories)
            .Select(Path.GetFileName).Should().OnlyContain(f => f!.All(Uri.IsHexDigit), "blobs are named by random keys only");
    }

    private static string UriOf(FileAttack attack) => attack.Uri is not null
        ? attack.Uri()
        : $"data:{attack.Declared};base64,{Convert.ToBase64String(attack.Bytes!())}";

    private static object RecoBody(string route, string[] files, string person) => route == "documents.reco_id"
        ? new { paramDict = new { files, userInput = new { firstName = person, lastName = person }, save = false } }
        : new { paramDict = new { file = files[0], userInput = new { firstName = person, lastName = person }, save = false } } as object;

    private static string? IntegrityOf(JsonElement controls) =>
        controls.EnumerateArray().Where(c => c.GetProperty("code").GetString() == "file.integrity").Select(c => c.GetProperty("result").GetString()).FirstOrDefault();
}
