using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Verification.Core.Webhooks;

/// <summary>What one delivery attempt produced.</summary>
/// <param name="StatusCode">The HTTP status, or <see langword="null"/> when no answer came.</param>
/// <param name="RetryAfter">The raw <c>Retry-After</c> header of the answer, if any.</param>
/// <param name="Duration">How long the attempt took.</param>
/// <param name="Error">
/// Why no answer came (<see cref="WebhookDeliveryErrors.Timeout"/>, <see cref="WebhookDeliveryErrors.Connection"/>,
/// <see cref="WebhookDeliveryErrors.AddressRefused"/>, <see cref="WebhookDeliveryErrors.UrlRefused"/>), or
/// <see langword="null"/> when one did.
/// </param>
public sealed record WebhookAttemptResult(int? StatusCode, string? RetryAfter, TimeSpan Duration, string? Error);

/// <summary>
/// Sends signed webhook requests: POST of the stored body with the Standard Webhooks headers, redirects not
/// followed, no proxy, no cookies, a timeout, and connections opened only by a <see cref="WebhookConnector"/>
/// (so only to allowed addresses). Thread-safe; register one per process (it holds a connection pool).
/// </summary>
public sealed class WebhookSender : IDisposable
{
    /// <summary>The <c>User-Agent</c> of webhook requests.</summary>
    public const string UserAgent = "Verification-Webhooks/1.0";

    private readonly HttpClient _client;
    private readonly WebhookSigner _signer;
    private readonly OutboundAddressPolicy _policy;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _timeout;

    /// <summary>Creates a sender.</summary>
    /// <param name="connector">Opens the connections (and refuses addresses the policy refuses).</param>
    /// <param name="signer">Signs every request.</param>
    /// <param name="policy">Judges the URL's scheme and form again before each attempt.</param>
    /// <param name="timeProvider">The clock of the signatures and durations.</param>
    /// <param name="timeout">The longest an attempt may take (15 s by the specification).</param>
    internal WebhookSender(WebhookConnector connector, WebhookSigner signer, OutboundAddressPolicy policy, TimeProvider timeProvider, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _signer = signer;
        _policy = policy;
        _timeProvider = timeProvider;
        _timeout = timeout;
        var handler = new SocketsHttpHandler
        {
            // A redirect could point anywhere, including at an address the policy refuses; receivers must answer 2xx.
            AllowAutoRedirect = false,
            // A proxy would make the connect-time address check judge the proxy instead of the receiver.
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = timeout,
            // Re-resolve (and so re-check) names regularly, even on busy connections.
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = (context, cancellationToken) => connector.ConnectAsync(context.DnsEndPoint, cancellationToken),
        };
        _client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>
    /// Makes one attempt: signs <paramref name="body"/> now with <paramref name="secrets"/> and POSTs it to
    /// <paramref name="url"/>. Failures to get an answer are results, not exceptions.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled (the host is stopping).</exception>
    public async Task<WebhookAttemptResult> SendAsync(string url, string messageId, string body, WebhookSigningSecrets secrets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(secrets);
        var started = _timeProvider.GetTimestamp();
        var validated = _policy.ValidateUrl(url);
        if (!validated.TryGetValue(out var uri, out _))
        {
            return new WebhookAttemptResult(null, null, _timeProvider.GetElapsedTime(started), WebhookDeliveryErrors.UrlRefused);
        }

        var bytes = Encoding.UTF8.GetBytes(body);
        var headers = _signer.Sign(messageId, bytes, secrets);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri);
        request.Content = new ByteArrayContent(bytes);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation(WebhookHeaderNames.Id, headers.Id);
        request.Headers.TryAddWithoutValidation(WebhookHeaderNames.Timestamp, headers.Timestamp);
        request.Headers.TryAddWithoutValidation(WebhookHeaderNames.Signature, headers.Signature);
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var retryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? values.FirstOrDefault() : null;
            return new WebhookAttemptResult((int)response.StatusCode, retryAfter, _timeProvider.GetElapsedTime(started), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookAttemptResult(null, null, _timeProvider.GetElapsedTime(started), WebhookDeliveryErrors.Timeout);
        }
        catch (HttpRequestException ex)
        {
            var error = FindInner<WebhookAddressRefusedException>(ex) is not null ? WebhookDeliveryErrors.AddressRefused : WebhookDeliveryErrors.Connection;
            return new WebhookAttemptResult(null, null, _timeProvider.GetElapsedTime(started), error);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private static T? FindInner<T>(Exception exception)
        where T : Exception
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }
}
