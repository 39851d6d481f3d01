using Verification.Core.Webhooks;

namespace Verification.Core.Tests.Webhooks;

public sealed class WebhookSecretTests
{
    [Fact]
    public void GeneratesWhsecPrefixAndBase64OfThirtyTwoBytes()
    {
        var text = WebhookSecret.Generate().Reveal();

        text.Should().StartWith("whsec_");
        Convert.FromBase64String(text["whsec_".Length..]).Should().HaveCount(32);
    }

    [Fact]
    public void GeneratesADifferentSecretEachTime()
    {
        WebhookSecret.Generate().Reveal().Should().NotBe(WebhookSecret.Generate().Reveal());
    }

    [Fact]
    public void RoundTripsThroughItsTextForm()
    {
        var secret = WebhookSecret.Generate();

        var parsed = WebhookSecret.Parse(secret.Reveal());

        parsed.IsSuccess.Should().BeTrue();
        parsed.Value.HasSameKeyAs(secret).Should().BeTrue();
        parsed.Value.Reveal().Should().Be(secret.Reveal());
    }

    [Theory]
    [InlineData(24)]
    [InlineData(32)]
    [InlineData(64)]
    public void AcceptsKeysOfTwentyFourToSixtyFourBytes(int length)
    {
        var text = "whsec_" + Convert.ToBase64String(new byte[length].Select((_, i) => (byte)i).ToArray());

        var parsed = WebhookSecret.Parse(text);

        parsed.IsSuccess.Should().BeTrue();
        parsed.Value.Length.Should().Be(length);
    }

    [Theory]
    [InlineData(23)]
    [InlineData(65)]
    [InlineData(1)]
    public void RefusesKeysOutsideTwentyFourToSixtyFourBytes(int length)
    {
        var parsed = WebhookSecret.Parse("whsec_" + Convert.ToBase64String(new byte[length]));

        parsed.Failure!.Code.Should().Be("webhook.invalid_secret");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("whsec_")]
    [InlineData("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    [InlineData("WHSEC_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    [InlineData("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS!")]
    [InlineData("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaS")]
    [InlineData(" whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")]
    public void RefusesMalformedText(string? text)
    {
        var parsed = WebhookSecret.Parse(text);

        parsed.IsSuccess.Should().BeFalse();
        parsed.Failure!.Code.Should().Be(WebhookFailures.InvalidSecretCode);
        parsed.Failure.Kind.Should().Be(FailureKind.Invalid);
    }

    [Fact]
    public void RefusesAVeryLongSecretWithoutDecodingIt()
    {
        var parsed = WebhookSecret.Parse("whsec_" + new string('A', 10_000));

        parsed.Failure!.Code.Should().Be(WebhookFailures.InvalidSecretCode);
    }

    [Fact]
    public void FailureDetailDoesNotRepeatTheSecret()
    {
        const string text = "whsec_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

        var parsed = WebhookSecret.Parse(text);

        parsed.Failure!.Detail.Should().NotContain("AAAA");
    }

    [Fact]
    public void ToStringNeverShowsTheKey()
    {
        var secret = WebhookSecret.Parse(StandardWebhooksVector.Secret).Value;

        secret.ToString().Should().NotContain("MfKQ9r8G").And.Contain("***");
        $"{secret}".Should().NotContain("MfKQ9r8G");
        new WebhookSigningSecrets(secret).ToString().Should().NotContain("MfKQ9r8G");
    }

    [Fact]
    public void ParsesTheSpecificationVectorSecretAsTwentyFourBytes()
    {
        WebhookSecret.Parse(StandardWebhooksVector.Secret).Value.Length.Should().Be(24);
    }

    [Fact]
    public void ComparesKeysNotInstances()
    {
        var a = WebhookSecret.Generate();
        var b = WebhookSecret.Generate();

        a.HasSameKeyAs(WebhookSecret.Parse(a.Reveal()).Value).Should().BeTrue();
        a.HasSameKeyAs(b).Should().BeFalse();
        a.HasSameKeyAs(WebhookSecret.Generate(64)).Should().BeFalse();
    }

    [Theory]
    [InlineData(23)]
    [InlineData(65)]
    public void GenerateRefusesLengthsOutsideTheContract(int length)
    {
        var generate = () => WebhookSecret.Generate(length);

        generate.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void SignsTheSameWhenTheCachedHmacIsReusedOrBusy()
    {
        using var secret = WebhookSecret.Generate();
        var key = Convert.FromBase64String(secret.Reveal()["whsec_".Length..]);
        var expected = "v1," + Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData(key, "msg_c.9.body"u8));

        var results = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
            results.Add(WebhookSigner.ComputeSignatureHeader("msg_c", 9, "body"u8, secret)));

        results.Should().HaveCount(2000).And.AllBeEquivalentTo(expected);
        WebhookSigner.ComputeSignatureHeader("msg_c", 9, "body"u8, secret).Should().Be(expected);
    }

    [Fact]
    public void ADisposedSecretCanNoLongerSignOrBeRevealed()
    {
        var secret = WebhookSecret.Generate();
        WebhookSigner.ComputeSignatureHeader("msg_d", 1, [], secret);

        secret.Dispose();
        secret.Dispose();

        var sign = () => WebhookSigner.ComputeSignatureHeader("msg_d", 1, [], secret);
        var reveal = () => secret.Reveal();
        sign.Should().Throw<ObjectDisposedException>();
        reveal.Should().Throw<ObjectDisposedException>();
    }
}
