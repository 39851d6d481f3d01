using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace ReferenceHost.Adversarial.Tests;

/// <summary>
/// Tokens an attacker would try, built from a real token of the host: the same claims under a changed header,
/// signature or lifetime. <see cref="Resign"/> with nothing changed must be accepted, which proves the forging
/// itself is sound and the refusals below come from the check they target.
/// </summary>
public static class ForgedTokens
{
    public static IReadOnlyList<string> Attacks { get; } =
    [
        "no-token", "empty-bearer", "garbage", "basic-scheme", "token-without-scheme", "three-dots", "oversized",
        "alg-none", "alg-none-with-signature", "hs256-signed-with-public-key-pem", "hs256-signed-with-public-key-der",
        "expired", "not-yet-valid", "wrong-audience", "wrong-issuer", "wrong-type", "unknown-kid", "no-kid",
        "tampered-scopes", "other-tenant-claim", "unknown-token-id", "disabled", "revoked",
    ];

    /// <summary>The Authorization header value of <paramref name="attack"/>, or <see langword="null"/> for none.</summary>
    public static string? Header(string attack, HostileHost host)
    {
        var real = host.Token;
        return attack switch
        {
            "no-token" => null,
            "empty-bearer" => "Bearer ",
            "garbage" => "Bearer " + Convert.ToBase64String(RandomNumberGenerator.GetBytes(90)),
            "basic-scheme" => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:admin")),
            "token-without-scheme" => real,
            "three-dots" => "Bearer ...",
            "oversized" => "Bearer " + real + new string('A', 6000),
            "alg-none" => "Bearer " + WithHeader(real, new JsonObject { ["alg"] = "none", ["typ"] = "at+jwt", ["kid"] = HostileHostFactory.KeyId }, signature: string.Empty),
            "alg-none-with-signature" => "Bearer " + WithHeader(real, new JsonObject { ["alg"] = "none", ["typ"] = "at+jwt", ["kid"] = HostileHostFactory.KeyId }, signature: real.Split('.')[2]),
            "hs256-signed-with-public-key-pem" => "Bearer " + Hmac(real, Encoding.ASCII.GetBytes(HostileHostFactory.PublicKeyPem)),
            "hs256-signed-with-public-key-der" => "Bearer " + Hmac(real, HostileHostFactory.SigningKey.ExportSubjectPublicKeyInfo()),
            "expired" => "Bearer " + Resign(real, claims =>
            {
                claims["iat"] = Unix(-7200);
                claims["nbf"] = Unix(-7200);
                claims["exp"] = Unix(-3600);
            }),
            "not-yet-valid" => "Bearer " + Resign(real, claims =>
            {
                claims["nbf"] = Unix(3600);
                claims["exp"] = Unix(7200);
            }),
            "wrong-audience" => "Bearer " + Resign(real, claims => claims["aud"] = "another-api"),
            "wrong-issuer" => "Bearer " + Resign(real, claims => claims["iss"] = "https://evil.example"),
            "wrong-type" => "Bearer " + Resign(real, header: h => h["typ"] = "JWT"),
            "unknown-kid" => "Bearer " + Resign(real, header: h => h["kid"] = "someone-elses-key"),
            "no-kid" => "Bearer " + Resign(real, header: h => h.Remove("kid")),
            "tampered-scopes" => "Bearer " + Tamper(real),
            "other-tenant-claim" => "Bearer " + Resign(real, claims => claims["tid"] = HostileHost.TenantB),
            "unknown-token-id" => "Bearer " + Resign(real, claims => claims["jti"] = Routes.MissingId()),
            "disabled" => "Bearer " + host.DisabledToken,
            "revoked" => "Bearer " + host.RevokedToken,
            _ => throw new ArgumentOutOfRangeException(nameof(attack), attack, null),
        };
    }

    /// <summary>The token with its claims and header changed, signed again with the host's real key.</summary>
    public static string Resign(string token, Action<JsonObject>? claims = null, Action<JsonObject>? header = null)
    {
        var parts = token.Split('.');
        var head = JsonNode.Parse(Base64UrlEncoder.Decode(parts[0]))!.AsObject();
        var body = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        header?.Invoke(head);
        claims?.Invoke(body);
        var input = Base64UrlEncoder.Encode(head.ToJsonString()) + "." + Base64UrlEncoder.Encode(body.ToJsonString());
        var signature = HostileHostFactory.SigningKey.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return input + "." + Base64UrlEncoder.Encode(signature);
    }

    private static string WithHeader(string token, JsonObject header, string signature)
    {
        var parts = token.Split('.');
        return Base64UrlEncoder.Encode(header.ToJsonString()) + "." + parts[1] + "." + signature;
    }

    // The classic key confusion: HS256 with the RSA public key as the HMAC secret.
    private static string Hmac(string token, byte[] key)
    {
        var parts = token.Split('.');
        var header = Base64UrlEncoder.Encode(new JsonObject { ["alg"] = "HS256", ["typ"] = "at+jwt", ["kid"] = HostileHostFactory.KeyId }.ToJsonString());
        var input = header + "." + parts[1];
        return input + "." + Base64UrlEncoder.Encode(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(input)));
    }

    // The real signature kept, the payload changed: the signature no longer matches.
    private static string Tamper(string token)
    {
        var parts = token.Split('.');
        var body = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        body["scope"] = "admin documents:submit verifications:read:pictures verifications:review verifications:archive superuser";
        return parts[0] + "." + Base64UrlEncoder.Encode(body.ToJsonString(new JsonSerializerOptions())) + "." + parts[2];
    }

    private static long Unix(int offsetSeconds) => DateTimeOffset.UtcNow.AddSeconds(offsetSeconds).ToUnixTimeSeconds();
}
