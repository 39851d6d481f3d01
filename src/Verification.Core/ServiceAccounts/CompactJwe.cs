using System.Security.Cryptography;
using Jose;

namespace Verification.Core.ServiceAccounts;

/// <summary>
/// Writes compact JWEs (RFC 7516) to an <see cref="IntegratorEncryptionKey"/> with <c>jose-jwt</c>, content encrypted
/// with <c>A256GCM</c>: <c>RSA-OAEP-256</c> for RSA keys (a random content key wrapped to the key), <c>ECDH-ES</c>
/// direct key agreement for EC keys (an ephemeral key on the recipient's curve, in the <c>epk</c> header). The key's
/// <c>kid</c> and the <c>cty</c> go in the protected header. Thread-safe (stateless).
/// </summary>
internal static class CompactJwe
{
    /// <summary>The content encryption algorithm of every JWE written here.</summary>
    public const string ContentEncryption = "A256GCM";

    /// <summary>Encrypts <paramref name="plaintext"/> to <paramref name="key"/>; <paramref name="contentType"/> becomes the <c>cty</c> header when set.</summary>
    public static string Encrypt(IntegratorEncryptionKey key, ReadOnlySpan<byte> plaintext, string? contentType = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var headers = new Dictionary<string, object>(StringComparer.Ordinal);
        if (key.KeyId is { } kid)
        {
            headers["kid"] = kid;
        }

        if (contentType is not null)
        {
            headers["cty"] = contentType;
        }

        // jose-jwt takes an array; the copy of the personal data is wiped once encrypted.
        var payload = plaintext.ToArray();
        try
        {
            if (key.RsaParameters is { } rsaParameters)
            {
                using var rsa = RSA.Create();
                rsa.ImportParameters(rsaParameters);
                return JWT.EncodeBytes(payload, rsa, JweAlgorithm.RSA_OAEP_256, JweEncryption.A256GCM, extraHeaders: headers);
            }

            if (key.EcParameters is { } ecParameters)
            {
                using var recipient = ECDiffieHellman.Create(ecParameters);
                return JWT.EncodeBytes(payload, recipient, JweAlgorithm.ECDH_ES, JweEncryption.A256GCM, extraHeaders: headers);
            }

            throw new InvalidOperationException("The key is neither RSA nor EC.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(payload);
        }
    }
}
