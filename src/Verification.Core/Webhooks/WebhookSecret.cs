using System.Security.Cryptography;

namespace Verification.Core.Webhooks;

/// <summary>
/// A webhook signing secret in the Standard Webhooks form <c>whsec_&lt;base64&gt;</c>: the HMAC key is the
/// decoded bytes. The key is decoded once, at parse time, so signing never decodes base64 again.
/// <see cref="ToString"/> never shows the key; <see cref="Reveal"/> does, for showing it once at issuance
/// and for storing it.
/// </summary>
/// <remarks>
/// A secret keeps one keyed HMAC context and reuses it, which saves the key set-up and the native context of
/// each signature (about 40 percent of the cost of a 1 KiB signature). Keep secrets for as long as their
/// endpoint is in use, and dispose them afterwards (the key bytes are cleared); a secret that is not disposed
/// is released by the garbage collector. Thread-safe: concurrent callers that find the context in use hash
/// with a one-shot HMAC instead.
/// </remarks>
public sealed class WebhookSecret : IDisposable
{
    /// <summary>The prefix of the text form.</summary>
    public const string Prefix = "whsec_";

    /// <summary>The number of random bytes of a generated secret.</summary>
    public const int DefaultLength = 32;

    /// <summary>The fewest key bytes accepted (the lower bound of <c>docs/api.md</c>).</summary>
    public const int MinimumLength = 24;

    /// <summary>The most key bytes accepted (the upper bound of <c>docs/api.md</c>).</summary>
    public const int MaximumLength = 64;

    private readonly byte[] _key;
    private IncrementalHash? _idleHmac;
    private volatile bool _disposed;

    private WebhookSecret(byte[] key) => _key = key;

    /// <summary>The HMAC key. Internal so that no caller can leak it by accident; sign through <see cref="WebhookSigner"/>.</summary>
    internal ReadOnlySpan<byte> Key
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _key;
        }
    }

    /// <summary>The number of key bytes.</summary>
    public int Length => _key.Length;

    /// <summary>Generates a new secret of <see cref="DefaultLength"/> random bytes.</summary>
    public static WebhookSecret Generate() => Generate(DefaultLength);

    /// <summary>Generates a new secret of <paramref name="length"/> random bytes (24 to 64).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The length is outside 24 to 64.</exception>
    public static WebhookSecret Generate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, MinimumLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, MaximumLength);
        return new WebhookSecret(RandomNumberGenerator.GetBytes(length));
    }

    /// <summary>
    /// Reads a secret from its text form <c>whsec_&lt;base64 of 24 to 64 bytes&gt;</c>. Anything else is a
    /// failure with code <see cref="WebhookFailures.InvalidSecretCode"/>; the detail never repeats the text.
    /// </summary>
    public static Outcome<WebhookSecret> Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return WebhookFailures.InvalidSecret("The webhook secret is empty.");
        }

        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return WebhookFailures.InvalidSecret($"A webhook secret starts with '{Prefix}'.");
        }

        var encoded = text.AsSpan(Prefix.Length);

        // Base64 of 64 bytes is 88 characters; anything much longer is refused before decoding.
        if (encoded.Length is 0 or > 128)
        {
            return WebhookFailures.InvalidSecret($"A webhook secret holds base64 of {MinimumLength} to {MaximumLength} bytes.");
        }

        Span<byte> buffer = stackalloc byte[96];
        if (!Convert.TryFromBase64Chars(encoded, buffer, out var written))
        {
            CryptographicOperations.ZeroMemory(buffer);
            return WebhookFailures.InvalidSecret("The webhook secret after 'whsec_' is not valid base64.");
        }

        if (written is < MinimumLength or > MaximumLength)
        {
            CryptographicOperations.ZeroMemory(buffer);
            return WebhookFailures.InvalidSecret($"A webhook secret holds {MinimumLength} to {MaximumLength} bytes, not {written}.");
        }

        var key = buffer[..written].ToArray();
        CryptographicOperations.ZeroMemory(buffer);
        return new WebhookSecret(key);
    }

    /// <summary>
    /// The text form <c>whsec_&lt;base64&gt;</c>, including the key: show it once to the integrator, or hand it
    /// to a protected store. Never log it.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The secret was disposed.</exception>
    public string Reveal()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return Prefix + Convert.ToBase64String(_key);
    }

    /// <summary>Whether both secrets hold the same key, compared in constant time.</summary>
    public bool HasSameKeyAs(WebhookSecret other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return CryptographicOperations.FixedTimeEquals(Key, other.Key);
    }

    /// <summary>Writes HMAC-SHA256 of <paramref name="content"/> with this key into <paramref name="destination"/> (32 bytes).</summary>
    internal void ComputeMac(ReadOnlySpan<byte> content, Span<byte> destination)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var hmac = Interlocked.Exchange(ref _idleHmac, null);
        if (hmac is null)
        {
            // First use, or another thread holds the context: a one-shot HMAC costs what a new context would.
            HMACSHA256.HashData(_key, content, destination);
            if (Volatile.Read(ref _idleHmac) is null && !_disposed)
            {
                Release(IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key));
            }

            return;
        }

        try
        {
            hmac.AppendData(content);
            hmac.GetHashAndReset(destination);
        }
        catch
        {
            hmac.Dispose();
            throw;
        }

        Release(hmac);
    }

    /// <summary>Clears the key and releases the HMAC context. Using the secret afterwards throws.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Interlocked.Exchange(ref _idleHmac, null)?.Dispose();
        CryptographicOperations.ZeroMemory(_key);
    }

    private void Release(IncrementalHash hmac)
    {
        if (Interlocked.CompareExchange(ref _idleHmac, hmac, null) is not null)
        {
            hmac.Dispose();
            return;
        }

        // Disposed while this context was in use: take it back out so it does not outlive the secret.
        if (_disposed)
        {
            Interlocked.Exchange(ref _idleHmac, null)?.Dispose();
        }
    }

    /// <summary>A redacted description; never the key.</summary>
    public override string ToString() => $"{Prefix}*** ({_key.Length} bytes)";
}
