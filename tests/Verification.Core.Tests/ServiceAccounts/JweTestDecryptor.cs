using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Verification.Core.Tests.ServiceAccounts;

/// <summary>
/// A minimal compact-JWE decryptor written for the tests from RFC 7516/7518 alone, sharing no code with the
/// production encryptor (jose-jwt): a second, independent reading of the format.
/// For ECDH-ES it derives the key with <see cref="ECDiffieHellman.DeriveKeyFromHash(ECDiffieHellmanPublicKey, HashAlgorithmName, byte[], byte[])"/>
/// (SHA-256 over counter ‖ Z ‖ OtherInfo), another path than jose-jwt's.
/// </summary>
internal static class JweTestDecryptor
{
    public static (JsonElement Header, byte[] Plaintext) Decrypt(string jwe, AsymmetricAlgorithm privateKey)
    {
        var parts = jwe.Split('.');
        if (parts.Length != 5)
        {
            throw new FormatException("A compact JWE has five parts.");
        }

        var header = JsonDocument.Parse(FromBase64Url(parts[0])).RootElement.Clone();
        if (header.GetProperty("enc").GetString() != "A256GCM")
        {
            throw new NotSupportedException("Only A256GCM.");
        }

        byte[] cek;
        switch (header.GetProperty("alg").GetString())
        {
            case "RSA-OAEP-256":
                cek = ((RSA)privateKey).Decrypt(FromBase64Url(parts[1]), RSAEncryptionPadding.OaepSHA256);
                break;
            case "ECDH-ES":
            {
                if (parts[1].Length != 0)
                {
                    throw new FormatException("ECDH-ES direct agreement has an empty encrypted key.");
                }

                var recipient = (ECDiffieHellman)privateKey;
                var epk = header.GetProperty("epk");
                using var ephemeral = ECDiffieHellman.Create(new ECParameters
                {
                    Curve = recipient.ExportParameters(false).Curve,
                    Q = new ECPoint { X = FromBase64Url(epk.GetProperty("x").GetString()!), Y = FromBase64Url(epk.GetProperty("y").GetString()!) },
                });
                byte[] otherInfo = [0, 0, 0, 7, .. "A256GCM"u8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0];
                cek = recipient.DeriveKeyFromHash(ephemeral.PublicKey, HashAlgorithmName.SHA256, [0, 0, 0, 1], otherInfo);
                break;
            }

            default:
                throw new NotSupportedException("Unknown alg.");
        }

        var ciphertext = FromBase64Url(parts[3]);
        var plaintext = new byte[ciphertext.Length];
        using var gcm = new AesGcm(cek, 16);
        gcm.Decrypt(FromBase64Url(parts[2]), ciphertext, FromBase64Url(parts[4]), plaintext, Encoding.ASCII.GetBytes(parts[0]));
        return (header, plaintext);
    }

    public static byte[] FromBase64Url(string value)
    {
        var s = value.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }

    /// <summary>The public JWK of <paramref name="key"/>, written by hand (no IdentityModel).</summary>
    public static string PublicJwk(AsymmetricAlgorithm key, string? kid = null)
    {
        static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var members = new Dictionary<string, string>();
        if (key is RSA rsa)
        {
            var p = rsa.ExportParameters(false);
            members["kty"] = "RSA";
            members["n"] = B64(p.Modulus!);
            members["e"] = B64(p.Exponent!);
        }
        else
        {
            var p = ((ECDiffieHellman)key).ExportParameters(false);
            members["kty"] = "EC";
            members["crv"] = p.Q.X!.Length switch { 32 => "P-256", 48 => "P-384", _ => "P-521" };
            members["x"] = B64(p.Q.X!);
            members["y"] = B64(p.Q.Y!);
        }

        if (kid is not null)
        {
            members["kid"] = kid;
        }

        return JsonSerializer.Serialize(members);
    }
}
