using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Verification.Core.ServiceAccounts;
using Verification.Core.ServiceAccounts.InMemory;

namespace Verification.Benchmarks.Keys;

/// <summary>
/// Authenticating a request's bearer token: JWT validation (signature, algorithm, kid, issuer, audience,
/// typ, lifetime) plus the stored-record check, with the record cache warm (the steady state: entries live
/// 250 ms) and cold (every call reads the in-memory store). Target: under 20 µs warm.
/// </summary>
[MemoryDiagnoser]
public class TokenAuthenticationBenchmarks
{
    private ServiceTokenAuthenticator _warm = null!;
    private ServiceTokenAuthenticator _cold = null!;
    private ServiceTokenCodec _codec = null!;
    private string _token = null!;

    [Params("HS256", "ES256")]
    public string Algorithm { get; set; } = "HS256";

    [GlobalSetup]
    public void Setup()
    {
        var key = Algorithm == "HS256"
            ? new TokenSigningKeyOptions { KeyId = "k1", Algorithm = "HS256", Secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }
            : new TokenSigningKeyOptions { KeyId = "k1", Algorithm = "ES256", Pem = ECDsa.Create(ECCurve.NamedCurves.nistP256).ExportPkcs8PrivateKeyPem() };
        var users = new InMemoryServiceUserStore();
        var tokens = new InMemoryServiceTokenStore();
        var warmOptions = Options.Create(new TokenSigningOptions { Keys = [key] });
        var coldOptions = Options.Create(new TokenSigningOptions { Keys = [key], RecordCacheDuration = TimeSpan.Zero });
        _codec = new ServiceTokenCodec(new ConfiguredTokenSigningKeyProvider(warmOptions), warmOptions, TimeProvider.System);
        var cache = new ServiceTokenRecordCache(warmOptions);
        var manager = new ServiceTokenManager(users, tokens, _codec, cache, TimeProvider.System, NullLogger<ServiceTokenManager>.Instance);
        _warm = new ServiceTokenAuthenticator(_codec, tokens, users, cache, warmOptions, TimeProvider.System, NullLogger<ServiceTokenAuthenticator>.Instance);
        _cold = new ServiceTokenAuthenticator(_codec, tokens, users, new ServiceTokenRecordCache(coldOptions), coldOptions, TimeProvider.System, NullLogger<ServiceTokenAuthenticator>.Instance);

        var user = manager.CreateServiceUserAsync("bench", "vkyc", "vkyc", "system", CancellationToken.None).AsTask().GetAwaiter().GetResult().Value;
        _token = manager.MintTokenAsync("bench", new MintTokenRequest
        {
            ServiceUser = user.Id,
            Scopes = [Scopes.DocumentsSubmit, Scopes.ReadAttributes],
            ExpiresIn = TimeSpan.FromDays(1),
            CreatedBy = "system",
        }, CancellationToken.None).AsTask().GetAwaiter().GetResult().Value.Token;
        if (!_warm.AuthenticateAsync(_token, CancellationToken.None).AsTask().GetAwaiter().GetResult().IsSuccess)
        {
            throw new InvalidOperationException("The benchmark token is refused.");
        }
    }

    [Benchmark(Description = "Token: authenticate, warm record cache")]
    public async Task<string> AuthenticateWarm() => (await _warm.AuthenticateAsync(_token, CancellationToken.None)).Value.TokenId;

    [Benchmark(Description = "Token: authenticate, record read from the in-memory store")]
    public async Task<string> AuthenticateCold() => (await _cold.AuthenticateAsync(_token, CancellationToken.None)).Value.TokenId;

    [Benchmark(Description = "Token: JWT validation only")]
    public async Task<string> ValidateJwtOnly() => (await _codec.ValidateAsync(_token, CancellationToken.None)).Value.TokenId;
}
