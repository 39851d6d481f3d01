using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Verification.Core;
using Verification.Core.Analysts;
using Verification.Core.Stores;
using Verification.Core.Verifications;
using Verification.Hosting.Testing;

namespace ReferenceHost.Tests.BackOffice;

public abstract class BackOfficePageTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ReferenceHostFactory
{
    protected TFactory Factory { get; } = factory;

    [Fact]
    public async Task ServesTheDashboardAtBackofficeDashboardTooBehindTheSignIn()
    {
        var session = await BackOfficeSession.SignInAsync(Factory);
        var anonymous = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var signedIn = await session.Client.GetAsync("/backoffice/dashboard");
        var (dashboard, html) = await session.GetAsync(signedIn.Headers.Location!.OriginalString);
        var stranger = await anonymous.GetAsync("/backoffice/dashboard");

        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.OriginalString.Should().Be("/backoffice");
        dashboard.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("Dashboard");
        stranger.StatusCode.Should().Be(HttpStatusCode.Redirect);
        stranger.Headers.Location!.OriginalString.Should().Contain("/backoffice/login");
    }

    [Fact]
    public async Task FindsASeededVerificationByItsCorrelationId()
    {
        var session = await BackOfficeSession.SignInAsync(Factory);

        var (status, html) = await session.GetAsync("/backoffice/analyses?q=DEMO-customer-10000");
        var (_, folders) = await session.GetAsync("/backoffice/analyses?q=DEMO-customer-10000&view=folders");

        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("href=\"/backoffice/verifications/DEMO-customer-10000#analysis-");
        html.Should().NotContain("DEMO-customer-10001<");
        folders.Should().Contain("href=\"/backoffice/verifications/DEMO-customer-10000\"");
    }

    [Fact]
    public async Task FindsACustomerByNameAndByAnalysisId()
    {
        var folder = await FindAsync("DEMO-customer-10003");
        var named = folder.Analyses.First(a => a.Fields.LastName is not null);
        var session = await BackOfficeSession.SignInAsync(Factory);

        var (_, byName) = await session.GetAsync("/backoffice/analyses?view=folders&q=" + Uri.EscapeDataString(named.Fields.LastName!.ToLowerInvariant()));
        var (_, byAnalysis) = await session.GetAsync("/backoffice/analyses?q=" + named.Id);

        byName.Should().Contain("/backoffice/verifications/DEMO-customer-10003\"");
        byAnalysis.Should().Contain("/backoffice/verifications/DEMO-customer-10003#analysis-" + named.Id);
    }

    [Fact]
    public async Task FiltersPagesAndSortsTheList()
    {
        var session = await BackOfficeSession.SignInAsync(Factory, AnalystRoles.Admin);

        var (status, html) = await session.GetAsync("/backoffice/analyses?status=1.0&decided=no&sort=oldest&source=doc_service");
        var (badDate, errorHtml) = await session.GetAsync("/backoffice/analyses?from=yesterday");

        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("1.0 conform").And.NotContain("3.0 expired</span>").And.Contain("doc_service");
        badDate.Should().Be(HttpStatusCode.OK);
        errorHtml.Should().Contain("yyyy-mm-dd");
    }

    [Fact]
    public async Task ShowsAnalystsOnlyTheirDepartmentsAndHidesOtherFoldersLikeMissingOnes()
    {
        var retail = await FindAsync("DEMO-customer-10000");
        var department = retail.Department!;
        var other = await FirstFolderNotInAsync(department);
        var session = await BackOfficeSession.SignInAsync(Factory, AnalystRoles.Analyst, department);

        var (_, list) = await session.GetAsync("/backoffice/analyses?view=folders");
        var (_, asked) = await session.GetAsync("/backoffice/analyses?view=folders&department=" + other.Department);
        var (own, _) = await session.GetAsync("/backoffice/verifications/" + retail.VerificationId);
        var (foreign, _) = await session.GetAsync("/backoffice/verifications/" + other.VerificationId);
        var (missing, _) = await session.GetAsync("/backoffice/verifications/NO-SUCH-FOLDER");
        var (file, _) = await session.GetAsync($"/backoffice/verifications/{other.VerificationId}?handler=File&fileId=x");

        list.Should().Contain(retail.VerificationId).And.NotContain(other.VerificationId + "\"");
        asked.Should().NotContain(other.VerificationId + "\"");
        own.Should().Be(HttpStatusCode.OK);
        foreign.Should().Be(HttpStatusCode.NotFound);
        missing.Should().Be(HttpStatusCode.NotFound);
        file.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ShowsEveryDocumentWithFieldsAndControlsAndAuditsTheView()
    {
        var folder = await FindAsync("DEMO-customer-10004");
        var session = await BackOfficeSession.SignInAsync(Factory);

        var (status, html) = await session.GetAsync("/backoffice/verifications/DEMO-customer-10004");

        status.Should().Be(HttpStatusCode.OK);
        foreach (var analysis in folder.Analyses)
        {
            html.Should().Contain("id=\"analysis-" + analysis.Id + "\"");
            foreach (var control in analysis.Controls)
            {
                html.Should().Contain(control.Code);
            }
        }

        // The demo's bank details are read by the reader; on a machine without one they are kept unread (no IBAN).
        if (folder.Analyses.LastOrDefault(a => a.Fields.Iban is not null) is { } bank)
        {
            html.Should().Contain(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(bank.Fields.Iban!));
        }

        html.Should().Contain("submitted").And.Contain("doc_service");
        var entries = await AuditAsync("backoffice.view_personal_data");
        entries.Should().Contain(e => e.ActorId == session.AnalystId && e.TargetId == "DEMO-customer-10004" && e.ActorType == "analyst");
    }

    [Fact]
    public async Task RecordsADecisionAndTellsTheSlowerAnalystItWasAlreadyTaken()
    {
        var folder = await FindAsync("DEMO-customer-10005");
        var analysis = folder.Analyses.First(a => a.Decision is null);
        var path = "/backoffice/verifications/DEMO-customer-10005";
        var first = await BackOfficeSession.SignInAsync(Factory);
        var second = await BackOfficeSession.SignInAsync(Factory);
        var firstToken = ReferenceHostFactory.AntiforgeryToken(await first.Client.GetStringAsync(path));
        var secondToken = ReferenceHostFactory.AntiforgeryToken(await second.Client.GetStringAsync(path));

        var won = await first.PostWithTokenAsync(path + "?handler=Decide", firstToken, Fields(("analysisId", analysis.Id), ("decision", "approve"), ("comment", "Matches the video call.")));
        var lost = await second.PostWithTokenAsync(path + "?handler=Decide", secondToken, Fields(("analysisId", analysis.Id), ("decision", "reject"), ("comment", "Too late")));

        won.StatusCode.Should().Be(HttpStatusCode.Redirect);
        lost.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var loserPage = await lost.Content.ReadAsStringAsync();
        loserPage.Should().Contain("already approved by " + first.Email).And.Contain("your decision was not recorded");
        var saved = (await FindAsync("DEMO-customer-10005")).Analyses.Single(a => a.Id == analysis.Id);
        saved.Decision.Should().Be(DecisionKind.Approve);
        saved.DecidedBy.Should().Be("analyst:" + first.AnalystId);
        saved.DecisionComment.Should().Be("Matches the video call.");
        var audit = await AuditAsync("backoffice.decide");
        audit.Should().Contain(e => e.ActorId == first.AnalystId && e.TargetId == analysis.Id && e.Outcome == "approve");
        audit.Should().Contain(e => e.ActorId == second.AnalystId && e.TargetId == analysis.Id && e.Outcome == "analysis.already_decided");
        var (_, after) = await first.GetAsync(path);
        after.Should().Contain("The document was approved.").And.Contain("Approved by " + first.Email);
    }

    [Fact]
    public async Task DecidesAWholeFolderAndKeepsComments()
    {
        var path = "/backoffice/verifications/DEMO-customer-10006";
        var session = await BackOfficeSession.SignInAsync(Factory);

        var comment = await session.PostFormAsync(path, path + "?handler=Comment", Fields(("comment", "Called the customer: \"ok\" <b>bold</b>")));
        var all = await session.PostFormAsync(path, path + "?handler=DecideAll", Fields(("decision", "reject"), ("comment", "Documents do not match.")));
        var again = await session.PostFormAsync(path, path + "?handler=DecideAll", Fields(("decision", "approve")));

        comment.StatusCode.Should().Be(HttpStatusCode.Redirect);
        all.StatusCode.Should().Be(HttpStatusCode.Redirect);
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var folder = await FindAsync("DEMO-customer-10006");
        folder.Analyses.Should().OnlyContain(a => a.Decision != null);
        folder.Status.Should().Be(FolderStatus.UserRejected);
        folder.History.Should().Contain(e => e.Kind == VerificationEventKinds.Commented && e.Actor == "analyst:" + session.AnalystId);
        var (_, html) = await session.GetAsync(path);
        html.Should().Contain("Called the customer: &quot;ok&quot; &lt;b&gt;bold&lt;/b&gt;");
    }

    [Fact]
    public async Task ArchivesAFolderOnlyOnceTheAnalystTypesItsIdAndThenShowsNoPersonalData()
    {
        const string id = "DEMO-customer-10010";
        var path = "/backoffice/verifications/" + id;
        var before = await FindAsync(id);
        var file = before.Analyses.SelectMany(a => a.Files).FirstOrDefault();
        var session = await BackOfficeSession.SignInAsync(Factory);
        var (_, page) = await session.GetAsync(path);
        page.Should().Contain("Archive this folder").And.Contain("erases for good");

        var unconfirmed = await session.PostFormAsync(path, path + "?handler=Archive", Fields(("confirmation", "DEMO-customer-1001")));
        (await FindAsync(id)).ArchivedAt.Should().BeNull();
        var archived = await session.PostFormAsync(path, path + "?handler=Archive", Fields(("confirmation", id)));

        unconfirmed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        archived.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var after = await FindAsync(id);
        after.ArchivedAt.Should().NotBeNull();
        after.Analyses.Should().OnlyContain(a => a.Fields.Equals(ExtractedFields.Empty));
        after.History.Should().Contain(e => e.Kind == VerificationEventKinds.Archived && e.Actor == "analyst:" + session.AnalystId);
        var (_, html) = await session.GetAsync(path);
        html.Should().Contain("personal data erased").And.NotContain("Archive this folder");
        html.Should().NotContain(before.Analyses.Select(a => a.Fields.LastName).First(n => n is not null)!);
        if (file is not null)
        {
            (await session.Client.GetAsync($"{path}?handler=File&fileId={file.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
        (await AuditAsync("backoffice.archive")).Should().Contain(e => e.TargetId == id && e.Outcome == "success");
    }

    [Fact]
    public async Task RefusesFormsPostedWithoutTheAntiforgeryToken()
    {
        var folder = await FindAsync("DEMO-customer-10007");
        var session = await BackOfficeSession.SignInAsync(Factory, AnalystRoles.Admin);

        var decide = await session.Client.PostAsync("/backoffice/verifications/DEMO-customer-10007?handler=Decide",
            new FormUrlEncodedContent(Fields(("analysisId", folder.Analyses[0].Id), ("decision", "approve"))));
        var mint = await session.Client.PostAsync("/backoffice/api-keys?handler=CreateUser", new FormUrlEncodedContent(Fields(("NewUser.Name", "x"), ("NewUser.SourceSystem", "y"))));

        decide.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        mint.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await FindAsync("DEMO-customer-10007")).Analyses[0].Decision.Should().Be(folder.Analyses[0].Decision);
    }

    [Fact]
    public async Task UploadsADocumentAndServesItsImageInlineWithoutCaching()
    {
        var session = await BackOfficeSession.SignInAsync(Factory);
        var page = await session.Client.GetStringAsync("/backoffice/upload");
        var correlationId = "UPLOAD-" + Guid.NewGuid().ToString("N")[..10];
        using var form = new MultipartFormDataContent
        {
            { new StringContent(ReferenceHostFactory.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent("identity"), "Kind" },
            { new StringContent(correlationId), "CorrelationId" },
            { new StringContent("retail"), "Department" },
        };
        var file = new ByteArrayContent(Specimens.Jpeg());
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "Document", "passport.jpg");

        var upload = await session.Client.PostAsync("/backoffice/upload", form);
        var result = await upload.Content.ReadAsStringAsync();
        var (_, folderPage) = await session.GetAsync("/backoffice/verifications/" + correlationId);
        var image = await session.Client.GetAsync(BackOfficeSession.FileUrls(folderPage).Single());

        upload.StatusCode.Should().Be(HttpStatusCode.OK);
        result.Should().Contain("/backoffice/verifications/" + correlationId).And.Contain("curl");
        folderPage.Should().Contain("via backoffice");
        image.StatusCode.Should().Be(HttpStatusCode.OK);
        image.Content.Headers.ContentType!.MediaType.Should().Be("image/jpeg");
        image.Content.Headers.ContentDisposition!.DispositionType.Should().Be("inline");
        image.Headers.CacheControl!.NoStore.Should().BeTrue();
        (await image.Content.ReadAsByteArrayAsync()).Should().Equal(Specimens.Jpeg());
        (await AuditAsync("backoffice.upload")).Should().Contain(e => e.ActorId == session.AnalystId && e.Outcome == "success");
    }

    [Fact]
    public async Task RefusesAnUnsupportedUploadWithoutStoringIt()
    {
        var session = await BackOfficeSession.SignInAsync(Factory);
        var page = await session.Client.GetStringAsync("/backoffice/upload");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(ReferenceHostFactory.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent("identity"), "Kind" },
            { new ByteArrayContent("#!/bin/sh\necho hi"u8.ToArray()), "Document", "run.sh" },
        };

        var upload = await session.Client.PostAsync("/backoffice/upload", form);

        upload.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        (await upload.Content.ReadAsStringAsync()).Should().Contain("The document was refused");
    }

    [Fact]
    public async Task LetsOnlyAdministratorsManageApiKeys()
    {
        var analyst = await BackOfficeSession.SignInAsync(Factory);

        var (status, _) = await analyst.GetAsync("/backoffice/api-keys");
        var (_, dashboard) = await analyst.GetAsync("/backoffice");

        var page = await analyst.Client.GetStringAsync("/backoffice/analyses");
        var post = await analyst.PostWithTokenAsync("/backoffice/api-keys?handler=CreateUser", ReferenceHost.Tests.BackOffice.BackOfficeSession.Token(page),
            Fields(("NewUser.Name", "sneaky"), ("NewUser.SourceSystem", "x")));

        status.Should().Be(HttpStatusCode.Forbidden);
        dashboard.Should().NotContain("/backoffice/api-keys");
        post.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var scope = Factory.Services.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<Verification.Core.ServiceAccounts.ServiceTokenManager>().FindServiceUserAsync("default", "sneaky", CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task MintsATokenShownOnceThatWorksAgainstTheApiUntilDisabled()
    {
        var admin = await BackOfficeSession.SignInAsync(Factory, AnalystRoles.Admin);
        var name = "crm-" + Guid.NewGuid().ToString("N")[..8];
        var created = await admin.PostFormAsync("/backoffice/api-keys", "/backoffice/api-keys?handler=CreateUser", Fields(("NewUser.Name", name), ("NewUser.SourceSystem", "crm")));
        created.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var (_, keysPage) = await admin.GetAsync("/backoffice/api-keys");
        var serviceUserId = System.Text.RegularExpressions.Regex.Match(keysPage, "<option value=\"([0-9A-Z]{26})\">" + name).Groups[1].Value;

        var minted = await admin.PostFormAsync("/backoffice/api-keys", "/backoffice/api-keys?handler=Mint", Fields(
            ("Mint.ServiceUserId", serviceUserId), ("Mint.Description", "CRM <integration>"),
            ("Mint.Scopes", "verifications:read:metadata"), ("Mint.Scopes", "documents:submit"),
            ("Mint.ExpiresInDays", "30"), ("Mint.ArchiveAfterExtractHours", "24")));
        var html = await minted.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "id=\"minted-token\" class=\"token\" readonly value=\"([^\"]+)\"").Groups[1].Value;

        minted.StatusCode.Should().Be(HttpStatusCode.OK);
        token.Should().NotBeNullOrEmpty();
        html.Should().Contain("Bearer " + token).And.Contain("/api/v1/ingest").And.Contain("/api/v1/reco/id");
        var api = Factory.ClientWithToken(token);
        (await api.GetAsync("/api/v1/verifications?limit=1")).StatusCode.Should().Be(HttpStatusCode.OK);
        var (_, later) = await admin.GetAsync("/backoffice/api-keys");
        later.Should().NotContain(token, "a token is shown once").And.Contain("CRM &lt;integration&gt;").And.Contain("1.00:00:00");
        var tokenId = System.Text.RegularExpressions.Regex.Match(html, "Token ([0-9A-Za-z_-]+) minted").Groups[1].Value;

        var disabled = await admin.PostFormAsync("/backoffice/api-keys", "/backoffice/api-keys?handler=Disable", Fields(("tokenId", tokenId)));

        disabled.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await api.GetAsync("/api/v1/verifications?limit=1")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var audit = await AuditAsync("backoffice.token_mint");
        audit.Should().Contain(e => e.ActorId == admin.AnalystId && e.TargetId == tokenId && e.Outcome == "success");
        (await AuditAsync("backoffice.token_disable")).Should().Contain(e => e.TargetId == tokenId);
    }

    [Fact]
    public async Task ShowsTheAuditTrailFilteredWithItsIntegrityCheck()
    {
        var session = await BackOfficeSession.SignInAsync(Factory);
        await session.GetAsync("/backoffice/verifications/DEMO-customer-10008");

        var (status, html) = await session.GetAsync("/backoffice/audit?analyst=" + Uri.EscapeDataString(session.Email) + "&act=backoffice.view_personal_data");
        var (_, unknown) = await session.GetAsync("/backoffice/audit?analyst=nobody@bank.example");

        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("Integrity check passed").And.Contain("DEMO-customer-10008").And.Contain(session.Email);
        html.Should().NotContain("<code>analyst.login</code>");
        unknown.Should().Contain("No such analyst.");
    }

    [Fact]
    public async Task DrawsTheDashboardAsServerRenderedSvg()
    {
        var session = await BackOfficeSession.SignInAsync(Factory);

        var (status, html) = await session.GetAsync("/backoffice");

        status.Should().Be(HttpStatusCode.OK);
        html.Should().Contain("<svg class=\"chart columns\"").And.Contain("Documents per day").And.Contain("Verifications by status")
            .And.Contain("Time to decision").And.Contain("Documents per source system").And.Contain("doc_service");
        html.Should().NotContain("<script>").And.NotContain("style=\"");
    }

    [Fact]
    public async Task ShowsANameWithMarkupAsText()
    {
        var folder = await FindAsync("DEMO-customer-10009");
        using (var scope = Factory.Services.CreateScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IVerificationStore>();
            var stored = (await store.FindByIdAsync("default", folder.VerificationId, CancellationToken.None))!;
            stored.Analyses[0].Fields = stored.Analyses[0].Fields with { LastName = "<script>alert('x')</script>", FirstName = "O\"Brien" };
            (await store.UpdateAsync(stored, CancellationToken.None)).IsSuccess.Should().BeTrue();
        }

        var session = await BackOfficeSession.SignInAsync(Factory);

        var (_, list) = await session.GetAsync("/backoffice/analyses?q=DEMO-customer-10009");
        var (_, page) = await session.GetAsync("/backoffice/verifications/DEMO-customer-10009");

        foreach (var html in new[] { list, page })
        {
            html.Should().NotContain("<script>alert").And.Contain("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;");
            html.Should().Contain("O&quot;Brien");
        }
    }

    [Fact]
    public async Task SignsOutWithTheSidebarForm()
    {
        var session = await BackOfficeSession.SignInAsync(Factory);

        var signOut = await session.PostFormAsync("/backoffice/analyses", "/backoffice/logout", []);
        var (after, _) = await session.GetAsync("/backoffice/analyses");

        signOut.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signOut.Headers.Location!.ToString().Should().Be("/backoffice/login");
        after.Should().Be(HttpStatusCode.Redirect);
    }

    private static IEnumerable<KeyValuePair<string, string>> Fields(params (string Key, string Value)[] fields) =>
        fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value));

    private async Task<VerificationFolder> FindAsync(string verificationId)
    {
        using var scope = Factory.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<IVerificationStore>().FindByIdAsync("default", verificationId, CancellationToken.None))!;
    }

    private async Task<VerificationFolder> FirstFolderNotInAsync(string department)
    {
        for (var i = 10_000; i < 10_012; i++)
        {
            var folder = await FindAsync($"DEMO-customer-{i}");
            if (folder.Department != department)
            {
                return folder;
            }
        }

        throw new InvalidOperationException("The demo data has a single department.");
    }

    private async Task<List<Verification.Core.Audit.AuditEntry>> AuditAsync(string action)
    {
        using var scope = Factory.Services.CreateScope();
        var entries = new List<Verification.Core.Audit.AuditEntry>();
        await foreach (var e in scope.ServiceProvider.GetRequiredService<IAuditStore>().ListAsync(new AuditQuery { TenantId = "default", Action = action }, CancellationToken.None))
        {
            entries.Add(e);
        }

        return entries;
    }
}

public sealed class SqliteBackOfficePageTests(ReferenceHostFactory factory) : BackOfficePageTests<ReferenceHostFactory>(factory);

public sealed class PostgreSqlBackOfficePageTests(PostgreSqlReferenceHostFactory factory) : BackOfficePageTests<PostgreSqlReferenceHostFactory>(factory);
