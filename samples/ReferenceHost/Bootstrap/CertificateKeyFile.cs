using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Verification.Core.Certificates;
using Verification.Core.ServiceAccounts;

namespace ReferenceHost.Bootstrap;

/// <summary>
/// When no certificate key is configured (<c>Verification:Certificates:Keys</c>), the reference host signs
/// certificates with an EC P-256 key (ES256) kept in its data folder (see <see cref="KeyFiles"/>), so that the server
/// and the <c>admin</c> commands sign with, and publish, the same key. Losing the file only means new certificates
/// are signed by a new key: the old ones stop verifying once their key is no longer published.
/// </summary>
internal sealed class CertificateKeyFile(IConfiguration configuration) : IPostConfigureOptions<CertificateOptions>
{
    public void PostConfigure(string? name, CertificateOptions options)
    {
        if (options.Keys.Count > 0 || options.ExternalKeyProvider)
        {
            return;
        }

        var stored = KeyFiles.LoadOrCreate(
            Path.Combine(KeyFiles.Folder(configuration), "certificate-signing-key.json"),
            () =>
            {
                using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                return new StoredKey("cert-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)), key.ExportPkcs8PrivateKeyPem());
            });
        options.Keys.Add(new CertificateKeyOptions { KeyId = stored.KeyId, Algorithm = TokenSigningAlgorithms.ES256, Pem = stored.Pem, Current = true });
    }

    private sealed record StoredKey(string KeyId, string Pem);
}
