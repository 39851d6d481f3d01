using System.Net;
using Verification.Core.Analysts;
using Verification.Hosting.Testing;

namespace ReferenceHost.Adversarial.Tests;

/// <summary>The back office without a session, with a lesser role, and with posts lacking a valid anti-forgery token.</summary>
[Collection(HostileHostCollection.Name)]
public sealed class BackOfficeAccessTests(HostileHost host)
{
    public static TheoryData<string> Pages() => new()
    {
        "/backoffice", "/backoffice/analyses", "/backoffice/analyses?q=DEMO", "/backoffice/verifications/DEMO-customer-10000",
        "/backoffice/verifications/DEMO-customer-10000?handler=File&fileId=x", "/backoffice/verifications/DEMO-customer-10000?handler=Decide", "/backoffice/api-keys", "/backoffice/upload",
        "/backoffice/audit", "/backoffice/settings/integration", "/backoffice/no-such-page", "/backoffice/verifications/%3Cscript%3E",
    };

    /// <summary>Every form of the back office, with fields that would change something if accepted.</summary>
    public static TheoryData<string, string> Posts() => new()
    {
        { "/backoffice/upload", "Kind=manual_review&Category=other" },
        { "/backoffice/api-keys?handler=CreateUser", "NewUser.Name=intruder&NewUser.SourceSystem=intruder" },
        { "/backoffice/api-keys?handler=Mint", "Mint.ServiceUserId=x&Mint.Scopes=admin" },
        { "/backoffice/api-keys?handler=Disable", "tokenId=x" },
        { "/backoffice/api-keys?handler=Revoke", "tokenId=x" },
        { "/backoffice/api-keys?handler=ServiceUser", "serviceUserId=x&enable=false" },
        { "/backoffice/verifications/{folder}?handler=Decide", "analysisId={analysis}&decision=approve&comment=forged" },
        { "/backoffice/verifications/{folder}?handler=DecideAll", "decision=reject&comment=forged" },
        { "/backoffice/verifications/{folder}?handler=Comment", "comment=forged" },
        { "/backoffice/logout", string.Empty },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task SendsAnonymousVisitorsToTheLoginPage(string path)
    {
        using var response = await BackOffice.Anonymous(host.Factory).GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/backoffice/login");
    }

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task RefusesAnonymousPostsAndChangesNothing(string path, string form)
    {
        var (target, fields, folder, analysis) = await PrepareAsync(path, form);
        var before = await host.SnapshotAsync();

        using var response = await BackOffice.Anonymous(host.Factory).PostAsync(target, new FormUrlEncodedContent(fields));

        ((int)response.StatusCode).Should().BeOneOf([302, 400]);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            response.Headers.Location!.ToString().Should().Contain("/backoffice/login");
        }

        await UnchangedAsync(before, folder, analysis);
    }

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task RefusesPostsWithoutTheAntiforgeryTokenAndChangesNothing(string path, string form)
    {
        var session = await host.SessionAsync();
        var (target, fields, folder, analysis) = await PrepareAsync(path, form);
        var before = await host.SnapshotAsync();

        using var response = await session.PostAsync(target, fields, antiforgery: null);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await UnchangedAsync(before, folder, analysis);
        (await session.GetAsync("/backoffice")).Status.Should().Be(HttpStatusCode.OK, "the session is still signed in");
    }

    [Theory]
    [MemberData(nameof(Posts))]
    public async Task RefusesPostsWithTheAntiforgeryTokenOfAnotherSession(string path, string form)
    {
        var victim = await host.SessionAsync();
        var attacker = await host.SessionAsync(name: "attacker");
        var (target, fields, folder, analysis) = await PrepareAsync(path, form);
        var before = await host.SnapshotAsync();

        using var response = await victim.PostAsync(target, fields, await attacker.TokenAsync());

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await UnchangedAsync(before, folder, analysis);
    }

    [Theory]
    [InlineData("/backoffice/api-keys?handler=CreateUser", "NewUser.Name=intruder&NewUser.SourceSystem=intruder")]
    [InlineData("/backoffice/api-keys?handler=Mint", "Mint.ServiceUserId=x&Mint.Scopes=admin")]
    [InlineData("/backoffice/api-keys?handler=Disable", "tokenId=x")]
    public async Task RefusesAdminFormsToAnAnalyst(string path, string form)
    {
        var analyst = await host.SessionAsync(AnalystRoles.Analyst);
        var before = await host.SnapshotAsync();

        var page = await analyst.GetAsync("/backoffice/api-keys");
        using var response = await analyst.PostAsync(path, Fields(form), await analyst.TokenAsync());

        page.Status.Should().Be(HttpStatusCode.Forbidden);
        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await host.SnapshotAsync()).Should().Be(before);
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task NeverRedirectsASignInOffTheSite(string returnUrl)
    {
        var email = await host.Factory.CreateAnalystAsync(BackOffice.Password);
        var client = BackOffice.Anonymous(host.Factory);
        var page = await client.GetStringAsync("/backoffice/login");

        using var response = await client.PostAsync("/backoffice/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = BackOffice.Password,
            ["__RequestVerificationToken"] = ReferenceHostFactory.AntiforgeryToken(page),
        }));

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Be("/backoffice");
    }

    private async Task<(string Target, List<KeyValuePair<string, string>> Fields, string Folder, string Analysis)> PrepareAsync(string path, string form)
    {
        var folder = string.Empty;
        var analysis = string.Empty;
        if (path.Contains("{folder}", StringComparison.Ordinal))
        {
            var reply = await host.SendAsync(HttpMethod.Post, "/api/v1/reco/mrz", host.Token,
                HostileHost.Json(new { paramDict = new { mrz = Specimens.IcaoPassport, save = true } }));
            folder = reply.Json.GetProperty("verificationId").GetString()!;
            analysis = reply.Json.GetProperty("analysisId").GetString()!;
        }

        return (path.Replace("{folder}", folder, StringComparison.Ordinal), Fields(form.Replace("{analysis}", analysis, StringComparison.Ordinal)), folder, analysis);
    }

    private async Task UnchangedAsync(Snapshot before, string folder, string analysis)
    {
        (await host.SnapshotAsync()).Should().Be(before);
        if (folder.Length > 0)
        {
            var read = await host.SendAsync(HttpMethod.Get, "/api/v1/verifications/" + folder, host.Token);
            var stored = read.Json.GetProperty("analyses").EnumerateArray().Single(a => a.GetProperty("analysisId").GetString() == analysis);
            stored.GetProperty("decision").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
            read.Body.Should().NotContain("forged");
        }
    }

    private static List<KeyValuePair<string, string>> Fields(string form) => form.Length == 0
        ? []
        : form.Split('&').Select(p => p.Split('=', 2)).Select(p => new KeyValuePair<string, string>(Uri.UnescapeDataString(p[0]), Uri.UnescapeDataString(p[1]))).ToList();
}
