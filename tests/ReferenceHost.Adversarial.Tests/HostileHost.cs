using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Verification.Core.ServiceAccounts;
using Verification.Core.Stores;
using Verification.Core.Tenants;
using Verification.Hosting.Testing;

namespace ReferenceHost.Adversarial.Tests;

/// <summary>
/// The reference host signing its tokens with an RS256 key the suite knows (so it can forge tokens), every
/// log entry captured, rate limits out of the way (the volume test has its own host) and loopback webhooks
/// allowed (so a second tenant can own an endpoint and deliveries).
/// </summary>
public class HostileHostFactory : ReferenceHostFactory
{
    public const string KeyId = "adversarial-rs256";

    public static RSA SigningKey { get; } = RSA.Create(2048);

    /// <summary>The public key, as an attacker who read the JWKS or the certificate would have it.</summary>
    public static string PublicKeyPem { get; } = SigningKey.ExportSubjectPublicKeyInfoPem();

    public CapturedLogs Logs { get; } = new();

    protected virtual string PermitsPerSecond => "1000000";

    protected virtual string Burst => "1000000";

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Verification:Tokens:Keys:0:KeyId"] = KeyId,
        ["Verification:Tokens:Keys:0:Algorithm"] = "RS256",
        ["Verification:Tokens:Keys:0:Pem"] = SigningKey.ExportPkcs8PrivateKeyPem(),
        ["Verification:Tokens:Keys:0:Current"] = "true",
        ["Verification:RateLimits:PermitsPerSecond"] = PermitsPerSecond,
        ["Verification:RateLimits:Burst"] = Burst,
        ["Verification:Webhooks:AllowLoopback"] = "true",

        // Sessions are checked against the account on every request, so that a test need not wait a minute.
        ["Verification:BackOffice:SessionCheckInterval"] = "00:00:00",

        // The suite makes its own data; the demo folders only slow the start.
        ["Verification:Demo:Seed"] = "false",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}

/// <summary>What one request answered.</summary>
public sealed record Reply(int Status, string? MediaType, string Body, HttpResponseHeaders Headers)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public override string ToString() => $"{Status} {MediaType} {(Body.Length > 400 ? Body[..400] + "..." : Body)}";
}

/// <summary>What the stores hold, to prove a refused request stored nothing.</summary>
public sealed record Snapshot(int Verifications, int Blobs, int ServiceUsers, int Tokens, int WebhookEndpoints);

/// <summary>
/// The shared host of the HTTP suites, with the data they attack: tokens of every kind in the default
/// tenant, and a second tenant owning a verification, an analysis, a token, a webhook endpoint and a delivery.
/// </summary>
public sealed class HostileHost : IAsyncLifetime
{
    public const string TenantB = "tenant-b";
    public const string AllScopes = "documents:submit verifications:read:pictures verifications:review verifications:archive admin";

    private readonly Dictionary<string, Task<BackOffice>> _sessions = [];
    private HttpClient _client = null!;

    public HostileHostFactory Factory { get; } = new();

    public string Token { get; private set; } = string.Empty;

    public string TokenId { get; private set; } = string.Empty;

    public string DisabledToken { get; private set; } = string.Empty;

    public string RevokedToken { get; private set; } = string.Empty;

    /// <summary>Tokens holding every scope but the ones a route needs, by the scope they lack.</summary>
    public Dictionary<string, string> TokenWithout { get; } = [];

    public string TokenOfB { get; private set; } = string.Empty;

    public string TokenIdOfB { get; private set; } = string.Empty;

    public string VerificationOfB { get; private set; } = string.Empty;

    public string AnalysisOfB { get; private set; } = string.Empty;

    public string WebhookOfB { get; private set; } = string.Empty;

    public string DeliveryOfB { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        await ((IAsyncLifetime)Factory).InitializeAsync();
        _client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (TokenId, Token) = await Factory.MintAsync(AllScopes);
        (var disabledId, DisabledToken) = await Factory.MintAsync(AllScopes);
        (var revokedId, RevokedToken) = await Factory.MintAsync(AllScopes);
        using (var scope = Factory.Services.CreateScope())
        {
            var manager = scope.ServiceProvider.GetRequiredService<ServiceTokenManager>();
            (await manager.DisableTokenAsync("default", disabledId, CancellationToken.None)).IsSuccess.Should().BeTrue();
            (await manager.RevokeTokenAsync("default", revokedId, CancellationToken.None)).IsSuccess.Should().BeTrue();
            await scope.ServiceProvider.GetRequiredService<ITenantStore>()
                .CreateAsync(new Tenant { Id = TenantB, Name = "Tenant B", CreatedAt = DateTimeOffset.UtcNow }, CancellationToken.None);
        }

        TokenWithout[Scopes.DocumentsSubmit] = (await Factory.MintAsync("verifications:read:pictures verifications:review verifications:archive admin")).Token;
        TokenWithout[Scopes.ReadMetadata] = (await Factory.MintAsync("documents:submit verifications:review verifications:archive")).Token;
        TokenWithout[Scopes.Review] = (await Factory.MintAsync("documents:submit verifications:read:pictures verifications:archive admin")).Token;
        TokenWithout[Scopes.Archive] = (await Factory.MintAsync("documents:submit verifications:read:pictures verifications:review admin")).Token;
        TokenWithout[Scopes.Admin] = (await Factory.MintAsync("documents:submit verifications:read:pictures verifications:review verifications:archive")).Token;

        (TokenIdOfB, TokenOfB) = await Factory.MintAsync(AllScopes, TenantB);
        var reco = await SendAsync(HttpMethod.Post, "/api/v1/reco/mrz", TokenOfB,
            Json(new { paramDict = new { mrz = Specimens.Passport("Bee", "Tenant"), save = true } }),
            h => h.Add("X-Correlation-ID", "TENANT-B-" + Guid.NewGuid().ToString("N")));
        reco.Status.Should().Be(200, reco.ToString());
        VerificationOfB = reco.Json.GetProperty("verificationId").GetString()!;
        AnalysisOfB = reco.Json.GetProperty("analysisId").GetString()!;
        var hook = await SendAsync(HttpMethod.Post, "/api/v1/admin/webhooks", TokenOfB, Json(new { url = "http://127.0.0.1:9/hooks" }));
        hook.Status.Should().Be(201, hook.ToString());
        WebhookOfB = hook.Json.GetProperty("endpointId").GetString()!;
        var test = await SendAsync(HttpMethod.Post, $"/api/v1/admin/webhooks/{WebhookOfB}/test", TokenOfB);
        test.Status.Should().Be(202, test.ToString());
        DeliveryOfB = test.Json.GetProperty("deliveryId").GetString()!;
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await ((IAsyncLifetime)Factory).DisposeAsync();
    }

    /// <summary>A signed-in back-office session of <paramref name="role"/>, shared by the tests that ask for the same <paramref name="name"/>.</summary>
    public Task<BackOffice> SessionAsync(string role = Verification.Core.Analysts.AnalystRoles.Admin, string name = "shared")
    {
        lock (_sessions)
        {
            var key = role + "/" + name;
            if (!_sessions.TryGetValue(key, out var session))
            {
                session = BackOffice.SignInAsync(Factory, role);
                _sessions[key] = session;
            }

            return session;
        }
    }

    /// <summary>Sends one request; the token (if any) goes in as bearer.</summary>
    public async Task<Reply> SendAsync(HttpMethod method, string path, string? token, HttpContent? content = null, Action<HttpRequestHeaders>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        headers?.Invoke(request.Headers);
        using var response = await _client.SendAsync(request);
        return new Reply((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(), response.Headers);
    }

    /// <summary>Sends a prepared request as is.</summary>
    public async Task<Reply> SendAsync(HttpRequestMessage request)
    {
        using var response = await _client.SendAsync(request);
        return new Reply((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(), response.Headers);
    }

    public static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    public static ByteArrayContent RawJson(string text, string mediaType = "application/json") => Raw(Encoding.UTF8.GetBytes(text), mediaType);

    public static ByteArrayContent Raw(byte[] bytes, string? mediaType)
    {
        var content = new ByteArrayContent(bytes);
        if (mediaType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", mediaType);
        }

        return content;
    }

    /// <summary>Counts what the stores hold in both tenants.</summary>
    public async Task<Snapshot> SnapshotAsync()
    {
        using var scope = Factory.Services.CreateScope();
        var services = scope.ServiceProvider;
        var store = services.GetRequiredService<IVerificationStore>();
        var tokens = services.GetRequiredService<ServiceTokenManager>();
        var hooks = services.GetRequiredService<Verification.Core.Webhooks.WebhookEndpointManager>();
        int verifications = 0, users = 0, minted = 0, endpoints = 0;
        foreach (var tenant in new[] { "default", TenantB })
        {
            string? after = null;
            while (true)
            {
                var page = 0;
                await foreach (var summary in store.ListAsync(new VerificationQuery { TenantId = tenant, After = after, Limit = 200 }, CancellationToken.None))
                {
                    page++;
                    after = summary.Id;
                }

                verifications += page;
                if (page < 200)
                {
                    break;
                }
            }

            await foreach (var _ in tokens.ListServiceUsersAsync(tenant, CancellationToken.None))
            {
                users++;
            }

            await foreach (var _ in tokens.ListTokensAsync(tenant, null, CancellationToken.None))
            {
                minted++;
            }

            await foreach (var _ in hooks.ListAsync(tenant, CancellationToken.None))
            {
                endpoints++;
            }
        }

        var blobs = Directory.Exists(Factory.BlobsPath) ? Directory.EnumerateFiles(Factory.BlobsPath, "*", SearchOption.AllDirectories).Count() : 0;
        return new Snapshot(verifications, blobs, users, minted, endpoints);
    }
}

[CollectionDefinition(Name)]
public sealed class HostileHostCollection : ICollectionFixture<HostileHost>
{
    public const string Name = "hostile host";
}
