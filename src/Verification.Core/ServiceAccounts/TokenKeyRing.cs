using Microsoft.IdentityModel.Tokens;

namespace Verification.Core.ServiceAccounts;

/// <summary>
/// One key of a <see cref="TokenKeyRing"/>: its <c>kid</c>, the one algorithm tokens signed with it may use,
/// the key that validates, and, for a key that signs, the credentials.
/// </summary>
public sealed class TokenSigningKey
{
    /// <summary>Creates a ring key.</summary>
    /// <param name="keyId">The <c>kid</c>.</param>
    /// <param name="algorithm">The JWS algorithm pinned to this key, e.g. <c>HS256</c>.</param>
    /// <param name="validationKey">Checks signatures; its <see cref="SecurityKey.KeyId"/> is set to <paramref name="keyId"/> when empty.</param>
    /// <param name="signingCredentials">
    /// Signs new tokens when this key is current; by default built from <paramref name="validationKey"/>.
    /// A KMS-backed key passes credentials whose <see cref="SigningCredentials.CryptoProviderFactory"/> calls the KMS.
    /// </param>
    public TokenSigningKey(string keyId, string algorithm, SecurityKey validationKey, SigningCredentials? signingCredentials = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        ArgumentException.ThrowIfNullOrEmpty(algorithm);
        ArgumentNullException.ThrowIfNull(validationKey);
        if (string.IsNullOrEmpty(validationKey.KeyId))
        {
            validationKey.KeyId = keyId;
        }
        else if (!string.Equals(validationKey.KeyId, keyId, StringComparison.Ordinal))
        {
            throw new ArgumentException("The key's KeyId differs from the ring key id.", nameof(validationKey));
        }

        KeyId = keyId;
        Algorithm = algorithm;
        ValidationKey = validationKey;
        SigningCredentials = signingCredentials ?? new SigningCredentials(validationKey, algorithm);
    }

    /// <summary>The <c>kid</c>.</summary>
    public string KeyId { get; }

    /// <summary>The only algorithm accepted for tokens carrying this <c>kid</c>.</summary>
    public string Algorithm { get; }

    /// <summary>Checks signatures.</summary>
    public SecurityKey ValidationKey { get; }

    /// <summary>Signs, when this key is current.</summary>
    public SigningCredentials SigningCredentials { get; }
}

/// <summary>
/// The keys service tokens are signed and validated with: new tokens are signed with <see cref="Current"/>,
/// and a token validates with the key its <c>kid</c> names, so older keys keep their tokens alive during a
/// rotation. Immutable; a provider builds a new ring to rotate.
/// </summary>
public sealed class TokenKeyRing
{
    private readonly Dictionary<string, TokenSigningKey> _byId;

    /// <summary>Creates a ring signing with <paramref name="current"/> and validating with it and <paramref name="others"/>.</summary>
    public TokenKeyRing(TokenSigningKey current, IEnumerable<TokenSigningKey>? others = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        _byId = new Dictionary<string, TokenSigningKey>(StringComparer.Ordinal) { [current.KeyId] = current };
        foreach (var key in others ?? [])
        {
            ArgumentNullException.ThrowIfNull(key);
            if (!_byId.TryAdd(key.KeyId, key) && !ReferenceEquals(_byId[key.KeyId], key))
            {
                throw new ArgumentException($"Two keys of the ring share the id '{key.KeyId}'.", nameof(others));
            }
        }

        Current = current;
        Keys = [.. _byId.Values];
        Algorithms = [.. Keys.Select(k => k.Algorithm).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The key new tokens are signed with.</summary>
    public TokenSigningKey Current { get; }

    /// <summary>Every key, the current one included.</summary>
    public IReadOnlyList<TokenSigningKey> Keys { get; }

    /// <summary>The algorithms of the ring's keys: the only ones a token may use.</summary>
    public IReadOnlyList<string> Algorithms { get; }

    /// <summary>The key with that <c>kid</c>, or <see langword="null"/>.</summary>
    public TokenSigningKey? Find(string? keyId) => keyId is not null && _byId.TryGetValue(keyId, out var key) ? key : null;
}

/// <summary>
/// Supplies the key ring. The default reads <see cref="TokenSigningOptions.Keys"/>; a host can register its
/// own (a KMS, a secret vault) before adding the verification keys.
/// </summary>
public interface ITokenSigningKeyProvider
{
    /// <summary>
    /// The current ring. Called on every authentication: answer a cached ring, and build a new
    /// <see cref="TokenKeyRing"/> instance only when the keys change.
    /// </summary>
    ValueTask<TokenKeyRing> GetKeyRingAsync(CancellationToken cancellationToken);
}
