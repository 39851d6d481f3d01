using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Verification.Core.Analysts;
using Verification.Core.Stores;
using Verification.Hosting.Testing;

namespace ReferenceHost.Adversarial.Tests;

/// <summary>Findings 1, 2, 4 and 6 of the security probe (issue 23): what a submission may join, and what its answer tells.</summary>
[Collection(HostileHostCollection.Name)]
public sealed class SubmissionProbeTests(HostileHost host)
{
    private const string Consistency = "verification.identity_consistency";

    [Fact]
    public async Task ASubmitOnlyTokenLearnsNothingAboutAnotherIntegratorsCustomerAndChangesNoOtherAnalysis()
    {
        // Integrator A saves its customer's passport; an attacker holding only documents:submit knows the correlation id.
        var correlationId = "VICTIM-" + Guid.NewGuid().ToString("N");
        var victim = await Reco(host.Token, Specimens.Passport("Lindqvist", "Astrid", birth: "850214"), correlationId);
        victim.Status.Should().Be(200, victim.ToString());
        var victimAnalysis = victim.Json.GetProperty("analysisId").GetString()!;
        var victimStatus = victim.Json.GetProperty("status").GetProperty("code").GetString();
        var (_, submitOnly) = await host.Factory.MintAsync("documents:submit");

        var wrongGuess = await Reco(submitOnly, Specimens.Passport("Durand", "Paul", birth: "700101"), correlationId);
        var rightGuess = await Reco(submitOnly, Specimens.Passport("Lindqvist", "Astrid", birth: "850214"), correlationId);

        foreach (var reply in new[] { wrongGuess, rightGuess })
        {
            reply.Status.Should().Be(200, reply.ToString());
            reply.Body.Should().NotContain(victimAnalysis, "the answer names no document the caller cannot read");
        }

        ConsistencyOf(wrongGuess).Should().Be(ConsistencyOf(rightGuess), "a right and a wrong guess must answer alike");
        wrongGuess.Json.GetProperty("status").GetProperty("code").GetString().Should().Be(rightGuess.Json.GetProperty("status").GetProperty("code").GetString());

        var folder = await host.SendAsync(HttpMethod.Get, "/api/v1/verifications/" + correlationId, host.Token);
        folder.Status.Should().Be(200, folder.ToString());
        var analyses = folder.Json.GetProperty("analyses").EnumerateArray().ToList();
        analyses.Single(a => a.GetProperty("analysisId").GetString() == victimAnalysis).GetProperty("status").GetProperty("code").GetString()
            .Should().Be(victimStatus, "another integrator's submission does not change an analysis's own status");
        folder.Json.GetProperty("status").GetString().Should().Be("7.0", "the verification shows the mismatch");
        analyses.Should().Contain(a => a.GetProperty("controls").EnumerateArray().Any(c => c.GetProperty("code").GetString() == Consistency && c.GetProperty("result").GetString() == "failed"),
            "the inconsistency is recorded for readers of the verification");
    }

    [Fact]
    public async Task AReaderOfTheVerificationStillSeesTheConsistencyInItsAnswer()
    {
        var correlationId = "READER-" + Guid.NewGuid().ToString("N");
        (await Reco(host.Token, Specimens.Passport("Lindqvist", "Astrid"), correlationId)).Status.Should().Be(200);

        var second = await Reco(host.Token, Specimens.Passport("Durand", "Paul"), correlationId);

        second.Json.GetProperty("controls").EnumerateArray().Single(c => c.GetProperty("code").GetString() == Consistency)
            .GetProperty("result").GetString().Should().Be("failed");
    }

    public static TheoryData<string> SubmissionRoutes() => ["reco/mrz", "reco/id", "ingest"];

    [Theory]
    [MemberData(nameof(SubmissionRoutes))]
    public async Task AnArchivedVerificationTakesNoNewDocument(string route)
    {
        var correlationId = "ARCHIVED-" + Guid.NewGuid().ToString("N");
        (await Reco(host.Token, Specimens.IcaoPassport, correlationId)).Status.Should().Be(200);
        (await host.SendAsync(HttpMethod.Post, $"/api/v1/verifications/{correlationId}/archive", host.Token)).Status.Should().Be(200);
        var before = await host.SnapshotAsync();

        var reply = route switch
        {
            "reco/mrz" => await Reco(host.Token, Specimens.IcaoPassport, correlationId),
            "reco/id" => await host.SendAsync(HttpMethod.Post, "/api/v1/reco/id", host.Token,
                HostileHost.Json(new { paramDict = new { files = new[] { Specimens.DataUri(Specimens.Jpeg()) }, save = true } }), h => h.Add("X-Correlation-ID", correlationId)),
            _ => await host.SendAsync(HttpMethod.Post, "/api/v1/ingest", host.Token, Ingest(correlationId)),
        };

        Expect.Problem(reply, [409], "verification.archived");
        Expect.NothingStored(before, await host.SnapshotAsync(), reply);
        using var scope = host.Factory.Services.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<IVerificationStore>().FindByIdAsync("default", correlationId, CancellationToken.None))!
            .Analyses.Should().ContainSingle("nothing joined the archived verification");
    }

    [Fact]
    public async Task ADepartmentLimitedAnalystCannotUploadIntoAnotherDepartmentsVerification()
    {
        var correlationId = "WHOLESALE-" + Guid.NewGuid().ToString("N");
        var created = await host.SendAsync(HttpMethod.Post, "/api/v1/reco/mrz", host.Token,
            HostileHost.Json(new { paramDict = new { mrz = Specimens.Passport("Holmqvist", "Greta"), save = true } }),
            h => { h.Add("X-Correlation-ID", correlationId); h.Add("X-Approver-Department", "wholesale"); });
        created.Status.Should().Be(200, created.ToString());
        var (email, _) = await host.Factory.CreateAnalystAccountAsync(BackOffice.Password, AnalystRoles.Analyst, ["retail"]);
        var client = await host.Factory.SignInAsync(email, BackOffice.Password);

        using var response = await Upload(client, correlationId, "retail");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden, html);
        html.Should().NotContainEquivalentOf("Holmqvist", "the page tells nothing of the other department's customer");
        using var scope = host.Factory.Services.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<IVerificationStore>().FindByIdAsync("default", correlationId, CancellationToken.None))!
            .Analyses.Should().ContainSingle("nothing was written into the other department's verification");
    }

    [Theory]
    [InlineData("bad id <script>", "retail")]
    [InlineData("GOOD-ID-1", "retail\u202Eliat")]
    [InlineData("GOOD-ID-2", "ret\u200Bail")]
    [InlineData("GOOD-ID-3", "retail\u0007")]
    public async Task TheBackOfficeUploadValidatesCorrelationIdAndDepartmentLikeTheApi(string correlationId, string department)
    {
        var session = await host.SessionAsync();
        var before = await host.SnapshotAsync();

        using var response = await Upload(session.Client, correlationId + Guid.NewGuid().ToString("N")[..6], department);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        (await host.SnapshotAsync()).Should().Be(before, "a refused upload stores nothing");
    }

    [Fact]
    public async Task TheBackOfficeUploadRefusesACategoryTheApiWouldRefuse()
    {
        var session = await host.SessionAsync();
        var before = await host.SnapshotAsync();

        using var response = await Upload(session.Client, "CATEGORY-" + Guid.NewGuid().ToString("N"), "retail", category: new string('c', 100));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        (await host.SnapshotAsync()).Should().Be(before, "a refused upload stores nothing");
    }

    private static string ConsistencyOf(Reply reply) =>
        JsonSerializer.Serialize(reply.Json.GetProperty("controls").EnumerateArray().Where(c => c.GetProperty("code").GetString() == Consistency).ToList());

    private Task<Reply> Reco(string token, string mrz, string correlationId) =>
        host.SendAsync(HttpMethod.Post, "/api/v1/reco/mrz", token, HostileHost.Json(new { paramDict = new { mrz, save = true } }), h => h.Add("X-Correlation-ID", correlationId));

    private static MultipartFormDataContent Ingest(string correlationId)
    {
        var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Specimens.Jpeg());
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
        content.Add(file, "file", "scan.jpg");
        content.Add(new StringContent($"{{\"external_id\":\"{correlationId}\",\"document_category\":\"other\"}}"), "metadata");
        return content;
    }

    internal static async Task<HttpResponseMessage> Upload(HttpClient client, string correlationId, string department, string fileName = "scan.jpg", byte[]? bytes = null, string category = "other")
    {
        var antiforgery = ReferenceHostFactory.AntiforgeryToken(await client.GetStringAsync("/backoffice/upload"));
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes ?? Specimens.Jpeg());
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/jpeg");
        content.Add(file, "Document", fileName);
        content.Add(new StringContent("manual_review"), "Kind");
        content.Add(new StringContent(category), "Category");
        content.Add(new StringContent(correlationId), "CorrelationId");
        content.Add(new StringContent(department), "Department");
        content.Add(new StringContent(antiforgery), "__RequestVerificationToken");
        return await client.PostAsync("/backoffice/upload", content);
    }
}
