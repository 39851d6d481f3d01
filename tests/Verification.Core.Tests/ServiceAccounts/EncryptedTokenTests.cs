using System.Security.Cryptography;
using System.Text.Json;
using Verification.Core.ServiceAccounts;

namespace Verification.Core.Tests.ServiceAccounts;

public sealed class EncryptedTokenTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly SharedStorage _storage = new();
    private readonly KeysHost _host;
    private readonly string _tenant = Names.Tenant();

    public EncryptedTokenTests()
    {
        _host = new KeysHost(_storage, KeysHost.OptionsWith(TestKeys.Hs("hs-1", TestKeys.NewSecret(), current: true)));
    }

    private async Task<Outcome<MintedToken>> MintAsync(string? encryptionKey)
    {
        var user = (await _host.Manager.CreateServiceUserAsync(_tenant, Names.ServiceUser(), "vkyc", "test", Ct)).Value;
        return await _host.Manager.MintTokenAsync(_tenant, new MintTokenRequest
        {
            ServiceUser = user.Id,
            Scopes = [Scopes.ReadPictures],
            CreatedBy = "test",
            EncryptionKey = encryptionKey,
        }, Ct);
    }

    [Fact]
    public async Task MintingStoresTheCanonicalPublicJwkAndTheTokenCarriesItThroughAuthentication()
    {
        using var integrator = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var pem = integrator.ExportSubjectPublicKeyInfoPem();

        var minted = (await MintAsync(pem)).Value;

        var stored = JsonDocument.Parse(minted.Record.EncryptionKey!).RootElement;
        stored.GetProperty("kty").GetString().Should().Be("EC");
        stored.GetProperty("alg").GetString().Should().Be("ECDH-ES");
        stored.TryGetProperty("d", out _).Should().BeFalse();
        var principal = (await _host.Authenticator.AuthenticateAsync(minted.Token, Ct)).Value;
        principal.EncryptionKey.Should().NotBeNull();
        principal.EncryptionKey!.Thumbprint.Should().Be(IntegratorEncryptionKey.Parse(pem).Value.Thumbprint);
    }

    [Fact]
    public async Task KeepsTheEncryptionKeyAfterTheLastUseIsRecorded()
    {
        using var integrator = RSA.Create(2048);
        var minted = (await MintAsync(JweTestDecryptor.PublicJwk(integrator))).Value;
        (await _host.Authenticator.AuthenticateAsync(minted.Token, Ct)).IsSuccess.Should().BeTrue();

        // The first use touches LastUsedAt and replaces the cached record: the key must survive the copy.
        var again = (await _host.Authenticator.AuthenticateAsync(minted.Token, Ct)).Value;

        again.EncryptionKey.Should().NotBeNull();
        _host.Cache.Clear();
        (await _host.Authenticator.AuthenticateAsync(minted.Token, Ct)).Value.EncryptionKey.Should().NotBeNull();
    }

    [Fact]
    public async Task RefusesToMintWithAPrivateKey()
    {
        using var integrator = RSA.Create(2048);

        var minted = await MintAsync(integrator.ExportPkcs8PrivateKeyPem());

        minted.IsSuccess.Should().BeFalse();
        minted.Failure!.Code.Should().Be("token.invalid_encryption_key");
        await foreach (var _ in _host.Manager.ListTokensAsync(_tenant, null, Ct))
        {
            Assert.Fail("A refused mint stores nothing.");
        }
    }

    [Fact]
    public async Task TokenWithoutKeyReadsInClear()
    {
        var minted = (await MintAsync(null)).Value;

        minted.Record.EncryptionKey.Should().BeNull();
        (await _host.Authenticator.AuthenticateAsync(minted.Token, Ct)).Value.EncryptionKey.Should().BeNull();
    }
}
