using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Verification.Core.ServiceAccounts;

/// <summary>Turns configured key material into keys; shared by the options validator and the configured provider.</summary>
internal static class TokenSigningKeyMaterial
{
    public const int MinSecretBytes = 32;
    public const int MinRsaBits = 2048;

    /// <summary>
    /// Builds the key of <paramref name="options"/>, or says what is wrong with it (without echoing the
    /// material). <paramref name="needPrivateKey"/> for the current key, which must sign.
    /// </summary>
    public static SecurityKey? TryCreate(TokenSigningKeyOptions options, bool needPrivateKey, out string? error)
    {
        switch (options.Algorithm)
        {
            case TokenSigningAlgorithms.HS256:
                return CreateSymmetric(options, out error);
            case TokenSigningAlgorithms.ES256:
                return CreateEcdsa(options, needPrivateKey, out error);
            case TokenSigningAlgorithms.RS256:
                return CreateRsa(options, needPrivateKey, out error);
            default:
                error = $"Algorithm must be one of {string.Join(", ", TokenSigningAlgorithms.All)}.";
                return null;
        }
    }

    private static SymmetricSecurityKey? CreateSymmetric(TokenSigningKeyOptions options, out string? error)
    {
        if (!string.IsNullOrWhiteSpace(options.Pem))
        {
            // Refusing a PEM here closes the classic confusion of using a public key's bytes as an HMAC secret.
            error = "Pem must not be set for HS256; use Secret.";
            return null;
        }

        var secret = options.Secret?.Trim();
        if (string.IsNullOrEmpty(secret))
        {
            error = "Secret must be set for HS256 (base64, at least 32 bytes).";
            return null;
        }

        var buffer = new byte[(secret.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(secret, buffer, out var length))
        {
            error = "Secret must be base64.";
            return null;
        }

        if (length < MinSecretBytes)
        {
            error = $"Secret must hold at least {MinSecretBytes} bytes once decoded (it holds {length}).";
            return null;
        }

        error = null;
        return new SymmetricSecurityKey(buffer[..length]) { KeyId = options.KeyId };
    }

    private static ECDsaSecurityKey? CreateEcdsa(TokenSigningKeyOptions options, bool needPrivateKey, out string? error)
    {
        if (!HasPemOnly(options, out error))
        {
            return null;
        }

        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(options.Pem);
            var parameters = ecdsa.ExportParameters(includePrivateParameters: false);
            if (ecdsa.KeySize != 256 || parameters.Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                error = "Pem must hold a P-256 (prime256v1) key for ES256.";
                ecdsa.Dispose();
                return null;
            }

            if (needPrivateKey && !HasPrivateEcKey(ecdsa))
            {
                error = "Pem must hold the private key: the current key signs new tokens.";
                ecdsa.Dispose();
                return null;
            }

            error = null;
            return new ECDsaSecurityKey(ecdsa) { KeyId = options.KeyId };
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            ecdsa.Dispose();
            error = "Pem is not a readable unencrypted EC key.";
            return null;
        }
    }

    private static RsaSecurityKey? CreateRsa(TokenSigningKeyOptions options, bool needPrivateKey, out string? error)
    {
        if (!HasPemOnly(options, out error))
        {
            return null;
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(options.Pem);
            if (rsa.KeySize < MinRsaBits)
            {
                error = $"Pem must hold an RSA key of at least {MinRsaBits} bits for RS256.";
                rsa.Dispose();
                return null;
            }

            if (needPrivateKey && !HasPrivateRsaKey(rsa))
            {
                error = "Pem must hold the private key: the current key signs new tokens.";
                rsa.Dispose();
                return null;
            }

            error = null;
            return new RsaSecurityKey(rsa) { KeyId = options.KeyId };
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            rsa.Dispose();
            error = "Pem is not a readable unencrypted RSA key.";
            return null;
        }
    }

    private static bool HasPemOnly(TokenSigningKeyOptions options, out string? error)
    {
        if (!string.IsNullOrEmpty(options.Secret))
        {
            error = $"Secret must not be set for {options.Algorithm}; use Pem.";
            return false;
        }

        if (string.IsNullOrWhiteSpace(options.Pem))
        {
            error = $"Pem must be set for {options.Algorithm}.";
            return false;
        }

        error = null;
        return true;
    }

    private static bool HasPrivateEcKey(ECDsa ecdsa)
    {
        try
        {
            return ecdsa.ExportParameters(includePrivateParameters: true).D is { Length: > 0 };
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static bool HasPrivateRsaKey(RSA rsa)
    {
        try
        {
            return rsa.ExportParameters(includePrivateParameters: true).D is { Length: > 0 };
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
