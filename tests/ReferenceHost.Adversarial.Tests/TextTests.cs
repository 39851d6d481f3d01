using System.Net;
using System.Text.Encodings.Web;
using Verification.Core.Analysts;
using Verification.Hosting.Testing;

namespace ReferenceHost.Adversarial.Tests;

/// <summary>
/// Hostile text (markup, quotes, SQL, bidi overrides, zero-width characters) is stored exactly as given, read
/// back exactly as given, and shown by the back office as text, never as markup. Labels that route or group work
/// (departments, source tags) refuse bidi overrides and zero-width characters instead (issue 23, finding 11): two
/// labels that look the same must be the same.
/// </summary>
[Collection(HostileHostCollection.Name)]
public sealed class TextTests(HostileHost host)
{
    public static TheoryData<string> HostileTexts() => new()
    {
        "<script>alert('x')</script>",
        "\"><img src=x onerror=alert(1)>",
        "O'Brien \"Bob\" & Sons",
        "Robert'); DROP TABLE verifications;--",
        "x' OR '1'='1",
        "\u202Eevil.exe\u202C",
        "Jo\u200Bhn\u200DDoe\uFEFF",
        "{{7*7}} ${7*7} @(1+1) <%= 7*7 %>",
        "</textarea><svg/onload=alert(1)>",
        "ünïcödé — 日本語 — عربى",
    };

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public async Task StoresADepartmentAsGivenAndShowsItAsText(string text)
    {
        var before = await host.SnapshotAsync();
        var reply = await host.SendAsync(HttpMethod.Post, "/api/v1/reco/mrz", host.Token,
            HostileHost.Json(new { paramDict = new { mrz = Specimens.IcaoPassport, save = true } }), h => h.TryAddWithoutValidation("X-Approver-Department", text));
        if (!Verification.Core.PrintableText.IsPrintable(text))
        {
            Expect.Problem(reply, [400], "department.invalid");
            Expect.NothingStored(before, await host.SnapshotAsync(), reply);
            return;
        }

        reply.Status.Should().Be(200, reply.ToString());
        var id = reply.Json.GetProperty("verificationId").GetString()!;
        var read = await host.SendAsync(HttpMethod.Get, "/api/v1/verifications/" + id, host.Token);
        read.Json.GetProperty("department").GetString().Should().Be(text);
        await ShownAsTextAsync("/backoffice/verifications/" + id, text);
    }

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public async Task StoresADecisionCommentAsGivenAndShowsItAsText(string text)
    {
        var reply = await host.SendAsync(HttpMethod.Post, "/api/v1/reco/mrz", host.Token,
            HostileHost.Json(new { paramDict = new { mrz = Specimens.IcaoPassport, save = true } }));
        var id = reply.Json.GetProperty("verificationId").GetString()!;

        var decided = await host.SendAsync(HttpMethod.Post, $"/api/v1/analyses/{reply.Json.GetProperty("analysisId").GetString()}/decision", host.Token,
            HostileHost.Json(new { decision = "reject", comment = text }));

        decided.Status.Should().Be(200, decided.ToString());
        var read = await host.SendAsync(HttpMethod.Get, "/api/v1/verifications/" + id, host.Token);
        read.Json.GetProperty("analyses")[0].GetProperty("decision").GetProperty("comment").GetString().Should().Be(text);
        await ShownAsTextAsync("/backoffice/verifications/" + id, text);
    }

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public async Task StoresIngestMetadataAsGivenAndShowsItAsText(string text)
    {
        var metadata = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["document_category"] = text, ["source_tag"] = text });

        var before = await host.SnapshotAsync();
        var reply = await host.SendAsync(HttpMethod.Post, "/api/v1/ingest", host.Token, Routes.Ingest(Specimens.Jpeg(), "image/jpeg", "a.jpg", metadata));
        if (!Verification.Core.PrintableText.IsPrintable(text))
        {
            Expect.Problem(reply, [400], "source_tag.invalid");
            Expect.NothingStored(before, await host.SnapshotAsync(), reply);
            return;
        }

        reply.Status.Should().Be(201, reply.ToString());
        var id = reply.Json.GetProperty("verificationId").GetString()!;
        var read = await host.SendAsync(HttpMethod.Get, "/api/v1/verifications/" + id, host.Token);
        read.Json.GetProperty("analyses")[0].GetProperty("documentCategory").GetString().Should().Be(text);
        await ShownAsTextAsync("/backoffice/verifications/" + id, text);
    }

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public async Task ChecksTypedNamesWithoutFailingOrEchoingMarkup(string text)
    {
        var reply = await host.SendAsync(HttpMethod.Post, "/api/v1/reco/mrz", host.Token,
            HostileHost.Json(new { paramDict = new { mrz = Specimens.IcaoPassport, userInput = new { firstName = text, lastName = text, birthDate = "1974-08-12" } } }));

        reply.Status.Should().Be(200, reply.ToString());
        reply.Json.GetProperty("controls").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "holder.name_match")
            .GetProperty("result").GetString().Should().NotBe("passed");
        Expect.NoLeak(reply.Body);
    }

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public async Task SearchesForHostileTextAndShowsItAsText(string text)
    {
        var session = await host.SessionAsync();

        var (status, html) = await session.GetAsync("/backoffice/analyses?q=" + Uri.EscapeDataString(text));
        var (auditStatus, _) = await session.GetAsync("/backoffice/audit?act=" + Uri.EscapeDataString(text));

        status.Should().Be(HttpStatusCode.OK);
        auditStatus.Should().Be(HttpStatusCode.OK);
        NotMarkup(html, text);
    }

    [Theory]
    [MemberData(nameof(HostileTexts))]
    public async Task StoresAServiceUserNameAsGivenOrRefusesIt(string text)
    {
        var before = await host.SnapshotAsync();

        var reply = await host.SendAsync(HttpMethod.Post, "/api/v1/admin/service-users", host.Token, HostileHost.Json(new { name = text, sourceSystem = "crm" }));

        if (reply.Status == 201)
        {
            reply.Json.GetProperty("name").GetString().Should().Be(text);
            var session = await host.SessionAsync();
            var (_, html) = await session.GetAsync("/backoffice/api-keys");
            NotMarkup(html, text);
            html.Should().Contain(HtmlEncoder.Default.Encode(text));
        }
        else
        {
            Expect.Problem(reply, [400]);
            Expect.NothingStored(before, await host.SnapshotAsync(), reply);
        }
    }

    private async Task ShownAsTextAsync(string path, string text)
    {
        var session = await host.SessionAsync();
        var (status, html) = await session.GetAsync(path);

        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain(HtmlEncoder.Default.Encode(text), "the text is shown, encoded");
        NotMarkup(html, text);
    }

    private static void NotMarkup(string html, string text)
    {
        if (text.IndexOfAny(['<', '>', '"', '\'', '&']) >= 0)
        {
            html.Should().NotContain(text, "hostile text is never written into the page unencoded");
        }
    }
}
