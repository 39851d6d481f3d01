using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Verification.Core.ServiceAccounts;

namespace Verification.Core.Tests.ServiceAccounts;

public sealed class TokenSigningOptionsTests
{
    [Fact]
    public void AcceptsARingOfHmacEcdsaAndRsaKeys()
    {
        var options = KeysHost.OptionsWith(
            TestKeys.Hs("hs-1", TestKeys.NewSecret()),
            TestKeys.Es("es-1", TestKeys.EcPrivatePem, current: true),
            TestKeys.Es("es-0", TestKeys.EcPublicPem),
            TestKeys.Rs("rs-1", TestKeys.RsaPublicPem));

        new TokenSigningOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
    }

    public static TheoryData<TokenSigningOptions, string> InvalidOptions()
    {
        var secret = TestKeys.NewSecret();
        return new()
        {
            { KeysHost.OptionsWith(), "Verification:Tokens:Keys must hold at least one" },
            { KeysHost.OptionsWith(TestKeys.Hs("hs-1", Convert.ToBase64String(new byte[31]))), "Verification:Tokens:Keys:0:Secret" },
            { KeysHost.OptionsWith(TestKeys.Hs("hs-1", "not base64!")), "Verification:Tokens:Keys:0:Secret" },
            { KeysHost.OptionsWith(TestKeys.Hs("hs-1", secret)), "unused" },
            { KeysHost.OptionsWith(new TokenSigningKeyOptions { KeyId = "hs-1", Algorithm = "HS256", Pem = TestKeys.EcPublicPem }), "Verification:Tokens:Keys:0:Pem" },
            { KeysHost.OptionsWith(TestKeys.Hs("hs-1", secret, true), TestKeys.Hs("hs-2", secret, true)), "exactly one key as Current" },
            { KeysHost.OptionsWith(TestKeys.Hs("hs-1", secret), TestKeys.Hs("hs-2", secret)), "exactly one key as Current" },
            { KeysHost.OptionsWith(TestKeys.Hs("hs-1", secret, true), TestKeys.Hs("hs-1", secret)), "Verification:Tokens:Keys:1:KeyId" },
            { KeysHost.OptionsWith(TestKeys.Hs("bad kid", secret)), "Verification:Tokens:Keys:0:KeyId" },
            { KeysHost.OptionsWith(TestKeys.Hs("hs-1", secret), TestKeys.Es("es-1", TestKeys.EcPublicPem, current: true)), "Verification:Tokens:Keys:1:Pem" },
            { KeysHost.OptionsWith(TestKeys.Es("es-1", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")), "Verification:Tokens:Keys:0:Pem" },
            { KeysHost.OptionsWith(TestKeys.Es("es-1", TestKeys.RsaPrivatePem)), "Verification:Tokens:Keys:0:Pem" },
            { KeysHost.OptionsWith(TestKeys.Rs("rs-1", SmallRsaPem())), "Verification:Tokens:Keys:0:Pem" },
            { KeysHost.OptionsWith(new TokenSigningKeyOptions { KeyId = "x", Algorithm = "none", Secret = secret }), "Verification:Tokens:Keys:0:Algorithm" },
            { KeysHost.OptionsWith(new TokenSigningKeyOptions { KeyId = "x", Algorithm = "hs256", Secret = secret }), "Verification:Tokens:Keys:0:Algorithm" },
            { With(o => o.RecordCacheDuration = TimeSpan.FromSeconds(1)), "Verification:Tokens:RecordCacheDuration" },
            { With(o => o.ClockSkew = TimeSpan.FromMinutes(10)), "Verification:Tokens:ClockSkew" },
            { With(o => o.Issuer = " "), "Verification:Tokens:Issuer" },
            { With(o => o.Audience = ""), "Verification:Tokens:Audience" },
        };
    }

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void RefusesInvalidOptionsNamingTheSetting(TokenSigningOptions options, string expected)
    {
        if (expected == "unused")
        {
            // A lone key is current without being marked: the only valid row, kept as the table's control.
            new TokenSigningOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
            return;
        }

        var result = new TokenSigningOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain(expected);
    }

    [Fact]
    public void AcceptsAnEmptyRingWhenTheHostSuppliesTheKeys()
    {
        var options = new TokenSigningOptions { ExternalKeyProvider = true };

        new TokenSigningOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task RegistersEverythingBoundToTheTokensSection()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Verification:Tokens:Issuer"] = "https://kyc.example",
            ["Verification:Tokens:Keys:0:KeyId"] = "2026-11",
            ["Verification:Tokens:Keys:0:Algorithm"] = "HS256",
            ["Verification:Tokens:Keys:0:Secret"] = TestKeys.NewSecret(),
            ["Verification:Tokens:Keys:0:Current"] = "true",
            ["Verification:Tokens:Keys:1:KeyId"] = "2026-05",
            ["Verification:Tokens:Keys:1:Algorithm"] = "ES256",
            ["Verification:Tokens:Keys:1:Pem"] = TestKeys.EcPublicPem,
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddVerification().UseInMemoryStores().AddVerificationKeys().UseInMemoryKeyStores();
        services.AddVerification().UseInMemoryStores().AddVerificationKeys().UseInMemoryKeyStores();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await using var scope = provider.CreateAsyncScope();

        var manager = scope.ServiceProvider.GetRequiredService<ServiceTokenManager>();
        var user = (await manager.CreateServiceUserAsync("default", "vkyc", "vkyc", "system", CancellationToken.None)).Value;
        var minted = (await manager.MintTokenAsync("default", new MintTokenRequest { ServiceUser = "vkyc", Scopes = [Scopes.Admin], CreatedBy = "system" }, CancellationToken.None)).Value;
        var principal = await scope.ServiceProvider.GetRequiredService<ServiceTokenAuthenticator>().AuthenticateAsync(minted.Token, CancellationToken.None);

        principal.Value.ServiceUserId.Should().Be(user.Id);
        Jws.Header(minted.Token)["kid"]!.GetValue<string>().Should().Be("2026-11");
        Jws.Payload(minted.Token)["iss"]!.GetValue<string>().Should().Be("https://kyc.example");
        services.Count(d => d.ServiceType == typeof(IValidateOptions<TokenSigningOptions>)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(ServiceTokenAuthenticator)).Should().Be(1);
    }

    [Fact]
    public void FailsOnFirstUseWithTheSettingNamedWhenTheKeysAreInvalid()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Verification:Tokens:Keys:0:KeyId"] = "k1",
            ["Verification:Tokens:Keys:0:Secret"] = Convert.ToBase64String(new byte[16]),
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddVerification().UseInMemoryStores().AddVerificationKeys().UseInMemoryKeyStores();
        using var provider = services.BuildServiceProvider();

        var read = () => provider.GetRequiredService<IOptions<TokenSigningOptions>>().Value;

        read.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("Verification:Tokens:Keys:0:Secret");
    }

    private static TokenSigningOptions With(Action<TokenSigningOptions> change)
    {
        var options = KeysHost.OptionsWith(TestKeys.Hs("hs-1", TestKeys.NewSecret()));
        change(options);
        return options;
    }

    private static string SmallRsaPem()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(1024);
        return rsa.ExportSubjectPublicKeyInfoPem();
    }
}
