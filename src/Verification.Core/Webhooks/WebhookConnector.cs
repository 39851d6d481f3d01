using System.Net;
using System.Net.Sockets;

namespace Verification.Core.Webhooks;

/// <summary>Thrown at connect time when a webhook host resolves only to addresses the outbound policy refuses.</summary>
internal sealed class WebhookAddressRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WebhookAddressRefusedException()
        : this("The webhook host resolves only to addresses that are not allowed.")
    {
    }

    /// <summary>Creates the exception with a message (never a secret or credentials).</summary>
    public WebhookAddressRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public WebhookAddressRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Opens the TCP connections of webhook requests (the <c>ConnectCallback</c> of the sender's
/// <see cref="System.Net.Http.SocketsHttpHandler"/>): resolves the host itself and connects only to the
/// addresses <see cref="OutboundAddressPolicy.SelectAllowed"/> keeps. Because the check and the connection
/// use the same resolution, a name that re-binds to an internal address after the URL was validated is still
/// refused.
/// </summary>
internal sealed class WebhookConnector
{
    private readonly OutboundAddressPolicy _policy;
    private readonly Func<string, CancellationToken, Task<IPAddress[]>> _resolve;

    /// <summary>Creates a connector that resolves names with the system resolver.</summary>
    public WebhookConnector(OutboundAddressPolicy policy)
        : this(policy, Dns.GetHostAddressesAsync)
    {
    }

    /// <summary>Creates a connector with its own resolver (tests, or hosts with a custom DNS client).</summary>
    public WebhookConnector(OutboundAddressPolicy policy, Func<string, CancellationToken, Task<IPAddress[]>> resolve)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(resolve);
        _policy = policy;
        _resolve = resolve;
    }

    /// <summary>
    /// The addresses of <paramref name="host"/> a connection may use, in resolution order (an IP literal is
    /// judged as it is).
    /// </summary>
    /// <exception cref="WebhookAddressRefusedException">No resolved address is allowed.</exception>
    public async ValueTask<IReadOnlyList<IPAddress>> ResolveAllowedAsync(string host, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        var literal = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        var resolved = IPAddress.TryParse(literal, out var address)
            ? [address]
            : await _resolve(host, cancellationToken).ConfigureAwait(false);
        var selected = _policy.SelectAllowed(resolved);
        return selected.TryGetValue(out var allowed, out var failure)
            ? allowed
            : throw new WebhookAddressRefusedException(failure.Detail);
    }

    /// <summary>
    /// Connects to the first allowed address of <paramref name="endPoint"/> that accepts, and answers the stream.
    /// </summary>
    /// <exception cref="WebhookAddressRefusedException">No resolved address is allowed.</exception>
    /// <exception cref="SocketException">Every allowed address refused the connection.</exception>
    public async ValueTask<Stream> ConnectAsync(DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var addresses = await ResolveAllowedAsync(endPoint.Host, cancellationToken).ConfigureAwait(false);
        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endPoint.Port), cancellationToken).ConfigureAwait(false);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }
}
