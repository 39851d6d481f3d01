using System.Net;
using System.Text;
using Verification.Core.Webhooks;

namespace MinimalEmbedding.Tests;

public sealed class WebhookReceiverTests(EmbeddingApp app) : IClassFixture<EmbeddingApp>
{
    private const string Body =
        """{"type":"analysis.decided","analysisId":"01JD0000000000000000000000","verificationId":"ACME-customer-1","correlationId":"ACME-customer-1","sessionId":"s-1","sesssionId":"s-1","newStatus":"user_approved","occurredAt":"2026-11-21T10:00:00Z"}""";

    [Fact]
    public async Task AcceptsADecisionSignedWithTheSharedSecret()
    {
        using var response = await PostAsync(Body, Sign(Body, app.WebhookSecret));

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task RefusesADecisionWhoseBodyWasAlteredAfterSigning()
    {
        var signature = Sign(Body, app.WebhookSecret);
        var tampered = Body.Replace("user_approved", "user_rejected", StringComparison.Ordinal);

        using var response = await PostAsync(tampered, signature);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).Should().Contain(WebhookFailures.SignatureMismatchCode);
    }

    [Fact]
    public async Task RefusesADecisionSignedWithAnotherSecret()
    {
        using var other = WebhookSecret.Generate();

        using var response = await PostAsync(Body, Sign(Body, other.Reveal()));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task RefusesAnUnsignedDecision()
    {
        using var response = await PostAsync(Body, null);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static (string Id, string Timestamp, string Signature) Sign(string body, string secretText)
    {
        using var secret = WebhookSecret.Parse(secretText).Value;
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        const string id = "msg_2f1c0d9e";
        return (id, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
            WebhookSigner.ComputeSignatureHeader(id, timestamp, Encoding.UTF8.GetBytes(body), secret));
    }

    private async Task<HttpResponseMessage> PostAsync(string body, (string Id, string Timestamp, string Signature)? headers)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/verification") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (headers is { } h)
        {
            request.Headers.Add(WebhookHeaderNames.Id, h.Id);
            request.Headers.Add(WebhookHeaderNames.Timestamp, h.Timestamp);
            request.Headers.Add(WebhookHeaderNames.Signature, h.Signature);
        }

        return await client.SendAsync(request);
    }
}
