using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Verification.Core.ServiceAccounts;
using Verification.Core.Tests.ServiceAccounts;
using Verification.Hosting.Testing;

namespace Verification.AspNetCore.Tests.Http;

public abstract class CertificateAndEncryptionApiTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ReferenceHostFactory
{
    private const string Issuer = "http://127.0.0.1:5080";

    // The ICAO specimen's personal values: none may leave the host in clear for an encrypting token, nor ever in a certificate.
    private static readonly string[] PersonalValues = ["ERIKSSON", "ANNA", "MARIA", "L898902C3", "1974-08-12", "740812", "2012-04-15", "P<UTOERIKSSON"];

    private TFactory Factory { get; } = factory;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(text);
        return JsonDocument.Parse(text).RootElement;
    }

    private async Task<HttpClient> ClientAsync(string scopes) => Factory.ClientWithToken((await Factory.MintAsync(scopes)).Token);

    /// <summary>Saves the ICAO specimen passport (by MRZ) and an unreadable picture in one new verification.</summary>
    private async Task<(string VerificationId, string PassportAnalysisId)> SubmitAsync()
    {
        var submitter = await ClientAsync(Scopes.DocumentsSubmit);
        var id = "CERT-" + Guid.NewGuid().ToString("N")[..12];
        var passport = await JsonAsync(await submitter.SendAsync(Reco("mrz", new { mrz = Specimens.IcaoPassport, save = true }, id)));
        await JsonAsync(await submitter.SendAsync(Reco("id", new { files = new[] { Specimens.DataUri(Specimens.Jpeg()) }, save = true }, id)));
        return (id, passport.GetProperty("analysisId").GetString()!);
    }

    private static HttpRequestMessage Reco(string kind, object paramDict, string correlationId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reco/" + kind) { Content = JsonContent.Create(new { paramDict }) };
        request.Headers.TryAddWithoutValidation("X-Correlation-ID", correlationId);
        return request;
    }

    private async Task DecideAsync(string analysisId, string decision)
    {
        var reviewer = await ClientAsync(Scopes.Review);
        await JsonAsync(await reviewer.PostAsJsonAsync($"/api/v1/analyses/{analysisId}/decision", new { decision }));
    }

    private async Task<string> JwksAsync()
    {
        var response = await Factory.CreateClient().GetAsync("/.well-known/verification-keys");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.Public.Should().BeTrue();
        return await response.Content.ReadAsStringAsync();
    }

    private static Task<TokenValidationResult> VerifyAsync(string certificate, string jwks) =>
        new JsonWebTokenHandler().ValidateTokenAsync(certificate, new TokenValidationParameters
        {
            IssuerSigningKeys = new JsonWebKeySet(jwks).GetSigningKeys(),
            ValidIssuer = Issuer,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            ValidTypes = ["verification-certificate+jwt"],
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        });

    [Fact]
    public async Task ApprovalIssuesACertificateThatVerifiesOfflineHoldsNoPersonalDataAndSurvivesArchiving()
    {
        var (id, analysisId) = await SubmitAsync();
        await DecideAsync(analysisId, "approve");
        var reader = await ClientAsync(Scopes.ReadMetadata);
        var jwks = await JwksAsync();

        var before = await JsonAsync(await reader.GetAsync("/api/v1/verifications/" + id));
        var certificate = before.GetProperty("certificates").EnumerateArray().Should().ContainSingle().Subject;
        certificate.GetProperty("analysisId").GetString().Should().Be(analysisId);
        var token = certificate.GetProperty("token").GetString()!;
        var verified = await VerifyAsync(token, jwks);
        verified.IsValid.Should().BeTrue(verified.Exception?.Message);
        var jwt = (JsonWebToken)verified.SecurityToken;
        jwt.Subject.Should().Be(id);
        jwt.Id.Should().Be(certificate.GetProperty("certificateId").GetString());
        jwt.GetClaim("decision").Value.Should().Be("approved");
        jwt.GetClaim("documentType").Value.Should().Be("passport");
        jwt.GetPayloadValue<string[]>("controlsPassed").Should().Contain("mrz.check_digits");
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(token.Split('.')[1]));
        foreach (var value in PersonalValues)
        {
            payload.Should().NotContain(value);
        }

        var archiver = await ClientAsync(Scopes.Archive);
        (await archiver.PostAsync($"/api/v1/verifications/{id}/archive", null)).StatusCode.Should().Be(HttpStatusCode.OK);

        var after = await JsonAsync(await reader.GetAsync("/api/v1/verifications/" + id));
        after.GetProperty("archivedAt").ValueKind.Should().Be(JsonValueKind.String);
        var kept = after.GetProperty("certificates").EnumerateArray().Should().ContainSingle().Subject;
        kept.GetProperty("token").GetString().Should().Be(token);
        (await VerifyAsync(kept.GetProperty("token").GetString()!, await JwksAsync())).IsValid.Should().BeTrue();
    }

    [Fact]
    public async Task RejectionIssuesNoCertificate()
    {
        var (id, analysisId) = await SubmitAsync();
        await DecideAsync(analysisId, "reject");

        var folder = await JsonAsync(await (await ClientAsync(Scopes.ReadMetadata)).GetAsync("/api/v1/verifications/" + id));

        folder.GetProperty("certificates").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task KeySetIsPublicAndHoldsNoPrivateMember()
    {
        var jwks = JsonDocument.Parse(await JwksAsync()).RootElement;

        var key = jwks.GetProperty("keys").EnumerateArray().Should().ContainSingle().Subject;
        key.GetProperty("kty").GetString().Should().Be("EC");
        key.GetProperty("crv").GetString().Should().Be("P-256");
        key.GetProperty("alg").GetString().Should().Be("ES256");
        key.TryGetProperty("d", out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("RSA")]
    [InlineData("EC")]
    public async Task ReadsWithAnEncryptingTokenAnswerPersonalDataOnlyInsideAJweToTheIntegratorsKey(string keyType)
    {
        var (id, analysisId) = await SubmitAsync();
        using AsymmetricAlgorithm integrator = keyType == "RSA" ? RSA.Create(2048) : ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var client = Factory.ClientWithToken(await MintWithKeyAsync(Scopes.ReadPictures, JweTestDecryptor.PublicJwk(integrator, kid: "integrator-2026")));

        var response = await client.GetAsync("/api/v1/verifications/" + id);
        var text = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var clear = System.Text.RegularExpressions.Regex.Replace(text, "\"encryptedPersonalData\":\"[^\"]+\"", "\"encryptedPersonalData\":\"…\"");
        clear.Should().NotBe(text, "there is ciphertext to set aside");
        foreach (var value in PersonalValues)
        {
            clear.Should().NotContain(value, "personal data leaves only encrypted");
        }

        clear.Should().NotContain(Convert.ToBase64String(Specimens.Jpeg())[..40], "pictures leave only encrypted");
        var analyses = JsonDocument.Parse(text).RootElement.GetProperty("analyses").EnumerateArray().ToList();
        analyses.Should().OnlyContain(a => a.GetProperty("fields").ValueKind == JsonValueKind.Null);
        analyses.SelectMany(a => a.GetProperty("files").EnumerateArray()).Should().OnlyContain(f => f.GetProperty("content").ValueKind == JsonValueKind.Null);

        var passport = analyses.Single(a => a.GetProperty("analysisId").GetString() == analysisId);
        var (header, plaintext) = JweTestDecryptor.Decrypt(passport.GetProperty("encryptedPersonalData").GetString()!, integrator);
        header.GetProperty("alg").GetString().Should().Be(keyType == "RSA" ? "RSA-OAEP-256" : "ECDH-ES");
        header.GetProperty("enc").GetString().Should().Be("A256GCM");
        header.GetProperty("kid").GetString().Should().Be("integrator-2026");
        var data = JsonDocument.Parse(plaintext).RootElement;
        data.GetProperty("fields").GetProperty("lastName").GetString().Should().Be("ERIKSSON");
        data.GetProperty("fields").GetProperty("documentNumber").GetString().Should().Be("L898902C3");
        data.GetProperty("fields").GetProperty("birthDate").GetString().Should().Be("1974-08-12");

        var picture = analyses.Single(a => a.GetProperty("analysisId").GetString() != analysisId);
        var pictureData = JsonDocument.Parse(JweTestDecryptor.Decrypt(picture.GetProperty("encryptedPersonalData").GetString()!, integrator).Plaintext).RootElement;
        var file = pictureData.GetProperty("files").EnumerateArray().Should().ContainSingle().Subject;
        file.GetProperty("fileId").GetString().Should().Be(picture.GetProperty("files")[0].GetProperty("fileId").GetString());
        file.GetProperty("content").GetString().Should().Be(Specimens.DataUri(Specimens.Jpeg()));
    }

    [Fact]
    public async Task AnAttributesTokenWithAKeyGetsTheFieldsEncryptedButNoPictures()
    {
        var (id, analysisId) = await SubmitAsync();
        using var integrator = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384);
        var client = Factory.ClientWithToken(await MintWithKeyAsync(Scopes.ReadAttributes, integrator.ExportSubjectPublicKeyInfoPem()));

        var analyses = (await JsonAsync(await client.GetAsync("/api/v1/verifications/" + id))).GetProperty("analyses").EnumerateArray().ToList();

        foreach (var analysis in analyses)
        {
            var data = JsonDocument.Parse(JweTestDecryptor.Decrypt(analysis.GetProperty("encryptedPersonalData").GetString()!, integrator).Plaintext).RootElement;
            data.GetProperty("files").GetArrayLength().Should().Be(0, "pictures need the pictures scope, encrypted or not");
            if (analysis.GetProperty("analysisId").GetString() == analysisId)
            {
                data.GetProperty("fields").GetProperty("firstName").GetString().Should().Be("ANNA MARIA");
            }
        }
    }

    [Fact]
    public async Task AMetadataTokenWithAKeyGetsNothingToDecrypt()
    {
        var (id, _) = await SubmitAsync();
        using var integrator = RSA.Create(2048);
        var client = Factory.ClientWithToken(await MintWithKeyAsync(Scopes.ReadMetadata, JweTestDecryptor.PublicJwk(integrator)));

        var analyses = (await JsonAsync(await client.GetAsync("/api/v1/verifications/" + id))).GetProperty("analyses").EnumerateArray();

        analyses.Should().OnlyContain(a => a.GetProperty("encryptedPersonalData").ValueKind == JsonValueKind.Null && a.GetProperty("fields").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task AdminApiMintsWithAPublicJwkAndRefusesAPrivateOne()
    {
        var admin = await ClientAsync(Scopes.Admin);
        var user = await JsonAsync(await admin.PostAsJsonAsync("/api/v1/admin/service-users", new { name = "int-" + Guid.NewGuid().ToString("N")[..8], sourceSystem = "vkyc" }));
        using var integrator = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var publicJwk = JsonDocument.Parse(JweTestDecryptor.PublicJwk(integrator)).RootElement;
        var privateJwk = JsonSerializer.Deserialize<Dictionary<string, string>>(publicJwk.GetRawText())!;
        privateJwk["d"] = Base64UrlEncoder.Encode(integrator.ExportParameters(true).D);

        var minted = await JsonAsync(await admin.PostAsJsonAsync("/api/v1/admin/tokens", new { serviceUser = user.GetProperty("id").GetString(), scopes = new[] { Scopes.ReadAttributes }, encryptionKey = publicJwk }));
        var refused = await admin.PostAsJsonAsync("/api/v1/admin/tokens", new { serviceUser = user.GetProperty("id").GetString(), scopes = new[] { Scopes.ReadAttributes }, encryptionKey = privateJwk });

        var key = minted.GetProperty("record").GetProperty("encryptionKey");
        key.GetProperty("algorithm").GetString().Should().Be("ECDH-ES");
        key.GetProperty("thumbprint").GetString().Should().Be(IntegratorEncryptionKey.Parse(publicJwk.GetRawText()).Value.Thumbprint);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().Should().Be("token.invalid_encryption_key");
    }

    private async Task<string> MintWithKeyAsync(string scopes, string encryptionKey)
    {
        using var scope = Factory.Services.CreateScope();
        var manager = scope.ServiceProvider.GetRequiredService<ServiceTokenManager>();
        var user = await manager.CreateServiceUserAsync("default", "enc-" + Guid.NewGuid().ToString("N")[..10], "vkyc", "test", CancellationToken.None);
        var minted = await manager.MintTokenAsync("default", new MintTokenRequest
        {
            ServiceUser = user.Value.Id,
            Scopes = [.. Scopes.Parse(scopes).Value],
            CreatedBy = "test",
            EncryptionKey = encryptionKey,
        }, CancellationToken.None);
        return minted.Value.Token;
    }
}

public sealed class SqliteCertificateAndEncryptionApiTests(ReferenceHostFactory factory) : CertificateAndEncryptionApiTests<ReferenceHostFactory>(factory);

public sealed class PostgreSqlCertificateAndEncryptionApiTests(PostgreSqlReferenceHostFactory factory) : CertificateAndEncryptionApiTests<PostgreSqlReferenceHostFactory>(factory);
