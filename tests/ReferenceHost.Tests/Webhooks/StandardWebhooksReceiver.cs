using System.Text;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;
using Verification.Storage.Specification.Webhooks;

namespace ReferenceHost.Tests.Webhooks;

/// <summary>
/// A receiver written with the <c>StandardWebhooks</c> NuGet package, as docs/webhooks.md shows it: independent of
/// the library's own <c>WebhookVerifier</c>, it checks what the host really sent.
/// </summary>
internal static class StandardWebhooksReceiver
{
    public static bool Accepts(ReceivedWebhook received, string secret)
    {
        var headers = new HeaderDictionary
        {
            ["webhook-id"] = received.Id,
            ["webhook-timestamp"] = received.Timestamp,
            ["webhook-signature"] = received.Signature,
        };
        try
        {
            new StandardWebhook(secret).Verify(Encoding.UTF8.GetString(received.Body), headers);
            return true;
        }
        catch (WebhookVerificationException)
        {
            return false;
        }
    }
}
