using System.Text;
using System.Text.Json.Nodes;
using Verification.Core.ServiceAccounts;

namespace Verification.Core.Tests.ServiceAccounts;

public sealed class ServiceTokenAuthenticatorTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly string _secret = TestKeys.NewSecret();
    private readonly SharedStorage _storage = new();
    private readonly KeysHost _host;
    private readonly string _tenant = Names.Tenant();

    public ServiceTokenAuthenticatorTests()
    {
        _host = new KeysHost(_storage, KeysHost.OptionsWith(TestKeys.Hs("hs-1", _secret, current: true), TestKeys.Es("es-1", TestKeys.EcPublicPem)));
    }

    [Fact]
    public async Task AcceptsAFreshlyMintedTokenAndAnswersItsPrincipal()
    {
        var user = await CreateUserAsync("doc_service");
        var minted = await MintAsync(user.Name, [Scopes.ReadAttributes, Scopes.DocumentsSubmit], archiveAfterExtract: TimeSpan.FromMinutes(10));

        var principal = (await _host.Authenticator.AuthenticateAsync(minted.Token, Ct)).Value;

        principal.TenantId.Should().Be(_tenant);
        principal.ServiceUserId.Should().Be(user.Id);
        principal.ServiceUserName.Should().Be(user.Name);
        principal.SourceSystem.Should().Be("doc_service");
        principal.TokenId.Should().Be(minted.TokenId);
        principal.Scopes.Should().Equal(Scopes.DocumentsSubmit, Scopes.ReadAttributes);
        principal.ReadLevel.Should().Be(ReadLevel.Attributes);
        principal.HasScope(Scopes.DocumentsSubmit).Should().BeTrue();
        principal.HasScope(Scopes.Admin).Should().BeFalse();
        principal.ArchiveAfterExtract.Should().Be(TimeSpan.FromMinutes(10));
        principal.Actor.Should().Be("service:" + user.Id);
    }

    [Fact]
    public async Task MintsAnAccessTokenJwtWithTheContractHeaderAndClaims()
    {
        var user = await CreateUserAsync();
        var now = _host.Clock.GetUtcNow().ToUnixTimeSeconds();
        var minted = await MintAsync(user.Id, [Scopes.ReadMetadata, Scopes.Review]);
        var expiring = await MintAsync(user.Id, [Scopes.Admin], expiresIn: TimeSpan.FromHours(1));

        var header = Jws.Header(minted.Token);
        header["typ"]!.GetValue<string>().Should().Be("at+jwt");
        header["alg"]!.GetValue<string>().Should().Be("HS256");
        header["kid"]!.GetValue<string>().Should().Be("hs-1");
        var payload = Jws.Payload(minted.Token);
        payload["iss"]!.GetValue<string>().Should().Be("verification");
        payload["aud"]!.GetValue<string>().Should().Be("verification-api");
        payload["sub"]!.GetValue<string>().Should().Be(user.Id);
        payload["jti"]!.GetValue<string>().Should().Be(minted.TokenId);
        payload["tid"]!.GetValue<string>().Should().Be(_tenant);
        payload["scope"]!.GetValue<string>().Should().Be("verifications:read:metadata verifications:review");
        payload["iat"]!.GetValue<long>().Should().Be(now);
        payload["nbf"]!.GetValue<long>().Should().Be(now);
        payload.ContainsKey("exp").Should().BeFalse("a token without expiry carries no exp");
        Jws.Payload(expiring.Token)["exp"]!.GetValue<long>().Should().Be(now + 3600);
        minted.ToString().Should().NotContain(minted.Token);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.e30.")]
    [InlineData("....")]
    [InlineData("Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc")]
    public async Task RefusesGarbage(string? token)
    {
        (await _host.Authenticator.AuthenticateAsync(token, Ct)).Failure!.Code.Should().Be("auth.invalid_token");
    }

    [Fact]
    public async Task RefusesAnOverlongToken()
    {
        var minted = await MintAsync((await CreateUserAsync()).Id, [Scopes.Admin]);
        var padded = Jws.Payload(minted.Token);
        padded["pad"] = new string('x', 5000);

        var token = Jws.SignHs256(Jws.Header(minted.Token), padded, Convert.FromBase64String(_secret));

        await ExpectRefusedAsync(token);
    }

    [Fact]
    public async Task RefusesATokenWithAWrongSignature()
    {
        var minted = await MintAsync((await CreateUserAsync()).Id, [Scopes.Admin]);
        var parts = minted.Token.Split('.');
        var signature = parts[2].ToCharArray();
        signature[5] = signature[5] == 'A' ? 'B' : 'A';

        await ExpectRefusedAsync($"{parts[0]}.{parts[1]}.{new string(signature)}");
        await ExpectRefusedAsync(Jws.SignHs256(Jws.Header(minted.Token), Jws.Payload(minted.Token), Convert.FromBase64String(TestKeys.NewSecret())));
        (await _host.Authenticator.AuthenticateAsync(minted.Token, Ct)).IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task ReSigningAMintedPayloadWithTheRightSecretIsAccepted()
    {
        // The control for the hand-crafted refusals below: the crafting itself produces valid tokens.
        var minted = await MintAsync((await CreateUserAsync()).Id, [Scopes.Admin]);

        var token = Jws.SignHs256(Jws.Header(minted.Token), Jws.Payload(minted.Token), Convert.FromBase64String(_secret));

        (await _host.Authenticator.AuthenticateAsync(token, Ct)).IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task RefusesAnUnsignedTokenWithAlgNone()
    {
        var minted = await MintAsync((await CreateUserAsync()).Id, [Scopes.Admin]);
        var header = Jws.Header(minted.Token);
        header["alg"] = "none";
        var unsigned = Jws.Encode(header) + "." + Jws.Encode(Jws.Payload(minted.Token));

        await ExpectRefusedAsync(unsigned + ".");
        await ExpectRefusedAsync(unsigned);
        await ExpectRefusedAsync(unsigned + "." + minted.Token.Split('.')[2]);
        header.Remove("kid");
        await ExpectRefusedAsync(Jws.Encode(header) + "." + Jws.Encode(Jws.Payload(minted.Token)) + ".");
    }

    [Fact]
    public async Task RefusesAnHmacTokenSignedWithAPublicKeysBytes()
    {
        // The ring signs with ES256 and also holds an HS256 key, so HS256 is an accepted algorithm in general.
        var host = new KeysHost(_storage, KeysHost.OptionsWith(TestKeys.Es("es-1", TestKeys.EcPrivatePem, current: true), TestKeys.Hs("hs-1", _secret)));
        var user = await host.Manager.CreateServiceUserAsync(_tenant, Names.ServiceUser(), "vkyc", "system", Ct);
        var minted = (await host.Manager.MintTokenAsync(_tenant, new MintTokenRequest { ServiceUser = user.Value.Id, Scopes = [Scopes.Admin], CreatedBy = "system" }, Ct)).Value;
        (await host.Authenticator.AuthenticateAsync(minted.Token, Ct)).IsSuccess.Should().BeTrue();
        Jws.Header(minted.Token)["alg"]!.GetValue<string>().Should().Be("ES256");

        var header = Jws.Header(minted.Token);
        header["alg"] = "HS256";
        var payload = Jws.Payload(minted.Token);
        foreach (var keyBytes in new[] { Encoding.UTF8.GetBytes(TestKeys.EcPublicPem), Encoding.ASCII.GetBytes(TestKeys.EcPublicPem.Trim()), TestKeys.EcPublicDer })
        {
            await ExpectRefusedAsync(Jws.SignHs256(header, payload, keyBytes), host);
        }
    }

    [Theory]
    [InlineData("iss", "someone-else")]
    [InlineData("aud", "another-api")]
    [InlineData("sub", "01JOTHERSERVICEUSER0000000")]
    [InlineData("jti", "01JNOSUCHTOKEN000000000000")]
    [InlineData("tid", "t-anothertenant")]
    public async Task RefusesATokenWhoseClaimWasChanged(string claim, string value)
    {
        var minted = await MintAsync((await CreateUserAsync()).Id, [Scopes.Admin]);
        var payload = Jws.Payload(minted.Token);
        payload[claim] = value;

        await ExpectRefusedAsync(Jws.SignHs256(Jws.Header(minted.Token), payload, Convert.FromBase64String(_secret)));
    }

    [Theory]
    [InlineData("JWT")]
    [InlineData("at+JWT-x")]
    [InlineData(null)]
    public async Task RefusesATokenOfAnotherType(string? type)
    {
        var minted = await MintAsync((await CreateUserAsync()).Id, [Scopes.Admin]);
        var header = Jws.Header(minted.Token);
        if (type is null)
        {
            header.Remove("typ");
        }
        else
        {
            header["typ"] = type;
        }

        await ExpectRefusedAsync(Jws.SignHs256(header, Jws.Payload(minted.Token), Convert.FromBase64String(_secret)));
    }

    [Fact]
    public async Task RefusesATokenSignedByAnotherIssuerConfiguration()
    {
        var user = await CreateUserAsync();
        var other = new KeysHost(_storage, KeysHost.OptionsWith(TestKeys.Hs("hs-1", _secret, current: true)));
        other.Options.Issuer = "another-issuer";
        var foreignAudience = new KeysHost(_storage, KeysHost.OptionsWith(TestKeys.Hs("hs-1", _secret, current: true)));
        foreignAudience.Options.Audience = "another-audience";

        var byIssuer = await other.Manager.MintTokenAsync(_tenant, new MintTokenRequest { ServiceUser = user.Id, Scopes = [Scopes.Admin], CreatedBy = "system" }, Ct);
        var byAudience = await foreignAudience.Manager.MintTokenAsync(_tenant, new MintTokenRequest { ServiceUser = user.Id, Scopes = [Scopes.Admin], CreatedBy = "system" }, Ct);

        (await other.Authenticator.AuthenticateAsync(byIssuer.Value.Token, Ct)).IsSuccess.Should().BeTrue();
        await ExpectRefusedAsync(byIssuer.Value.Token);
        await ExpectRefusedAsync(byAudience.Value.Token);
    }

    [Fact]
    public async Task RefusesAnExpiredTokenByItsClaimAndByItsRecord()
    {
        var minted = await MintAsync((await CreateUserAsync()).Id, [Scopes.Admin], expiresIn: TimeSpan.FromMinutes(10));

        _host.Clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        (await _host.Authenticator.AuthenticateAsync(minted.Token, Ct)).IsSuccess.Should().BeTrue();

        // Within the clock skew the JWT still passes; the stored expiry refuses it anyway.
        _host.Clock.Advance(TimeSpan.FromSeconds(2));
        await ExpectRefusedAsync(minted.Token);

        _host.Clock.Advance(TimeSpan.FromMinutes(5));
        _host.Cache.Clear();
        await ExpectRefusedAsync(minted.Token);
    }

    [Fact]
    public async Task RefusesATokenBeforeItsNotBefore()
    {
        var minted = await MintAsync((await CreateUserAsync()).Id, [Scopes.Admin]);
        _host.Clock.Advance(TimeSpan.FromMinutes(-5));

        await ExpectRefusedAsync(minted.Token);
    }

    [Fact]
    public async Task RefusesTokenAfterItIsDisabledAndAcceptsItOnceEnabledAgain()
    {
        var minted = await MintAsync((await CreateUserAsync()).Id, [Scopes.Admin]);
        (await _host.Authenticator.AuthenticateAsync(minted.Token, Ct)).IsSuccess.Should().BeTrue();

        (await _host.Manager.DisableTokenAsync(_tenant, minted.TokenId, Ct)).IsSuccess.Should().BeTrue();
        await ExpectRefusedAsync(minted.Token);

        (await _host.Manager.EnableTokenAsync(_tenant, minted.TokenId, Ct)).IsSuccess.Should().BeTrue();
        (await _host.Authenticator.AuthenticateAsync(minted.Token, Ct)).IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task RefusesARevokedTokenForGood()
    {
        var minted = await MintAsync((await CreateUserAsync()).Id, [Scopes.Admin]);
        (await _host.Authenticator.AuthenticateAsync(minted.Token, Ct)).IsSuccess.Should().BeTrue();

        var revoked = await _host.Manager.RevokeTokenAsync(_tenant, minted.TokenId, Ct);
        revoked.Value.RevokedAt.Should().Be(_host.Clock.GetUtcNow());
        await ExpectRefusedAsync(minted.Token);

        (await _host.Manager.EnableTokenAsync(_tenant, minted.TokenId, Ct)).Failure!.Code.Should().Be("token.revoked");
        (await _host.Manager.RevokeTokenAsync(_tenant, minted.TokenId, Ct)).IsSuccess.Should().BeTrue("revoking twice is harmless");
        await ExpectRefusedAsync(minted.Token);
    }

    [Fact]
    public async Task RefusesTokensOfADisabledServiceUser()
    {
        var user = await CreateUserAsync();
        var minted = await MintAsync(user.Id, [Scopes.Admin]);
        (await _host.Authenticator.AuthenticateAsync(minted.Token, Ct)).IsSuccess.Should().BeTrue();

        (await _host.Manager.SetServiceUserEnabledAsync(_tenant, user.Id, enabled: false, Ct)).IsSuccess.Should().BeTrue();
        await ExpectRefusedAsync(minted.Token);

        (await _host.Manager.SetServiceUserEnabledAsync(_tenant, user.Id, enabled: true, Ct)).IsSuccess.Should().BeTrue();
        (await _host.Authenticator.AuthenticateAsync(minted.Token, Ct)).IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task RefusesATokenWhoseServiceUserIsGone()
    {
        var record = new ServiceToken
        {
            Id = Identifiers.NewUlid(_host.Clock),
            TenantId = _tenant,
            ServiceUserId = "01JDELETEDSERVICEUSER00000",
            Scopes = [Scopes.Admin],
            CreatedAt = _host.Clock.GetUtcNow(),
            CreatedBy = "system",
        };
        await _storage.Tokens.CreateAsync(record, Ct);

        await ExpectRefusedAsync(await _host.Codec.CreateTokenAsync(record, Ct));
    }

    [Fact]
    public async Task RefusesAnUnknownTokenIdWithAValidSignature()
    {
        var record = new ServiceToken
        {
            Id = Identifiers.NewUlid(_host.Clock),
            TenantId = _tenant,
            ServiceUserId = (await CreateUserAsync()).Id,
            Scopes = [Scopes.Admin],
            CreatedAt = _host.Clock.GetUtcNow(),
            CreatedBy = "system",
        };

        var token = await _host.Codec.CreateTokenAsync(record, Ct);

        await ExpectRefusedAsync(token);
        await _storage.Tokens.CreateAsync(record, Ct);
        (await _host.Authenticator.AuthenticateAsync(token, Ct)).IsSuccess.Should().BeTrue("the same token with its record stored is fine");
    }

    [Fact]
    public async Task KeepsATokenInItsTenantAndHidesItFromOthers()
    {
        var minted = await MintAsync((await CreateUserAsync()).Id, [Scopes.Admin]);
        var other = Names.Tenant();

        (await _host.Authenticator.AuthenticateAsync(minted.Token, Ct)).Value.TenantId.Should().Be(_tenant);
        (await _host.Manager.DisableTokenAsync(other, minted.TokenId, Ct)).Failure!.Code.Should().Be("token.not_found");
        (await _host.Manager.RevokeTokenAsync(other, minted.TokenId, Ct)).Failure!.Code.Should().Be("token.not_found");
        (await _host.Manager.FindTokenAsync(other, minted.TokenId, Ct)).Should().BeNull();
        (await _host.Authenticator.AuthenticateAsync(minted.Token, Ct)).IsSuccess.Should().BeTrue("nothing from the other tenant touched it");
    }

    [Fact]
    public async Task ValidatesOldTokensAfterTheSigningKeyRotates()
    {
        var oldSecret = _secret;
        var user = await CreateUserAsync();
        var beforeRotation = await MintAsync(user.Id, [Scopes.Admin]);

        var rotated = new KeysHost(_storage, KeysHost.OptionsWith(
            TestKeys.Hs("hs-1", oldSecret), TestKeys.Es("es-1", TestKeys.EcPrivatePem, current: true)));
        var afterRotation = (await rotated.Manager.MintTokenAsync(_tenant, new MintTokenRequest { ServiceUser = user.Id, Scopes = [Scopes.Admin], CreatedBy = "system" }, Ct)).Value;

        Jws.Header(afterRotation.Token)["kid"]!.GetValue<string>().Should().Be("es-1");
        (await rotated.Authenticator.AuthenticateAsync(beforeRotation.Token, Ct)).IsSuccess.Should().BeTrue();
        (await rotated.Authenticator.AuthenticateAsync(afterRotation.Token, Ct)).IsSuccess.Should().BeTrue();
        (await _host.Authenticator.AuthenticateAsync(afterRotation.Token, Ct)).IsSuccess.Should().BeTrue("the old host already knew the new public key");

        var retired = new KeysHost(_storage, KeysHost.OptionsWith(TestKeys.Es("es-1", TestKeys.EcPrivatePem, current: true)));
        await ExpectRefusedAsync(beforeRotation.Token, retired);
        (await retired.Authenticator.AuthenticateAsync(afterRotation.Token, Ct)).IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task RefusesAnUnknownKeyIdEvenWhenTheSignatureMatchesAnotherKey()
    {
        var minted = await MintAsync((await CreateUserAsync()).Id, [Scopes.Admin]);
        var header = Jws.Header(minted.Token);
        header["kid"] = "hs-unknown";
        await ExpectRefusedAsync(Jws.SignHs256(header, Jws.Payload(minted.Token), Convert.FromBase64String(_secret)));
        header.Remove("kid");
        await ExpectRefusedAsync(Jws.SignHs256(header, Jws.Payload(minted.Token), Convert.FromBase64String(_secret)));
    }

    [Fact]
    public async Task AcceptsRs256Tokens()
    {
        var host = new KeysHost(_storage, KeysHost.OptionsWith(TestKeys.Rs("rs-1", TestKeys.RsaPrivatePem, current: true)));
        var user = (await host.Manager.CreateServiceUserAsync(_tenant, Names.ServiceUser(), "vkyc", "system", Ct)).Value;
        var minted = (await host.Manager.MintTokenAsync(_tenant, new MintTokenRequest { ServiceUser = user.Id, Scopes = [Scopes.Admin], CreatedBy = "system" }, Ct)).Value;

        Jws.Header(minted.Token)["alg"]!.GetValue<string>().Should().Be("RS256");
        (await host.Authenticator.AuthenticateAsync(minted.Token, Ct)).IsSuccess.Should().BeTrue();
        await ExpectRefusedAsync(minted.Token, _host);
    }

    [Fact]
    public async Task SeesADisableMadeByAnotherHostWithinTheCacheDuration()
    {
        var minted = await MintAsync((await CreateUserAsync()).Id, [Scopes.Admin]);
        var otherHost = new KeysHost(_storage, KeysHost.OptionsWith(TestKeys.Hs("hs-1", _secret, current: true)));
        (await _host.Authenticator.AuthenticateAsync(minted.Token, Ct)).IsSuccess.Should().BeTrue();
        _host.Cache.Count.Should().Be(1);

        (await otherHost.Manager.DisableTokenAsync(_tenant, minted.TokenId, Ct)).IsSuccess.Should().BeTrue();
        await ExpectRefusedAsync(minted.Token, otherHost);

        _host.Clock.Advance(_host.Options.RecordCacheDuration);
        await ExpectRefusedAsync(minted.Token);
        _host.Options.RecordCacheDuration.Should().BeLessThan(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task SeesARevokeAndAServiceUserDisableMadeByAnotherHostWithinTheCacheDuration()
    {
        var user = await CreateUserAsync();
        var first = await MintAsync(user.Id, [Scopes.Admin]);
        var second = await MintAsync(user.Id, [Scopes.Admin]);
        var otherHost = new KeysHost(_storage, KeysHost.OptionsWith(TestKeys.Hs("hs-1", _secret, current: true)));
        (await _host.Authenticator.AuthenticateAsync(first.Token, Ct)).IsSuccess.Should().BeTrue();
        (await _host.Authenticator.AuthenticateAsync(second.Token, Ct)).IsSuccess.Should().BeTrue();

        await otherHost.Manager.RevokeTokenAsync(_tenant, first.TokenId, Ct);
        await otherHost.Manager.SetServiceUserEnabledAsync(_tenant, user.Id, enabled: false, Ct);
        _host.Clock.Advance(_host.Options.RecordCacheDuration);

        await ExpectRefusedAsync(first.Token);
        await ExpectRefusedAsync(second.Token);
    }

    [Fact]
    public async Task RecordsLastUseAtMostOncePerMinute()
    {
        var minted = await MintAsync((await CreateUserAsync()).Id, [Scopes.Admin]);
        var start = _host.Clock.GetUtcNow();

        await _host.Authenticator.AuthenticateAsync(minted.Token, Ct);
        (await StoredAsync(minted.TokenId)).LastUsedAt.Should().Be(start);

        _host.Clock.Advance(TimeSpan.FromSeconds(40));
        await _host.Authenticator.AuthenticateAsync(minted.Token, Ct);
        (await StoredAsync(minted.TokenId)).LastUsedAt.Should().Be(start);

        _host.Clock.Advance(TimeSpan.FromSeconds(20));
        await _host.Authenticator.AuthenticateAsync(minted.Token, Ct);
        (await StoredAsync(minted.TokenId)).LastUsedAt.Should().Be(start.AddMinutes(1));
    }

    [Fact]
    public async Task DoesNotRecordUseOfARefusedToken()
    {
        var minted = await MintAsync((await CreateUserAsync()).Id, [Scopes.Admin]);
        await _host.Manager.DisableTokenAsync(_tenant, minted.TokenId, Ct);

        await ExpectRefusedAsync(minted.Token);

        (await StoredAsync(minted.TokenId)).LastUsedAt.Should().BeNull();
    }

    private async Task<ServiceToken> StoredAsync(string tokenId) => (await _storage.Tokens.FindByIdAsync(_tenant, tokenId, Ct))!;

    private async Task ExpectRefusedAsync(string token, KeysHost? host = null)
    {
        var outcome = await (host ?? _host).Authenticator.AuthenticateAsync(token, Ct);
        outcome.IsSuccess.Should().BeFalse();
        outcome.Failure.Should().Be(KeyFailures.InvalidToken, "every refusal looks the same to the caller");
    }

    private async Task<ServiceUser> CreateUserAsync(string sourceSystem = "vkyc") =>
        (await _host.Manager.CreateServiceUserAsync(_tenant, Names.ServiceUser(), sourceSystem, Names.Analyst(), Ct)).Value;

    private async Task<MintedToken> MintAsync(string serviceUser, IReadOnlyCollection<string> scopes, TimeSpan? expiresIn = null, TimeSpan? archiveAfterExtract = null)
    {
        var outcome = await _host.Manager.MintTokenAsync(_tenant, new MintTokenRequest
        {
            ServiceUser = serviceUser,
            Scopes = scopes,
            ExpiresIn = expiresIn,
            ArchiveAfterExtract = archiveAfterExtract,
            Description = "test",
            CreatedBy = Names.Analyst(),
        }, Ct);
        return outcome.Value;
    }
}
