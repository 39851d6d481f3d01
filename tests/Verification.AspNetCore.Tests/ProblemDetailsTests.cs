using System.Net;
using System.Text.Json;
using Verification.Core;
using Verification.Hosting.Testing;

namespace Verification.AspNetCore.Tests;

public sealed class ProblemDetailsTests(ReferenceHostFactory factory) : IClassFixture<ReferenceHostFactory>
{
    [Theory]
    [InlineData(FailureKind.Invalid, 400)]
    [InlineData(FailureKind.NotFound, 404)]
    [InlineData(FailureKind.Conflict, 409)]
    [InlineData(FailureKind.Forbidden, 403)]
    [InlineData(FailureKind.Unsupported, 415)]
    [InlineData(FailureKind.TooLarge, 413)]
    [InlineData(FailureKind.Unavailable, 503)]
    public void MapsEveryFailureKindToItsStatus(FailureKind kind, int status)
    {
        var problem = VerificationProblems.Create(new Failure("file.too_large", "The file is over 10 MiB.", kind));

        problem.Status.Should().Be(status);
        problem.Extensions["code"].Should().Be("file.too_large");
        problem.Type.Should().EndWith("/file.too_large");
        problem.Detail.Should().Be("The file is over 10 MiB.");
    }

    [Theory]
    [InlineData("/api/v1/nothing-here")]
    [InlineData("/api/v1/reco/unknown-kind")]
    public async Task AnswersUnknownApiRoutesWithAProblemAndAStableCode(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("code").GetString().Should().Be("route.not_found");
        body.GetProperty("status").GetInt32().Should().Be(404);
        body.GetProperty("traceId").GetString().Should().NotBeNullOrEmpty();
        body.GetProperty("title").GetString().Should().NotBeNullOrEmpty();
    }
}
