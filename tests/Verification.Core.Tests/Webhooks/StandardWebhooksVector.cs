using System.Text;

namespace Verification.Core.Tests.Webhooks;

/// <summary>The test vector published with the Standard Webhooks specification.</summary>
internal static class StandardWebhooksVector
{
    public const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public const string MessageId = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    public const long Timestamp = 1614265330;
    public const string Body = "{\"test\": 2432232314}";
    public const string Signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    public static byte[] BodyBytes => Encoding.UTF8.GetBytes(Body);

    public static DateTimeOffset SignedAt => DateTimeOffset.FromUnixTimeSeconds(Timestamp);
}
