using System.Text;
using System.Text.Json;
using Verification.Core.Verifications;
using Verification.Core.Webhooks;

namespace Verification.Core.Tests.Webhooks;

public sealed class WebhookEventSerializerTests
{
    private static AnalysisDecidedEvent Sample(WebhookDecisionStatus status = WebhookDecisionStatus.UserApproved) => new()
    {
        AnalysisId = "01JD0000000000000000000000",
        VerificationId = "MYCOMPANY-customer-12345",
        CorrelationId = "TEST-123456",
        SessionId = "session-42",
        NewStatus = status,
        OccurredAt = new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public void WritesTheContractBodyExactly()
    {
        var json = Encoding.UTF8.GetString(WebhookEventSerializer.SerializeToUtf8Bytes(Sample()));

        json.Should().Be(
            "{\"type\":\"analysis.decided\",\"analysisId\":\"01JD0000000000000000000000\",\"verificationId\":\"MYCOMPANY-customer-12345\"," +
            "\"correlationId\":\"TEST-123456\",\"sessionId\":\"session-42\",\"sesssionId\":\"session-42\"," +
            "\"newStatus\":\"user_approved\",\"occurredAt\":\"2026-11-21T10:00:00Z\"}");
    }

    [Fact]
    public void RepeatsTheSessionIdUnderTheThreeSSpelling()
    {
        using var document = JsonDocument.Parse(WebhookEventSerializer.SerializeToUtf8Bytes(Sample()));

        document.RootElement.GetProperty("sesssionId").GetString().Should().Be(document.RootElement.GetProperty("sessionId").GetString());
    }

    [Theory]
    [InlineData(WebhookDecisionStatus.UserApproved, "user_approved")]
    [InlineData(WebhookDecisionStatus.UserRejected, "user_rejected")]
    public void WritesTheNewStatusInSnakeCase(WebhookDecisionStatus status, string expected)
    {
        using var document = JsonDocument.Parse(WebhookEventSerializer.SerializeToUtf8Bytes(Sample(status)));

        document.RootElement.GetProperty("newStatus").GetString().Should().Be(expected);
    }

    [Fact]
    public void WritesOccurredAtInUtcWithZWhateverTheOffset()
    {
        var decided = Sample() with { OccurredAt = new DateTimeOffset(2026, 11, 21, 12, 30, 15, 250, TimeSpan.FromHours(2)) };

        using var document = JsonDocument.Parse(WebhookEventSerializer.SerializeToUtf8Bytes(decided));

        document.RootElement.GetProperty("occurredAt").GetString().Should().Be("2026-11-21T10:30:15.25Z");
    }

    [Fact]
    public void WritesNullForAMissingCorrelationOrSessionId()
    {
        var decided = Sample() with { CorrelationId = null, SessionId = null };

        using var document = JsonDocument.Parse(WebhookEventSerializer.SerializeToUtf8Bytes(decided));

        document.RootElement.GetProperty("correlationId").ValueKind.Should().Be(JsonValueKind.Null);
        document.RootElement.GetProperty("sessionId").ValueKind.Should().Be(JsonValueKind.Null);
        document.RootElement.GetProperty("sesssionId").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public void EscapesIdentifiersSafely()
    {
        var decided = Sample() with { CorrelationId = "a\"b</script>" };

        using var document = JsonDocument.Parse(WebhookEventSerializer.SerializeToUtf8Bytes(decided));

        document.RootElement.GetProperty("correlationId").GetString().Should().Be("a\"b</script>");
    }

    [Fact]
    public void ReadsBackWhatItWrites()
    {
        var decided = Sample(WebhookDecisionStatus.UserRejected);

        var read = WebhookEventSerializer.Deserialize(WebhookEventSerializer.SerializeToUtf8Bytes(decided));

        read.Value.Should().Be(decided);
    }

    [Fact]
    public void ReadsTheContractExample()
    {
        const string example = """
            {"type": "analysis.decided", "analysisId": "A1", "verificationId": "V1", "correlationId": "TEST-123456",
             "sessionId": "S1", "sesssionId": "S1", "newStatus": "user_approved", "occurredAt": "2026-11-21T10:00:00Z"}
            """;

        var read = (AnalysisDecidedEvent)WebhookEventSerializer.Deserialize(Encoding.UTF8.GetBytes(example)).Value;

        read.NewStatus.Should().Be(WebhookDecisionStatus.UserApproved);
        read.OccurredAt.Should().Be(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero));
        read.SessionId.Should().Be("S1");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"type\":\"analysis.created\",\"analysisId\":\"A\",\"verificationId\":\"V\",\"newStatus\":\"user_approved\",\"occurredAt\":\"2026-11-21T10:00:00Z\"}")]
    [InlineData("{\"type\":\"analysis.decided\",\"verificationId\":\"V\",\"newStatus\":\"user_approved\",\"occurredAt\":\"2026-11-21T10:00:00Z\"}")]
    [InlineData("{\"type\":\"analysis.decided\",\"analysisId\":\"A\",\"verificationId\":\"V\",\"newStatus\":\"approved\",\"occurredAt\":\"2026-11-21T10:00:00Z\"}")]
    [InlineData("{\"type\":\"analysis.decided\",\"analysisId\":\"A\",\"verificationId\":\"V\",\"newStatus\":\"user_approved\"}")]
    public void RefusesBodiesThatAreNotAKnownEvent(string json)
    {
        WebhookEventSerializer.Deserialize(Encoding.UTF8.GetBytes(json)).Failure!.Code.Should().Be("webhook.payload_invalid");
    }

    [Theory]
    [InlineData(DecisionKind.Approve, WebhookDecisionStatus.UserApproved)]
    [InlineData(DecisionKind.Reject, WebhookDecisionStatus.UserRejected)]
    public void MapsDecisionsToNewStatus(DecisionKind decision, WebhookDecisionStatus expected)
    {
        AnalysisDecidedEvent.StatusOf(decision).Should().Be(expected);
    }

    [Fact]
    public void ExposesTheEventType()
    {
        Sample().Type.Should().Be("analysis.decided");
        WebhookEventTypes.All.Should().Contain("analysis.decided");
    }
}
