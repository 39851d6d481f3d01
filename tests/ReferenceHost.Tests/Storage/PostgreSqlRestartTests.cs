using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Verification.Hosting.Testing;

namespace ReferenceHost.Tests.Storage;

/// <summary>
/// The reference host on a PostgreSQL cluster of its own (port 5439, created here with Debian's
/// <c>pg_createcluster</c>, so that restarting it disturbs no other test), restarted while requests come in:
/// while it is down requests answer <c>503 database.unavailable</c>, nothing is half-written, and service
/// resumes by itself within seconds.
/// </summary>
public sealed class PostgreSqlRestartTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private const int Port = 5439;
    private const string Cluster = "vrestart";
    private readonly string _database = "verification_restart_" + Guid.NewGuid().ToString("N")[..12];
    private string _version = string.Empty;
    private RestartHost? _host;

    public async Task InitializeAsync()
    {
        _version = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(Path.GetFileName).OrderDescending().First()!
            : throw new InvalidOperationException("PostgreSQL is not installed (./test.sh installs it).");
        if (!(await RunAsync("pg_lsclusters", "-h")).Contains($"{_version} {Cluster} ", StringComparison.Ordinal))
        {
            await RunAsync("pg_createcluster", _version, Cluster, "--port", Port.ToString(CultureInfo.InvariantCulture));
        }

        await RunAsync("pg_ctlcluster", _version, Cluster, "start", ignoreFailure: true);
        await RunAsync("su", "postgres", "-c", $"psql -p {Port} -v ON_ERROR_STOP=1 -q -c \"DO \\$\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'verification') THEN CREATE ROLE verification LOGIN PASSWORD 'verification' CREATEDB; END IF; END \\$\\$;\"");
        await using (var connection = new NpgsqlConnection(ServerConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        _host = new RestartHost(ServerConnectionString(_database));
        await _host.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await ((IAsyncLifetime)_host).DisposeAsync();
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString("postgres"));
        await connection.OpenAsync();
        await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await RunAsync("pg_ctlcluster", _version, Cluster, "stop", ignoreFailure: true);
    }

    [Fact]
    public async Task AnswersServiceUnavailableWhileTheServerRestartsAndResumesByItself()
    {
        var (_, token) = await _host!.MintAsync("documents:submit verifications:read:attributes");
        using var client = _host.ClientWithToken(token);
        (await SubmitAsync(client, "BEFORE-RESTART")).StatusCode.Should().Be(HttpStatusCode.OK);

        await RunAsync("pg_ctlcluster", _version, Cluster, "stop", "-m", "fast");
        var down = await SubmitAsync(client, "WHILE-DOWN");
        var downBody = await down.Content.ReadFromJsonAsync<JsonElement>();
        await RunAsync("pg_ctlcluster", _version, Cluster, "start");
        var restarted = Stopwatch.StartNew();
        HttpResponseMessage? after = null;
        while (restarted.Elapsed < TimeSpan.FromSeconds(20))
        {
            after = await SubmitAsync(client, "AFTER-RESTART");
            if (after.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            after.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, await after.Content.ReadAsStringAsync());
            await Task.Delay(250);
        }

        output.WriteLine($"served again {restarted.Elapsed.TotalSeconds:0.0} s after the server was started again");
        down.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        downBody.GetProperty("code").GetString().Should().Be("database.unavailable");
        down.Headers.RetryAfter.Should().NotBeNull();
        after!.StatusCode.Should().Be(HttpStatusCode.OK, "service resumes by itself once the server is back");
        restarted.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(20));
        (await client.GetAsync("/api/v1/verifications/WHILE-DOWN")).StatusCode.Should().Be(HttpStatusCode.NotFound, "the refused request stored nothing");
        (await client.GetAsync("/api/v1/verifications/BEFORE-RESTART")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/api/v1/verifications/AFTER-RESTART")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client, string correlationId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reco/mrz")
        {
            Content = JsonContent.Create(new { paramDict = new { mrz = Specimens.Passport("ERIKSSON", "ANNA", "L898902C3", "740812"), save = true } }),
        };
        request.Headers.Add("X-Correlation-ID", correlationId);
        return client.SendAsync(request);
    }

    // Npgsql's default connect timeout (15 s): a stopped server refuses at once, so a shorter one buys nothing. GSS
    // session encryption off, as the stores open it (PostgreSqlConnectionStrings.WithDefaults): its fall-back had
    // spent a 3-second timeout before the host's first connection even started.
    private static string ServerConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=verification;Password=verification;Database={database};Timeout=15;GSS Encryption Mode=Disable";

    private static async Task<string> RunAsync(string file, params string[] arguments) => await RunAsync(file, false, arguments);

    private static async Task<string> RunAsync(string file, string a, string b, string c, bool ignoreFailure) => await RunAsync(file, ignoreFailure, [a, b, c]);

    private static async Task<string> RunAsync(string file, bool ignoreFailure, string[] arguments)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0 && !ignoreFailure)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {error}");
        }

        return await output;
    }

    /// <summary>The reference host on the restartable cluster, without demo data.</summary>
    private sealed class RestartHost(string connectionString) : PostgreSqlReferenceHostFactory
    {
        protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
        {
            ["ConnectionStrings:Verification"] = connectionString,
            ["Verification:Demo:Seed"] = "false",
        };
    }
}
