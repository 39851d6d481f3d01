using System.Net;
using System.Net.Sockets;

namespace Verification.Core.Webhooks;

/// <summary>What kind of address an <see cref="IPAddress"/> is, for <see cref="OutboundAddressPolicy"/>.</summary>
internal enum AddressCategory
{
    /// <summary>A globally routable unicast address: the only kind webhooks go to in production.</summary>
    Public = 0,

    /// <summary>127.0.0.0/8, ::1.</summary>
    Loopback,

    /// <summary>10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, and IPv6 unique-local fc00::/7.</summary>
    Private,

    /// <summary>169.254.0.0/16 (where cloud metadata services live), fe80::/10.</summary>
    LinkLocal,

    /// <summary>100.64.0.0/10, the carrier-grade NAT shared address space.</summary>
    SharedAddressSpace,

    /// <summary>224.0.0.0/4, ff00::/8.</summary>
    Multicast,

    /// <summary>0.0.0.0/8 ("this network", which Linux connects to the local host), ::.</summary>
    Unspecified,

    /// <summary>255.255.255.255.</summary>
    Broadcast,

    /// <summary>
    /// Reserved or special-purpose: 240.0.0.0/4, 192.0.0.0/24, 192.88.99.0/24, IPv6 outside 2000::/3, the IETF
    /// protocol assignments 2001::/23, discard-only 100::/64, the deprecated site-local fec0::/10.
    /// </summary>
    Reserved,

    /// <summary>192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32, 3fff::/20.</summary>
    Documentation,

    /// <summary>198.18.0.0/15.</summary>
    Benchmarking,

    /// <summary>2001::/32: a tunnel whose far end cannot be judged.</summary>
    Teredo,

    /// <summary>The deprecated IPv4-compatible ::/96 form.</summary>
    Ipv4Compatible,
}

/// <summary>
/// Decides which addresses and URLs webhooks may be sent to (the guard against server-side request forgery).
/// Pure: it judges <see cref="IPAddress"/> values and URL text; the HTTP layer calls
/// <see cref="SelectAllowed"/> at connect time, after DNS resolution, so a name that re-binds to an internal
/// address between validation and connection is still refused. Forms that embed an IPv4 address
/// (IPv4-mapped, NAT64, 6to4) are judged by the embedded address.
/// </summary>
public sealed class OutboundAddressPolicy
{
    /// <summary>Longest accepted endpoint URL.</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>Creates a policy.</summary>
    /// <param name="allowLoopback">
    /// Development and tests only (<c>Verification:Webhooks:AllowLoopback</c>): also accept loopback and private
    /// addresses, and <c>http</c> URLs. Link-local, multicast, reserved and the rest stay refused.
    /// </param>
    public OutboundAddressPolicy(bool allowLoopback) => AllowLoopback = allowLoopback;

    /// <summary>The production policy: public addresses and <c>https</c> only.</summary>
    public static OutboundAddressPolicy PublicOnly { get; } = new(allowLoopback: false);

    /// <summary>Whether loopback and private addresses, and <c>http</c>, are accepted.</summary>
    public bool AllowLoopback { get; }

    /// <summary>Whether a webhook may connect to <paramref name="address"/>.</summary>
    public bool IsAllowed(IPAddress address) => IsAllowed(Classify(address));

    /// <summary>Whether a webhook may connect to an address of <paramref name="category"/>.</summary>
    internal bool IsAllowed(AddressCategory category) =>
        category == AddressCategory.Public
        || (AllowLoopback && category is AddressCategory.Loopback or AddressCategory.Private);

    /// <summary>
    /// The addresses, among those a name resolved to, that a connection may use, in their order; or a failure
    /// with code <see cref="WebhookFailures.UrlNotPublicCode"/> when none may be used. Connect only to the
    /// addresses returned.
    /// </summary>
    public Outcome<IReadOnlyList<IPAddress>> SelectAllowed(IEnumerable<IPAddress> resolved)
    {
        ArgumentNullException.ThrowIfNull(resolved);
        List<IPAddress>? allowed = null;
        var any = false;
        foreach (var address in resolved)
        {
            any = true;
            if (IsAllowed(address))
            {
                (allowed ??= []).Add(address);
            }
        }

        if (allowed is not null)
        {
            return allowed;
        }

        return WebhookFailures.UrlNotPublic(any
            ? "The webhook host resolves only to addresses that are not public."
            : "The webhook host resolves to no address.");
    }

    /// <summary>
    /// Validates an endpoint URL when it is configured: absolute, <c>https</c> (or <c>http</c> with
    /// <see cref="AllowLoopback"/>), no user name or password, a host; an IP literal or <c>localhost</c> host
    /// is judged at once. Failures carry <see cref="WebhookFailures.UrlInvalidCode"/> or
    /// <see cref="WebhookFailures.UrlNotPublicCode"/>. A name is judged again at every connection.
    /// </summary>
    public Outcome<Uri> ValidateUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return WebhookFailures.UrlInvalid("The webhook URL is empty.");
        }

        if (url.Length > MaxUrlLength)
        {
            return WebhookFailures.UrlInvalid($"The webhook URL is longer than {MaxUrlLength} characters.");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.IsFile || uri.IsUnc)
        {
            return WebhookFailures.UrlInvalid("The webhook URL is not an absolute URL.");
        }

        var https = string.Equals(uri.Scheme, Uri.UriSchemeHttps, StringComparison.Ordinal);
        var http = string.Equals(uri.Scheme, Uri.UriSchemeHttp, StringComparison.Ordinal);
        if (!https && !(http && AllowLoopback))
        {
            return WebhookFailures.UrlInvalid(AllowLoopback
                ? "The webhook URL must use https or http."
                : "The webhook URL must use https.");
        }

        if (HasUserInfo(url, uri))
        {
            return WebhookFailures.UrlInvalid("The webhook URL must not contain a user name or password.");
        }

        var host = uri.Host;
        if (host.Length == 0)
        {
            return WebhookFailures.UrlInvalid("The webhook URL has no host.");
        }

        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6)
        {
            var literal = IPAddress.Parse(host.Trim('[', ']'));
            var category = Classify(literal);
            return IsAllowed(category)
                ? uri
                : WebhookFailures.UrlNotPublic($"The webhook URL's address is not public ({category}).");
        }

        if (uri.HostNameType != UriHostNameType.Dns)
        {
            return WebhookFailures.UrlInvalid("The webhook URL's host is not a DNS name or an IP address.");
        }

        var name = host.TrimEnd('.');
        if (!AllowLoopback
            && (string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase)
                || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)))
        {
            return WebhookFailures.UrlNotPublic("The webhook URL names the local host.");
        }

        return uri;
    }

    /// <summary>Classifies an address; IPv4 forms embedded in IPv6 are classified by the IPv4 address.</summary>
    internal static AddressCategory Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
        {
            throw new ArgumentException("The address could not be read.", nameof(address));
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => ClassifyV4(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes)),
            AddressFamily.InterNetworkV6 when written == 16 => ClassifyV6(System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes)),
            _ => throw new ArgumentException("Only IPv4 and IPv6 addresses can be judged.", nameof(address)),
        };
    }

    internal static AddressCategory ClassifyV4(uint a) => a switch
    {
        0xFFFF_FFFF => AddressCategory.Broadcast,
        _ when a >> 24 == 0 => AddressCategory.Unspecified,
        _ when a >> 24 == 10 => AddressCategory.Private,
        _ when (a & 0xFFC0_0000) == 0x6440_0000 => AddressCategory.SharedAddressSpace,
        _ when a >> 24 == 127 => AddressCategory.Loopback,
        _ when (a & 0xFFFF_0000) == 0xA9FE_0000 => AddressCategory.LinkLocal,
        _ when (a & 0xFFF0_0000) == 0xAC10_0000 => AddressCategory.Private,
        _ when (a & 0xFFFF_FF00) == 0xC000_0000 => AddressCategory.Reserved,
        _ when (a & 0xFFFF_FF00) == 0xC000_0200 => AddressCategory.Documentation,
        _ when (a & 0xFFFF_FF00) == 0xC058_6300 => AddressCategory.Reserved,
        _ when (a & 0xFFFF_0000) == 0xC0A8_0000 => AddressCategory.Private,
        _ when (a & 0xFFFE_0000) == 0xC612_0000 => AddressCategory.Benchmarking,
        _ when (a & 0xFFFF_FF00) == 0xC633_6400 => AddressCategory.Documentation,
        _ when (a & 0xFFFF_FF00) == 0xCB00_7100 => AddressCategory.Documentation,
        _ when a >> 28 == 0xE => AddressCategory.Multicast,
        _ when a >> 28 == 0xF => AddressCategory.Reserved,
        _ => AddressCategory.Public,
    };

    internal static AddressCategory ClassifyV6(UInt128 v)
    {
        if (v == UInt128.Zero)
        {
            return AddressCategory.Unspecified;
        }

        if (v == UInt128.One)
        {
            return AddressCategory.Loopback;
        }

        var top96 = v >> 32;
        if (top96 == 0xFFFF)
        {
            // ::ffff:a.b.c.d, IPv4-mapped: the socket connects to a.b.c.d.
            return ClassifyV4((uint)v);
        }

        if (top96 == 0)
        {
            return AddressCategory.Ipv4Compatible;
        }

        if (top96 == new UInt128(0x0064_FF9B, 0))
        {
            // 64:ff9b::/96, the well-known NAT64 prefix: the translator connects to the last 32 bits.
            return ClassifyV4((uint)v);
        }

        if (v >> 80 == 0x0064_FF9B_0001)
        {
            return ClassifyLocalNat64(v);
        }

        var top16 = (uint)(v >> 112);
        var top32 = (uint)(v >> 96);
        return v switch
        {
            _ when v >> 64 == 0x0100_0000_0000_0000 => AddressCategory.Reserved,
            _ when top32 == 0x2001_0000 => AddressCategory.Teredo,
            _ when top32 >> 9 == 0x2001_0000 >> 9 => AddressCategory.Reserved,
            _ when top32 == 0x2001_0DB8 => AddressCategory.Documentation,
            _ when top16 == 0x2002 => ClassifyV4((uint)(v >> 80)),
            _ when top32 >> 12 == 0x3FFF_0 => AddressCategory.Documentation,
            _ when top16 >> 9 == 0xFC00 >> 9 => AddressCategory.Private,
            _ when top16 >> 6 == 0xFE80 >> 6 => AddressCategory.LinkLocal,
            _ when top16 >> 6 == 0xFEC0 >> 6 => AddressCategory.Reserved,
            _ when top16 >> 8 == 0xFF => AddressCategory.Multicast,
            _ when top16 >> 13 != 0b001 => AddressCategory.Reserved,
            _ => AddressCategory.Public,
        };
    }

    /// <summary>
    /// 64:ff9b:1::/48 (RFC 8215) is for local NAT64 with any RFC 6052 prefix length inside it, so where the IPv4
    /// address sits is not known. Every layout whose fixed bits are consistent (u-octet and suffix zero) is
    /// decoded, and the /96 layout always is; the first non-public reading wins, narrowest prefix first, since a
    /// translator could use any of them. This can refuse a few public addresses (such as 8.0.0.0 under /96),
    /// never admit an internal one.
    /// </summary>
    private static AddressCategory ClassifyLocalNat64(UInt128 v)
    {
        if (((v >> 56) & 0xFF) == 0)
        {
            // /48: IPv4 in bits 48-63 and 72-87, suffix 88-127.
            if ((v & 0xFF_FFFF_FFFF) == 0
                && ClassifyV4((uint)((((v >> 64) & 0xFFFF) << 16) | ((v >> 40) & 0xFFFF))) is var slash48 and not AddressCategory.Public)
            {
                return slash48;
            }

            // /56: IPv4 in bits 56-63 and 72-95, suffix 96-127.
            if ((v & 0xFFFF_FFFF) == 0
                && ClassifyV4((uint)((((v >> 64) & 0xFF) << 24) | ((v >> 32) & 0xFF_FFFF))) is var slash56 and not AddressCategory.Public)
            {
                return slash56;
            }

            // /64: IPv4 in bits 72-103, suffix 104-127.
            if ((v & 0xFF_FFFF) == 0
                && ClassifyV4((uint)(v >> 24)) is var slash64 and not AddressCategory.Public)
            {
                return slash64;
            }
        }

        // /96: IPv4 in the last 32 bits.
        return ClassifyV4((uint)v);
    }

    private static bool HasUserInfo(string url, Uri uri)
    {
        if (uri.UserInfo.Length > 0)
        {
            return true;
        }

        // "https://@host/" parses with an empty user info; refuse any '@' in the authority.
        var start = url.IndexOf("://", StringComparison.Ordinal);
        if (start < 0)
        {
            return false;
        }

        var authority = url.AsSpan(start + 3);
        var end = authority.IndexOfAny('/', '?', '#');
        if (end >= 0)
        {
            authority = authority[..end];
        }

        return authority.Contains('@');
    }
}
