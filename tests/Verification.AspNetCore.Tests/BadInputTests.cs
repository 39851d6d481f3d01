using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Verification.AspNetCore.Tests.Http;
using Verification.Core.Submissions;
using Verification.Core.Stores;
using Verification.Hosting.Testing;

namespace Verification.AspNetCore.Tests;

/// <summary>Every rule of the common section of docs/api.md: a 4xx problem with a stable code, and nothing stored.</summary>
public sealed class BadInputTests(SmallLimitsHostFactory factory) : IClassFixture<SmallLimitsHostFactory>
{
    private static readonly string Jpeg = Specimens.DataUri(Specimens.Jpeg());

    public static TheoryData<string, string, string, int, string> Bodies => new()
    {
        { "malformed JSON", "mrz", "{\"paramDict\": {", 400, SubmissionErrors.RequestInvalidJson },
        { "truncated JSON", "id", "{\"paramDict\": {\"files\": [\"data:image/jpeg;base64,/9j/", 400, SubmissionErrors.RequestInvalidJson },
        { "empty body", "mrz", "", 400, SubmissionErrors.RequestInvalidJson },
        { "JSON null", "mrz", "null", 400, SubmissionErrors.RequestInvalidJson },
        { "missing paramDict", "mrz", "{}", 400, SubmissionErrors.RequestMissingField },
        { "paramDict not an object", "mrz", "{\"paramDict\": 5}", 400, SubmissionErrors.RequestInvalidJson },
        { "files not an array", "id", "{\"paramDict\": {\"files\": \"x\", \"save\": true}}", 400, SubmissionErrors.RequestInvalidJson },
        { "save not a boolean", "mrz", "{\"paramDict\": {\"mrz\": \"x\", \"save\": \"yes\"}}", 400, SubmissionErrors.RequestInvalidJson },
        { "duplicate keys", "mrz", "{\"paramDict\": {\"mrz\": \"a\", \"mrz\": \"b\", \"save\": true}}", 400, SubmissionErrors.RequestInvalidJson },
        { "deep nesting", "mrz", "{\"paramDict\": {\"userInput\": " + new string('[', 64) + new string(']', 64) + "}}", 400, SubmissionErrors.RequestInvalidJson },
        { "no files", "id", "{\"paramDict\": {\"files\": [], \"save\": true}}", 400, SubmissionErrors.RequestMissingField },
        { "no MRZ", "mrz", "{\"paramDict\": {\"save\": true}}", 400, SubmissionErrors.RequestMissingField },
        { "data URI without base64", "id", "{\"paramDict\": {\"files\": [\"data:image/jpeg,abcd\"], \"save\": true}}", 400, SubmissionErrors.FileInvalidDataUri },
        { "data URI with invalid characters", "id", "{\"paramDict\": {\"files\": [\"data:image/jpeg;base64,@@@@\"], \"save\": true}}", 400, SubmissionErrors.FileInvalidDataUri },
        { "data URI with wrong padding", "id", "{\"paramDict\": {\"files\": [\"data:image/jpeg;base64,/9j\"], \"save\": true}}", 400, SubmissionErrors.FileInvalidDataUri },
        { "not a data URI", "id", "{\"paramDict\": {\"files\": [\"https://example.org/a.jpg\"], \"save\": true}}", 400, SubmissionErrors.FileInvalidDataUri },
        { "contradicting media type", "id", "{\"paramDict\": {\"files\": [\"" + Jpeg.Replace("image/jpeg", "application/pdf") + "\"], \"save\": true}}", 415, SubmissionErrors.FileMediaTypeMismatch },
        { "unsupported type", "id", "{\"paramDict\": {\"files\": [\"data:image/gif;base64," + Convert.ToBase64String("GIF89a\u0001\u0000\u0001\u0000"u8.ToArray()) + "\"], \"save\": true}}", 415, SubmissionErrors.FileUnsupportedType },
        { "zero bytes", "id", "{\"paramDict\": {\"files\": [\"data:image/jpeg;base64,\"], \"save\": true}}", 400, SubmissionErrors.FileEmpty },
        { "file over the limit", "id", "{\"paramDict\": {\"files\": [\"data:image/jpeg;base64," + Convert.ToBase64String(new byte[70_000]) + "\"], \"save\": true}}", 413, SubmissionErrors.FileTooLarge },
        { "too many files", "id", "{\"paramDict\": {\"files\": [\"" + string.Join("\",\"", Enumerable.Repeat(Jpeg, 5)) + "\"], \"save\": true}}", 413, SubmissionErrors.RequestTooLarge },
        { "body over the limit", "id", "{\"paramDict\": {\"files\": [\"" + string.Join("\",\"", Enumerable.Repeat("data:image/jpeg;base64," + Convert.ToBase64String(new byte[60_000]), 4)) + "\"], \"save\": true}}", 413, SubmissionErrors.RequestTooLarge },
        { "bad birth date", "mrz", "{\"paramDict\": {\"mrz\": \"" + Specimens.IcaoPassport.Replace("\n", "\\n") + "\", \"userInput\": {\"birthDate\": \"31/01/1990\"}, \"save\": true}}", 400, SubmissionErrors.UserInputInvalidBirthDate },
    };

    private async Task<(int Verifications, int Blobs)> StoredAsync()
    {
        using var scope = factory.Services.CreateScope();
        var count = 0;
        string? after = null;
        while (true)
        {
            var page = 0;
            await foreach (var s in scope.ServiceProvider.GetRequiredService<IVerificationStore>().ListAsync(new VerificationQuery { TenantId = "default", After = after, Limit = 500 }, CancellationToken.None))
            {
                page++;
                after = s.Id;
            }

            count += page;
            if (page < 500)
            {
                break;
            }
        }

        var blobs = Directory.Exists(factory.BlobsPath) ? Directory.EnumerateFiles(factory.BlobsPath, "*", SearchOption.AllDirectories).Count() : 0;
        return (count, blobs);
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task AnswersABadBodyWithAProblemAndStoresNothing(string why, string kind, string json, int status, string code)
    {
        var (_, token) = await factory.MintAsync("documents:submit");
        var before = await StoredAsync();

        var response = await factory.ClientWithToken(token).PostAsync("/api/v1/reco/" + kind, new StringContent(json, Encoding.UTF8, "application/json"));

        ((int)response.StatusCode).Should().Be(status, why);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        problem.GetProperty("code").GetString().Should().Be(code, why);
        problem.GetProperty("traceId").GetString().Should().NotBeNullOrEmpty();
        (await StoredAsync()).Should().Be(before, "a refused request stores nothing");
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("crlf\r\nX-Injected: 1")]
    [InlineData("tab\tinside")]
    [InlineData("ÄCME-1")]
    [InlineData("slash/inside")]
    public async Task RefusesAnInvalidCorrelationId(string correlationId)
    {
        var (_, token) = await factory.MintAsync("documents:submit");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reco/mrz")
        {
            Content = new StringContent("{\"paramDict\": {\"mrz\": \"" + Specimens.IcaoPassport.Replace("\n", "\\n") + "\", \"save\": true}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("X-Correlation-ID", correlationId);
        var before = await StoredAsync();

        var response = await factory.ClientWithToken(token).SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString().Should().Be("correlation_id.invalid");
        (await StoredAsync()).Should().Be(before);
    }

    [Fact]
    public async Task RefusesCorrelationIdsOf129CharactersButAccepts128()
    {
        var (_, token) = await factory.MintAsync("documents:submit");
        var client = factory.ClientWithToken(token);

        async Task<HttpStatusCode> Send(string id)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reco/mrz")
            {
                Content = new StringContent("{\"paramDict\": {\"mrz\": \"" + Specimens.IcaoPassport.Replace("\n", "\\n") + "\"}}", Encoding.UTF8, "application/json"),
            };
            request.Headers.TryAddWithoutValidation("X-Correlation-ID", id);
            return (await client.SendAsync(request)).StatusCode;
        }

        // (An empty header value is dropped by HttpClient before it is sent; CorrelationId.IsValid("") is false.)
        (await Send(new string('a', 129))).Should().Be(HttpStatusCode.BadRequest);
        (await Send(new string('a', 127) + ":")).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RefusesAWrongContentType()
    {
        var (_, token) = await factory.MintAsync("documents:submit");

        var response = await factory.ClientWithToken(token).PostAsync("/api/v1/reco/mrz", new StringContent("paramDict=1", Encoding.UTF8, "text/plain"));

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString().Should().Be("request.unsupported_media_type");
    }

    public static TheoryData<string, int, string> IngestCases => new()
    {
        { "missing file", 400, SubmissionErrors.RequestMissingField },
        { "oversized file", 413, SubmissionErrors.FileTooLarge },
        { "bad metadata", 400, SubmissionErrors.MetadataInvalid },
        { "bad external id", 400, SubmissionErrors.CorrelationIdInvalid },
        { "many parts", 400, SubmissionErrors.RequestTooManyParts },
        { "markup department", 201, "" },
    };

    [Theory]
    [MemberData(nameof(IngestCases))]
    public async Task AnswersBadIngestsWithAProblemAndStoresNothing(string why, int status, string code)
    {
        var (_, token) = await factory.MintAsync("documents:submit");
        var form = new MultipartFormDataContent();
        if (why != "missing file")
        {
            var file = new ByteArrayContent(why == "oversized file" ? [.. Specimens.Jpeg(), .. new byte[70_000]] : Specimens.Jpeg());
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "file", "id.jpg");
        }

        form.Add(new StringContent(why switch
        {
            "bad metadata" => "{\"source_tag\": ",
            "bad external id" => "{\"external_id\": \"a b\"}",
            "markup department" => "{\"department\": \"<script>alert(1)</script>\"}",
            _ => "{\"source_tag\": \"vkyc\"}",
        }), "metadata");
        if (why == "many parts")
        {
            for (var i = 0; i < 10; i++)
            {
                form.Add(new StringContent("x"), "extra" + i);
            }
        }

        var before = await StoredAsync();
        var response = await factory.ClientWithToken(token).PostAsync("/api/v1/ingest", form);

        ((int)response.StatusCode).Should().Be(status, why);
        if (status >= 400)
        {
            JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString().Should().Be(code, why);
            (await StoredAsync()).Should().Be(before, why);
        }
    }
}
