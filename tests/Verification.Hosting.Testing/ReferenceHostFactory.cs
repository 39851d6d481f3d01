using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Verification.Core.Analysts;
using Verification.Core.ServiceAccounts;
using Xunit;

namespace Verification.Hosting.Testing;

/// <summary>
/// The reference host in memory, on its own fresh database: a temporary SQLite file by default, or a
/// fresh PostgreSQL database when <see cref="Provider"/> is <c>PostgreSql</c> (server from
/// <c>VERIFICATION_TEST_POSTGRES</c>). Real migrations, real stores, real pipeline.
/// </summary>
public class ReferenceHostFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "verification-host-" + Guid.NewGuid().ToString("N"));
    private readonly string _pgDatabase = "verification_host_" + Guid.NewGuid().ToString("N");

    /// <summary><c>Sqlite</c> or <c>PostgreSql</c>.</summary>
    public virtual string Provider => "Sqlite";

    /// <summary>The connection string the host uses.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>Extra configuration for derived factories.</summary>
    protected virtual IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        if (Provider == "PostgreSql")
        {
            var server = Environment.GetEnvironmentVariable("VERIFICATION_TEST_POSTGRES")
                ?? throw new InvalidOperationException("VERIFICATION_TEST_POSTGRES is not set: run ./test.sh, which starts PostgreSQL.");
            await using (var connection = new NpgsqlConnection(server))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_pgDatabase}\"", connection);
                await create.ExecuteNonQueryAsync();
            }

            ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = _pgDatabase }.ToString();
        }
        else
        {
            ConnectionString = $"Data Source={Path.Combine(_directory, "verification.db")}";
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (Provider == "PostgreSql")
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("VERIFICATION_TEST_POSTGRES"));
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_pgDatabase}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a pooled connection; the temp folder is cleaned by the system.
        }
    }

    /// <summary>The host's configuration overrides, also usable for the command line.</summary>
    public string[] ConfigurationArguments() =>
    [
        $"--ConnectionStrings:Verification={ConnectionString}",
        $"--Verification:Storage:Provider={Provider}",
        $"--Verification:DataProtection:KeysPath={Path.Combine(_directory, "keys")}",
        "--Verification:PasswordIterations=100000",
        $"--Verification:Blobs:Path={Path.Combine(_directory, "blobs")}",
    ];

    /// <summary>The folder of the stored document files.</summary>
    public string BlobsPath => Path.Combine(_directory, "blobs");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Verification"] = ConnectionString,
            ["Verification:Storage:Provider"] = Provider,
            ["Verification:DataProtection:KeysPath"] = Path.Combine(_directory, "keys"),
            ["Verification:PasswordIterations"] = "100000",
            ["Verification:Demo:Seed"] = "true",
            ["Verification:Blobs:Path"] = Path.Combine(_directory, "blobs"),
        };
        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Creates a back-office account and answers its e-mail.</summary>
    public async Task<string> CreateAnalystAsync(string password, string role = AnalystRoles.Analyst) =>
        (await CreateAnalystAccountAsync(password, role)).Email;

    /// <summary>Creates a back-office account, limited to <paramref name="departments"/> when some are given.</summary>
    public async Task<(string Email, string Id)> CreateAnalystAccountAsync(string password, string role = AnalystRoles.Analyst, IReadOnlyList<string>? departments = null)
    {
        using var scope = Services.CreateScope();
        var email = $"analyst-{Guid.NewGuid():N}@bank.example";
        var created = await scope.ServiceProvider.GetRequiredService<ReferenceHost.Accounts.AnalystAccounts>()
            .CreateAsync("default", email, password, role, departments is { Count: > 0 } ? departments : null, CancellationToken.None);
        if (!created.IsSuccess)
        {
            throw new InvalidOperationException(created.Failure!.Code);
        }

        return (email, created.Value.Id);
    }

    /// <summary>A browser-like client (cookies kept, redirects not followed) with nobody signed in.</summary>
    public HttpClient BackOfficeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Signs an account in through the login form and answers its browser-like client.</summary>
    public async Task<HttpClient> SignInAsync(string email, string password)
    {
        var client = BackOfficeClient();
        var page = await client.GetStringAsync("/backoffice/login");
        using var signIn = await client.PostAsync("/backoffice/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = AntiforgeryToken(page),
        }));
        if (signIn.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in answered {(int)signIn.StatusCode}, not a redirect.");
        }

        return client;
    }

    /// <summary>Creates a service user in <paramref name="tenantId"/> and mints a token with <paramref name="scopes"/>.</summary>
    public async Task<(string TokenId, string Token)> MintAsync(string scopes, string tenantId = "default", TimeSpan? archiveAfterExtract = null)
    {
        using var scope = Services.CreateScope();
        var manager = scope.ServiceProvider.GetRequiredService<ServiceTokenManager>();
        var user = await manager.CreateServiceUserAsync(tenantId, "svc-" + Guid.NewGuid().ToString("N")[..10], "vkyc", "test", CancellationToken.None);
        var minted = await manager.MintTokenAsync(tenantId, new MintTokenRequest
        {
            ServiceUser = user.Value.Id,
            Scopes = [.. Scopes.Parse(scopes).Value],
            Description = "test token",
            ArchiveAfterExtract = archiveAfterExtract,
            CreatedBy = "test",
        }, CancellationToken.None);
        return (minted.Value.TokenId, minted.Value.Token);
    }

    /// <summary>A client sending <paramref name="token"/> as bearer.</summary>
    public HttpClient ClientWithToken(string token)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Reads the anti-forgery token of a form page.</summary>
    public static string AntiforgeryToken(string html)
    {
        var match = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException("No anti-forgery token in the page.");
    }
}

/// <summary>The reference host on PostgreSQL.</summary>
public class PostgreSqlReferenceHostFactory : ReferenceHostFactory
{
    public override string Provider => "PostgreSql";
}
