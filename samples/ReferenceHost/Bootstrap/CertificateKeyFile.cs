using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Verification.Core.Certificates;
using Verification.Core.Protection;
using Verification.Core.ServiceAccounts;

namespace ReferenceHost.Bootstrap;

/// <summary>
/// When no certificate key is configured (<c>Verification:Certificates:Keys</c>), the reference host signs
/// certificates with an EC P-256 key (ES256) kept in its data folder (see <see cref="KeyFiles"/>), so that the server
/// and the <c>admin</c> commands sign with, and publish, the same key. Losing the file only means new certificates
/// are signed by a new key: the old ones stop verifying once their key is no longer published.
/// </summary>
/// <remarks>The key is kept wrapped under the master key (a file written in clear by an earlier version is rewritten).</remarks>
internal sealed class CertificateKeyFile(IConfiguration configuration, VerificationProtector protector) : IPostConfigureOptions<CertificateOptions>
{
    public void PostConfigure(string? name, CertificateOptions options)
    {
        if (options.Keys.Count > 0 || options.ExternalKeyProvider)
        {
            return;
        }

        var (keyId, pem) = KeyFiles.LoadOrCreateProtected(
            PathOf(configuration),
            Purpose,
            protector,
            () =>
            {
                using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                return ("cert-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)), key.ExportPkcs8PrivateKeyPem());
            });
        options.Keys.Add(new CertificateKeyOptions { KeyId = keyId, Algorithm = TokenSigningAlgorithms.ES256, Pem = pem, Current = true });
    }

    /// <summary>The purpose the key is bound to under the master key.</summary>
    public const string Purpose = "certificate-signing-key";

    /// <summary>Where the key is kept.</summary>
    public static string PathOf(IConfiguration configuration) => Path.Combine(KeyFiles.Folder(configuration), "certificate-signing-key.json");
}
