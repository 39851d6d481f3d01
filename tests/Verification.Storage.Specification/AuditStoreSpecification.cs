using Verification.Core.Audit;
using Verification.Core.Stores;

namespace Verification.Storage.Specification;

/// <summary>What every <see cref="IAuditStore"/> must do.</summary>
public abstract class AuditStoreSpecification
{
    /// <summary>Specimen factory.</summary>
    protected SpecimenData Data { get; } = new();

    /// <summary>Bounds every call.</summary>
    protected CancellationToken Ct { get; } = new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token;

    /// <summary>A new store over the same storage as every other store this instance creates.</summary>
    protected abstract IAuditStore CreateStore();

    [Fact]
    public async Task AppendsEntriesAsAnUnbrokenHashChain()
    {
        var tenant = SpecimenData.NewTenantId();
        await CreateStore().AppendAsync([Entry(tenant, "documents.submit"), Entry(tenant, "verifications.read")], Ct);
        await CreateStore().AppendAsync([Entry(tenant, "analyses.decide")], Ct);

        var mine = await ToListAsync(CreateStore().ListAsync(new AuditQuery { TenantId = tenant }, Ct));
        mine.Select(e => e.Action).Should().Equal("documents.submit", "verifications.read", "analyses.decide");
        mine.Select(e => e.Sequence).Should().BeInAscendingOrder();
        mine.Should().OnlyContain(e => e.Hash.Length == 64 && e.Hash == AuditChain.ComputeHash(e));

        var whole = await AuditChain.VerifyAsync(CreateStore().ListAsync(new AuditQuery(), Ct), Ct);
        whole.Ok.Should().BeTrue(whole.Reason);
        whole.Entries.Should().BeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task ConcurrentAppendsFromSeveralStoresKeepOneChain()
    {
        var tenant = SpecimenData.NewTenantId();
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            for (var j = 0; j < 5; j++)
            {
                await CreateStore().AppendAsync([Entry(tenant, $"writer{i}.call{j}")], Ct);
            }
        })));

        var mine = await ToListAsync(CreateStore().ListAsync(new AuditQuery { TenantId = tenant }, Ct));
        mine.Should().HaveCount(30);
        mine.Select(e => e.Sequence).Should().OnlyHaveUniqueItems();
        var whole = await AuditChain.VerifyAsync(CreateStore().ListAsync(new AuditQuery(), Ct), Ct);
        whole.Ok.Should().BeTrue(whole.Reason);
    }

    [Fact]
    public async Task FiltersByActorActionAndTime()
    {
        var tenant = SpecimenData.NewTenantId();
        var start = Data.Clock.GetUtcNow();
        await CreateStore().AppendAsync([Entry(tenant, "analyst.login", actorId: "01ANALYSTA")], Ct);
        Data.Clock.Advance(TimeSpan.FromHours(2));
        await CreateStore().AppendAsync([Entry(tenant, "documents.submit", actorId: "svc-vkyc"), Entry(tenant, "documents.submit", actorId: "svc-branch")], Ct);

        async Task<int> Count(AuditQuery q) => (await ToListAsync(CreateStore().ListAsync(q, Ct))).Count;

        (await Count(new AuditQuery { TenantId = tenant, ActorId = "svc-vkyc" })).Should().Be(1);
        (await Count(new AuditQuery { TenantId = tenant, Action = "documents.submit" })).Should().Be(2);
        (await Count(new AuditQuery { TenantId = tenant, From = start.AddHours(1) })).Should().Be(2);
        (await Count(new AuditQuery { TenantId = tenant, To = start.AddHours(1) })).Should().Be(1);
        (await Count(new AuditQuery { TenantId = tenant, Limit = 2 })).Should().Be(2);
        (await Count(new AuditQuery { TenantId = SpecimenData.NewTenantId() })).Should().Be(0);
    }

    private AuditEntry Entry(string tenant, string action, string actorId = "svc-vkyc") => new()
    {
        TenantId = tenant,
        OccurredAt = Data.Clock.GetUtcNow(),
        ActorType = AuditActorTypes.ServiceUser,
        ActorId = actorId,
        TokenId = "01TOKEN",
        Action = action,
        Route = "/api/v1/reco/mrz",
        TargetType = "verification",
        TargetId = "ACME-1",
        Outcome = "success",
        ClientAddress = "127.0.0.1",
        UserAgent = "curl/8.5",
    };

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
