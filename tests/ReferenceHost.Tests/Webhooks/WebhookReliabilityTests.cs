using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ReferenceHost.Bootstrap;
using Verification.Core.Stores;
using Verification.Core.Verifications;
using Verification.Core.Webhooks;
using Verification.Storage.EfCore;
using Verification.Storage.Specification;
using Verification.Storage.Specification.Webhooks;
using Xunit.Abstractions;

namespace ReferenceHost.Tests.Webhooks;

/// <summary>
/// The issue's reliability test: a receiver on 127.0.0.1 that fails about 30 percent of requests, a few
/// hundred decisions made through <see cref="VerificationManager"/> against the database two reference hosts
/// share (real child processes), one host killed while deliveries are in flight and started again. Every event
/// must arrive with a valid signature; de-duplicated by <c>webhook-id</c>, each exactly once; none lost.
/// </summary>
public sealed class WebhookReliabilityTests(ITestOutputHelper output)
{
    private const int Decisions = 300;
    private const string Tenant = "default";
    // The compressed schedule alone spans about 54 s over ten attempts; an event that fails seven or eight times in a
    // row (a few in a hundred runs of 300 events at 30 percent) plus a kill, a lease to expire and a loaded machine
    // overran 90 s once in CI-like conditions. Waiting longer costs nothing when every event arrives sooner.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSql")]
    public async Task EveryDecisionArrivesSignedAndOnceAfterDeduplicationThoughAHostIsKilledMidDelivery(string provider)
    {
        var directory = Directory.CreateTempSubdirectory("verification-webhooks-").FullName;
        var pgDatabase = "verification_webhooks_" + Guid.NewGuid().ToString("N");
        var connectionString = provider == "Sqlite"
            ? $"Data Source={Path.Combine(directory, "verification.db")}"
            : await CreatePostgreSqlDatabaseAsync(pgDatabase);
        var random = new Random(20261121);
        var answered = 0;

        // While set, answers wait 1.5 s (under the request timeout): a request that arrives then is still unanswered,
        // so unrecorded by its host, when the test kills that host a moment later.
        var holdAnswers = 0;
        var failures = new Dictionary<string, int>(StringComparer.Ordinal);
        using var receiver = new WebhookTestReceiver((request, _) =>
        {
            Interlocked.Increment(ref answered);
            var hold = Volatile.Read(ref holdAnswers) == 1;
            lock (random)
            {
                // About 30 percent fail, and answers take a little while, so a kill catches requests in flight. No
                // message fails more than four times: with the fixed seed, one interleaving of the hosts' retries recurred
                // (the same request counts in two runs) and failed one message at every one of the schedule's ten
                // attempts, so it rightly gave up (WebhookDispatcherTests covers giving up); here every event must arrive.
                var id = request.Id ?? string.Empty;
                var fail = random.NextDouble() < 0.3 && failures.GetValueOrDefault(id) < 4;
                if (fail)
                {
                    failures[id] = failures.GetValueOrDefault(id) + 1;
                }

                var delay = TimeSpan.FromMilliseconds(random.Next(20, 120));
                return new ReceiverAnswer(fail ? 500 : 200, Delay: hold ? TimeSpan.FromMilliseconds(1500) : delay);
            }
        });
        string[] settings =
        [
            $"--ConnectionStrings:Verification={connectionString}",
            $"--Verification:Storage:Provider={provider}",
            $"--Verification:DataProtection:KeysPath={Path.Combine(directory, "keys")}",
            "--Verification:PasswordIterations=100000",
            "--Verification:Demo:Seed=false",
            "--Verification:Webhooks:AllowLoopback=true",
            "--Verification:Webhooks:PollInterval=00:00:00.100",
            "--Verification:Webhooks:LeaseDuration=00:00:06",
            "--Verification:Webhooks:RequestTimeout=00:00:02",
            "--Verification:Webhooks:BatchSize=16",
            // 5 s becomes 1 ms, 5 min 60 ms, 2 h 1.4 s, 24 h 17 s: the specification's schedule, compressed.
            "--Verification:Webhooks:RetryDelayScale=0.0002",
            "--Logging:LogLevel:Default=Warning",
        ];

        var app = HostSetup.CreateBuilder(settings).Build();
        var hosts = new List<HostProcess>();
        try
        {
            string secretText;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<VerificationDatabaseMigrator>().MigrateAsync(CancellationToken.None);
                await BootstrapHostedService.EnsureTenantAsync(scope.ServiceProvider.GetRequiredService<ITenantStore>(), Tenant, TimeProvider.System, CancellationToken.None);
                var added = await scope.ServiceProvider.GetRequiredService<WebhookEndpointManager>().AddAsync(Tenant, receiver.BaseUrl + "kyc", null, CancellationToken.None);
                secretText = added.Value.Secret;

                // Writes the shared token key file now: two hosts starting at once would race to create it.
                _ = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<Verification.Core.ServiceAccounts.TokenSigningOptions>>().Value;
            }

            // Host A delivers alone until it is killed mid-delivery; B starts then and takes over A's lapsed leases;
            // A comes back later and both share the work.
            hosts.Add(await HostProcess.StartAsync("A", settings, directory));
            Task<HostProcess>? startingB = null;
            Task<HostProcess>? restartingA = null;
            var started = Stopwatch.StartNew();
            var data = new SpecimenData();
            var expected = new HashSet<string>(StringComparer.Ordinal);
            var killedWithRequestsInFlight = false;
            for (var i = 0; i < Decisions; i++)
            {
                expected.Add(await DecideAsync(app.Services, data));
                if (i == Decisions / 3)
                {
                    // A is the only host: a request that arrives once answers are held is one of A's, and A cannot have
                    // its answer before it is killed. (Checking for a request in flight without holding raced: the
                    // answer could arrive and be recorded between the check and the kill.)
                    Interlocked.Exchange(ref holdAnswers, 1);
                    var before = Volatile.Read(ref answered);
                    var deadline = DateTime.UtcNow.AddSeconds(10);
                    while (Volatile.Read(ref answered) == before && DateTime.UtcNow < deadline)
                    {
                        await Task.Delay(5);
                    }

                    killedWithRequestsInFlight = Volatile.Read(ref answered) > before;
                    hosts[0].Kill();
                    Interlocked.Exchange(ref holdAnswers, 0);
                    startingB = HostProcess.StartAsync("B", settings, directory);
                }

                if (i == 2 * Decisions / 3)
                {
                    hosts.Add(await startingB!);
                    restartingA = HostProcess.StartAsync("A2", settings, directory);
                }
            }

            hosts.Add(await restartingA!);
            var decided = started.Elapsed;
            var acknowledged = await WaitForAcknowledgementsAsync(receiver, expected, app.Services);
            var done = started.Elapsed;

            var secret = WebhookSecret.Parse(secretText).Value;
            var verifier = new WebhookVerifier(TimeProvider.System);
            var received = receiver.Received.ToList();
            var badSignatures = received.Count(r => !verifier.Verify(r.Id, r.Timestamp, r.Signature, r.Body, secret).IsSuccess);
            var duplicates = received.Count(r => r.StatusCode == 200) - acknowledged.Count;
            output.WriteLine(
                $"{provider}: {Decisions} decisions in {decided.TotalSeconds:F1} s; all acknowledged after {done.TotalSeconds:F1} s; " +
                $"{received.Count} requests ({received.Count(r => r.StatusCode == 500)} answered 500, {duplicates} duplicate 2xx after the kill); " +
                $"{received.Count / done.TotalSeconds:F0} requests/s end to end, host A killed mid-delivery, B took over, A restarted.");

            var deliveries = await ListDeliveriesAsync(app.Services);
            foreach (var d in deliveries.Where(d => d.State != WebhookDeliveryState.Delivered).Append(deliveries.MaxBy(d => d.AttemptCount)!))
            {
                // What the deliveries that did not arrive, and the one that took most attempts, went through.
                output.WriteLine($"{d.MessageId} {d.State}, {d.AttemptCount} attempts, last {d.LastStatusCode} {d.LastError}: " +
                    string.Join("; ", d.Attempts.Select(a => $"#{a.Number} at {a.AttemptedAt:HH:mm:ss.fff} {a.StatusCode} {a.Error} in {a.DurationMilliseconds} ms")) +
                    "; the receiver answered it " + string.Join(", ", received.Where(r => r.Id == d.MessageId).Select(r => r.StatusCode)));
            }

            killedWithRequestsInFlight.Should().BeTrue("host A was killed mid-delivery");
            deliveries.Sum(d => d.Attempts.Count).Should().BeLessThan(received.Count, "the attempts A had in flight were never recorded; another host made them again");
            received.Should().Contain(r => r.StatusCode == 500, "the receiver failed some requests, so retries happened");
            badSignatures.Should().Be(0, "every request carries a valid signature");
            acknowledged.Should().BeEquivalentTo(expected, "de-duplicated by webhook-id, every event arrived exactly once and none is lost");
            deliveries.Should().HaveCount(Decisions).And.OnlyContain(d => d.State == WebhookDeliveryState.Delivered);
        }
        finally
        {
            foreach (var host in hosts)
            {
                output.WriteLine($"host {host.Name} (last lines): {host.Tail}");
                host.Dispose();
            }

            await app.DisposeAsync();
            if (provider == "PostgreSql")
            {
                await DropPostgreSqlDatabaseAsync(pgDatabase);
            }

            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a pooled connection; the temp folder is cleaned by the system.
            }
        }
    }

    private static async Task<string> DecideAsync(IServiceProvider services, SpecimenData data)
    {
        var folder = data.NewFolder(Tenant, analyses: 1);
        await using (var scope = services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<IVerificationStore>().CreateAsync(folder, CancellationToken.None)).IsSuccess.Should().BeTrue();
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var decided = await scope.ServiceProvider.GetRequiredService<VerificationManager>()
                .DecideAsync(Tenant, folder.Analyses[0].Id, DecisionKind.Approve, "analyst:reliability", null, CancellationToken.None);
            decided.IsSuccess.Should().BeTrue(decided.Failure?.Code);
            return decided.Value.Folder.Outbox.Single().Id;
        }
    }

    // Waits until the receiver acknowledged every event and the store records every delivery as delivered: a 2xx
    // answered to a killed host is an acknowledgement its delivery never recorded, and is made again later.
    private static async Task<HashSet<string>> WaitForAcknowledgementsAsync(WebhookTestReceiver receiver, HashSet<string> expected, IServiceProvider services)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var acknowledged = receiver.Received.Where(r => r.StatusCode is >= 200 and < 300).Select(r => r.Id!).ToHashSet(StringComparer.Ordinal);
            var finished = acknowledged.IsSupersetOf(expected)
                           && (await ListDeliveriesAsync(services)).All(d => d.State == WebhookDeliveryState.Delivered);
            if (finished || DateTime.UtcNow > deadline)
            {
                // Let in-flight duplicates land, so the de-duplication is judged on everything sent.
                await Task.Delay(500);
                return receiver.Received.Where(r => r.StatusCode is >= 200 and < 300).Select(r => r.Id!).ToHashSet(StringComparer.Ordinal);
            }

            await Task.Delay(100);
        }
    }

    private static async Task<List<WebhookDelivery>> ListDeliveriesAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IWebhookDeliveryStore>();
        var all = new List<WebhookDelivery>();
        string? cursor = null;
        while (true)
        {
            var page = new List<WebhookDelivery>();
            await foreach (var delivery in store.ListAsync(new WebhookDeliveryQuery { TenantId = Tenant, After = cursor, Limit = 200 }, CancellationToken.None))
            {
                page.Add(delivery);
            }

            if (page.Count == 0)
            {
                return all;
            }

            all.AddRange(page);
            cursor = page[^1].Id;
        }
    }

    private static async Task<string> CreatePostgreSqlDatabaseAsync(string database)
    {
        var server = Environment.GetEnvironmentVariable("VERIFICATION_TEST_POSTGRES")
            ?? throw new InvalidOperationException("VERIFICATION_TEST_POSTGRES is not set: run ./test.sh, which starts PostgreSQL.");
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = database }.ToString();
    }

    private static async Task DropPostgreSqlDatabaseAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("VERIFICATION_TEST_POSTGRES"));
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>The reference host as a real child process (<c>dotnet ReferenceHost.dll</c>) on a free port.</summary>
    private sealed class HostProcess : IDisposable
    {
        private readonly Process _process;
        private readonly Queue<string> _tail = new();

        private HostProcess(string name, Process process)
        {
            Name = name;
            _process = process;
        }

        public string Name { get; }

            public string Tail
        {
            get
            {
                lock (_tail)
                {
                    return string.Join(" | ", _tail);
                }
            }
        }

        public static async Task<HostProcess> StartAsync(string name, string[] settings, string workingDirectory)
        {
            var port = FreePort();
            var dll = Path.Combine(AppContext.BaseDirectory, "ReferenceHost.dll");
            File.Exists(dll).Should().BeTrue("the reference host is built next to the tests (project reference)");
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(dll);
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add($"http://127.0.0.1:{port}");
            foreach (var setting in settings)
            {
                start.ArgumentList.Add(setting);
            }

            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["DOTNET_ENVIRONMENT"] = "Production";
            var host = new HostProcess(name, Process.Start(start)!);
            host._process.OutputDataReceived += (_, e) => host.Keep(e.Data);
            host._process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
            host._process.BeginOutputReadLine();
            host._process.BeginErrorReadLine();

            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < deadline && !host._process.HasExited)
            {
                try
                {
                    if ((await client.GetAsync($"http://127.0.0.1:{port}/health/live")).IsSuccessStatusCode)
                    {
                        return host;
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }

                await Task.Delay(100);
            }

            var tail = host.Tail;
            host.Dispose();
            throw new InvalidOperationException($"Host {name} did not start: {tail}");
        }

        public void Kill()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }

        public void Dispose()
        {
            Kill();
            _process.Dispose();
        }

        private static int FreePort()
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        private void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_tail)
            {
                _tail.Enqueue(line);
                while (_tail.Count > 20)
                {
                    _tail.Dequeue();
                }
            }
        }
    }
}
