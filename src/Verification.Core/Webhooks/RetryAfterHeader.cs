using System.Globalization;

namespace Verification.Core.Webhooks;

/// <summary>Reads a <c>Retry-After</c> header value (RFC 9110, section 10.2.3): delta-seconds or an HTTP-date.</summary>
internal static class RetryAfterHeader
{
    // RFC 9110 section 5.6.7: IMF-fixdate, and the obsolete RFC 850 and asctime forms that recipients must accept.
    private static readonly string[] HttpDateFormats =
    [
        "ddd, dd MMM yyyy HH:mm:ss 'GMT'",
        "dddd, dd-MMM-yy HH:mm:ss 'GMT'",
        "ddd MMM d HH:mm:ss yyyy",
        "ddd MMM  d HH:mm:ss yyyy",
    ];

    /// <summary>
    /// Parses <paramref name="value"/> into a delay from <paramref name="now"/>. A date in the past is a zero
    /// delay. Returns <see langword="false"/> for a missing or malformed value, which callers ignore.
    /// </summary>
    public static bool TryParse(string? value, DateTimeOffset now, out TimeSpan delay)
    {
        delay = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var text = value.Trim();
        if (char.IsAsciiDigit(text[0]))
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                // All digits but too large for a long: a receiver asking for "forever"; callers cap it.
                if (text.AsSpan().ContainsAnyExceptInRange('0', '9'))
                {
                    return false;
                }

                delay = TimeSpan.MaxValue;
                return true;
            }

            delay = seconds >= (long)TimeSpan.MaxValue.TotalSeconds ? TimeSpan.MaxValue : TimeSpan.FromSeconds(seconds);
            return true;
        }

        if (!DateTime.TryParseExact(text, HttpDateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
        {
            return false;
        }

        var until = new DateTimeOffset(date, TimeSpan.Zero) - now;
        delay = until > TimeSpan.Zero ? until : TimeSpan.Zero;
        return true;
    }
}
