using System.Security.Cryptography;

namespace Verification.Core.Webhooks;

/// <summary>
/// A webhook signing secret in the Standard Webhooks form <c>whsec_&lt;base64&gt;</c>: the HMAC key is the
/// decoded bytes. The key is decoded once, at parse time, so signing never decodes base64 again.
/// <see cref="ToString"/> never shows the key; <see cref="Reveal"/> does, for showing it once at issuance
/// and for storing it.
/// </summary>
public sealed class WebhookSecret
{
    /// <summary>The prefix of the text form.</summary>
    public const string Prefix = "whsec_";

    /// <summary>The number of random bytes of a generated secret.</summary>
    public const int DefaultLength = 32;

    /// <summary>The fewest key bytes accepted (the contract's lower bound).</summary>
    public const int MinimumLength = 24;

    /// <summary>The most key bytes accepted (the contract's upper bound).</summary>
    public const int MaximumLength = 64;

    private readonly byte[] _key;

    private WebhookSecret(byte[] key) => _key = key;

    /// <summary>The HMAC key. Internal so that no caller can leak it by accident; sign through <see cref="WebhookSigner"/>.</summary>
    internal ReadOnlySpan<byte> Key => _key;

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
    public string Reveal() => Prefix + Convert.ToBase64String(_key);

    /// <summary>Whether both secrets hold the same key, compared in constant time.</summary>
    public bool HasSameKeyAs(WebhookSecret other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return CryptographicOperations.FixedTimeEquals(_key, other._key);
    }

    /// <summary>A redacted description; never the key.</summary>
    public override string ToString() => $"{Prefix}*** ({_key.Length} bytes)";
}
