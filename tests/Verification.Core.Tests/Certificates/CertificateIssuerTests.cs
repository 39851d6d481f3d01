using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Verification.Core;
using Verification.Core.Certificates;
using Verification.Core.Stores;
using Verification.Core.Verifications;
using Verification.Storage.Specification;

namespace Verification.Core.Tests.Certificates;

public sealed class CertificateIssuerTests : IDisposable
{
    private const string Tenant = "default";
    private const string Issuer = "https://kyc.bank.example";
    private readonly SpecimenData _data = new();
    private readonly ServiceProvider _services;

    public CertificateIssuerTests()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_data.Clock);
        services.AddVerification(o => o.PublicBaseUrl = new Uri(Issuer + "/")).UseInMemoryStores();
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public void Dispose() => _services.Dispose();

    private async Task<(VerificationFolder Folder, Analysis Analysis)> DecideAsync(DecisionKind decision)
    {
        using var scope = _services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<IVerificationStore>();
        var folder = _data.NewFolder(Tenant);
        (await store.CreateAsync(folder, CancellationToken.None)).IsSuccess.Should().BeTrue();
        _data.Clock.Advance(TimeSpan.FromMinutes(5));
        var decided = await scope.ServiceProvider.GetRequiredService<VerificationManager>()
            .DecideAsync(Tenant, folder.Analyses[0].Id, decision, "analyst:a1", null, CancellationToken.None);
        decided.IsSuccess.Should().BeTrue();
        var stored = await store.FindByIdAsync(Tenant, folder.VerificationId, CancellationToken.None);
        return (stored!, stored!.Analyses[0]);
    }

    [Fact]
    public async Task BindsTheCertificateToItsIssuerTenantAndAudienceSoAnotherTenantsCertificateDoesNotVerify()
    {
        var (folder, _) = await DecideAsync(DecisionKind.Approve);
        var token = folder.Certificates[0].Token;
        var jwks = await JwksAsync();

        var parsed = new JsonWebToken(token);
        parsed.Audiences.Should().ContainSingle().Which.Should().Be(CertificateIssuer.AudienceOf(Issuer, Tenant));
        parsed.GetClaim(CertificateClaims.Tenant).Value.Should().Be(Tenant);
        (await VerifyForTenantAsync(token, jwks, Tenant)).IsValid.Should().BeTrue();
        (await VerifyForTenantAsync(token, jwks, "tenant-b")).IsValid.Should().BeFalse("a verifier of tenant-b expects its own audience");
    }

    private static async Task<TokenValidationResult> VerifyForTenantAsync(string token, string jwksJson, string tenant) =>
        await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKeys = new JsonWebKeySet(jwksJson).GetSigningKeys(),
            ValidIssuer = Issuer,
            ValidAudience = CertificateIssuer.AudienceOf(Issuer, tenant),
            ValidTypes = [CertificateIssuer.TokenType],
            ValidateLifetime = false,
        });

    private async Task<string> JwksAsync() =>
        await _services.GetRequiredService<CertificateIssuer>().WriteJsonWebKeySetAsync(CancellationToken.None);

    /// <summary>What a relying party does offline: only the certificate, the JWKS JSON and the expected issuer.</summary>
    internal static async Task<TokenValidationResult> VerifyOfflineAsync(string token, string jwksJson, string issuer) =>
        await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKeys = new JsonWebKeySet(jwksJson).GetSigningKeys(),
            ValidIssuer = issuer,
            ValidateAudience = false,
            ValidTypes = [CertificateIssuer.TokenType],
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSha256],
            // A certificate states a past fact: it does not expire.
            ValidateLifetime = false,
            RequireExpirationTime = false,
            RequireSignedTokens = true,
        });

    [Fact]
    public async Task IssuesACertificateWhenAnAnalysisIsApprovedSavedWithTheDecision()
    {
        var (folder, analysis) = await DecideAsync(DecisionKind.Approve);

        folder.Certificates.Should().ContainSingle();
        var certificate = folder.Certificates[0];
        certificate.AnalysisId.Should().Be(analysis.Id);
        certificate.FolderId.Should().Be(folder.Id);
        certificate.IssuedAt.Should().Be(analysis.DecidedAt!.Value);
        var jwt = new JsonWebToken(certificate.Token);
        jwt.Id.Should().Be(certificate.Id);
        jwt.Kid.Should().Be(certificate.KeyId);
        jwt.Typ.Should().Be(CertificateIssuer.TokenType);
        jwt.Alg.Should().Be("ES256");
    }

    [Fact]
    public async Task IssuesNoCertificateWhenAnAnalysisIsRejected()
    {
        var (folder, _) = await DecideAsync(DecisionKind.Reject);

        folder.Certificates.Should().BeEmpty();
    }

    [Fact]
    public async Task CertificateVerifiesOfflineWithOnlyThePublishedKeySetAndStatesTheDecision()
    {
        var (folder, analysis) = await DecideAsync(DecisionKind.Approve);

        var result = await VerifyOfflineAsync(folder.Certificates[0].Token, await JwksAsync(), Issuer);

        result.IsValid.Should().BeTrue(result.Exception?.Message);
        var jwt = (JsonWebToken)result.SecurityToken;
        jwt.Subject.Should().Be(folder.VerificationId);
        jwt.GetClaim(CertificateClaims.AnalysisId).Value.Should().Be(analysis.Id);
        jwt.GetClaim(CertificateClaims.Decision).Value.Should().Be("approved");
        jwt.GetClaim(CertificateClaims.DocumentType).Value.Should().Be(DocumentTypes.Passport);
        jwt.GetClaim(CertificateClaims.DecidedAt).Value.Should().Be("2026-11-21T09:05:06Z");
        jwt.GetPayloadValue<string[]>(CertificateClaims.ControlsPassed).Should().Equal("mrz.present", "mrz.check_digits");
        jwt.GetClaim(CertificateClaims.Tenant).Value.Should().Be(Tenant);
    }

    [Fact]
    public async Task CertificateHoldsNoPersonalValue()
    {
        var (folder, _) = await DecideAsync(DecisionKind.Approve);
        var fields = folder.Analyses[0].Fields;
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(folder.Certificates[0].Token.Split('.')[1]));
        var header = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(folder.Certificates[0].Token.Split('.')[0]));

        var personal = PersonalValues(fields).ToList();
        personal.Should().NotBeEmpty("the analysis carries personal data to look for");
        foreach (var value in personal)
        {
            payload.Should().NotContainEquivalentOf(value);
            header.Should().NotContainEquivalentOf(value);
        }

        using var document = JsonDocument.Parse(payload);
        document.RootElement.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(
            "iss", "aud", "sub", "jti", "iat", "tenant", "analysisId", "decision", "decidedAt", "documentType", "controlsPassed");
    }

    /// <summary>
    /// Every field value long enough to be searched for without matching by chance (three-letter country codes
    /// and one-letter sexes also occur in ids), and the dates in the forms a payload could hold them.
    /// </summary>
    internal static IEnumerable<string> PersonalValues(ExtractedFields f)
    {
        string?[] values =
        [
            f.DocumentNumber, f.LastName, f.FirstName, f.Iban, f.Bic, f.HolderName, f.BankName,
            f.BirthDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            f.BirthDate?.ToString("yyMMdd", System.Globalization.CultureInfo.InvariantCulture),
            f.ExpiryDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            .. f.Mrz ?? [],
        ];
        foreach (var value in values)
        {
            if (value is { Length: >= 4 })
            {
                yield return value;
                foreach (var part in value.Split([' ', '<'], StringSplitOptions.RemoveEmptyEntries).Where(p => p.Length >= 4))
                {
                    yield return part;
                }
            }
        }
    }

    [Fact]
    public async Task TamperedCertificateFailsVerification()
    {
        var (folder, _) = await DecideAsync(DecisionKind.Approve);
        var parts = folder.Certificates[0].Token.Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]))
            .Replace("\"mrz.check_digits\"", "\"mrz.check_digits\",\"holder.name_match\"", StringComparison.Ordinal);
        var tampered = parts[0] + "." + Base64UrlEncoder.Encode(payload) + "." + parts[2];

        var result = await VerifyOfflineAsync(tampered, await JwksAsync(), Issuer);

        tampered.Should().NotBe(folder.Certificates[0].Token);
        result.IsValid.Should().BeFalse();
        result.Exception.Should().BeOfType<SecurityTokenInvalidSignatureException>();
    }

    [Fact]
    public async Task CertificateSignedByThePreviousKeyVerifiesWhileThatKeyIsPublished()
    {
        using var oldKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var newKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var folder = _data.NewFolder(Tenant);
        var analysis = folder.Analyses[0];
        folder.Decide(analysis.Id, DecisionKind.Approve, "analyst:a1", null, _data.Clock.GetUtcNow()).IsSuccess.Should().BeTrue();
        var before = CreateIssuer([Key("cert-2026-05", oldKey.ExportPkcs8PrivateKeyPem(), current: true)]);
        var certificate = await before.IssueAsync(folder, analysis, _data.Clock.GetUtcNow(), CancellationToken.None);

        // Rotation: the new key signs, the old one is still published (its public half is enough).
        var during = CreateIssuer([Key("cert-2026-11", newKey.ExportPkcs8PrivateKeyPem(), current: true), Key("cert-2026-05", oldKey.ExportSubjectPublicKeyInfoPem(), current: false)]);
        var fresh = await during.IssueAsync(folder, analysis, _data.Clock.GetUtcNow(), CancellationToken.None);
        var duringJwks = await during.WriteJsonWebKeySetAsync(CancellationToken.None);

        (await VerifyOfflineAsync(certificate.Token, duringJwks, Issuer)).IsValid.Should().BeTrue();
        (await VerifyOfflineAsync(fresh.Token, duringJwks, Issuer)).IsValid.Should().BeTrue();
        fresh.KeyId.Should().Be("cert-2026-11");

        // Once the old key is withdrawn, what it signed no longer verifies.
        var after = CreateIssuer([Key("cert-2026-11", newKey.ExportPkcs8PrivateKeyPem(), current: true)]);
        (await VerifyOfflineAsync(certificate.Token, await after.WriteJsonWebKeySetAsync(CancellationToken.None), Issuer)).IsValid.Should().BeFalse();
    }

    [Fact]
    public async Task KeySetPublishesOnlyPublicMembers()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var rsa = RSA.Create(2048);
        var issuer = CreateIssuer([Key("cert-ec", key.ExportPkcs8PrivateKeyPem(), current: true), new CertificateKeyOptions { KeyId = "cert-rsa", Algorithm = "RS256", Pem = rsa.ExportPkcs8PrivateKeyPem() }]);

        var jwks = await issuer.WriteJsonWebKeySetAsync(CancellationToken.None);

        using var document = JsonDocument.Parse(jwks);
        var keys = document.RootElement.GetProperty("keys").EnumerateArray().ToList();
        keys.Select(k => k.GetProperty("kid").GetString()).Should().Equal("cert-ec", "cert-rsa");
        keys[0].EnumerateObject().Select(p => p.Name).Should().Equal("kty", "crv", "x", "y", "kid", "use", "alg");
        keys[1].EnumerateObject().Select(p => p.Name).Should().Equal("kty", "n", "e", "kid", "use", "alg");
    }

    [Theory]
    [InlineData("HS256", "Algorithm must be ES256 or RS256")]
    [InlineData("ES256", "must hold the private key")]
    public void ValidatorRefusesKeysThatCannotSignVerifiableCertificates(string algorithm, string expected)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var options = new CertificateOptions { Keys = [new CertificateKeyOptions { KeyId = "c1", Algorithm = algorithm, Pem = key.ExportSubjectPublicKeyInfoPem() }] };

        var result = _services.GetRequiredService<IEnumerable<IValidateOptions<CertificateOptions>>>().Single().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain(expected).And.Contain("Verification:Certificates:Keys:0");
    }

    [Fact]
    public void HostWithoutCertificateKeyFailsAtStartNamingTheSetting()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Verification:Protection:MasterKeys:mk1"] = Convert.ToBase64String(new byte[32]),
        }).Build());
        services.AddLogging();
        services.AddVerification();
        using var provider = services.BuildServiceProvider();

        var read = () => provider.GetRequiredService<IOptions<CertificateOptions>>().Value;

        read.Should().Throw<OptionsValidationException>().WithMessage("*Verification:Certificates:Keys*");
    }

    private static CertificateIssuer CreateIssuer(List<CertificateKeyOptions> keys) =>
        new(new ConfiguredCertificateKeyProvider(Options.Create(new CertificateOptions { Keys = keys })),
            Options.Create(new VerificationOptions { PublicBaseUrl = new Uri(Issuer) }));

    private static CertificateKeyOptions Key(string id, string pem, bool current) => new() { KeyId = id, Algorithm = "ES256", Pem = pem, Current = current };
}
