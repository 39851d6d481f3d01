using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Verification.Core.Webhooks;

/// <summary>
/// Signs webhook messages with the Standard Webhooks scheme: HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c>,
/// sent as <c>v1,&lt;base64&gt;</c>, one signature per active secret, space separated. Thread-safe and
/// stateless apart from the clock.
/// </summary>
/// <remarks>
/// The signed content is assembled once in a pooled buffer and hashed with each secret's reusable keyed HMAC,
/// so signing costs one HMAC of the body per secret plus a copy, never a string of the body.
/// </remarks>
public sealed class WebhookSigner
{
    /// <summary>The version tag of the HMAC-SHA256 signature.</summary>
    public const string SignatureVersion = "v1";

    /// <summary>Longest accepted message id, in UTF-8 bytes; ids are ours (<see cref="WebhookMessageIds"/>) and short.</summary>
    internal const int MaxIdBytes = 256;

    internal const int MacLength = HMACSHA256.HashSizeInBytes;

    // "v1," + base64 of 32 bytes.
    internal const int SignatureTextLength = 3 + 44;

    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a signer that stamps messages with the time of <paramref name="timeProvider"/>.</summary>
    public WebhookSigner(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <summary>
    /// Signs <paramref name="body"/> now with every secret of <paramref name="secrets"/> active now, and returns
    /// the three headers to send.
    /// </summary>
    /// <param name="messageId">The message id, the same on every attempt (see <see cref="WebhookMessageIds"/>).</param>
    /// <param name="body">The exact bytes sent as the request body.</param>
    /// <param name="secrets">The endpoint's secrets.</param>
    /// <exception cref="ArgumentException">The message id is empty, too long or contains white space or a control character.</exception>
    public WebhookHeaders Sign(string messageId, ReadOnlySpan<byte> body, WebhookSigningSecrets secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var now = _timeProvider.GetUtcNow();
        var timestamp = now.ToUnixTimeSeconds();
        var signature = secrets.PreviousIsActiveAt(now)
            ? ComputeSignatureHeader(messageId, timestamp, body, secrets.Current, secrets.Previous!)
            : ComputeSignatureHeader(messageId, timestamp, body, secrets.Current);
        return new WebhookHeaders(messageId, timestamp.ToString(CultureInfo.InvariantCulture), signature);
    }

    /// <summary>
    /// Computes the <c>webhook-signature</c> value for a message: one <c>v1,&lt;base64&gt;</c> per secret, in
    /// the order given, separated by a space.
    /// </summary>
    /// <exception cref="ArgumentException">No secret is given, or the message id is not acceptable.</exception>
    public static string ComputeSignatureHeader(string messageId, long timestamp, ReadOnlySpan<byte> body, params ReadOnlySpan<WebhookSecret> secrets)
    {
        ValidateMessageId(messageId);
        if (secrets.IsEmpty)
        {
            throw new ArgumentException("At least one secret is needed.", nameof(secrets));
        }

        Span<byte> macs = secrets.Length <= 4 ? stackalloc byte[4 * MacLength] : new byte[secrets.Length * MacLength];
        var rented = RentSignedContent(messageId, timestamp, body, out var content);
        try
        {
            for (var i = 0; i < secrets.Length; i++)
            {
                ArgumentNullException.ThrowIfNull(secrets[i], nameof(secrets));
                secrets[i].ComputeMac(content, macs.Slice(i * MacLength, MacLength));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        var length = (secrets.Length * (SignatureTextLength + 1)) - 1;
        return string.Create(length, (ReadOnlySpan<byte>)macs[..(secrets.Length * MacLength)], static (chars, allMacs) =>
        {
            var position = 0;
            for (var offset = 0; offset < allMacs.Length; offset += MacLength)
            {
                if (position > 0)
                {
                    chars[position++] = ' ';
                }

                chars[position++] = 'v';
                chars[position++] = '1';
                chars[position++] = ',';
                Convert.TryToBase64Chars(allMacs.Slice(offset, MacLength), chars[position..], out var written);
                position += written;
            }
        });
    }

    /// <summary>
    /// Writes <c>{id}.{timestamp}.{body}</c> as UTF-8 into a buffer from the shared pool; the caller returns the
    /// array. The buffer is not cleared on return: it holds only what is sent in clear anyway.
    /// </summary>
    internal static byte[] RentSignedContent(string messageId, long timestamp, ReadOnlySpan<byte> body, out ReadOnlySpan<byte> content)
    {
        // id bytes + '.' + at most 20 digits and a sign + '.' + body.
        var maxPrefix = Encoding.UTF8.GetMaxByteCount(messageId.Length) + 23;
        var rented = ArrayPool<byte>.Shared.Rent(maxPrefix + body.Length);
        var position = Encoding.UTF8.GetBytes(messageId.AsSpan(), rented.AsSpan());
        rented[position++] = (byte)'.';
        timestamp.TryFormat(rented.AsSpan(position), out var digits, default, CultureInfo.InvariantCulture);
        position += digits;
        rented[position++] = (byte)'.';
        body.CopyTo(rented.AsSpan(position));
        content = rented.AsSpan(0, position + body.Length);
        return rented;
    }

    internal static void ValidateMessageId(string messageId)
    {
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        if (messageId.Length > MaxIdBytes || Encoding.UTF8.GetByteCount(messageId) > MaxIdBytes)
        {
            throw new ArgumentException($"A webhook message id has at most {MaxIdBytes} bytes.", nameof(messageId));
        }

        foreach (var c in messageId)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                throw new ArgumentException("A webhook message id has no white space or control characters.", nameof(messageId));
            }
        }
    }
}
