using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace MinimalEmbedding.Tests;

public sealed class EmbeddedApiTests(EmbeddingApp app) : IClassFixture<EmbeddingApp>
{
    private const string SpecimenMrz =
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";

    [Fact]
    public async Task AppUserSubmitsAnMrzUnderTheAppsPrefixAndReadsItBack()
    {
        using var client = Client(EmbeddingApp.AliceKey);

        using var submitted = await client.PostAsJsonAsync("/kyc/reco/mrz", new { paramDict = new { mrz = SpecimenMrz, save = true } });

        submitted.StatusCode.Should().Be(HttpStatusCode.OK, await submitted.Content.ReadAsStringAsync());
        var reco = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        reco.GetProperty("document").GetProperty("fields").GetProperty("lastName").GetString().Should().Be("ERIKSSON");
        var verificationId = reco.GetProperty("verificationId").GetString();
        verificationId.Should().NotBeNullOrEmpty();

        using var read = await client.GetAsync($"/kyc/verifications/{verificationId}");

        read.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await read.Content.ReadAsStringAsync();
        body.Should().Contain(verificationId).And.Contain("\"lastName\":\"ERIKSSON\"", "the app's users read attributes");
    }

    [Fact]
    public async Task HistoryNamesTheAppUserWhoSubmitted()
    {
        using var client = Client(EmbeddingApp.AliceKey);
        using var submitted = await client.PostAsJsonAsync("/kyc/reco/mrz", new { paramDict = new { mrz = SpecimenMrz, save = true } });
        var verificationId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("verificationId").GetString();

        var body = await client.GetStringAsync($"/kyc/verifications/{verificationId}");

        body.Should().Contain("service:alice", "the mapped caller is the actor of what it does");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-key")]
    public async Task RefusesACallWithoutAKnownAppKey(string? key)
    {
        using var client = Client(key);

        using var response = await client.PostAsJsonAsync("/kyc/reco/mrz", new { paramDict = new { mrz = SpecimenMrz } });

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task BearerServiceTokensDoNotReplaceTheAppsAuthentication()
    {
        using var client = Client(null);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl");

        using var response = await client.PostAsJsonAsync("/kyc/reco/mrz", new { paramDict = new { mrz = SpecimenMrz } });

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AppUserWithoutTheAdminScopeCannotMintTokens()
    {
        using var client = Client(EmbeddingApp.AliceKey);

        using var response = await client.GetAsync("/kyc/admin/service-users");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TheApiIsOnlyUnderTheAppsPrefix()
    {
        using var client = Client(EmbeddingApp.AliceKey);

        using var response = await client.PostAsJsonAsync("/api/v1/reco/mrz", new { paramDict = new { mrz = SpecimenMrz } });

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private HttpClient Client(string? apiKey)
    {
        var client = app.CreateClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return client;
    }
}
