namespace Verification.Core.ServiceAccounts;

/// <summary>
/// The stored record of a minted bearer token. The token string itself is shown once at minting and never
/// stored: the record only decides whether a token that carries a valid signature is still accepted.
/// </summary>
public sealed class ServiceToken
{
    /// <summary>Token id: the JWT <c>jti</c> (a ULID), unique across tenants.</summary>
    public required string Id { get; init; }

    /// <summary>The tenant, also carried by the token's <c>tid</c> claim.</summary>
    public required string TenantId { get; init; }

    /// <summary>The service user the token acts for (the token's <c>sub</c>).</summary>
    public required string ServiceUserId { get; init; }

    /// <summary>What the token is for, as the administrator wrote it; may be empty.</summary>
    public string Description { get; set; } = string.Empty;

    /// <summary>The granted scopes (see <see cref="ServiceAccounts.Scopes"/>), in their canonical order.</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>When the token was minted.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Who minted it, e.g. <c>analyst:&lt;id&gt;</c> or <c>system</c>.</summary>
    public required string CreatedBy { get; init; }

    /// <summary>When the token stops being accepted; <see langword="null"/> for no expiry.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>
    /// When set, a verification whose attributes or pictures this token extracted is archived this long
    /// after the extraction.
    /// </summary>
    public TimeSpan? ArchiveAfterExtract { get; set; }

    /// <summary>
    /// The integrator's public key (a JWK, RSA or EC P-256/P-384/P-521) when its reads of attributes and
    /// pictures must come back encrypted to it (JWE), so that only the integrator can read them.
    /// </summary>
    public string? EncryptionKey { get; set; }

    /// <summary>Whether the token is accepted; can be turned off and on again until it is revoked.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>When the token was revoked; revocation is final.</summary>
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>When the token was last accepted, to within a minute.</summary>
    public DateTimeOffset? LastUsedAt { get; set; }
}
