using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;

namespace Verification.Core.Webhooks;

/// <summary>
/// Verifies a Standard Webhooks message, as a receiver does: the timestamp is within the tolerance of now
/// (both ways), and one of the <c>v1</c> signatures of the header matches the body with one of the secrets.
/// Signatures of other versions (such as <c>v1a</c>) are skipped. Comparisons are constant-time.
/// </summary>
public sealed class WebhookVerifier
{
    /// <summary>The default tolerance between the message timestamp and now: five minutes, both ways.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    private readonly TimeProvider _timeProvider;
    private readonly long _toleranceSeconds;

    /// <summary>Creates a verifier with the <see cref="DefaultTolerance"/>.</summary>
    public WebhookVerifier(TimeProvider timeProvider)
        : this(timeProvider, DefaultTolerance)
    {
    }

    /// <summary>Creates a verifier with the given tolerance (whole seconds count).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The tolerance is negative.</exception>
    public WebhookVerifier(TimeProvider timeProvider, TimeSpan tolerance)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentOutOfRangeException.ThrowIfLessThan(tolerance, TimeSpan.Zero);
        _timeProvider = timeProvider;
        _toleranceSeconds = (long)tolerance.TotalSeconds;
    }

    /// <summary>Verifies a message given its three headers.</summary>
    public Outcome<Unit> Verify(WebhookHeaders headers, ReadOnlySpan<byte> body, params ReadOnlySpan<WebhookSecret> secrets)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return Verify(headers.Id, headers.Timestamp, headers.Signature, body, secrets);
    }

    /// <summary>
    /// Verifies a message given the raw values of its <c>webhook-id</c>, <c>webhook-timestamp</c> and
    /// <c>webhook-signature</c> headers (any may be missing) and the exact body bytes received.
    /// </summary>
    /// <returns>
    /// Success, or a failure with one of the codes <see cref="WebhookFailures.IdMissingCode"/>,
    /// <see cref="WebhookFailures.TimestampMissingCode"/>, <see cref="WebhookFailures.TimestampInvalidCode"/>,
    /// <see cref="WebhookFailures.TimestampOutOfRangeCode"/>, <see cref="WebhookFailures.SignatureMissingCode"/>,
    /// <see cref="WebhookFailures.SignatureMismatchCode"/>.
    /// </returns>
    /// <exception cref="ArgumentException">No secret is given.</exception>
    public Outcome<Unit> Verify(string? messageId, string? timestamp, string? signatureHeader, ReadOnlySpan<byte> body, params ReadOnlySpan<WebhookSecret> secrets)
    {
        if (secrets.IsEmpty)
        {
            throw new ArgumentException("At least one secret is needed.", nameof(secrets));
        }

        if (string.IsNullOrEmpty(messageId))
        {
            return WebhookFailures.IdMissing;
        }

        if (string.IsNullOrEmpty(timestamp))
        {
            return WebhookFailures.TimestampMissing;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return WebhookFailures.TimestampInvalid;
        }

        // seconds is never negative (NumberStyles.None), so the difference cannot overflow.
        var now = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - seconds) > _toleranceSeconds)
        {
            return WebhookFailures.TimestampOutOfRange;
        }

        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            return WebhookFailures.SignatureMissing;
        }

        Span<byte> expected = stackalloc byte[WebhookSigner.MacLength * 4];
        var expectedMacs = secrets.Length <= 4 ? expected[..(secrets.Length * WebhookSigner.MacLength)] : new byte[secrets.Length * WebhookSigner.MacLength];
        var rented = WebhookSigner.RentSignedContent(messageId, seconds, body, out var content);
        try
        {
            for (var i = 0; i < secrets.Length; i++)
            {
                ArgumentNullException.ThrowIfNull(secrets[i], nameof(secrets));
                secrets[i].ComputeMac(content, expectedMacs.Slice(i * WebhookSigner.MacLength, WebhookSigner.MacLength));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return MatchSignatures(signatureHeader, expectedMacs);
    }

    private static Outcome<Unit> MatchSignatures(ReadOnlySpan<char> header, ReadOnlySpan<byte> expectedMacs)
    {
        Span<byte> candidate = stackalloc byte[WebhookSigner.MacLength];
        var sawKnownVersion = false;
        var matched = false;
        foreach (var range in header.Split(' '))
        {
            var part = header[range];
            var comma = part.IndexOf(',');
            if (comma < 0 || !part[..comma].SequenceEqual(WebhookSigner.SignatureVersion))
            {
                continue;
            }

            sawKnownVersion = true;
            var encoded = part[(comma + 1)..];

            // A v1 signature is exactly 44 base64 characters; anything else cannot match.
            if (encoded.Length != 44
                || !Convert.TryFromBase64Chars(encoded, candidate, out var written)
                || written != WebhookSigner.MacLength)
            {
                continue;
            }

            for (var offset = 0; offset < expectedMacs.Length; offset += WebhookSigner.MacLength)
            {
                // Every pair is compared, without stopping at the first match, so timing says nothing about which matched.
                matched |= CryptographicOperations.FixedTimeEquals(candidate, expectedMacs.Slice(offset, WebhookSigner.MacLength));
            }
        }

        if (matched)
        {
            return Unit.Value;
        }

        return sawKnownVersion ? WebhookFailures.SignatureMismatch : WebhookFailures.SignatureMissing;
    }
}
