using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Verification.Core.ServiceAccounts;
using Verification.Core.Stores;
using Verification.Hosting.Testing;

namespace Verification.AspNetCore.Tests.Http;

public sealed class SmallLimitsHostFactory : ReferenceHostFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Verification:Limits:MaxFileBytes"] = "65536",
        ["Verification:Limits:MaxRequestBytes"] = "262144",
        ["Verification:Demo:Seed"] = "false",
    };
}

public abstract class DocumentApiTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ReferenceHostFactory
{
    protected TFactory Factory { get; } = factory;

    private async Task<HttpClient> SubmitterAsync(string scopes = "documents:submit verifications:read:pictures verifications:review")
    {
        var (_, token) = await Factory.MintAsync(scopes);
        return Factory.ClientWithToken(token);
    }

    private static HttpRequestMessage Reco(string kind, object paramDict, string? correlationId = null, string? department = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reco/" + kind) { Content = JsonContent.Create(new { paramDict }) };
        if (correlationId is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Correlation-ID", correlationId);
        }

        if (department is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Approver-Department", department);
        }

        return request;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task ReadsTheIcaoSpecimenWithoutStoringAnything()
    {
        var client = await SubmitterAsync();

        var response = await client.SendAsync(Reco("mrz", new { mrz = Specimens.IcaoPassport, userInput = new { firstName = "Anna", lastName = "Eriksson" } }));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await JsonAsync(response);
        body.GetProperty("verificationId").ValueKind.Should().Be(JsonValueKind.Null);
        body.GetProperty("verificationUrl").ValueKind.Should().Be(JsonValueKind.Null);
        body.GetProperty("analysisId").ValueKind.Should().Be(JsonValueKind.Null);
        body.GetProperty("status").GetProperty("code").GetString().Should().Be("3.0");
        body.GetProperty("status").GetProperty("label").GetString().Should().Be("expired");
        var document = body.GetProperty("document");
        document.GetProperty("type").GetString().Should().Be("passport");
        var fields = document.GetProperty("fields");
        fields.GetProperty("documentNumber").GetString().Should().Be("L898902C3");
        fields.GetProperty("lastName").GetString().Should().Be("ERIKSSON");
        fields.GetProperty("firstName").GetString().Should().Be("ANNA MARIA");
        fields.GetProperty("birthDate").GetString().Should().Be("1974-08-12");
        fields.GetProperty("expiryDate").GetString().Should().Be("2012-04-15");
        fields.GetProperty("sex").GetString().Should().Be("F");
        fields.GetProperty("nationality").GetString().Should().Be("UTO");
        fields.GetProperty("mrz").GetArrayLength().Should().Be(2);
        var controls = body.GetProperty("controls").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!, c => c.GetProperty("result").GetString());
        controls["mrz.check_digits"].Should().Be("passed");
        controls["document.validity"].Should().Be("failed");
        controls["holder.name_match"].Should().Be("passed");
        body.GetProperty("controls")[0].GetProperty("category").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task ACorrelationIdGroupsSavedCallsIntoOneVerification()
    {
        var client = await SubmitterAsync();
        var correlationId = "ACME-customer-" + Guid.NewGuid().ToString("N")[..10];
        var mrz = Specimens.Passport("Dupré", "Élodie Anne");

        var first = await JsonAsync(await client.SendAsync(Reco("mrz", new { mrz, userInput = new { firstName = "Élodie", lastName = "Dupré" }, save = true }, correlationId, "retail")));
        var second = await JsonAsync(await client.SendAsync(Reco("mrz", new { mrz, save = true }, correlationId)));

        first.GetProperty("status").GetProperty("code").GetString().Should().Be("1.0");
        first.GetProperty("verificationId").GetString().Should().Be(correlationId);
        second.GetProperty("verificationId").GetString().Should().Be(correlationId);
        first.GetProperty("verificationUrl").GetString().Should().EndWith("/backoffice/verifications/" + correlationId);
        first.GetProperty("analysisId").GetString().Should().NotBe(second.GetProperty("analysisId").GetString());

        var folder = await JsonAsync(await client.GetAsync("/api/v1/verifications/" + correlationId));
        folder.GetProperty("analyses").GetArrayLength().Should().Be(2);
        folder.GetProperty("department").GetString().Should().Be("retail");
        folder.GetProperty("correlationId").GetString().Should().Be(correlationId);
        folder.GetProperty("analyses")[1].GetProperty("controls").EnumerateArray()
            .Single(c => c.GetProperty("code").GetString() == "verification.identity_consistency").GetProperty("result").GetString().Should().Be("passed");
    }

    [Fact]
    public async Task WithoutACorrelationIdEachSavedCallGetsANewVerification()
    {
        var client = await SubmitterAsync();

        var a = await JsonAsync(await client.SendAsync(Reco("mrz", new { mrz = Specimens.IcaoPassport, save = true })));
        var b = await JsonAsync(await client.SendAsync(Reco("mrz", new { mrz = Specimens.IcaoPassport, save = true })));

        a.GetProperty("verificationId").GetString().Should().NotBeNullOrEmpty().And.NotBe(b.GetProperty("verificationId").GetString());
    }

    [Fact]
    public async Task ConcurrentFirstCallsWithOneNewCorrelationIdEndInOneVerification()
    {
        var client = await SubmitterAsync();
        var correlationId = "RACE-" + Guid.NewGuid().ToString("N");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.SendAsync(Reco("mrz", new { mrz = Specimens.IcaoPassport, save = true }, correlationId))));

        responses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.OK);
        var folder = await JsonAsync(await client.GetAsync("/api/v1/verifications/" + correlationId));
        folder.GetProperty("analyses").GetArrayLength().Should().Be(8);
    }

    [Fact]
    public async Task AnOwnerMismatchIsReportedAsSuch()
    {
        var client = await SubmitterAsync();

        var body = await JsonAsync(await client.SendAsync(Reco("mrz", new { mrz = Specimens.Passport("Müller", "Jürgen"), userInput = new { firstName = "Maria", lastName = "Kowalska" } })));

        body.GetProperty("status").GetProperty("code").GetString().Should().Be("7.0");
    }

    [Fact]
    public async Task AnImageThatCannotBeReadIsStoredAndAnsweredUnreadableHonestly()
    {
        var client = await SubmitterAsync();
        var jpeg = Specimens.Jpeg();

        var body = await JsonAsync(await client.SendAsync(Reco("id", new { files = new[] { Specimens.DataUri(jpeg, "image/jpg") }, save = true })));

        body.GetProperty("status").GetProperty("code").GetString().Should().Be("2.2");
        body.GetProperty("controls").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "mrz.present").GetProperty("result").GetString().Should().Be("failed");
        var folder = await JsonAsync(await client.GetAsync("/api/v1/verifications/" + body.GetProperty("verificationId").GetString()));
        var file = folder.GetProperty("analyses")[0].GetProperty("files")[0];
        file.GetProperty("mediaType").GetString().Should().Be("image/jpeg");
        file.GetProperty("width").GetInt32().Should().Be(1250);
        file.GetProperty("content").GetString().Should().Be(Specimens.DataUri(jpeg), "the picture scope returns the stored bytes");
    }

    [Fact]
    public async Task ReadsAreFilteredByTheTokensHighestReadScopeAndExtractionsAreRecorded()
    {
        var submitter = await SubmitterAsync("documents:submit");
        var saved = await JsonAsync(await submitter.SendAsync(Reco("id", new { files = new[] { Specimens.DataUri(Specimens.Jpeg()) }, save = true })));
        var id = saved.GetProperty("verificationId").GetString();
        await submitter.SendAsync(Reco("mrz", new { mrz = Specimens.IcaoPassport, save = true }, id));

        var (_, metadataToken) = await Factory.MintAsync(Scopes.ReadMetadata);
        var (_, attributesToken) = await Factory.MintAsync(Scopes.ReadAttributes);
        var metadata = await JsonAsync(await Factory.ClientWithToken(metadataToken).GetAsync("/api/v1/verifications/" + id));
        var attributes = await JsonAsync(await Factory.ClientWithToken(attributesToken).GetAsync("/api/v1/verifications/" + id));

        metadata.GetProperty("analyses").EnumerateArray().Should().OnlyContain(a => a.GetProperty("fields").ValueKind == JsonValueKind.Null);
        metadata.GetProperty("analyses")[0].GetProperty("files")[0].GetProperty("content").ValueKind.Should().Be(JsonValueKind.Null);
        metadata.GetProperty("analyses")[1].GetProperty("controls").GetArrayLength().Should().BeGreaterThan(0, "metadata includes control results");
        attributes.GetProperty("analyses")[1].GetProperty("fields").GetProperty("lastName").GetString().Should().Be("ERIKSSON");
        attributes.GetProperty("analyses")[0].GetProperty("files")[0].GetProperty("content").ValueKind.Should().Be(JsonValueKind.Null);
        attributes.GetProperty("history").EnumerateArray().Should().Contain(h => h.GetProperty("kind").GetString() == "extracted");
        metadata.GetProperty("history").EnumerateArray().Count(h => h.GetProperty("kind").GetString() == "extracted").Should().Be(0, "the metadata read came first and records nothing");
        (await submitter.GetAsync("/api/v1/verifications/" + id)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "submitting does not allow reading");
    }

    [Fact]
    public async Task ListsMetadataOnlyWithACursor()
    {
        var client = await SubmitterAsync();
        var department = "dept-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 5; i++)
        {
            await client.SendAsync(Reco("mrz", new { mrz = Specimens.IcaoPassport, save = true }, null, department));
        }

        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = await JsonAsync(await client.GetAsync($"/api/v1/verifications?department={department}&limit=2" + (cursor is null ? "" : "&cursor=" + cursor)));
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("verificationId").GetString()!));
            page.GetProperty("items").EnumerateArray().Select(i => i.TryGetProperty("analyses", out var _)).Should().NotContain(true);
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        ids.Should().HaveCount(5).And.OnlyHaveUniqueItems();
        (await client.GetAsync("/api/v1/verifications?cursor=not-a-cursor")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync("/api/v1/verifications?updatedSince=yesterday")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task DecidesOnceAndTellsTheSecondAnalystItWasAlreadyDecided()
    {
        var client = await SubmitterAsync();
        var saved = await JsonAsync(await client.SendAsync(Reco("mrz", new { mrz = Specimens.IcaoPassport, save = true })));
        var analysisId = saved.GetProperty("analysisId").GetString();

        var first = await client.PostAsJsonAsync($"/api/v1/analyses/{analysisId}/decision", new { decision = "approve", comment = "Checked by video." });
        var second = await client.PostAsJsonAsync($"/api/v1/analyses/{analysisId}/decision", new { decision = "reject" });

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        (await JsonAsync(first)).GetProperty("newStatus").GetString().Should().Be("user_approved");
        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await JsonAsync(second)).GetProperty("code").GetString().Should().Be("analysis.already_decided");
        (await client.PostAsJsonAsync($"/api/v1/analyses/{analysisId}/decision", new { decision = "maybe" })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var (_, submitOnly) = await Factory.MintAsync(Scopes.DocumentsSubmit);
        (await Factory.ClientWithToken(submitOnly).PostAsJsonAsync($"/api/v1/analyses/{analysisId}/decision", new { decision = "reject" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AnotherTenantsIdsAnswerExactlyLikeMissingOnes()
    {
        var mine = await SubmitterAsync();
        var (_, foreignToken) = await Factory.MintAsync("documents:submit verifications:read:pictures verifications:review", tenantId: "other-bank");
        var foreign = Factory.ClientWithToken(foreignToken);
        var theirs = await JsonAsync(await foreign.SendAsync(Reco("mrz", new { mrz = Specimens.IcaoPassport, save = true }, "SHARED-ID-" + Guid.NewGuid().ToString("N")[..6])));

        var byVerification = await mine.GetAsync("/api/v1/verifications/" + theirs.GetProperty("verificationId").GetString());
        var missing = await mine.GetAsync("/api/v1/verifications/NO-SUCH-VERIFICATION");
        var byAnalysis = await mine.PostAsJsonAsync($"/api/v1/analyses/{theirs.GetProperty("analysisId").GetString()}/decision", new { decision = "approve" });
        var missingAnalysis = await mine.PostAsJsonAsync("/api/v1/analyses/01JNOSUCHANALYSIS000000000/decision", new { decision = "approve" });

        byVerification.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await byVerification.Content.ReadAsStringAsync()).Should().NotContain(theirs.GetProperty("verificationId").GetString());
        (await JsonAsync(byVerification)).GetProperty("code").GetString().Should().Be((await JsonAsync(missing)).GetProperty("code").GetString());
        byAnalysis.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await JsonAsync(byAnalysis)).GetProperty("code").GetString().Should().Be((await JsonAsync(missingAnalysis)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task IngestsAMultipartFileGroupedByExternalIdWithTheHeaderDepartmentWinning()
    {
        var client = await SubmitterAsync();
        var externalId = "session-" + Guid.NewGuid().ToString("N")[..10];

        async Task<HttpResponseMessage> Ingest(byte[] bytes, string mediaType, string metadata, string? department = null)
        {
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
            form.Add(file, "file", "../../etc/passwd\u0007.pdf");
            form.Add(new StringContent(metadata, Encoding.UTF8, "application/json"), "metadata");
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ingest") { Content = form };
            if (department is not null)
            {
                request.Headers.Add("X-Approver-Department", department);
            }

            return await client.SendAsync(request);
        }

        var first = await Ingest(Specimens.Pdf(), "application/pdf", $$"""{"source_tag":"vkyc","external_id":"{{externalId}}","document_category":"proof_of_address","department":"retail"}""", "corporate");
        var second = await Ingest(Specimens.Jpeg(), "image/jpeg", $$"""{"source_tag":"vkyc","external_id":"{{externalId}}","document_category":"kyc_vkyc"}""");

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        var created = await JsonAsync(first);
        created.GetProperty("verificationId").GetString().Should().Be(externalId);
        created.GetProperty("verificationUrl").GetString().Should().EndWith(externalId);
        second.StatusCode.Should().Be(HttpStatusCode.Created);
        var folder = await JsonAsync(await client.GetAsync("/api/v1/verifications/" + externalId));
        folder.GetProperty("department").GetString().Should().Be("corporate");
        var analyses = folder.GetProperty("analyses");
        analyses.GetArrayLength().Should().Be(2);
        analyses[0].GetProperty("documentCategory").GetString().Should().Be("proof_of_address");
        analyses[0].GetProperty("status").GetProperty("code").GetString().Should().Be("4.0");
        analyses[0].GetProperty("sourceTag").GetString().Should().Be("vkyc");
        analyses[1].GetProperty("status").GetProperty("code").GetString().Should().Be("2.2", "identity categories are read like reco/id");
        // The folder store names files by random keys, never the client's name; on PostgreSQL the files are in the
        // database (its blob store keys them the same way) and the folder stays unused.
        if (Factory.Provider == "PostgreSql")
        {
            Directory.Exists(Factory.BlobsPath).Should().BeFalse();
        }
        else
        {
            Directory.EnumerateFiles(Factory.BlobsPath, "*", SearchOption.AllDirectories).Should().NotContain(f => f.Contains("passwd"));
        }
    }
}

public sealed class SqliteDocumentApiTests(ReferenceHostFactory factory) : DocumentApiTests<ReferenceHostFactory>(factory);

public sealed class PostgreSqlDocumentApiTests(PostgreSqlReferenceHostFactory factory) : DocumentApiTests<PostgreSqlReferenceHostFactory>(factory);
