using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Verification.Core.ServiceAccounts;

/// <summary>
/// An integrator's public key (RSA of 2048 to 8192 bits, or EC on P-256, P-384 or P-521) to which a token's reads of
/// personal data are encrypted (see <see cref="CompactJwe"/>): <c>RSA-OAEP-256</c> for RSA keys, <c>ECDH-ES</c> for
/// EC keys, content always <c>A256GCM</c>. Parsed from a JWK (with IdentityModel's <see cref="JsonWebKey"/>) or a
/// PEM <c>PUBLIC KEY</c>; a key with any private member is refused, so that the host never holds what decrypts.
/// Immutable and thread-safe.
/// </summary>
public sealed class IntegratorEncryptionKey
{
    /// <summary>The failure code of every refused key.</summary>
    public const string InvalidKeyCode = KeyErrors.TokenInvalidEncryptionKey;

    /// <summary>The longest key text accepted (a JWK or PEM of an 8192-bit RSA key is well under it).</summary>
    public const int MaxLength = 4096;

    private const int MinRsaBits = 2048;
    private const int MaxRsaBits = 8192;

    private IntegratorEncryptionKey(string jwk, string keyType, string? keyId, string algorithm, string thumbprint, RSAParameters? rsa, ECParameters? ec)
    {
        Jwk = jwk;
        KeyType = keyType;
        KeyId = keyId;
        Algorithm = algorithm;
        Thumbprint = thumbprint;
        RsaParameters = rsa;
        EcParameters = ec;
    }

    /// <summary>The canonical public JWK as stored on the token (<c>kty</c>, <c>kid</c> when given, and the public members).</summary>
    public string Jwk { get; }

    /// <summary><c>RSA</c> or <c>EC</c>.</summary>
    public string KeyType { get; }

    /// <summary>The integrator's <c>kid</c>, repeated in the JWE header so it can pick its private key; may be <see langword="null"/>.</summary>
    public string? KeyId { get; }

    /// <summary>The JWE key management algorithm: <c>RSA-OAEP-256</c> or <c>ECDH-ES</c>.</summary>
    public string Algorithm { get; }

    /// <summary>The RFC 7638 thumbprint (SHA-256, base64url), to show which key a token encrypts to.</summary>
    public string Thumbprint { get; }

    internal RSAParameters? RsaParameters { get; }

    internal ECParameters? EcParameters { get; }

    /// <summary>Reads a JWK (JSON object) or a PEM public key (<c>-----BEGIN PUBLIC KEY-----</c>); fails with <see cref="InvalidKeyCode"/>.</summary>
    public static Outcome<IntegratorEncryptionKey> Parse(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxLength)
        {
            return Invalid($"The encryption key is a public JWK or PEM public key of at most {MaxLength} characters.");
        }

        return trimmed.StartsWith("-----BEGIN", StringComparison.Ordinal) ? FromPem(trimmed) : FromJwk(trimmed);
    }

    private static Outcome<IntegratorEncryptionKey> FromPem(string pem)
    {
        if (pem.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            return Invalid("The encryption key must be a public key: never send the private key.");
        }

        if (!pem.StartsWith("-----BEGIN PUBLIC KEY-----", StringComparison.Ordinal) && !pem.StartsWith("-----BEGIN RSA PUBLIC KEY-----", StringComparison.Ordinal))
        {
            return Invalid("A PEM encryption key must be a PUBLIC KEY (SubjectPublicKeyInfo).");
        }

        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return FromRsa(rsa.ExportParameters(includePrivateParameters: false), keyId: null);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            // Not RSA: try EC.
        }

        try
        {
            using var ec = ECDiffieHellman.Create();
            ec.ImportFromPem(pem);
            return FromEc(ec.ExportParameters(includePrivateParameters: false), keyId: null);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return Invalid("The PEM encryption key is neither an RSA nor an EC public key.");
        }
    }

    private static Outcome<IntegratorEncryptionKey> FromJwk(string json)
    {
        JsonWebKey jwk;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 4 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Invalid("The encryption key must be a JWK (a JSON object).");
            }

            jwk = new JsonWebKey(json);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            return Invalid("The encryption key is not a readable JWK.");
        }

        if (jwk.HasPrivateKey || jwk.D is not null || jwk.P is not null || jwk.Q is not null || jwk.DP is not null || jwk.DQ is not null || jwk.QI is not null || jwk.K is not null)
        {
            return Invalid("The encryption key must be a public key: it holds private members (d, p, q, dp, dq, qi or k).");
        }

        if (jwk.Use is { } use && !string.Equals(use, "enc", StringComparison.Ordinal))
        {
            return Invalid("The encryption key's \"use\" must be \"enc\" when present.");
        }

        if (jwk.Kid is { } kid && (kid.Length > 128 || kid.Any(char.IsControl)))
        {
            return Invalid("The encryption key's \"kid\" has at most 128 characters and no control characters.");
        }

        try
        {
            Outcome<IntegratorEncryptionKey> parsed = jwk.Kty switch
            {
                JsonWebAlgorithmsKeyTypes.RSA => FromRsa(new RSAParameters { Modulus = Decode(jwk.N), Exponent = Decode(jwk.E) }, jwk.Kid),
                JsonWebAlgorithmsKeyTypes.EllipticCurve => FromEc(new ECParameters { Curve = Curve(jwk.Crv), Q = new ECPoint { X = Decode(jwk.X), Y = Decode(jwk.Y) } }, jwk.Kid),
                _ => Invalid("The encryption key's \"kty\" must be RSA or EC."),
            };
            if (parsed.IsSuccess && jwk.Alg is { } alg && !string.Equals(alg, parsed.Value.Algorithm, StringComparison.Ordinal))
            {
                return Invalid($"The encryption key's \"alg\" must be {parsed.Value.Algorithm} when present.");
            }

            return parsed;
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or FormatException)
        {
            return Invalid("The encryption key's public members are not a valid RSA or EC key.");
        }
    }

    private static Outcome<IntegratorEncryptionKey> FromRsa(RSAParameters parameters, string? keyId)
    {
        if (parameters.Modulus is not { Length: > 0 } modulus || parameters.Exponent is not { Length: > 0 } exponent)
        {
            return Invalid("An RSA encryption key needs \"n\" and \"e\".");
        }

        // Leading zero octets do not count towards the key size (RFC 7518 forbids them, some encoders add one).
        var bits = (modulus.AsSpan().TrimStart((byte)0).Length * 8) - LeadingZeroBits(modulus.AsSpan().TrimStart((byte)0));
        if (bits < MinRsaBits || bits > MaxRsaBits)
        {
            return Invalid($"An RSA encryption key has {MinRsaBits} to {MaxRsaBits} bits (this one has {bits}).");
        }

        using (var rsa = RSA.Create())
        {
            rsa.ImportParameters(parameters);
        }

        var members = new List<KeyValuePair<string, string>>
        {
            new("e", Base64UrlEncoder.Encode(exponent)),
            new("kty", "RSA"),
            new("n", Base64UrlEncoder.Encode(modulus.AsSpan().TrimStart((byte)0).ToArray())),
        };
        return Create("RSA", keyId, "RSA-OAEP-256", members, new RSAParameters { Modulus = modulus.AsSpan().TrimStart((byte)0).ToArray(), Exponent = exponent }, null);
    }

    private static Outcome<IntegratorEncryptionKey> FromEc(ECParameters parameters, string? keyId)
    {
        var curve = CurveName(parameters.Curve);
        if (curve is null)
        {
            return Invalid("An EC encryption key is on P-256, P-384 or P-521.");
        }

        // Importing validates that the point is on the curve: an invalid-curve point would leak the agreement.
        using (var ec = ECDiffieHellman.Create())
        {
            ec.ImportParameters(parameters);
        }

        var members = new List<KeyValuePair<string, string>>
        {
            new("crv", curve),
            new("kty", "EC"),
            new("x", Base64UrlEncoder.Encode(parameters.Q.X)),
            new("y", Base64UrlEncoder.Encode(parameters.Q.Y)),
        };
        return Create("EC", keyId, "ECDH-ES", members, null, new ECParameters { Curve = parameters.Curve, Q = parameters.Q });
    }

    private static IntegratorEncryptionKey Create(
        string keyType, string? keyId, string algorithm, List<KeyValuePair<string, string>> requiredMembers, RSAParameters? rsa, ECParameters? ec)
    {
        // The required members in lexicographic order, without whitespace, are the RFC 7638 thumbprint input.
        var thumbprint = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(Write(requiredMembers, keyId: null, algorithm: null))));
        return new IntegratorEncryptionKey(Write(requiredMembers, keyId, algorithm), keyType, keyId, algorithm, thumbprint, rsa, ec);
    }

    private static string Write(List<KeyValuePair<string, string>> members, string? keyId, string? algorithm)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (algorithm is not null)
            {
                writer.WriteString("alg", algorithm);
            }

            foreach (var (name, value) in members)
            {
                writer.WriteString(name, value);
            }

            if (keyId is not null)
            {
                writer.WriteString("kid", keyId);
            }

            if (algorithm is not null)
            {
                writer.WriteString("use", "enc");
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static byte[] Decode(string? value) =>
        string.IsNullOrEmpty(value) ? throw new FormatException("Missing member.") : Base64UrlEncoder.DecodeBytes(value);

    private static ECCurve Curve(string? crv) => crv switch
    {
        "P-256" => ECCurve.NamedCurves.nistP256,
        "P-384" => ECCurve.NamedCurves.nistP384,
        "P-521" => ECCurve.NamedCurves.nistP521,
        _ => throw new ArgumentException("Unsupported curve.", nameof(crv)),
    };

    internal static string? CurveName(ECCurve curve) => curve.Oid?.Value switch
    {
        "1.2.840.10045.3.1.7" => "P-256",
        "1.3.132.0.34" => "P-384",
        "1.3.132.0.35" => "P-521",
        _ => curve.Oid?.FriendlyName switch
        {
            "nistP256" or "ECDSA_P256" => "P-256",
            "nistP384" or "ECDSA_P384" => "P-384",
            "nistP521" or "ECDSA_P521" => "P-521",
            _ => null,
        },
    };

    private static int LeadingZeroBits(ReadOnlySpan<byte> value) =>
        value.IsEmpty ? 0 : System.Numerics.BitOperations.LeadingZeroCount((uint)value[0]) - 24;

    private static Failure Invalid(string detail) => Failure.Invalid(InvalidKeyCode, detail);
}
