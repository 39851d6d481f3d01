using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ReferenceHost.Cli;
using ReferenceHost.Tests.BackOffice;
using Verification.Core.Analysts;
using Verification.Core.ServiceAccounts;
using Verification.Core.Stores;
using Verification.Hosting.Testing;

namespace ReferenceHost.Tests.Bootstrap;

public sealed class CertificateAndEncryptionHostTests(ReferenceHostFactory factory) : IClassFixture<ReferenceHostFactory>
{
    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await AdminCommandLine.RunAsync([.. args, .. factory.ConfigurationArguments()], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static IEnumerable<KeyValuePair<string, string>> Fields(params (string Key, string Value)[] fields) =>
        fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value));

    private async Task<ServiceToken> RecordAsync(string tokenId)
    {
        using var scope = factory.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<IServiceTokenStore>().FindByIdAsync("default", tokenId, CancellationToken.None))!;
    }

    [Fact]
    public async Task CommandLineMintsATokenEncryptingToAPublicKeyFileAndRefusesAPrivateOne()
    {
        _ = factory.Server;
        var name = "enc-" + Guid.NewGuid().ToString("N")[..8];
        (await RunAsync("admin", "create-service-user", "--name", name, "--source-system", "vkyc")).Exit.Should().Be(0);
        using var integrator = RSA.Create(2048);
        var publicFile = Path.GetTempFileName();
        var privateFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(publicFile, integrator.ExportSubjectPublicKeyInfoPem());
            await File.WriteAllTextAsync(privateFile, integrator.ExportPkcs8PrivateKeyPem());

            var (exit, output, _) = await RunAsync("admin", "mint-token", "--service-user", name, "--scopes", "verifications:read:attributes", "--encryption-key", publicFile);
            var (refusedExit, _, refused) = await RunAsync("admin", "mint-token", "--service-user", name, "--scopes", "verifications:read:attributes", "--encryption-key", privateFile);
            var (missingExit, _, missing) = await RunAsync("admin", "mint-token", "--service-user", name, "--scopes", "verifications:read:attributes", "--encryption-key", publicFile + ".nope");

            exit.Should().Be(0);
            var record = await RecordAsync(JsonDocument.Parse(output).RootElement.GetProperty("tokenId").GetString()!);
            IntegratorEncryptionKey.Parse(record.EncryptionKey).Value.Thumbprint
                .Should().Be(IntegratorEncryptionKey.Parse(integrator.ExportSubjectPublicKeyInfoPem()).Value.Thumbprint);
            refusedExit.Should().Be(1);
            JsonDocument.Parse(refused).RootElement.GetProperty("code").GetString().Should().Be("token.invalid_encryption_key");
            missingExit.Should().Be(1);
            JsonDocument.Parse(missing).RootElement.GetProperty("code").GetString().Should().Be("token.invalid_encryption_key");
        }
        finally
        {
            File.Delete(publicFile);
            File.Delete(privateFile);
        }
    }

    [Fact]
    public async Task BackOfficeMintsWithAnOptionalPublicKeyAndShowsWhichKeyTheTokenEncryptsTo()
    {
        var admin = await BackOfficeSession.SignInAsync(factory, AnalystRoles.Admin);
        var name = "crm-" + Guid.NewGuid().ToString("N")[..8];
        (await admin.PostFormAsync("/backoffice/api-keys", "/backoffice/api-keys?handler=CreateUser", Fields(("NewUser.Name", name), ("NewUser.SourceSystem", "crm"))))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        var (_, keysPage) = await admin.GetAsync("/backoffice/api-keys");
        keysPage.Should().Contain("name=\"Mint.EncryptionKey\"");
        var serviceUserId = System.Text.RegularExpressions.Regex.Match(keysPage, "<option value=\"([0-9A-Z]{26})\">" + name).Groups[1].Value;
        using var integrator = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var key = IntegratorEncryptionKey.Parse(integrator.ExportSubjectPublicKeyInfoPem()).Value;

        var minted = await admin.PostFormAsync("/backoffice/api-keys", "/backoffice/api-keys?handler=Mint", Fields(
            ("Mint.ServiceUserId", serviceUserId), ("Mint.Scopes", "verifications:read:attributes"), ("Mint.EncryptionKey", integrator.ExportSubjectPublicKeyInfoPem())));
        var refused = await admin.PostFormAsync("/backoffice/api-keys", "/backoffice/api-keys?handler=Mint", Fields(
            ("Mint.ServiceUserId", serviceUserId), ("Mint.Scopes", "verifications:read:attributes"), ("Mint.EncryptionKey", integrator.ExportPkcs8PrivateKeyPem())));

        minted.StatusCode.Should().Be(HttpStatusCode.OK);
        (await minted.Content.ReadAsStringAsync()).Should().Contain("ECDH-ES to EC key " + key.Thumbprint[..12]);
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("must be a public key");
    }

    [Fact]
    public async Task ApprovingInTheBackOfficeIssuesACertificateListedOnTheFolderAndVerifiableWithThePublishedKeys()
    {
        var session = await BackOfficeSession.SignInAsync(factory);
        const string path = "/backoffice/verifications/DEMO-customer-10010";
        var folder = await FindAsync("DEMO-customer-10010");
        var analysis = folder.Analyses.First(a => a.Decision is null);
        var token = ReferenceHostFactory.AntiforgeryToken(await session.Client.GetStringAsync(path));

        var decided = await session.PostWithTokenAsync(path + "?handler=Decide", token, Fields(("analysisId", analysis.Id), ("decision", "approve")));

        decided.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var saved = await FindAsync("DEMO-customer-10010");
        var certificate = saved.Certificates.Should().ContainSingle(c => c.AnalysisId == analysis.Id).Subject;
        var (_, html) = await session.GetAsync(path);
        html.Should().Contain("Certificates").And.Contain(certificate.Id).And.Contain(certificate.Token);
        var jwks = await factory.CreateClient().GetStringAsync("/.well-known/verification-keys");
        var result = await new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().ValidateTokenAsync(certificate.Token, new Microsoft.IdentityModel.Tokens.TokenValidationParameters
        {
            IssuerSigningKeys = new Microsoft.IdentityModel.Tokens.JsonWebKeySet(jwks).GetSigningKeys(),
            ValidIssuer = "http://127.0.0.1:5080",
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            ValidTypes = ["verification-certificate+jwt"],
        });
        result.IsValid.Should().BeTrue(result.Exception?.Message);
    }

    [Fact]
    public async Task KeepsTheCertificateKeyInTheKeysFolderSoEveryProcessPublishesTheSameKey()
    {
        var first = await factory.CreateClient().GetStringAsync("/.well-known/verification-keys");
        var keysFolder = factory.ConfigurationArguments().Single(a => a.StartsWith("--Verification:DataProtection:KeysPath=", StringComparison.Ordinal)).Split('=', 2)[1];

        var file = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(keysFolder, "certificate-signing-key.json"))).RootElement;

        file.GetProperty("Protected").GetString().Should().StartWith("mk1:", "the private key is kept under the master key");
        file.GetRawText().Should().NotContain("PRIVATE KEY");
        first.Should().Contain(file.GetProperty("KeyId").GetString()).And.NotContain("PRIVATE");
        JsonDocument.Parse(first).RootElement.GetProperty("keys")[0].TryGetProperty("d", out _).Should().BeFalse();
    }

    private async Task<Verification.Core.Verifications.VerificationFolder> FindAsync(string id)
    {
        using var scope = factory.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<IVerificationStore>().FindByIdAsync("default", id, CancellationToken.None))!;
    }
}
