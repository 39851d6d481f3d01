using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ReferenceHost.Adversarial.Tests;

/// <summary>The hostile host on a real loopback port (Kestrel), for bodies streamed over the limit and raw protocol abuse.</summary>
public sealed class KestrelHostileHost : HostileHostFactory, IAsyncLifetime
{
    public KestrelHostileHost() => UseKestrel(options => options.Listen(IPAddress.Loopback, 0));

    public Uri BaseAddress { get; private set; } = null!;

    public string Token { get; private set; } = string.Empty;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal));
        (_, Token) = await MintAsync(HostileHost.AllScopes);
    }
}

/// <summary>
/// A body over the limit is refused with a 413 problem while it streams in (the test never holds it in memory
/// and stops sending once answered), whether its length is declared or not; raw protocol abuse is refused by
/// the server with a 4xx, never a 5xx. Raw sockets, because a client library gives up on a request whose body
/// the server stopped reading before it can show the answer.
/// </summary>
public sealed class LimitTests(KestrelHostileHost host) : IClassFixture<KestrelHostileHost>
{
    private const long BodyLength = 64L * 1024 * 1024;

    public static TheoryData<string, bool> Streams() => new()
    {
        { "/api/v1/reco/id", false },
        { "/api/v1/reco/id", true },
        { "/api/v1/reco/bankdetails", false },
        { "/api/v1/reco/mrz", true },
        { "/api/v1/ingest", false },
        { "/api/v1/ingest", true },
    };

    [Theory]
    [MemberData(nameof(Streams))]
    public async Task RefusesABodyOverTheLimitWhileItStreams(string path, bool declareLength)
    {
        var multipart = path.EndsWith("ingest", StringComparison.Ordinal);
        var prefix = Encoding.ASCII.GetBytes(multipart
            ? "--b\r\nContent-Disposition: form-data; name=\"unknown\"\r\n\r\n"
            : "{\"paramDict\":{\"files\":[\"data:image/jpeg;base64,");
        var head = $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {host.Token}\r\nConnection: close\r\n" +
                   $"Content-Type: {(multipart ? "multipart/form-data; boundary=b" : "application/json")}\r\n" +
                   (declareLength ? $"Content-Length: {BodyLength}\r\n" : "Transfer-Encoding: chunked\r\n") + "\r\n";
        long sent = 0;

        var answer = await RawHttp.ExchangeAsync(host.BaseAddress, Encoding.ASCII.GetBytes(head), async (stream, answered, ct) =>
        {
            var block = new byte[64 * 1024];
            Array.Fill(block, (byte)'A');
            prefix.CopyTo(block, 0);
            while (sent < BodyLength && !answered())
            {
                var n = (int)Math.Min(block.Length, BodyLength - sent);
                if (!declareLength)
                {
                    await stream.WriteAsync(Encoding.ASCII.GetBytes($"{n:x}\r\n"), ct);
                }

                await stream.WriteAsync(block.AsMemory(0, n), ct);
                if (!declareLength)
                {
                    await stream.WriteAsync("\r\n"u8.ToArray(), ct);
                }

                sent += n;
                if (sent == n)
                {
                    Array.Fill(block, (byte)'A');
                }
            }
        });

        Expect.Problem(answer.Reply, [413], "request.too_large");
        sent.Should().BeLessThan(BodyLength, "the server answers before the whole body is sent");
    }

    public static TheoryData<string, string> RawRequests() => new()
    {
        { "cr-in-correlation-id", "POST /api/v1/reco/mrz HTTP/1.1\r\nHost: x\r\nX-Correlation-ID: abc\rdef\r\nContent-Length: 2\r\n\r\n{}" },
        { "nul-in-header", "GET /api/v1/verifications HTTP/1.1\r\nHost: x\r\nX-Approver-Department: a\0b\r\n\r\n" },
        { "header-over-the-server-limit", "GET /api/v1/verifications HTTP/1.1\r\nHost: x\r\nX-Correlation-ID: " + new string('A', 70_000) + "\r\n\r\n" },
        { "nul-in-path", "GET /api/v1/verifications/%00 HTTP/1.1\r\nHost: x\r\n\r\n" },
        { "raw-nul-in-path", "GET /api/v1/verifications/\0 HTTP/1.1\r\nHost: x\r\n\r\n" },
        { "bad-request-line", "GARBAGE\r\n\r\n" },
        { "conflicting-lengths", "POST /api/v1/reco/mrz HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" },
        { "negative-length", "POST /api/v1/reco/mrz HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n" },
        { "huge-declared-length", "POST /api/v1/reco/mrz HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 99999999999999\r\n\r\n{}" },
        { "bad-chunk", "POST /api/v1/reco/mrz HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n{}\r\n0\r\n\r\n" },
        { "body-ends-early", "POST /api/v1/reco/mrz HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n{\"paramDict\":" },
    };

    [Theory]
    [MemberData(nameof(RawRequests))]
    public async Task RefusesProtocolAbuseWithA4xx(string name, string raw)
    {
        var request = Encoding.Latin1.GetBytes(raw.Replace("Host: x\r\n", "Host: x\r\nConnection: close\r\nAuthorization: Bearer " + host.Token + "\r\n", StringComparison.Ordinal));

        var answer = await RawHttp.ExchangeAsync(host.BaseAddress, request, null);

        answer.Raw.Should().StartWith("HTTP/1.1 4", "{0} is refused as a bad request: {1}", name, answer.Raw.Length > 300 ? answer.Raw[..300] : answer.Raw);
        Expect.NoLeak(answer.Raw);
    }

    [Theory]
    [InlineData("X-Correlation-ID", "correlation_id.invalid")]
    [InlineData("X-Approver-Department", "department.invalid")]
    public async Task RefusesAnEmptyContractHeaderWithItsCode(string header, string code)
    {
        var body = "{\"paramDict\":{\"mrz\":\"" + Verification.Hosting.Testing.Specimens.IcaoPassport.Replace("\n", "\\n", StringComparison.Ordinal) + "\",\"save\":true}}";
        var request = $"POST /api/v1/reco/mrz HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer {host.Token}\r\n{header}:\r\n" +
                      $"Content-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n{body}";

        var answer = await RawHttp.ExchangeAsync(host.BaseAddress, Encoding.ASCII.GetBytes(request), null);

        Expect.Problem(answer.Reply, [400], code);
    }
}

/// <summary>One HTTP/1.1 exchange over a raw socket: the request as bytes, the answer as text and as a <see cref="Reply"/>.</summary>
public static class RawHttp
{
    public sealed record Answer(string Raw, Reply Reply);

    public static async Task<Answer> ExchangeAsync(Uri address, byte[] head, Func<Stream, Func<bool>, CancellationToken, Task>? writeBody)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(address.Host, address.Port);
        var stream = socket.GetStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var received = new MemoryStream();
        var answered = false;
        var reading = Task.Run(async () =>
        {
            var buffer = new byte[16 * 1024];
            try
            {
                int n;
                while ((n = await stream.ReadAsync(buffer, timeout.Token)) > 0)
                {
                    lock (received)
                    {
                        received.Write(buffer, 0, n);
                    }

                    Volatile.Write(ref answered, true);
                }
            }
            catch (IOException)
            {
                // The server closed the connection after answering.
            }
        });
        try
        {
            await stream.WriteAsync(head, timeout.Token);
            if (writeBody is not null)
            {
                await writeBody(stream, () => Volatile.Read(ref answered), timeout.Token);
            }
        }
        catch (IOException)
        {
            // The server stopped reading: what it answered is what matters.
        }

        await reading;
        var raw = Encoding.Latin1.GetString(received.ToArray());
        return new Answer(raw, Parse(raw));
    }

    private static Reply Parse(string raw)
    {
        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? raw : raw[..split];
        var body = split < 0 ? string.Empty : raw[(split + 4)..];
        if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            var plain = new StringBuilder();
            var at = 0;
            while (at < body.Length)
            {
                var end = body.IndexOf("\r\n", at, StringComparison.Ordinal);
                if (end < 0)
                {
                    break;
                }

                var size = Convert.ToInt32(body[at..end].Split(';')[0], 16);
                if (size == 0)
                {
                    break;
                }

                plain.Append(body, end + 2, Math.Min(size, body.Length - end - 2));
                at = end + 2 + size + 2;
            }

            body = plain.ToString();
        }

        var lines = head.Split("\r\n");
        var status = lines[0].Split(' ') is { Length: > 1 } parts && int.TryParse(parts[1], out var s) ? s : 0;
        var contentType = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            .Select(p => p[1].Trim().Split(';')[0]).FirstOrDefault();
        using var message = new HttpResponseMessage();
        return new Reply(status, contentType, Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(body)), message.Headers);
    }
}
