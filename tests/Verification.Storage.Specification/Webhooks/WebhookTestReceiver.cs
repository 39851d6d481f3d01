using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Verification.Storage.Specification.Webhooks;

/// <summary>A request the <see cref="WebhookTestReceiver"/> got.</summary>
/// <param name="Path">The request path.</param>
/// <param name="Id">The <c>webhook-id</c> header.</param>
/// <param name="Timestamp">The <c>webhook-timestamp</c> header.</param>
/// <param name="Signature">The <c>webhook-signature</c> header.</param>
/// <param name="Body">The exact body bytes.</param>
/// <param name="StatusCode">What the receiver answered.</param>
public sealed record ReceivedWebhook(string Path, string? Id, string? Timestamp, string? Signature, byte[] Body, int StatusCode);

/// <summary>What the <see cref="WebhookTestReceiver"/> answers to one request.</summary>
/// <param name="StatusCode">The status.</param>
/// <param name="Headers">Extra response headers (e.g. <c>Retry-After</c>, <c>Location</c>).</param>
/// <param name="Delay">How long to wait before answering.</param>
public sealed record ReceiverAnswer(int StatusCode, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default);

/// <summary>
/// A webhook receiver on 127.0.0.1 and a free port (HttpListener), answering each request as a script says
/// and recording what it got, for delivery tests. Only loopback, bounded by the test.
/// </summary>
public sealed class WebhookTestReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Func<ReceivedWebhook, int, ReceiverAnswer> _answer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _count;

    /// <summary>Starts a receiver; <paramref name="answer"/> gets each request and its index (from 0).</summary>
    public WebhookTestReceiver(Func<ReceivedWebhook, int, ReceiverAnswer> answer)
    {
        _answer = answer;
        for (var attempt = 0; ; attempt++)
        {
            Port = FreePort();
            _listener.Prefixes.Clear();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
            }
        }

        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The port listened on.</summary>
    public int Port { get; }

    /// <summary>The base URL, <c>http://127.0.0.1:port/</c>.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port}/";

    /// <summary>Every request received, in arrival order.</summary>
    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    /// <summary>Stops listening.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(buffer);
            var index = Interlocked.Increment(ref _count) - 1;
            var request = new ReceivedWebhook(
                context.Request.Url!.AbsolutePath,
                context.Request.Headers["webhook-id"],
                context.Request.Headers["webhook-timestamp"],
                context.Request.Headers["webhook-signature"],
                buffer.ToArray(),
                0);
            var answer = _answer(request, index);
            if (answer.Delay > TimeSpan.Zero)
            {
                await Task.Delay(answer.Delay, _stop.Token);
            }

            Received.Enqueue(request with { StatusCode = answer.StatusCode });
            context.Response.StatusCode = answer.StatusCode;
            foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            context.Response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            // The client gave up (timeout test) or the receiver is stopping.
        }
    }
}
