using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Verification.Core.ServiceAccounts;
using Verification.Core.ServiceAccounts.InMemory;
using Verification.Storage.Specification;

namespace Verification.Core.Tests.ServiceAccounts;

/// <summary>Key material generated once per test run.</summary>
internal static class TestKeys
{
    private static readonly Lazy<ECDsa> Ec = new(() => ECDsa.Create(ECCurve.NamedCurves.nistP256));
    private static readonly Lazy<RSA> Rsa = new(() => RSA.Create(2048));

    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string EcPrivatePem => Ec.Value.ExportPkcs8PrivateKeyPem();

    public static string EcPublicPem => Ec.Value.ExportSubjectPublicKeyInfoPem();

    public static byte[] EcPublicDer => Ec.Value.ExportSubjectPublicKeyInfo();

    public static string RsaPrivatePem => Rsa.Value.ExportRSAPrivateKeyPem();

    public static string RsaPublicPem => Rsa.Value.ExportSubjectPublicKeyInfoPem();

    public static TokenSigningKeyOptions Hs(string keyId, string secret, bool current = false) =>
        new() { KeyId = keyId, Algorithm = "HS256", Secret = secret, Current = current };

    public static TokenSigningKeyOptions Es(string keyId, string pem, bool current = false) =>
        new() { KeyId = keyId, Algorithm = "ES256", Pem = pem, Current = current };

    public static TokenSigningKeyOptions Rs(string keyId, string pem, bool current = false) =>
        new() { KeyId = keyId, Algorithm = "RS256", Pem = pem, Current = current };
}

/// <summary>Shared storage and clock, as several hosts sharing one database see them.</summary>
internal sealed class SharedStorage
{
    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero));

    public InMemoryServiceUserStore Users { get; } = new();

    public InMemoryServiceTokenStore Tokens { get; } = new();
}

/// <summary>One host: its own options, key ring, record cache, manager and authenticator over shared storage.</summary>
internal sealed class KeysHost
{
    public KeysHost(SharedStorage storage, TokenSigningOptions options)
    {
        Storage = storage;
        Options = options;
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        Provider = new ConfiguredTokenSigningKeyProvider(wrapped);
        Codec = new ServiceTokenCodec(Provider, wrapped, storage.Clock);
        Cache = new ServiceTokenRecordCache(wrapped);
        Manager = new ServiceTokenManager(storage.Users, storage.Tokens, Codec, Cache, storage.Clock, NullLogger<ServiceTokenManager>.Instance);
        Authenticator = new ServiceTokenAuthenticator(Codec, storage.Tokens, storage.Users, Cache, wrapped, storage.Clock, NullLogger<ServiceTokenAuthenticator>.Instance);
    }

    public SharedStorage Storage { get; }

    public TokenSigningOptions Options { get; }

    public ConfiguredTokenSigningKeyProvider Provider { get; }

    public ServiceTokenCodec Codec { get; }

    public ServiceTokenRecordCache Cache { get; }

    public ServiceTokenManager Manager { get; }

    public ServiceTokenAuthenticator Authenticator { get; }

    public ManualClock Clock => Storage.Clock;

    public static TokenSigningOptions OptionsWith(params TokenSigningKeyOptions[] keys) => new() { Keys = [.. keys] };
}

/// <summary>Reads and hand-crafts compact JWS tokens, to build tokens the product would never mint.</summary>
internal static class Jws
{
    public static JsonObject Header(string token) => Decode(token.Split('.')[0]);

    public static JsonObject Payload(string token) => Decode(token.Split('.')[1]);

    public static string Encode(JsonNode node) => Base64Url(Encoding.UTF8.GetBytes(node.ToJsonString()));

    /// <summary>Signs header and payload with HMAC-SHA256 over <paramref name="key"/>.</summary>
    public static string SignHs256(JsonObject header, JsonObject payload, byte[] key)
    {
        var input = Encode(header) + "." + Encode(payload);
        var signature = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(input));
        return input + "." + Base64Url(signature);
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static JsonObject Decode(string segment)
    {
        var padded = segment.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        return JsonNode.Parse(Convert.FromBase64String(padded))!.AsObject();
    }

    public static JsonObject Clone(JsonObject node) => JsonNode.Parse(node.ToJsonString())!.AsObject();
}

/// <summary>Fake names.</summary>
internal static class Names
{
    private static readonly Bogus.Faker Faker = new();

    public static string ServiceUser() => $"{Faker.Hacker.Verb()}-{Faker.Random.AlphaNumeric(6)}".Replace(' ', '-');

    public static string Tenant() => SpecimenData.NewTenantId();

    public static string Analyst() => "analyst:" + Identifiers.NewUlid(DateTimeOffset.UnixEpoch.AddYears(56));
}
