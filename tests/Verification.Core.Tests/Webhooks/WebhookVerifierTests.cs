using System.Globalization;
using System.Text;
using Verification.Core.Webhooks;
using Verification.Storage.Specification;

namespace Verification.Core.Tests.Webhooks;

public sealed class WebhookVerifierTests
{
    private static readonly WebhookSecret VectorSecret = WebhookSecret.Parse(StandardWebhooksVector.Secret).Value;

    private static WebhookVerifier VerifierAt(DateTimeOffset now) => new(new ManualClock(now));

    private static Outcome<Unit> VerifyVector(string? signature, byte[]? body = null, DateTimeOffset? now = null, string? id = StandardWebhooksVector.MessageId, string? timestamp = "1614265330") =>
        VerifierAt(now ?? StandardWebhooksVector.SignedAt)
            .Verify(id, timestamp, signature, body ?? StandardWebhooksVector.BodyBytes, VectorSecret);

    [Fact]
    public void AcceptsTheSpecificationVector()
    {
        VerifyVector(StandardWebhooksVector.Signature).IsSuccess.Should().BeTrue();
    }

    [Fact]
    public void RefusesTheVectorWithATamperedBody()
    {
        var tampered = Encoding.UTF8.GetBytes("{\"test\": 2432232315}");

        VerifyVector(StandardWebhooksVector.Signature, tampered).Failure!.Code.Should().Be("webhook.signature_mismatch");
    }

    [Fact]
    public void RefusesTheVectorWithAnAddedTrailingNewline()
    {
        var tampered = Encoding.UTF8.GetBytes(StandardWebhooksVector.Body + "\n");

        VerifyVector(StandardWebhooksVector.Signature, tampered).Failure!.Code.Should().Be(WebhookFailures.SignatureMismatchCode);
    }

    [Fact]
    public void RefusesTheVectorWithAnotherMessageId()
    {
        VerifyVector(StandardWebhooksVector.Signature, id: "msg_p5jXN8AQM9LWM0D4loKWxJel").Failure!.Code.Should().Be(WebhookFailures.SignatureMismatchCode);
    }

    [Fact]
    public void RefusesTheVectorWithAnotherTimestampInsideTheTolerance()
    {
        VerifyVector(StandardWebhooksVector.Signature, timestamp: "1614265331").Failure!.Code.Should().Be(WebhookFailures.SignatureMismatchCode);
    }

    [Fact]
    public void RefusesTheVectorWithAnotherSecret()
    {
        var result = VerifierAt(StandardWebhooksVector.SignedAt).Verify(
            StandardWebhooksVector.MessageId, "1614265330", StandardWebhooksVector.Signature, StandardWebhooksVector.BodyBytes, WebhookSecret.Generate());

        result.Failure!.Code.Should().Be(WebhookFailures.SignatureMismatchCode);
    }

    [Fact]
    public void RefusesASignatureWithOneFlippedCharacter()
    {
        var flipped = StandardWebhooksVector.Signature.Replace("g0hM", "g0hN", StringComparison.Ordinal);

        VerifyVector(flipped).Failure!.Code.Should().Be(WebhookFailures.SignatureMismatchCode);
    }

    [Theory]
    [InlineData(-300, true)]
    [InlineData(300, true)]
    [InlineData(-301, false)]
    [InlineData(301, false)]
    [InlineData(0, true)]
    public void AcceptsTimestampsWithinFiveMinutesBothWays(int nowMinusSignedSeconds, bool accepted)
    {
        var now = StandardWebhooksVector.SignedAt.AddSeconds(nowMinusSignedSeconds);

        var result = VerifyVector(StandardWebhooksVector.Signature, now: now);

        if (accepted)
        {
            result.IsSuccess.Should().BeTrue();
        }
        else
        {
            result.Failure!.Code.Should().Be("webhook.timestamp_out_of_range");
        }
    }

    [Fact]
    public void RefusesAnOldMessageEvenWithAValidSignature()
    {
        VerifyVector(StandardWebhooksVector.Signature, now: StandardWebhooksVector.SignedAt.AddDays(1))
            .Failure!.Code.Should().Be(WebhookFailures.TimestampOutOfRangeCode);
    }

    [Fact]
    public void HonoursACustomTolerance()
    {
        var verifier = new WebhookVerifier(new ManualClock(StandardWebhooksVector.SignedAt.AddSeconds(11)), TimeSpan.FromSeconds(10));

        verifier.Verify(StandardWebhooksVector.MessageId, "1614265330", StandardWebhooksVector.Signature, StandardWebhooksVector.BodyBytes, VectorSecret)
            .Failure!.Code.Should().Be(WebhookFailures.TimestampOutOfRangeCode);
    }

    [Theory]
    [InlineData("v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    [InlineData("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("v1a,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE= v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    [InlineData("v2,abc v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    [InlineData("garbage  v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    [InlineData("v1,not-base64 v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    public void AcceptsWhenAnyKnownSignatureMatches(string header)
    {
        VerifyVector(header).IsSuccess.Should().BeTrue();
    }

    [Theory]
    [InlineData("v1a,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    [InlineData("v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    [InlineData("V1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    [InlineData("g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")]
    [InlineData("   ")]
    [InlineData("")]
    [InlineData(null)]
    public void ReportsAMissingSignatureWhenNoV1SignatureIsPresent(string? header)
    {
        VerifyVector(header).Failure!.Code.Should().Be("webhook.signature_missing");
    }

    [Theory]
    [InlineData("v1,")]
    [InlineData("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE")]
    [InlineData("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE==")]
    [InlineData("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=AAAA")]
    [InlineData("v1,g0hM9SsE")]
    public void RefusesMalformedOrTruncatedV1Signatures(string header)
    {
        VerifyVector(header).Failure!.Code.Should().Be(WebhookFailures.SignatureMismatchCode);
    }

    [Fact]
    public void AcceptsAMessageSignedWithEitherSecretOfARotation()
    {
        var start = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var clock = new ManualClock(start);
        var old = WebhookSecret.Generate();
        var next = WebhookSecret.Generate();
        var headers = new WebhookSigner(clock).Sign("msg_r", [7], new WebhookSigningSecrets(old).Rotate(next, start, TimeSpan.FromHours(1)));
        var verifier = new WebhookVerifier(clock);

        verifier.Verify(headers, [7], old).IsSuccess.Should().BeTrue("a receiver still on the old secret keeps working");
        verifier.Verify(headers, [7], next).IsSuccess.Should().BeTrue("a receiver already on the new secret works");
        verifier.Verify(headers, [7], WebhookSecret.Generate()).Failure!.Code.Should().Be(WebhookFailures.SignatureMismatchCode);
    }

    [Fact]
    public void AReceiverWithSeveralSecretsAcceptsASignatureFromAnyOfThem()
    {
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        var used = WebhookSecret.Generate();
        var headers = new WebhookSigner(clock).Sign("msg_s", [1, 2], new WebhookSigningSecrets(used));
        var others = Enumerable.Range(0, 5).Select(_ => WebhookSecret.Generate()).ToList();

        new WebhookVerifier(clock).Verify(headers, [1, 2], [.. others, used]).IsSuccess.Should().BeTrue();
        new WebhookVerifier(clock).Verify(headers, [1, 2], [.. others]).IsSuccess.Should().BeFalse();
    }

    [Fact]
    public void VerifiesWhatTheSignerProducesForARealEventBody()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero));
        var secrets = new WebhookSigningSecrets(WebhookSecret.Generate());
        var body = WebhookEventSerializer.SerializeToUtf8Bytes(new AnalysisDecidedEvent
        {
            AnalysisId = "01JAAAAAAAAAAAAAAAAAAAAAAA",
            VerificationId = "TEST-123456",
            CorrelationId = "TEST-123456",
            SessionId = "s-1",
            NewStatus = WebhookDecisionStatus.UserApproved,
            OccurredAt = clock.GetUtcNow(),
        });
        var id = WebhookMessageIds.New(clock);

        var headers = new WebhookSigner(clock).Sign(id, body, secrets);
        clock.Advance(TimeSpan.FromMinutes(4));

        new WebhookVerifier(clock).Verify(headers, body, secrets.Current).IsSuccess.Should().BeTrue();
    }

    [Theory]
    [InlineData(null, "webhook.id_missing")]
    [InlineData("", "webhook.id_missing")]
    public void ReportsAMissingId(string? id, string code)
    {
        VerifyVector(StandardWebhooksVector.Signature, id: id).Failure!.Code.Should().Be(code);
    }

    [Theory]
    [InlineData(null, "webhook.timestamp_missing")]
    [InlineData("", "webhook.timestamp_missing")]
    [InlineData("abc", "webhook.timestamp_invalid")]
    [InlineData("-1614265330", "webhook.timestamp_invalid")]
    [InlineData("+1614265330", "webhook.timestamp_invalid")]
    [InlineData(" 1614265330", "webhook.timestamp_invalid")]
    [InlineData("1614265330.5", "webhook.timestamp_invalid")]
    [InlineData("99999999999999999999999", "webhook.timestamp_invalid")]
    [InlineData("9223372036854775807", "webhook.timestamp_out_of_range")]
    [InlineData("0", "webhook.timestamp_out_of_range")]
    public void ReportsAMissingOrUnreadableTimestamp(string? timestamp, string code)
    {
        VerifyVector(StandardWebhooksVector.Signature, timestamp: timestamp).Failure!.Code.Should().Be(code);
    }

    [Fact]
    public void ChecksTheTimestampBeforeTheSignature()
    {
        var stale = StandardWebhooksVector.SignedAt.AddHours(1);

        VerifyVector("v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", now: stale).Failure!.Code.Should().Be(WebhookFailures.TimestampOutOfRangeCode);
    }

    [Fact]
    public void RefusesToVerifyWithoutASecret()
    {
        var verify = () => VerifierAt(StandardWebhooksVector.SignedAt).Verify("msg", "1", "v1,x", []);

        verify.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void RoundTripsManyRandomMessages()
    {
        var faker = new Bogus.Randomizer(1234);
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        var signer = new WebhookSigner(clock);
        var verifier = new WebhookVerifier(clock);
        for (var i = 0; i < 200; i++)
        {
            var secret = WebhookSecret.Generate(faker.Number(24, 64));
            var body = faker.Bytes(faker.Number(0, 5000));
            var id = "msg_" + faker.AlphaNumeric(faker.Number(1, 40));

            var headers = signer.Sign(id, body, new WebhookSigningSecrets(secret));

            verifier.Verify(headers, body, secret).IsSuccess.Should().BeTrue();
            if (body.Length > 0)
            {
                body[faker.Number(0, body.Length - 1)] ^= 0x01;
                verifier.Verify(headers, body, secret).Failure!.Code.Should().Be(WebhookFailures.SignatureMismatchCode);
            }

            headers.Timestamp.Should().Be(clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        }
    }
}
