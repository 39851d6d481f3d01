namespace Verification.Core.ServiceAccounts;

/// <summary>
/// How service tokens are signed and checked (configuration section <c>Verification:Tokens</c>). The key
/// ring holds several keys, each with a <c>kid</c>: tokens are signed with the current one and validated
/// with any of them, so the signing key rotates without invalidating live tokens.
/// </summary>
public sealed class TokenSigningOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Verification:Tokens";

    /// <summary>The token issuer (<c>iss</c>). Default <c>verification</c>.</summary>
    public string Issuer { get; set; } = "verification";

    /// <summary>The token audience (<c>aud</c>). Default <c>verification-api</c>.</summary>
    public string Audience { get; set; } = "verification-api";

    /// <summary>The key ring. Exactly one key is <see cref="TokenSigningKeyOptions.Current"/> (a lone key is current anyway).</summary>
    public List<TokenSigningKeyOptions> Keys { get; set; } = [];

    /// <summary>
    /// Set when the host registers its own <see cref="ITokenSigningKeyProvider"/> (a KMS, say): then
    /// <see cref="Keys"/> may be empty. Default <see langword="false"/>.
    /// </summary>
    public bool ExternalKeyProvider { get; set; }

    /// <summary>Tolerated clock difference between hosts when checking <c>nbf</c> and <c>exp</c>. Default 30 s, at most 5 min.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a host reuses a token record it read, before reading it again. A disable or revoke done on
    /// another host is seen within this delay. Default 250 ms; below 1 s.
    /// </summary>
    public TimeSpan RecordCacheDuration { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How precisely <see cref="ServiceToken.LastUsedAt"/> is kept (at most one write per token per period). Default 1 min.</summary>
    public TimeSpan LastUsedResolution { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>One key of the ring.</summary>
public sealed class TokenSigningKeyOptions
{
    /// <summary>The key id written in the token's <c>kid</c> header: 1 to 64 characters of <c>A-Z a-z 0-9 . _ -</c>.</summary>
    public string KeyId { get; set; } = string.Empty;

    /// <summary>
    /// <c>HS256</c> (a shared secret in <see cref="Secret"/>), <c>ES256</c> (a P-256 key in <see cref="Pem"/>)
    /// or <c>RS256</c> (an RSA key of at least 2048 bits in <see cref="Pem"/>). Default <c>HS256</c>.
    /// </summary>
    public string Algorithm { get; set; } = TokenSigningAlgorithms.HS256;

    /// <summary>For <c>HS256</c>: the secret, base64, at least 32 bytes once decoded.</summary>
    public string? Secret { get; set; }

    /// <summary>
    /// For <c>ES256</c> and <c>RS256</c>: the key as PEM. The current key needs the private key; keys kept
    /// only to validate older tokens may be public keys.
    /// </summary>
    public string? Pem { get; set; }

    /// <summary>Whether new tokens are signed with this key.</summary>
    public bool Current { get; set; }
}

/// <summary>The JWS algorithms a key of the ring may use.</summary>
public static class TokenSigningAlgorithms
{
    /// <summary>HMAC with SHA-256 over a shared secret of at least 32 bytes.</summary>
    public const string HS256 = "HS256";

    /// <summary>ECDSA on P-256 with SHA-256.</summary>
    public const string ES256 = "ES256";

    /// <summary>RSASSA-PKCS1-v1_5 with SHA-256, keys of at least 2048 bits.</summary>
    public const string RS256 = "RS256";

    /// <summary>Every supported algorithm.</summary>
    public static IReadOnlyList<string> All { get; } = [HS256, ES256, RS256];

    /// <summary>Whether <paramref name="algorithm"/> is supported (ordinal: JWS names are case-sensitive).</summary>
    public static bool IsSupported(string? algorithm) => algorithm is HS256 or ES256 or RS256;
}
