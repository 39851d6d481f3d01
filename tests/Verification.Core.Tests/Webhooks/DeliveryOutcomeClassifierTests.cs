using Verification.Core.Webhooks;

namespace Verification.Core.Tests.Webhooks;

public sealed class DeliveryOutcomeClassifierTests
{
    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    [InlineData(202)]
    [InlineData(204)]
    [InlineData(299)]
    public void OnlyTwoHundredsSucceed(int status)
    {
        DeliveryOutcomeClassifier.Classify(status).Should().Be(DeliveryOutcome.Succeeded);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(199)]
    [InlineData(300)]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(599)]
    [InlineData(0)]
    public void EverythingElseButGoneFails(int status)
    {
        DeliveryOutcomeClassifier.Classify(status).Should().Be(DeliveryOutcome.Failed);
    }

    [Fact]
    public void GoneDisablesTheEndpoint()
    {
        DeliveryOutcomeClassifier.Classify(410).Should().Be(DeliveryOutcome.EndpointGone);
    }

    [Fact]
    public void NoAnswerFails()
    {
        DeliveryOutcomeClassifier.Classify((int?)null).Should().Be(DeliveryOutcome.Failed);
    }

    [Theory]
    [InlineData(429, true)]
    [InlineData(503, true)]
    [InlineData(500, false)]
    [InlineData(301, false)]
    [InlineData(null, false)]
    public void HonoursRetryAfterOnlyFor429And503(int? status, bool expected)
    {
        DeliveryOutcomeClassifier.HonoursRetryAfter(status).Should().Be(expected);
    }
}
