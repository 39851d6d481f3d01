using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Verification.Core.ServiceAccounts;

namespace Verification.Core.Tests.ServiceAccounts;

public sealed class IntegratorEncryptionKeyTests
{
    [Theory]
    [InlineData(256)]
    [InlineData(384)]
    [InlineData(521)]
    public void EncryptsToAnEcKeySoThatOnlyItsPrivateKeyDecrypts(int bits)
    {
        using var integrator = ECDiffieHellman.Create(bits switch { 256 => ECCurve.NamedCurves.nistP256, 384 => ECCurve.NamedCurves.nistP384, _ => ECCurve.NamedCurves.nistP521 });
        var key = IntegratorEncryptionKey.Parse(JweTestDecryptor.PublicJwk(integrator, kid: "int-1")).Value;
        var secret = "{\"lastName\":\"ERIKSSON\"}"u8.ToArray();

        var jwe = CompactJwe.Encrypt(key, secret);

        var (header, plaintext) = JweTestDecryptor.Decrypt(jwe, integrator);
        plaintext.Should().Equal(secret);
        header.GetProperty("alg").GetString().Should().Be("ECDH-ES");
        header.GetProperty("enc").GetString().Should().Be("A256GCM");
        header.GetProperty("kid").GetString().Should().Be("int-1");
        jwe.Should().NotContain(Convert.ToBase64String(secret).TrimEnd('='));
        using var other = ECDiffieHellman.Create(integrator.ExportParameters(false).Curve);
        FluentActions.Invoking(() => JweTestDecryptor.Decrypt(jwe, other)).Should().Throw<CryptographicException>();
    }

    [Fact]
    public void EncryptsToAnRsaKeyWithOaepSha256()
    {
        using var integrator = RSA.Create(2048);
        var key = IntegratorEncryptionKey.Parse(JweTestDecryptor.PublicJwk(integrator)).Value;
        var secret = Encoding.UTF8.GetBytes("{\"iban\":\"FR7630006000011234567890189\"}");

        var jwe = CompactJwe.Encrypt(key, secret);

        var (header, plaintext) = JweTestDecryptor.Decrypt(jwe, integrator);
        plaintext.Should().Equal(secret);
        header.GetProperty("alg").GetString().Should().Be("RSA-OAEP-256");
        header.TryGetProperty("kid", out _).Should().BeFalse();
    }

    [Fact]
    public void TamperedJweDoesNotDecrypt()
    {
        using var integrator = RSA.Create(2048);
        var key = IntegratorEncryptionKey.Parse(JweTestDecryptor.PublicJwk(integrator)).Value;
        var parts = CompactJwe.Encrypt(key, "{\"a\":\"secret value\"}"u8).Split('.');
        var ciphertext = JweTestDecryptor.FromBase64Url(parts[3]);
        ciphertext[0] ^= 1;
        parts[3] = Convert.ToBase64String(ciphertext).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        FluentActions.Invoking(() => JweTestDecryptor.Decrypt(string.Join('.', parts), integrator)).Should().Throw<CryptographicException>();
    }

    [Fact]
    public void TheTestDecryptorsConcatKdfMatchesTheRfc7518AppendixCVector()
    {
        // RFC 7518 Appendix C: ECDH-ES with A128GCM, apu "Alice", apv "Bob". The decryptor builds OtherInfo the same
        // way (with empty apu/apv and a 256-bit length), so the construction is checked against the RFC first.
        byte[] z = [158, 86, 217, 29, 129, 113, 53, 211, 114, 131, 66, 131, 191, 132, 38, 156, 251, 49, 110, 163, 218, 128, 106, 72, 246, 218, 167, 121, 140, 254, 144, 196];
        byte[] otherInfo = [0, 0, 0, 7, 65, 49, 50, 56, 71, 67, 77, 0, 0, 0, 5, 65, 108, 105, 99, 101, 0, 0, 0, 3, 66, 111, 98, 0, 0, 0, 128];
        var expected = Convert.FromBase64String("VqqN6vgjbSBcIijNcacQGg==");

        var derived = SHA256.HashData([0, 0, 0, 1, .. z, .. otherInfo])[..16];

        derived.Should().Equal(expected);
    }

    [Fact]
    public void WritesTheContentTypeAndNoApuOrApv()
    {
        using var integrator = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var key = IntegratorEncryptionKey.Parse(JweTestDecryptor.PublicJwk(integrator)).Value;

        var (header, _) = JweTestDecryptor.Decrypt(CompactJwe.Encrypt(key, "{}"u8, "application/json"), integrator);

        header.GetProperty("cty").GetString().Should().Be("application/json");
        header.TryGetProperty("apu", out _).Should().BeFalse();
        header.TryGetProperty("apv", out _).Should().BeFalse();
        header.GetProperty("epk").GetProperty("crv").GetString().Should().Be("P-256");
    }

    [Theory]
    [InlineData("{\"kty\":\"oct\",\"k\":\"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0MTI\"}")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("")]
    public void RefusesWhatIsNotAPublicRsaOrEcKey(string text)
    {
        var parsed = IntegratorEncryptionKey.Parse(text);

        parsed.IsSuccess.Should().BeFalse();
        parsed.Failure!.Code.Should().Be("token.invalid_encryption_key");
    }

    [Fact]
    public void RefusesAKeyWithItsPrivatePart()
    {
        using var rsa = RSA.Create(2048);
        using var ec = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var ecJwk = JsonSerializer.Deserialize<Dictionary<string, string>>(JweTestDecryptor.PublicJwk(ec))!;
        ecJwk["d"] = Convert.ToBase64String(ec.ExportParameters(true).D!).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        IntegratorEncryptionKey.Parse(JsonSerializer.Serialize(ecJwk)).Failure!.Code.Should().Be("token.invalid_encryption_key");
        IntegratorEncryptionKey.Parse(rsa.ExportPkcs8PrivateKeyPem()).Failure!.Code.Should().Be("token.invalid_encryption_key");
        IntegratorEncryptionKey.Parse(rsa.ExportRSAPrivateKeyPem()).Failure!.Code.Should().Be("token.invalid_encryption_key");
    }

    [Fact]
    public void RefusesRsaKeysUnder2048BitsAndUnsupportedCurves()
    {
        using var small = RSA.Create(1024);
        using var secp256k1 = ECDiffieHellman.Create(ECCurve.CreateFromFriendlyName("secp256k1"));

        IntegratorEncryptionKey.Parse(JweTestDecryptor.PublicJwk(small)).Failure!.Detail.Should().Contain("2048");
        IntegratorEncryptionKey.Parse(secp256k1.ExportSubjectPublicKeyInfoPem()).IsSuccess.Should().BeFalse();
    }

    [Fact]
    public void RefusesAnEcPointOffTheCurve()
    {
        using var ec = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var jwk = JsonSerializer.Deserialize<Dictionary<string, string>>(JweTestDecryptor.PublicJwk(ec))!;
        var y = JweTestDecryptor.FromBase64Url(jwk["y"]);
        y[^1] ^= 1;
        jwk["y"] = Convert.ToBase64String(y).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        IntegratorEncryptionKey.Parse(JsonSerializer.Serialize(jwk)).Failure!.Code.Should().Be("token.invalid_encryption_key");
    }

    [Fact]
    public void ReadsPemPublicKeysAsTheSameKeyAsTheirJwk()
    {
        using var rsa = RSA.Create(3072);
        using var ec = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384);

        IntegratorEncryptionKey.Parse(rsa.ExportSubjectPublicKeyInfoPem()).Value.Thumbprint
            .Should().Be(IntegratorEncryptionKey.Parse(JweTestDecryptor.PublicJwk(rsa)).Value.Thumbprint);
        var fromPem = IntegratorEncryptionKey.Parse(ec.ExportSubjectPublicKeyInfoPem()).Value;
        fromPem.Thumbprint.Should().Be(IntegratorEncryptionKey.Parse(JweTestDecryptor.PublicJwk(ec)).Value.Thumbprint);
        fromPem.Algorithm.Should().Be("ECDH-ES");
        JsonDocument.Parse(fromPem.Jwk).RootElement.GetProperty("crv").GetString().Should().Be("P-384");
    }

    [Fact]
    public void ThumbprintFollowsRfc7638()
    {
        // RFC 7638 §3.1 example key and its thumbprint.
        const string jwk = "{\"kty\":\"RSA\",\"n\":\"0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw\",\"e\":\"AQAB\",\"alg\":\"RS256\",\"kid\":\"2011-04-29\"}";

        // Its "alg" (RS256) is not an encryption algorithm, so the key is refused; without it, the thumbprint matches.
        IntegratorEncryptionKey.Parse(jwk).IsSuccess.Should().BeFalse();
        IntegratorEncryptionKey.Parse(jwk.Replace(",\"alg\":\"RS256\"", string.Empty, StringComparison.Ordinal)).Value.Thumbprint
            .Should().Be("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs");
    }
}
