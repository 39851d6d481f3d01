using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Verification.Core.Protection;
using Verification.Core.Stores;
using Verification.Core.Verifications;
using Verification.Core.Webhooks;
using Verification.Storage.EfCore.Stores;
using Verification.Storage.Specification;
using Verification.Storage.Specification.Webhooks;

namespace Verification.Storage.EfCore.Tests;

/// <summary>
/// <c>admin rewrap</c>'s engine on a real database: after it, the old master key can be removed and everything still
/// reads; it resumes from a cursor, and two runs at once re-wrap each data key once.
/// </summary>
public abstract class MasterKeyRewrapTests(ITestDatabase db)
{
    private static readonly string OldKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private static readonly string NewKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token;
    private readonly SpecimenData _data = new();

    [Fact]
    public async Task AfterTheRewrapTheOldMasterKeyCanBeRemovedAndEverythingStillReads()
    {
        var old = Protector(("old", OldKey));
        var (folders, endpoints) = await SeedAsync(old, 7);

        var rotated = Protector(("old", OldKey), ("new", NewKey), current: "new");
        var result = await Rewrapper(rotated).RunAsync(new RewrapRequest { BatchSize = 3 }, null, _ct);

        result.CurrentMasterKey.Should().Be("new");
        result.Progress.DataKeysRewrapped.Should().BeGreaterThanOrEqualTo(7);
        result.Progress.SecretsRewrapped.Should().BeGreaterThanOrEqualTo(endpoints.Count);
        result.Remaining.Should().Be(0);
        var onlyNew = Protector(("new", NewKey));
        foreach (var folder in folders)
        {
            var read = await new EfVerificationStore<VerificationDbContext>(db.NewContext(), onlyNew).FindByIdAsync(folder.TenantId, folder.VerificationId, _ct);
            read!.Analyses.Select(a => a.Fields).Should().BeEquivalentTo(folder.Analyses.Select(a => a.Fields));
            VerificationProtector.MasterKeyIdOf(read.WrappedDataKey).Should().Be("new");
        }

        foreach (var endpoint in endpoints)
        {
            var read = await new EfWebhookEndpointStore<VerificationDbContext>(db.NewContext(), onlyNew).FindByIdAsync(endpoint.TenantId, endpoint.Id, _ct);
            read!.Secret.Should().Be(endpoint.Secret);
        }

        (await Rewrapper(rotated).RunAsync(new RewrapRequest(), null, _ct)).Progress.DataKeysRewrapped.Should().Be(0, "a second run finds nothing to do");
    }

    [Fact]
    public async Task ResumesAfterTheCursorAnInterruptedRunReported()
    {
        var (folders, _) = await SeedAsync(Protector(("old", OldKey)), 6);
        var rotated = Protector(("old", OldKey), ("new", NewKey), current: "new");
        var ordered = folders.OrderBy(f => f.Id, StringComparer.Ordinal).ToList();
        var reported = new List<RewrapProgress>();

        var resumed = await Rewrapper(rotated).RunAsync(new RewrapRequest { After = ordered[2].Id, BatchSize = 2 }, new Collect(reported), _ct);

        reported.Should().NotBeEmpty("progress is reported batch by batch");
        reported.Select(p => p.DataKeysScanned).Should().BeInAscendingOrder();
        foreach (var folder in ordered.Take(3))
        {
            (await WrappedUnderAsync(rotated, folder)).Should().Be("old", "it is before the cursor");
        }

        foreach (var folder in ordered.Skip(3))
        {
            (await WrappedUnderAsync(rotated, folder)).Should().Be("new");
        }

        resumed.Remaining.Should().BeGreaterThanOrEqualTo(3);
        (await Rewrapper(rotated).RunAsync(new RewrapRequest(), null, _ct)).Remaining.Should().Be(0);
    }

    [Fact]
    public async Task TwoRunsAtOnceReWrapEachDataKeyOnce()
    {
        var (folders, _) = await SeedAsync(Protector(("old", OldKey)), 10);
        var rotated = Protector(("old", OldKey), ("new", NewKey), current: "new");
        var before = await CountUnderAsync(rotated, "old");

        var runs = await Task.WhenAll(
            Rewrapper(rotated).RunAsync(new RewrapRequest { BatchSize = 2 }, null, _ct),
            Rewrapper(rotated).RunAsync(new RewrapRequest { BatchSize = 3 }, null, _ct));

        runs.Sum(r => r.Progress.DataKeysRewrapped).Should().Be(before, "the concurrency check lets one run re-wrap each key");
        (await CountUnderAsync(rotated, "old")).Should().Be(0);
        folders.Should().HaveCount(10);
    }

    private async Task<(List<VerificationFolder> Folders, List<WebhookEndpoint> Endpoints)> SeedAsync(VerificationProtector protector, int count)
    {
        var tenant = SpecimenData.NewTenantId();
        var folders = new List<VerificationFolder>();
        for (var i = 0; i < count; i++)
        {
            var folder = _data.NewFolder(tenant, analyses: 1);
            (await new EfVerificationStore<VerificationDbContext>(db.NewContext(), protector).CreateAsync(folder, _ct)).IsSuccess.Should().BeTrue();
            folders.Add(folder);
        }

        var endpoints = new List<WebhookEndpoint>();
        for (var i = 0; i < 3; i++)
        {
            var endpoint = WebhookEndpointStoreSpecification.NewEndpoint(tenant, _data.Clock.GetUtcNow().AddMilliseconds(i));
            var clear = endpoint.Secret;
            await new EfWebhookEndpointStore<VerificationDbContext>(db.NewContext(), protector).CreateAsync(endpoint, _ct);
            endpoint.Secret = clear;
            endpoints.Add(endpoint);
        }

        return (folders, endpoints);
    }

    private async Task<string> WrappedUnderAsync(VerificationProtector protector, VerificationFolder folder)
    {
        var read = await new EfVerificationStore<VerificationDbContext>(db.NewContext(), protector).FindByIdAsync(folder.TenantId, folder.VerificationId, _ct);
        return VerificationProtector.MasterKeyIdOf(read!.WrappedDataKey);
    }

    private async Task<long> CountUnderAsync(VerificationProtector protector, string keyId)
    {
        await using var context = db.NewContext();
        var keys = await context.Set<VerificationFolder>().Where(f => f.WrappedDataKey != null).Select(f => f.WrappedDataKey!).ToListAsync(_ct);
        return keys.Count(k => VerificationProtector.MasterKeyIdOf(k) == keyId);
    }

    private MasterKeyRewrapper Rewrapper(VerificationProtector protector)
    {
        var services = new ServiceCollection()
            .AddSingleton(protector)
            .AddScoped(_ => db.NewContext())
            .AddScoped<IVerificationStore>(sp => new EfVerificationStore<VerificationDbContext>(sp.GetRequiredService<VerificationDbContext>(), protector))
            .AddScoped<IWebhookEndpointStore>(_ => new EfWebhookEndpointStore<VerificationDbContext>(db.NewContext(), protector))
            .AddScoped(sp => new VerificationManager(sp.GetRequiredService<IVerificationStore>(), _data.Clock, NullLogger<VerificationManager>.Instance, protector: protector))
            .BuildServiceProvider();
        return new MasterKeyRewrapper(services.GetRequiredService<IServiceScopeFactory>(), protector, KeysOf(protector), NullLogger<MasterKeyRewrapper>.Instance);
    }

    private readonly Dictionary<VerificationProtector, IMasterKeyProvider> _providers = [];

    private IMasterKeyProvider KeysOf(VerificationProtector protector) => _providers[protector];

    private VerificationProtector Protector(params (string Id, string Key)[] keys) => Protector(keys, null);

    private VerificationProtector Protector((string Id, string Key) first, (string Id, string Key) second, string current) => Protector([first, second], current);

    private VerificationProtector Protector((string Id, string Key)[] keys, string? current)
    {
        var options = new ProtectionOptions { CurrentMasterKey = current };
        foreach (var (id, key) in keys)
        {
            options.MasterKeys[id] = key;
        }

        var provider = new ConfiguredMasterKeyProvider(Options.Create(options));
        var protector = new VerificationProtector(provider);
        _providers[protector] = provider;
        return protector;
    }

    private sealed class Collect(List<RewrapProgress> into) : IProgress<RewrapProgress>
    {
        public void Report(RewrapProgress value) => into.Add(value);
    }
}

public sealed class SqliteMasterKeyRewrapTests(SqliteTestDatabase db) : MasterKeyRewrapTests(db), IClassFixture<SqliteTestDatabase>;

public sealed class PostgreSqlMasterKeyRewrapTests(PostgreSqlTestDatabase db) : MasterKeyRewrapTests(db), IClassFixture<PostgreSqlTestDatabase>;
