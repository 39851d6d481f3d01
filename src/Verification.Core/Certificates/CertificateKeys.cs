using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Verification.Core.ServiceAccounts;
using Verification.Core.Protection;

namespace Verification.Core.Certificates;

/// <summary>
/// Supplies the keys that sign verification certificates (the port: configuration by default, a KMS or an HSM in
/// hosts that register their own).
/// </summary>
public interface ICertificateKeyProvider
{
    /// <summary>The current ring; may change between calls (rotation), each ring is immutable.</summary>
    ValueTask<CertificateKeyRing> GetKeyRingAsync(CancellationToken cancellationToken);
}

/// <summary>One certificate key: its id, algorithm and public half, and the private half when it signs.</summary>
public sealed class CertificateSigningKey
{
    /// <summary>Creates a key; <paramref name="key"/> must hold the private key when the key is to sign.</summary>
    public CertificateSigningKey(string keyId, string algorithm, AsymmetricSecurityKey key)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        ArgumentException.ThrowIfNullOrEmpty(algorithm);
        ArgumentNullException.ThrowIfNull(key);
        KeyId = keyId;
        Algorithm = algorithm;
        Key = key;
        key.KeyId = keyId;
        PublicJwk = CertificateKeyMaterial.PublicJwk(keyId, algorithm, key);
        SigningCredentials = new SigningCredentials(key, algorithm);
    }

    /// <summary>The <c>kid</c>.</summary>
    public string KeyId { get; }

    /// <summary>The JWS algorithm (<c>ES256</c> or <c>RS256</c>).</summary>
    public string Algorithm { get; }

    /// <summary>The key (with its private half when it signs).</summary>
    public AsymmetricSecurityKey Key { get; }

    /// <summary>The credentials that sign with this key.</summary>
    public SigningCredentials SigningCredentials { get; }

    /// <summary>The public JWK members (<c>kty</c>, <c>kid</c>, <c>use</c>, <c>alg</c>, and <c>crv x y</c> or <c>n e</c>), in order; never a private member.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> PublicJwk { get; }
}

/// <summary>The current signing key and the previous keys still published, so older certificates keep verifying.</summary>
public sealed class CertificateKeyRing
{
    /// <summary>Creates a ring.</summary>
    public CertificateKeyRing(CertificateSigningKey current, IEnumerable<CertificateSigningKey> previous)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        Current = current;
        All = [current, .. previous];
    }

    /// <summary>The key that signs new certificates.</summary>
    public CertificateSigningKey Current { get; }

    /// <summary>Every published key, the current one first.</summary>
    public IReadOnlyList<CertificateSigningKey> All { get; }

    /// <summary>The key named <paramref name="keyId"/>, if published.</summary>
    public CertificateSigningKey? Find(string keyId) => All.FirstOrDefault(k => string.Equals(k.KeyId, keyId, StringComparison.Ordinal));
}

/// <summary>The keys of <see cref="CertificateOptions.Keys"/>, read once.</summary>
public sealed class ConfiguredCertificateKeyProvider : ICertificateKeyProvider
{
    private readonly Lazy<CertificateKeyRing> _ring;

    /// <summary>Creates the provider; the keys are read on first use.</summary>
    public ConfiguredCertificateKeyProvider(IOptions<CertificateOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ring = new(() => Build(options.Value), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <inheritdoc />
    public ValueTask<CertificateKeyRing> GetKeyRingAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_ring.Value);

    private static CertificateKeyRing Build(CertificateOptions options)
    {
        var configured = options.Keys ?? [];
        if (configured.Count == 0)
        {
            throw new InvalidOperationException($"{CertificateOptions.SectionName}:Keys holds no certificate signing key.");
        }

        var currentOptions = configured.Count == 1 ? configured[0] : configured.Single(k => k.Current);
        CertificateSigningKey? current = null;
        var previous = new List<CertificateSigningKey>();
        foreach (var keyOptions in configured)
        {
            var isCurrent = ReferenceEquals(keyOptions, currentOptions);
            var key = CertificateKeyMaterial.TryCreate(keyOptions, isCurrent, out var error)
                      ?? throw new InvalidOperationException($"{CertificateOptions.SectionName}:Keys '{keyOptions.KeyId}': {error}");
            var signingKey = new CertificateSigningKey(keyOptions.KeyId, keyOptions.Algorithm, key);
            if (isCurrent)
            {
                current = signingKey;
            }
            else
            {
                previous.Add(signingKey);
            }
        }

        return new CertificateKeyRing(current!, previous);
    }
}

/// <summary>
/// One random P-256 key held in memory: for tests and in-memory demos only, since certificates it signed stop
/// verifying once the process ends (its public key is published only by this process).
/// </summary>
public sealed class EphemeralCertificateKeyProvider : ICertificateKeyProvider
{
    private readonly CertificateKeyRing _ring = new(
        new CertificateSigningKey(
            "ephemeral-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)),
            TokenSigningAlgorithms.ES256,
            new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256))),
        []);

    /// <inheritdoc />
    public ValueTask<CertificateKeyRing> GetKeyRingAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_ring);
}

/// <summary>Turns configured key material into keys, for the validator and the configured provider.</summary>
internal static class CertificateKeyMaterial
{
    /// <summary>Whether no key is configured and the host runs with an ephemeral master key (in-memory stores).</summary>
    public static bool UsesEphemeralKey(CertificateOptions options, ProtectionOptions protection) =>
        (options.Keys ?? []).Count == 0 && !options.ExternalKeyProvider && protection is { EphemeralKey: true, MasterKeys.Count: 0 };

    public static AsymmetricSecurityKey? TryCreate(CertificateKeyOptions options, bool needPrivateKey, out string? error)
    {
        // A certificate must verify with public keys only: a shared secret (HS256) would let anyone who can
        // verify also forge, so only asymmetric algorithms are accepted.
        if (options.Algorithm is not (TokenSigningAlgorithms.ES256 or TokenSigningAlgorithms.RS256))
        {
            error = "Algorithm must be ES256 or RS256.";
            return null;
        }

        var key = TokenSigningKeyMaterial.TryCreate(
            new TokenSigningKeyOptions { KeyId = options.KeyId, Algorithm = options.Algorithm, Pem = options.Pem },
            needPrivateKey,
            out error);
        if (key is not AsymmetricSecurityKey asymmetric)
        {
            error ??= "Pem is not an asymmetric key.";
            return null;
        }

        return asymmetric;
    }

    public static IReadOnlyList<KeyValuePair<string, string>> PublicJwk(string keyId, string algorithm, AsymmetricSecurityKey key)
    {
        var members = new List<KeyValuePair<string, string>>();
        switch (key)
        {
            case ECDsaSecurityKey ec:
            {
                var p = ec.ECDsa.ExportParameters(includePrivateParameters: false);
                members.Add(new("kty", "EC"));
                members.Add(new("crv", CurveName(p.Curve)));
                members.Add(new("x", Base64UrlEncoder.Encode(p.Q.X)));
                members.Add(new("y", Base64UrlEncoder.Encode(p.Q.Y)));
                break;
            }

            case RsaSecurityKey rsa:
            {
                var p = rsa.Rsa?.ExportParameters(includePrivateParameters: false) ?? rsa.Parameters;
                members.Add(new("kty", "RSA"));
                members.Add(new("n", Base64UrlEncoder.Encode(p.Modulus)));
                members.Add(new("e", Base64UrlEncoder.Encode(p.Exponent)));
                break;
            }

            default:
                throw new ArgumentException("Only EC and RSA keys sign certificates.", nameof(key));
        }

        members.Add(new("kid", keyId));
        members.Add(new("use", "sig"));
        members.Add(new("alg", algorithm));
        return members;
    }

    private static string CurveName(ECCurve curve) => curve.Oid.Value switch
    {
        "1.2.840.10045.3.1.7" => "P-256",
        "1.3.132.0.34" => "P-384",
        "1.3.132.0.35" => "P-521",
        _ => throw new ArgumentException("Unsupported curve.", nameof(curve)),
    };
}
