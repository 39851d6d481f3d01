using Microsoft.Extensions.Options;
using Verification.Core.ServiceAccounts;
using Verification.Core.Protection;

namespace Verification.Core.Certificates;

/// <summary>
/// The keys that sign verification certificates, bound to <c>Verification:Certificates</c>. Example:
/// <code>
/// "Certificates": { "Keys": [
///   { "KeyId": "cert-2026-11", "Algorithm": "ES256", "Pem": "-----BEGIN PRIVATE KEY-----...", "Current": true },
///   { "KeyId": "cert-2026-05", "Algorithm": "ES256", "Pem": "-----BEGIN PUBLIC KEY-----..." } ] }
/// </code>
/// New certificates are signed with the current key; every configured key is published at
/// <c>/.well-known/verification-keys</c>, so certificates signed by a previous key keep verifying until that key
/// is removed from the list.
/// </summary>
public sealed class CertificateOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Verification:Certificates";

    /// <summary>The keys; exactly one is <see cref="CertificateKeyOptions.Current"/> (a lone key is current anyway).</summary>
    public List<CertificateKeyOptions> Keys { get; set; } = [];

    /// <summary>
    /// Set when the host registers its own <see cref="ICertificateKeyProvider"/> (a KMS, say): then
    /// <see cref="Keys"/> may be empty. Default <see langword="false"/>.
    /// </summary>
    public bool ExternalKeyProvider { get; set; }
}

/// <summary>One certificate signing key.</summary>
public sealed class CertificateKeyOptions
{
    /// <summary>The key id written in the certificate's <c>kid</c> header: 1 to 64 characters of <c>A-Z a-z 0-9 . _ -</c>.</summary>
    public string KeyId { get; set; } = string.Empty;

    /// <summary><c>ES256</c> (a P-256 key, the default) or <c>RS256</c> (an RSA key of at least 2048 bits).</summary>
    public string Algorithm { get; set; } = TokenSigningAlgorithms.ES256;

    /// <summary>
    /// The key as PEM (PKCS#8 or SEC1 private key, or a SubjectPublicKeyInfo public key). The current key needs the
    /// private key; previous keys, kept only to be published, may be public keys.
    /// </summary>
    public string? Pem { get; set; }

    /// <summary>Whether new certificates are signed with this key.</summary>
    public bool Current { get; set; }
}

/// <summary>
/// Validates <see cref="CertificateOptions"/> at start. Without a configured key, a host whose personal data is
/// protected by an ephemeral key (in-memory stores: tests and demos) signs with an ephemeral key too.
/// </summary>
internal sealed class CertificateOptionsValidator(IOptions<ProtectionOptions> protection) : IValidateOptions<CertificateOptions>
{
    private const string Section = CertificateOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, CertificateOptions options)
    {
        var keys = options.Keys ?? [];
        if (keys.Count == 0)
        {
            return options.ExternalKeyProvider || CertificateKeyMaterial.UsesEphemeralKey(options, protection.Value)
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{Section}:Keys holds no certificate signing key. Configure one (an EC P-256 private key as PEM, ES256), or set {Section}:ExternalKeyProvider when the host supplies the keys.");
        }

        var errors = new List<string>();
        TokenSigningOptionsValidator.ValidateRing(Section, keys, k => k.KeyId, k => k.Current, (key, path, isCurrent) =>
        {
            if (CertificateKeyMaterial.TryCreate(key, isCurrent, out var error) is null)
            {
                errors.Add($"{path}: {error}");
            }
        }, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
