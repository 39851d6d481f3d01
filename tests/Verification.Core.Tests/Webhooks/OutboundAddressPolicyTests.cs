using System.Net;
using Verification.Core.Webhooks;

namespace Verification.Core.Tests.Webhooks;

public sealed class OutboundAddressPolicyTests
{
    private static readonly OutboundAddressPolicy Strict = OutboundAddressPolicy.PublicOnly;
    private static readonly OutboundAddressPolicy Development = new(allowLoopback: true);

    // Each refused range with its first and last address; the addresses just outside are in PublicAddresses.
    [Theory]
    [InlineData("0.0.0.0", AddressCategory.Unspecified)]
    [InlineData("0.255.255.255", AddressCategory.Unspecified)]
    [InlineData("10.0.0.0", AddressCategory.Private)]
    [InlineData("10.255.255.255", AddressCategory.Private)]
    [InlineData("100.64.0.0", AddressCategory.SharedAddressSpace)]
    [InlineData("100.127.255.255", AddressCategory.SharedAddressSpace)]
    [InlineData("127.0.0.0", AddressCategory.Loopback)]
    [InlineData("127.0.0.1", AddressCategory.Loopback)]
    [InlineData("127.255.255.255", AddressCategory.Loopback)]
    [InlineData("169.254.0.0", AddressCategory.LinkLocal)]
    [InlineData("169.254.169.254", AddressCategory.LinkLocal)]
    [InlineData("169.254.255.255", AddressCategory.LinkLocal)]
    [InlineData("172.16.0.0", AddressCategory.Private)]
    [InlineData("172.31.255.255", AddressCategory.Private)]
    [InlineData("192.0.0.0", AddressCategory.Reserved)]
    [InlineData("192.0.0.255", AddressCategory.Reserved)]
    [InlineData("192.0.2.0", AddressCategory.Documentation)]
    [InlineData("192.0.2.255", AddressCategory.Documentation)]
    [InlineData("192.88.99.0", AddressCategory.Reserved)]
    [InlineData("192.88.99.255", AddressCategory.Reserved)]
    [InlineData("192.168.0.0", AddressCategory.Private)]
    [InlineData("192.168.255.255", AddressCategory.Private)]
    [InlineData("198.18.0.0", AddressCategory.Benchmarking)]
    [InlineData("198.19.255.255", AddressCategory.Benchmarking)]
    [InlineData("198.51.100.0", AddressCategory.Documentation)]
    [InlineData("198.51.100.255", AddressCategory.Documentation)]
    [InlineData("203.0.113.0", AddressCategory.Documentation)]
    [InlineData("203.0.113.255", AddressCategory.Documentation)]
    [InlineData("224.0.0.0", AddressCategory.Multicast)]
    [InlineData("239.255.255.255", AddressCategory.Multicast)]
    [InlineData("240.0.0.0", AddressCategory.Reserved)]
    [InlineData("255.255.255.254", AddressCategory.Reserved)]
    [InlineData("255.255.255.255", AddressCategory.Broadcast)]
    public void ClassifiesRefusedIpv4Ranges(string address, object expected)
    {
        OutboundAddressPolicy.Classify(IPAddress.Parse(address)).Should().Be((AddressCategory)expected); // object: the category is internal, a public theory cannot name it
        Strict.IsAllowed(IPAddress.Parse(address)).Should().BeFalse();
    }

    [Theory]
    [InlineData("1.0.0.0")]
    [InlineData("1.1.1.1")]
    [InlineData("8.8.8.8")]
    [InlineData("9.255.255.255")]
    [InlineData("11.0.0.0")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("126.255.255.255")]
    [InlineData("128.0.0.0")]
    [InlineData("169.253.255.255")]
    [InlineData("169.255.0.0")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("191.255.255.255")]
    [InlineData("192.0.1.0")]
    [InlineData("192.0.3.0")]
    [InlineData("192.88.98.255")]
    [InlineData("192.88.100.0")]
    [InlineData("192.167.255.255")]
    [InlineData("192.169.0.0")]
    [InlineData("198.17.255.255")]
    [InlineData("198.20.0.0")]
    [InlineData("198.51.99.255")]
    [InlineData("198.51.101.0")]
    [InlineData("203.0.112.255")]
    [InlineData("203.0.114.0")]
    [InlineData("223.255.255.255")]
    public void AllowsPublicIpv4AddressesJustOutsideEachRange(string address)
    {
        OutboundAddressPolicy.Classify(IPAddress.Parse(address)).Should().Be(AddressCategory.Public);
        Strict.IsAllowed(IPAddress.Parse(address)).Should().BeTrue();
    }

    [Theory]
    [InlineData("::", AddressCategory.Unspecified)]
    [InlineData("::1", AddressCategory.Loopback)]
    [InlineData("::2", AddressCategory.Ipv4Compatible)]
    [InlineData("::808:808", AddressCategory.Ipv4Compatible)]
    [InlineData("::ffff:ffff", AddressCategory.Ipv4Compatible)]
    [InlineData("::ffff:127.0.0.1", AddressCategory.Loopback)]
    [InlineData("::ffff:10.1.2.3", AddressCategory.Private)]
    [InlineData("::ffff:169.254.169.254", AddressCategory.LinkLocal)]
    [InlineData("::ffff:0.0.0.0", AddressCategory.Unspecified)]
    [InlineData("64:ff9b::127.0.0.1", AddressCategory.Loopback)]
    [InlineData("64:ff9b::192.168.1.1", AddressCategory.Private)]
    [InlineData("64:ff9b::100.64.0.1", AddressCategory.SharedAddressSpace)]
    [InlineData("64:ff9b:1::10.0.0.1", AddressCategory.Private)]
    [InlineData("64:ff9b:1:ffff:ffff:ffff:a9fe:a9fe", AddressCategory.LinkLocal)]
    [InlineData("2002:7f00:1::", AddressCategory.Loopback)]
    [InlineData("2002:c0a8:101::1", AddressCategory.Private)]
    [InlineData("2002:a9fe:a9fe:ffff:ffff:ffff:ffff:ffff", AddressCategory.LinkLocal)]
    [InlineData("2001::", AddressCategory.Teredo)]
    [InlineData("2001:0:ffff:ffff:ffff:ffff:ffff:ffff", AddressCategory.Teredo)]
    [InlineData("2001:1::1", AddressCategory.Reserved)]
    [InlineData("2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff", AddressCategory.Reserved)]
    [InlineData("2001:db8::", AddressCategory.Documentation)]
    [InlineData("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", AddressCategory.Documentation)]
    [InlineData("3fff::", AddressCategory.Documentation)]
    [InlineData("3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff", AddressCategory.Documentation)]
    [InlineData("100::", AddressCategory.Reserved)]
    [InlineData("100::ffff:ffff:ffff:ffff", AddressCategory.Reserved)]
    [InlineData("fc00::", AddressCategory.Private)]
    [InlineData("fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", AddressCategory.Private)]
    [InlineData("fe80::", AddressCategory.LinkLocal)]
    [InlineData("fe80::1%2", AddressCategory.LinkLocal)]
    [InlineData("febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", AddressCategory.LinkLocal)]
    [InlineData("fec0::1", AddressCategory.Reserved)]
    [InlineData("ff00::", AddressCategory.Multicast)]
    [InlineData("ff02::1", AddressCategory.Multicast)]
    [InlineData("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", AddressCategory.Multicast)]
    [InlineData("1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", AddressCategory.Reserved)]
    [InlineData("4000::", AddressCategory.Reserved)]
    [InlineData("fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", AddressCategory.Reserved)]
    public void ClassifiesRefusedIpv6Ranges(string address, object expected)
    {
        OutboundAddressPolicy.Classify(IPAddress.Parse(address)).Should().Be((AddressCategory)expected); // object: the category is internal, a public theory cannot name it
        Strict.IsAllowed(IPAddress.Parse(address)).Should().BeFalse();
    }

    [Theory]
    [InlineData("2000::")]
    [InlineData("2001:200::")]
    [InlineData("2001:db7:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("2001:db9::")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2002:808:808::1")]
    [InlineData("2003::")]
    [InlineData("3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("3fff:1000::")]
    [InlineData("3fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::8.8.8.8")]
    [InlineData("64:ff9b:1::8.8.8.8")]
    [InlineData("64:ff9b:1:ffff:ffff:ffff:808:808")]
    public void AllowsPublicIpv6AddressesAndEmbeddedPublicIpv4(string address)
    {
        OutboundAddressPolicy.Classify(IPAddress.Parse(address)).Should().Be(AddressCategory.Public);
        Strict.IsAllowed(IPAddress.Parse(address)).Should().BeTrue();
    }

    [Theory]
    [InlineData("64:ff9b:1:a00:1::", AddressCategory.Private)]     // 10.0.0.1 in the /48 layout
    [InlineData("64:ff9b:1:7f:0:1::", AddressCategory.Loopback)]   // 127.0.0.1 in the /56 layout
    [InlineData("64:ff9b:1:0:a:0:100::", AddressCategory.Private)] // 10.0.0.1 in the /64 layout
    public void JudgesLocalUseNat64InEveryPrefixLayout(string address, object expected)
    {
        OutboundAddressPolicy.Classify(IPAddress.Parse(address)).Should().Be((AddressCategory)expected); // object: the category is internal, a public theory cannot name it
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.5.4")]
    [InlineData("192.168.1.10")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("fd12:3456:789a::1")]
    [InlineData("8.8.8.8")]
    public void AllowLoopbackRelaxesLoopbackAndPrivateRanges(string address)
    {
        Development.IsAllowed(IPAddress.Parse(address)).Should().BeTrue();
    }

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("fe80::1")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("192.0.2.1")]
    [InlineData("2001::1")]
    [InlineData("::7f00:1")]
    public void AllowLoopbackStillRefusesTheOtherRanges(string address)
    {
        Development.IsAllowed(IPAddress.Parse(address)).Should().BeFalse();
    }

    [Fact]
    public void SelectsOnlyTheAllowedResolvedAddressesInOrder()
    {
        var resolved = new[] { IPAddress.Parse("127.0.0.1"), IPAddress.Parse("93.184.215.14"), IPAddress.Parse("10.0.0.1"), IPAddress.Parse("2606:2800:21f:cb07:6820:80da:af6b:8b2c") };

        var selected = Strict.SelectAllowed(resolved);

        selected.Value.Should().Equal(resolved[1], resolved[3]);
    }

    [Fact]
    public void RefusesANameThatResolvesOnlyToInternalAddresses()
    {
        var selected = Strict.SelectAllowed([IPAddress.Loopback, IPAddress.Parse("169.254.169.254"), IPAddress.IPv6Loopback]);

        selected.Failure!.Code.Should().Be("webhook.url_not_public");
    }

    [Fact]
    public void RefusesANameThatResolvesToNothing()
    {
        Strict.SelectAllowed([]).Failure!.Code.Should().Be(WebhookFailures.UrlNotPublicCode);
    }

    [Fact]
    public void DevelopmentSelectsLoopback()
    {
        Development.SelectAllowed([IPAddress.Loopback]).Value.Should().Equal(IPAddress.Loopback);
    }

    [Theory]
    [InlineData("https://hooks.example.com/webhooks")]
    [InlineData("https://hooks.example.com:8443/a?b=c")]
    [InlineData("https://8.8.8.8/hook")]
    [InlineData("https://[2606:4700:4700::1111]/hook")]
    [InlineData("HTTPS://Hooks.Example.COM/x")]
    public void AcceptsPublicHttpsUrls(string url)
    {
        Strict.ValidateUrl(url).IsSuccess.Should().BeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("/relative/path")]
    [InlineData("hooks.example.com/webhooks")]
    [InlineData("http://hooks.example.com/webhooks")]
    [InlineData("ftp://hooks.example.com/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://hooks.example.com/")]
    [InlineData("https://user:pass@hooks.example.com/")]
    [InlineData("https://user@hooks.example.com/")]
    [InlineData("https://@hooks.example.com/")]
    [InlineData("https:///path")]
    public void RefusesInvalidUrls(string? url)
    {
        Strict.ValidateUrl(url).Failure!.Code.Should().Be("webhook.url_invalid");
    }

    [Fact]
    public void RefusesVeryLongUrls()
    {
        Strict.ValidateUrl("https://hooks.example.com/" + new string('a', 3000)).Failure!.Code.Should().Be(WebhookFailures.UrlInvalidCode);
    }

    [Theory]
    [InlineData("https://127.0.0.1/hook")]
    [InlineData("https://10.0.0.5/hook")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://[::ffff:127.0.0.1]/hook")]
    [InlineData("https://[fe80::1]/hook")]
    [InlineData("https://0.0.0.0/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://LOCALHOST./hook")]
    [InlineData("https://api.localhost/hook")]
    [InlineData("https://2130706433/hook")]
    [InlineData("https://0x7f.0.0.1/hook")]
    public void RefusesUrlsThatNameANonPublicHost(string url)
    {
        Strict.ValidateUrl(url).Failure!.Code.Should().Be("webhook.url_not_public");
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080/hook")]
    [InlineData("http://localhost:5080/hook")]
    [InlineData("https://192.168.1.20/hook")]
    [InlineData("http://[::1]:8080/")]
    public void AllowLoopbackAcceptsLocalHttpUrls(string url)
    {
        Development.ValidateUrl(url).IsSuccess.Should().BeTrue();
    }

    [Theory]
    [InlineData("http://169.254.169.254/", "webhook.url_not_public")]
    [InlineData("ftp://127.0.0.1/", "webhook.url_invalid")]
    [InlineData("http://user:pw@127.0.0.1/", "webhook.url_invalid")]
    public void AllowLoopbackStillRefusesOtherUrls(string url, string code)
    {
        Development.ValidateUrl(url).Failure!.Code.Should().Be(code);
    }

    [Fact]
    public void FailureDetailsDoNotRepeatTheUrl()
    {
        Strict.ValidateUrl("https://secret-token@10.0.0.1/").Failure!.Detail.Should().NotContain("secret-token");
        Strict.ValidateUrl("https://10.0.0.1/?token=abc").Failure!.Detail.Should().NotContain("token");
    }
}
