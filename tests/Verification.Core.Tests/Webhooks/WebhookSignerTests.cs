using System.Security.Cryptography;
using System.Text;
using Verification.Core.Webhooks;
using Verification.Storage.Specification;

namespace Verification.Core.Tests.Webhooks;

public sealed class WebhookSignerTests
{
    private static readonly WebhookSecret VectorSecret = WebhookSecret.Parse(StandardWebhooksVector.Secret).Value;

    [Fact]
    public void TheSpecificationVectorHoldsForAPlainHmacOfIdTimestampAndBody()
    {
        // Checks the vector itself, independently of the code under test.
        var key = Convert.FromBase64String(StandardWebhooksVector.Secret["whsec_".Length..]);
        var content = Encoding.UTF8.GetBytes($"{StandardWebhooksVector.MessageId}.{StandardWebhooksVector.Timestamp}.{StandardWebhooksVector.Body}");

        var signature = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));

        signature.Should().Be(StandardWebhooksVector.Signature);
    }

    [Fact]
    public void ProducesTheSpecificationVectorSignature()
    {
        var header = WebhookSigner.ComputeSignatureHeader(
            StandardWebhooksVector.MessageId, StandardWebhooksVector.Timestamp, StandardWebhooksVector.BodyBytes, VectorSecret);

        header.Should().Be(StandardWebhooksVector.Signature);
    }

    [Fact]
    public void SignsWithTheClockAndReturnsTheThreeHeaders()
    {
        var signer = new WebhookSigner(new ManualClock(StandardWebhooksVector.SignedAt.AddMilliseconds(999)));

        var headers = signer.Sign(StandardWebhooksVector.MessageId, StandardWebhooksVector.BodyBytes, new WebhookSigningSecrets(VectorSecret));

        headers.Should().Be(new WebhookHeaders(StandardWebhooksVector.MessageId, "1614265330", StandardWebhooksVector.Signature));
    }

    [Fact]
    public void SignsWithBothSecretsDuringTheGracePeriodCurrentFirst()
    {
        var start = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var clock = new ManualClock(start);
        var next = WebhookSecret.Generate();
        var secrets = new WebhookSigningSecrets(VectorSecret).Rotate(next, start, TimeSpan.FromHours(24));
        var body = Encoding.UTF8.GetBytes("{}");

        var signatures = new WebhookSigner(clock).Sign("msg_1", body, secrets).Signature.Split(' ');

        signatures.Should().Equal(
            WebhookSigner.ComputeSignatureHeader("msg_1", 1_800_000_000, body, next),
            WebhookSigner.ComputeSignatureHeader("msg_1", 1_800_000_000, body, VectorSecret));
    }

    [Fact]
    public void StopsSigningWithThePreviousSecretWhenTheGracePeriodEnds()
    {
        var start = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var clock = new ManualClock(start);
        var next = WebhookSecret.Generate();
        var secrets = new WebhookSigningSecrets(VectorSecret).Rotate(next, start, TimeSpan.FromHours(24));
        var signer = new WebhookSigner(clock);

        clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromTicks(1));
        signer.Sign("msg_1", [], secrets).Signature.Split(' ').Should().HaveCount(2);

        clock.Advance(TimeSpan.FromTicks(1));
        var headers = signer.Sign("msg_1", [], secrets);
        headers.Signature.Should().Be(WebhookSigner.ComputeSignatureHeader("msg_1", long.Parse(headers.Timestamp, System.Globalization.CultureInfo.InvariantCulture), [], next));
    }

    [Fact]
    public void ProducesOneSignaturePerSecretSeparatedBySpaces()
    {
        var secrets = new[] { WebhookSecret.Generate(), WebhookSecret.Generate(), WebhookSecret.Generate(), WebhookSecret.Generate(), WebhookSecret.Generate() };

        var header = WebhookSigner.ComputeSignatureHeader("msg_x", 42, [1, 2, 3], secrets);

        var parts = header.Split(' ');
        parts.Should().HaveCount(5).And.OnlyHaveUniqueItems();
        parts.Should().AllSatisfy(p => p.Should().MatchRegex("^v1,[A-Za-z0-9+/]{43}=$"));
        parts[4].Should().Be(WebhookSigner.ComputeSignatureHeader("msg_x", 42, [1, 2, 3], secrets[4]));
    }

    [Fact]
    public void SignsLargeBodiesLikeAPlainHmac()
    {
        var body = new byte[300_000];
        new Random(7).NextBytes(body);
        var secret = WebhookSecret.Generate();
        var key = Convert.FromBase64String(secret.Reveal()["whsec_".Length..]);
        var content = Encoding.UTF8.GetBytes("msg_big.1700000000.").Concat(body).ToArray();

        var header = WebhookSigner.ComputeSignatureHeader("msg_big", 1_700_000_000, body, secret);

        header.Should().Be("v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content)));
    }

    [Fact]
    public void EncodesNonAsciiIdsAsUtf8()
    {
        var secret = WebhookSecret.Generate();
        var key = Convert.FromBase64String(secret.Reveal()["whsec_".Length..]);

        var header = WebhookSigner.ComputeSignatureHeader("msg_é", 5, [], secret);

        header.Should().Be("v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("msg_é.5."))));
    }

    [Fact]
    public void ChangingAnyPartChangesTheSignature()
    {
        var secret = WebhookSecret.Generate();
        var baseline = WebhookSigner.ComputeSignatureHeader("msg_1", 100, [1], secret);

        WebhookSigner.ComputeSignatureHeader("msg_2", 100, [1], secret).Should().NotBe(baseline);
        WebhookSigner.ComputeSignatureHeader("msg_1", 101, [1], secret).Should().NotBe(baseline);
        WebhookSigner.ComputeSignatureHeader("msg_1", 100, [2], secret).Should().NotBe(baseline);
        WebhookSigner.ComputeSignatureHeader("msg_1", 100, [1], WebhookSecret.Generate()).Should().NotBe(baseline);
    }

    [Theory]
    [InlineData("")]
    [InlineData("msg 1")]
    [InlineData("msg_1\n")]
    [InlineData("msg_\u0000")]
    public void RefusesUnusableMessageIds(string id)
    {
        var sign = () => WebhookSigner.ComputeSignatureHeader(id, 1, [], WebhookSecret.Generate());

        sign.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void RefusesMessageIdsLongerThan256Bytes()
    {
        var sign = () => WebhookSigner.ComputeSignatureHeader(new string('a', 257), 1, [], WebhookSecret.Generate());

        sign.Should().Throw<ArgumentException>();
        WebhookSigner.ComputeSignatureHeader(new string('a', 256), 1, [], WebhookSecret.Generate()).Should().StartWith("v1,");
    }

    [Fact]
    public void RefusesToSignWithoutASecret()
    {
        var sign = () => WebhookSigner.ComputeSignatureHeader("msg_1", 1, []);

        sign.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void MessageIdsAreUlidsWithTheMsgPrefix()
    {
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));

        var first = WebhookMessageIds.New(clock);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var second = WebhookMessageIds.New(clock);

        first.Should().MatchRegex("^msg_[0-9A-HJKMNP-TV-Z]{26}$");
        string.CompareOrdinal(first, second).Should().BeNegative();
    }
}

public sealed class WebhookSignerPeerTests
{
    [Fact]
    public void MatchesTheNpmStandardWebhooksPackageOnTheBenchmarkMessage()
    {
        // Printed by benchmarks/peers-webhooks/sign-bench.js (standardwebhooks 1.1.1) for the same inputs.
        var key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var payload = Enumerable.Range(0, 1024).Select(i => (byte)('a' + (i % 26))).ToArray();
        var secret = WebhookSecret.Parse("whsec_" + Convert.ToBase64String(key)).Value;

        var header = WebhookSigner.ComputeSignatureHeader("msg_01JD5V2Q9Z3X4Y5W6V7T8S9R0Q", 1_800_000_000, payload, secret);

        header.Should().Be("v1,WZV9uHLKc2th2ebMyPxRI//Wy6XoAfg5fNjjgxR0A1M=");
    }
}
