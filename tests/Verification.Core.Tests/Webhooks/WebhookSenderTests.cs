using System.Net;
using System.Net.Sockets;
using Verification.Core.Webhooks;
using Verification.Storage.Specification;
using Verification.Storage.Specification.Webhooks;

namespace Verification.Core.Tests.Webhooks;

public sealed class WebhookSenderTests : IDisposable
{
    private const string Body = """{"type":"analysis.decided"}""";
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero));
    private readonly WebhookSecret _secret = WebhookSecret.Generate();

    public void Dispose() => _secret.Dispose();

    [Fact]
    public async Task DoesNotFollowARedirect()
    {
        using var receiver = new WebhookTestReceiver((r, _) => r.Path == "/start"
            ? new ReceiverAnswer(307, new Dictionary<string, string> { ["Location"] = "/elsewhere" })
            : new ReceiverAnswer(200));
        using var sender = Sender(allowLoopback: true);

        var result = await sender.SendAsync(receiver.BaseUrl + "start", "msg_1", Body, new WebhookSigningSecrets(_secret), Ct);

        result.StatusCode.Should().Be(307);
        DeliveryOutcomeClassifier.Classify(result.StatusCode).Should().Be(DeliveryOutcome.Failed);
        receiver.Received.Select(r => r.Path).Should().Equal("/start");
    }

    [Fact]
    public async Task RefusesAtConnectTimeANameThatResolvesToLoopback()
    {
        using var receiver = new WebhookTestReceiver((_, _) => new ReceiverAnswer(200));
        var resolved = 0;
        var connector = new WebhookConnector(OutboundAddressPolicy.PublicOnly, (_, _) =>
        {
            Interlocked.Increment(ref resolved);
            return Task.FromResult(new[] { IPAddress.Loopback });
        });
        using var sender = new WebhookSender(connector, new WebhookSigner(_clock), OutboundAddressPolicy.PublicOnly, _clock, TimeSpan.FromSeconds(5));

        var result = await sender.SendAsync($"https://rebinding.example:{receiver.Port}/", "msg_1", Body, new WebhookSigningSecrets(_secret), Ct);

        result.StatusCode.Should().BeNull();
        result.Error.Should().Be(WebhookDeliveryErrors.AddressRefused);
        resolved.Should().Be(1, "the name passed URL validation and was judged after resolution");
        receiver.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task RefusesPlainHttpUnlessLoopbackIsAllowed()
    {
        using var receiver = new WebhookTestReceiver((_, _) => new ReceiverAnswer(200));
        using var sender = Sender(allowLoopback: false);

        var result = await sender.SendAsync(receiver.BaseUrl, "msg_1", Body, new WebhookSigningSecrets(_secret), Ct);

        result.Error.Should().Be(WebhookDeliveryErrors.UrlRefused);
        receiver.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task CountsASlowReceiverAsATimeout()
    {
        using var receiver = new WebhookTestReceiver((_, _) => new ReceiverAnswer(200, Delay: TimeSpan.FromSeconds(5)));
        using var sender = Sender(allowLoopback: true, timeout: TimeSpan.FromMilliseconds(300));

        var result = await sender.SendAsync(receiver.BaseUrl, "msg_1", Body, new WebhookSigningSecrets(_secret), Ct);

        result.StatusCode.Should().BeNull();
        result.Error.Should().Be(WebhookDeliveryErrors.Timeout);
    }

    [Fact]
    public async Task ReportsARefusedConnection()
    {
        using var sender = Sender(allowLoopback: true);
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var result = await sender.SendAsync($"http://127.0.0.1:{port}/", "msg_1", Body, new WebhookSigningSecrets(_secret), Ct);

        result.Error.Should().Be(WebhookDeliveryErrors.Connection);
    }

    [Fact]
    public async Task SendsTheBodyWithHeadersTheReceiverVerifies()
    {
        using var receiver = new WebhookTestReceiver((_, _) => new ReceiverAnswer(202));
        using var sender = Sender(allowLoopback: true);

        var result = await sender.SendAsync(receiver.BaseUrl, "msg_01JSIGNED", Body, new WebhookSigningSecrets(_secret), Ct);

        result.StatusCode.Should().Be(202);
        var request = receiver.Received.Single();
        request.Id.Should().Be("msg_01JSIGNED");
        request.Timestamp.Should().Be(_clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        System.Text.Encoding.UTF8.GetString(request.Body).Should().Be(Body);
        new WebhookVerifier(_clock).Verify(request.Id, request.Timestamp, request.Signature, request.Body, _secret).IsSuccess.Should().BeTrue();
    }

    private WebhookSender Sender(bool allowLoopback, TimeSpan? timeout = null)
    {
        var policy = new OutboundAddressPolicy(allowLoopback);
        return new WebhookSender(new WebhookConnector(policy), new WebhookSigner(_clock), policy, _clock, timeout ?? TimeSpan.FromSeconds(5));
    }
}

public sealed class WebhookConnectorTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task KeepsOnlyThePublicAddressesANameResolvesTo()
    {
        var connector = new WebhookConnector(OutboundAddressPolicy.PublicOnly, (_, _) =>
            Task.FromResult(new[] { IPAddress.Parse("10.0.0.7"), IPAddress.Parse("93.184.215.14"), IPAddress.Parse("169.254.169.254"), IPAddress.Parse("2606:2800:21f:cb07:6820:80da:af6b:8b2c") }));

        var allowed = await connector.ResolveAllowedAsync("mixed.example", Ct);

        allowed.Should().Equal(IPAddress.Parse("93.184.215.14"), IPAddress.Parse("2606:2800:21f:cb07:6820:80da:af6b:8b2c"));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("169.254.169.254")]
    public async Task RefusesANameThatResolvesOnlyToInternalAddresses(string address)
    {
        var connector = new WebhookConnector(OutboundAddressPolicy.PublicOnly, (_, _) => Task.FromResult(new[] { IPAddress.Parse(address) }));

        var connect = () => connector.ConnectAsync(new DnsEndPoint("rebinding.example", 443), Ct).AsTask();

        await connect.Should().ThrowAsync<WebhookAddressRefusedException>();
    }

    [Fact]
    public async Task JudgesAnAddressLiteralWithoutResolving()
    {
        var connector = new WebhookConnector(OutboundAddressPolicy.PublicOnly, (_, _) => throw new InvalidOperationException("no DNS for literals"));

        var connect = () => connector.ConnectAsync(new DnsEndPoint("[::1]", 443), Ct).AsTask();

        await connect.Should().ThrowAsync<WebhookAddressRefusedException>();
    }

    [Fact]
    public async Task ConnectsToLoopbackWhenLoopbackIsAllowed()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var connector = new WebhookConnector(new OutboundAddressPolicy(allowLoopback: true), (_, _) => Task.FromResult(new[] { IPAddress.Loopback }));

        await using var stream = await connector.ConnectAsync(new DnsEndPoint("receiver.test", port), Ct);
        using var accepted = await listener.AcceptTcpClientAsync();

        accepted.Connected.Should().BeTrue();
    }
}
