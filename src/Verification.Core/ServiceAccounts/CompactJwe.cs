using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Verification.Core.ServiceAccounts;

/// <summary>
/// Writes compact JWEs (RFC 7516) to an <see cref="IntegratorEncryptionKey"/>, content encrypted with <c>A256GCM</c>:
/// <list type="bullet">
/// <item>RSA keys: <c>RSA-OAEP-256</c> wraps a random 256-bit content key (RFC 7518 §4.3);</item>
/// <item>EC keys: <c>ECDH-ES</c> direct key agreement with an ephemeral key on the recipient's curve, the content key
/// derived by the Concat KDF with SHA-256 (RFC 7518 §4.6), the ephemeral public key in the <c>epk</c> header.</item>
/// </list>
/// The AES-GCM additional data is the ASCII of the base64url protected header (RFC 7516 §5.1), the IV 96 random bits.
/// Built on <c>System.Security.Cryptography</c> rather than IdentityModel: its <c>JsonWebTokenHandler.EncryptToken</c>
/// (8.16) refuses <c>A256GCM</c> content encryption (IDX10617, decryption only) and knows neither <c>RSA-OAEP-256</c>
/// nor <c>ECDH-ES</c> direct agreement for encryption; IdentityModel still parses the integrator's JWK.
/// Thread-safe (stateless).
/// </summary>
internal static class CompactJwe
{
    /// <summary>The content encryption algorithm of every JWE written here.</summary>
    public const string ContentEncryption = "A256GCM";

    private const int KeyBytes = 32;
    private const int IvBytes = 12;
    private const int TagBytes = 16;

    /// <summary>Encrypts <paramref name="plaintext"/> to <paramref name="key"/>; <paramref name="contentType"/> becomes the <c>cty</c> header when set.</summary>
    public static string Encrypt(IntegratorEncryptionKey key, ReadOnlySpan<byte> plaintext, string? contentType = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var cek = new byte[KeyBytes];
        try
        {
            byte[] encryptedKey;
            string header;
            if (key.RsaParameters is { } rsaParameters)
            {
                RandomNumberGenerator.Fill(cek);
                using var rsa = RSA.Create();
                rsa.ImportParameters(rsaParameters);
                encryptedKey = rsa.Encrypt(cek, RSAEncryptionPadding.OaepSHA256);
                header = Header(key, contentType, epk: null);
            }
            else if (key.EcParameters is { } ecParameters)
            {
                using var recipient = ECDiffieHellman.Create(ecParameters);
                using var ephemeral = ECDiffieHellman.Create(ecParameters.Curve);
                var z = ephemeral.DeriveRawSecretAgreement(recipient.PublicKey);
                try
                {
                    ConcatKdf(z, ContentEncryption, cek);
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(z);
                }

                encryptedKey = [];
                header = Header(key, contentType, ephemeral.ExportParameters(includePrivateParameters: false));
            }
            else
            {
                throw new InvalidOperationException("The key is neither RSA nor EC.");
            }

            var protectedHeader = Base64UrlEncoder.Encode(header);
            var iv = RandomNumberGenerator.GetBytes(IvBytes);
            var ciphertext = new byte[plaintext.Length];
            var tag = new byte[TagBytes];
            using (var gcm = new AesGcm(cek, TagBytes))
            {
                gcm.Encrypt(iv, plaintext, ciphertext, tag, Encoding.ASCII.GetBytes(protectedHeader));
            }

            return string.Join('.', protectedHeader, Base64UrlEncoder.Encode(encryptedKey), Base64UrlEncoder.Encode(iv), Base64UrlEncoder.Encode(ciphertext), Base64UrlEncoder.Encode(tag));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(cek);
        }
    }

    /// <summary>
    /// The Concat KDF of NIST SP 800-56A §5.8.1 as RFC 7518 §4.6.2 uses it for direct agreement: AlgorithmID is the
    /// <c>enc</c> value, PartyUInfo and PartyVInfo empty (no <c>apu</c>/<c>apv</c>), SuppPubInfo the key length in
    /// bits. 256 bits take a single SHA-256 round: H(counter 1 ‖ Z ‖ OtherInfo).
    /// </summary>
    internal static void ConcatKdf(ReadOnlySpan<byte> z, string algorithmId, Span<byte> key)
    {
        if (key.Length != KeyBytes)
        {
            throw new ArgumentException("Only 256-bit keys are derived.", nameof(key));
        }

        var algorithm = Encoding.ASCII.GetBytes(algorithmId);
        var input = new byte[4 + z.Length + 4 + algorithm.Length + 4 + 4 + 4];
        var span = input.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, 1);
        z.CopyTo(span[4..]);
        var offset = 4 + z.Length;
        BinaryPrimitives.WriteUInt32BigEndian(span[offset..], (uint)algorithm.Length);
        algorithm.CopyTo(span[(offset + 4)..]);
        offset += 4 + algorithm.Length;
        BinaryPrimitives.WriteUInt32BigEndian(span[offset..], 0); // PartyUInfo: empty
        BinaryPrimitives.WriteUInt32BigEndian(span[(offset + 4)..], 0); // PartyVInfo: empty
        BinaryPrimitives.WriteUInt32BigEndian(span[(offset + 8)..], KeyBytes * 8); // SuppPubInfo: key length in bits
        try
        {
            SHA256.HashData(input, key);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
        }
    }

    private static string Header(IntegratorEncryptionKey key, string? contentType, ECParameters? epk)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("alg", key.Algorithm);
            writer.WriteString("enc", ContentEncryption);
            if (key.KeyId is { } kid)
            {
                writer.WriteString("kid", kid);
            }

            if (contentType is not null)
            {
                writer.WriteString("cty", contentType);
            }

            if (epk is { } e)
            {
                writer.WriteStartObject("epk");
                writer.WriteString("kty", "EC");
                writer.WriteString("crv", IntegratorEncryptionKey.CurveName(e.Curve));
                writer.WriteString("x", Base64UrlEncoder.Encode(e.Q.X));
                writer.WriteString("y", Base64UrlEncoder.Encode(e.Q.Y));
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
