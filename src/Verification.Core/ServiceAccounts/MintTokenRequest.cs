namespace Verification.Core.ServiceAccounts;

/// <summary>What to mint: for which service user, with which scopes, for how long.</summary>
public sealed record MintTokenRequest
{
    /// <summary>The service user, by id or by name.</summary>
    public required string ServiceUser { get; init; }

    /// <summary>The scopes (see <see cref="ServiceAccounts.Scopes"/>); at least one.</summary>
    public required IReadOnlyCollection<string> Scopes { get; init; }

    /// <summary>What the token is for; at most 256 characters.</summary>
    public string? Description { get; init; }

    /// <summary>Archive what this token extracts this long after the extraction (at most 365 days).</summary>
    public TimeSpan? ArchiveAfterExtract { get; init; }

    /// <summary>The token expires this long after minting (at most 10 years); <see langword="null"/> for never.</summary>
    public TimeSpan? ExpiresIn { get; init; }

    /// <summary>Who mints, e.g. <c>analyst:&lt;id&gt;</c> or <c>system</c>.</summary>
    public required string CreatedBy { get; init; }

    /// <summary>
    /// The integrator's public key, as a JWK (JSON) or a PEM public key: RSA of at least 2048 bits, or EC on P-256,
    /// P-384 or P-521, without private members (see <see cref="IntegratorEncryptionKey"/>). When set, what the token
    /// reads of attributes and pictures comes back encrypted to it; <see langword="null"/> for clear reads.
    /// </summary>
    public string? EncryptionKey { get; init; }
}

/// <summary>A freshly minted token: the only time the token string is available.</summary>
/// <param name="TokenId">The token id (<c>jti</c>).</param>
/// <param name="Token">The bearer token; show it once, never store or log it.</param>
/// <param name="Record">The stored record.</param>
public sealed record MintedToken(string TokenId, string Token, ServiceToken Record)
{
    /// <summary>Keeps the token out of logs and debugger displays of the record.</summary>
    public override string ToString() => $"MintedToken {{ TokenId = {TokenId}, Token = *** }}";
}
