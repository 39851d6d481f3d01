using Microsoft.Extensions.Logging.Abstractions;
using Verification.Core;
using Verification.Core.Stores;
using Verification.Core.Verifications;

namespace Verification.Storage.Specification;

/// <summary>
/// What every <see cref="IVerificationStore"/> must do. Derive, implement <see cref="CreateStore"/> so
/// that every call answers a new store instance over the same storage, and run.
/// </summary>
public abstract class VerificationStoreSpecification
{
    /// <summary>Specimen factory.</summary>
    protected SpecimenData Data { get; } = new();

    /// <summary>A new store over the same storage as every other store this instance creates.</summary>
    protected abstract IVerificationStore CreateStore();

    /// <summary>Bounds every call, so a deadlocked store fails the test instead of hanging it.</summary>
    protected CancellationToken Ct { get; } = new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token;

    [Fact]
    public async Task ListsTheVerificationsDueForArchivingAndNeverAnArchivedOne()
    {
        var tenant = SpecimenData.NewTenantId();
        var start = Data.Clock.GetUtcNow();
        var extracted = Data.NewFolder(tenant, analyses: 1);
        extracted.RecordExtraction("service:svc-vkyc", "tok-1", withPictures: false, TimeSpan.FromMinutes(10), start);
        var decided = Data.NewFolder(tenant, analyses: 1);
        decided.Decide(decided.Analyses[0].Id, DecisionKind.Reject, "analyst:an-1", null, start.AddDays(1));
        var undecided = Data.NewFolder(tenant, analyses: 1);
        var archived = Data.NewFolder(tenant, analyses: 1);
        archived.Archive("system", "on demand", start);
        foreach (var folder in new[] { extracted, decided, undecided, archived })
        {
            (await CreateStore().CreateAsync(folder, Ct)).IsSuccess.Should().BeTrue();
        }

        async Task<List<string>> DueAsync(DateTimeOffset now, DateTimeOffset? decidedBefore, DateTimeOffset? createdBefore)
        {
            var ids = new List<string>();
            await foreach (var c in CreateStore().ListDueForArchiveAsync(new ArchiveDueQuery(now, decidedBefore, createdBefore, 10_000), Ct))
            {
                if (c.TenantId == tenant)
                {
                    ids.Add(c.VerificationId);
                }
            }

            return ids;
        }

        (await DueAsync(start.AddMinutes(9), null, null)).Should().BeEmpty();
        (await DueAsync(start.AddMinutes(10), null, null)).Should().Equal(extracted.VerificationId);
        (await DueAsync(start, start.AddDays(1), null)).Should().Equal(decided.VerificationId);
        (await DueAsync(start, start.AddDays(1).AddTicks(-TimeSpan.TicksPerMillisecond), null)).Should().BeEmpty("the decision is younger");
        (await DueAsync(start, null, start.AddDays(1))).Should().BeEquivalentTo([extracted.VerificationId, undecided.VerificationId]);
    }

    [Fact]
    public async Task RoundTripsAVerificationWithItsAnalysesFilesAndHistory()
    {
        var tenant = SpecimenData.NewTenantId();
        var folder = Data.NewFolder(tenant, analyses: 3);

        (await CreateStore().CreateAsync(folder, Ct)).IsSuccess.Should().BeTrue();
        var found = await CreateStore().FindByIdAsync(tenant, folder.VerificationId, Ct) ?? throw new Xunit.Sdk.XunitException("The verification was not found.");

        found.Should().BeEquivalentTo(folder, o => o
            .Using<DateTimeOffset>(c => c.Subject.Should().BeCloseTo(c.Expectation, TimeSpan.FromMilliseconds(1))).WhenTypeIs<DateTimeOffset>()
            .Excluding(f => f.Version));
        found.Analyses.Select(a => a.Id).Should().Equal(folder.Analyses.Select(a => a.Id), "analyses keep their submission order");
        found.History.Select(h => h.Id).Should().Equal(folder.History.Select(h => h.Id), "history keeps its order");
        found.Version.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task AnswersNothingForAnotherTenantsVerification()
    {
        var folder = Data.NewFolder(SpecimenData.NewTenantId());
        await CreateStore().CreateAsync(folder, Ct);

        var other = SpecimenData.NewTenantId();
        (await CreateStore().FindByIdAsync(other, folder.VerificationId, Ct)).Should().BeNull();
        (await CreateStore().FindByAnalysisIdAsync(other, folder.Analyses[0].Id, Ct)).Should().BeNull();
        var update = await CreateStore().UpdateAsync(WithTenant(folder, other), Ct);
        update.Failure!.Code.Should().Be(StoreFailures.VerificationNotFound.Code);
    }

    [Fact]
    public async Task RefusesASecondVerificationWithTheSameIdInOneTenantButNotInAnother()
    {
        var tenant = SpecimenData.NewTenantId();
        var first = Data.NewFolder(tenant, "CUSTOMER-42");
        var second = Data.NewFolder(tenant, "CUSTOMER-42");
        var elsewhere = Data.NewFolder(SpecimenData.NewTenantId(), "CUSTOMER-42");

        (await CreateStore().CreateAsync(first, Ct)).IsSuccess.Should().BeTrue();
        (await CreateStore().CreateAsync(second, Ct)).Failure!.Code.Should().Be("verification.exists");
        (await CreateStore().CreateAsync(elsewhere, Ct)).IsSuccess.Should().BeTrue();
        (await CreateStore().FindByIdAsync(tenant, "CUSTOMER-42", Ct))!.Id.Should().Be(first.Id, "the refused create stored nothing");
    }

    [Fact]
    public async Task FindsTheVerificationHoldingAnAnalysis()
    {
        var tenant = SpecimenData.NewTenantId();
        var folder = Data.NewFolder(tenant, analyses: 2);
        await CreateStore().CreateAsync(folder, Ct);

        var found = await CreateStore().FindByAnalysisIdAsync(tenant, folder.Analyses[1].Id, Ct);

        found!.VerificationId.Should().Be(folder.VerificationId);
        (await CreateStore().FindByAnalysisIdAsync(tenant, "01JNOSUCHANALYSIS000000000", Ct)).Should().BeNull();
    }

    [Fact]
    public async Task SavesAJoiningAnalysisAndADecisionAndIncrementsTheVersion()
    {
        var tenant = SpecimenData.NewTenantId();
        var folder = Data.NewFolder(tenant, analyses: 1);
        await CreateStore().CreateAsync(folder, Ct);

        var store = CreateStore();
        var read = (await store.FindByIdAsync(tenant, folder.VerificationId, Ct))!;
        var version = read.Version;
        read.AddAnalysis(Data.NewAnalysis(read, "7.0"), "service:svc-branch", Data.Clock.GetUtcNow());
        read.Decide(read.Analyses[0].Id, DecisionKind.Approve, "analyst:01ANALYST", "Looks right.", Data.Clock.GetUtcNow()).IsSuccess.Should().BeTrue();
        var saved = await store.UpdateAsync(read, Ct);

        saved.IsSuccess.Should().BeTrue();
        saved.Value.Version.Should().Be(version + 1);
        var again = (await CreateStore().FindByIdAsync(tenant, folder.VerificationId, Ct))!;
        again.Analyses.Should().HaveCount(2);
        again.Analyses[0].Decision.Should().Be(DecisionKind.Approve);
        again.Analyses[0].DecisionComment.Should().Be("Looks right.");
        again.Analyses[1].StatusCode.Should().Be("7.0");
        again.Analyses[1].Files.Should().ContainSingle();
        again.Status.Should().Be("7.0");
        again.History.Select(h => h.Kind).Should().Equal("submitted", "submitted", "decided");
        again.Version.Should().Be(version + 1);
    }

    [Fact]
    public async Task RefusesToSaveAVerificationChangedSinceItWasRead()
    {
        var tenant = SpecimenData.NewTenantId();
        var folder = Data.NewFolder(tenant, analyses: 1);
        await CreateStore().CreateAsync(folder, Ct);

        var storeA = CreateStore();
        var storeB = CreateStore();
        var copyA = (await storeA.FindByIdAsync(tenant, folder.VerificationId, Ct))!;
        var copyB = (await storeB.FindByIdAsync(tenant, folder.VerificationId, Ct))!;
        copyA.Decide(copyA.Analyses[0].Id, DecisionKind.Approve, "analyst:A", null, Data.Clock.GetUtcNow());
        copyB.Decide(copyB.Analyses[0].Id, DecisionKind.Reject, "analyst:B", null, Data.Clock.GetUtcNow());

        (await storeA.UpdateAsync(copyA, Ct)).IsSuccess.Should().BeTrue();
        var second = await storeB.UpdateAsync(copyB, Ct);

        second.Failure!.Code.Should().Be("verification.concurrency_conflict");
        var stored = (await CreateStore().FindByIdAsync(tenant, folder.VerificationId, Ct))!;
        stored.Analyses[0].Decision.Should().Be(DecisionKind.Approve, "the first decision wins and the second changed nothing");
        stored.Analyses[0].DecidedBy.Should().Be("analyst:A");
    }

    [Fact]
    public async Task StoresTheWebhookOutboxMessageWithTheDecisionAndNotWithoutIt()
    {
        var tenant = SpecimenData.NewTenantId();
        var folder = Data.NewFolder(tenant, analyses: 1);
        await CreateStore().CreateAsync(folder, Ct);
        var joiningStore = CreateStore();
        var joining = (await joiningStore.FindByIdAsync(tenant, folder.VerificationId, Ct))!;
        joining.AddAnalysis(Data.NewAnalysis(joining), "service:svc", Data.Clock.GetUtcNow());
        (await joiningStore.UpdateAsync(joining, Ct)).IsSuccess.Should().BeTrue();
        (await CreateStore().FindByIdAsync(tenant, folder.VerificationId, Ct))!.Outbox.Should().BeEmpty("only decisions raise webhook events");

        var storeA = CreateStore();
        var storeB = CreateStore();
        var copyA = (await storeA.FindByIdAsync(tenant, folder.VerificationId, Ct))!;
        var copyB = (await storeB.FindByIdAsync(tenant, folder.VerificationId, Ct))!;
        copyA.Decide(copyA.Analyses[0].Id, DecisionKind.Approve, "analyst:A", null, Data.Clock.GetUtcNow()).IsSuccess.Should().BeTrue();
        copyB.Decide(copyB.Analyses[0].Id, DecisionKind.Reject, "analyst:B", null, Data.Clock.GetUtcNow()).IsSuccess.Should().BeTrue();
        (await storeA.UpdateAsync(copyA, Ct)).IsSuccess.Should().BeTrue();
        (await storeB.UpdateAsync(copyB, Ct)).Failure!.Code.Should().Be("verification.concurrency_conflict");

        var stored = (await CreateStore().FindByIdAsync(tenant, folder.VerificationId, Ct))!;
        var message = stored.Outbox.Should().ContainSingle("the refused decision stored no event").Subject;
        message.Id.Should().Be(copyA.Outbox.Single().Id).And.StartWith("msg_");
        message.EventType.Should().Be("analysis.decided");
        message.TenantId.Should().Be(tenant);
        message.FolderId.Should().Be(folder.Id);
        var decided = (Verification.Core.Webhooks.AnalysisDecidedEvent)Verification.Core.Webhooks.WebhookEventSerializer
            .Deserialize(System.Text.Encoding.UTF8.GetBytes(message.Body)).Value;
        decided.AnalysisId.Should().Be(folder.Analyses[0].Id);
        decided.VerificationId.Should().Be(folder.VerificationId);
        decided.CorrelationId.Should().Be(folder.VerificationId, "the verification id is the integrator's correlation id");
        decided.SessionId.Should().Be(folder.VerificationId);
        decided.NewStatus.Should().Be(Verification.Core.Webhooks.WebhookDecisionStatus.UserApproved);
        message.Body.Should().Contain("\"sesssionId\"");
    }

    [Fact]
    public async Task ConcurrentFirstCallsWithOneCorrelationIdEndInOneVerification()
    {
        var tenant = SpecimenData.NewTenantId();
        var correlationId = Data.NewCorrelationId();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            var manager = new VerificationManager(CreateStore(), Data.Clock, NullLogger<VerificationManager>.Instance);
            return await manager.GetOrCreateAsync(tenant, correlationId, "retail", Ct);
        })));

        results.Should().OnlyContain(r => r.IsSuccess);
        results.Select(r => r.Value.Id).Distinct().Should().ContainSingle();
        var listed = await ToListAsync(CreateStore().ListAsync(new VerificationQuery { TenantId = tenant }, Ct));
        listed.Should().ContainSingle().Which.VerificationId.Should().Be(correlationId);
    }

    [Fact]
    public async Task ListsPagesInAStableOrderWithACursor()
    {
        var tenant = SpecimenData.NewTenantId();
        var created = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            var folder = Data.NewFolder(tenant, analyses: 1);
            await CreateStore().CreateAsync(folder, Ct);
            created.Add(folder.Id);
        }

        var seen = new List<string>();
        string? cursor = null;
        for (var page = 0; page < 5; page++)
        {
            var items = await ToListAsync(CreateStore().ListAsync(new VerificationQuery { TenantId = tenant, After = cursor, Limit = 3 }, Ct));
            if (items.Count == 0)
            {
                break;
            }

            items.Count.Should().BeLessThanOrEqualTo(3);
            seen.AddRange(items.Select(i => i.Id));
            cursor = items[^1].Id;
        }

        seen.Should().Equal(created.Order(StringComparer.Ordinal), "every verification once, in id order");
    }

    [Fact]
    public async Task ListFiltersByCorrelationIdStatusDepartmentAndUpdateTime()
    {
        var tenant = SpecimenData.NewTenantId();
        var retail = Data.NewFolder(tenant, analyses: 1, department: "retail");
        await CreateStore().CreateAsync(retail, Ct);
        Data.Clock.Advance(TimeSpan.FromHours(1));
        var since = Data.Clock.GetUtcNow();
        var corporate = Data.NewFolder(tenant, analyses: 0, department: "corporate");
        corporate.AddAnalysis(Data.NewAnalysis(corporate, "3.0"), "service:svc", Data.Clock.GetUtcNow());
        await CreateStore().CreateAsync(corporate, Ct);

        async Task<List<string>> Ids(VerificationQuery q) => (await ToListAsync(CreateStore().ListAsync(q, Ct))).Select(s => s.VerificationId).ToList();

        (await Ids(new VerificationQuery { TenantId = tenant, Department = "corporate" })).Should().Equal(corporate.VerificationId);
        (await Ids(new VerificationQuery { TenantId = tenant, Status = "3.0" })).Should().Equal(corporate.VerificationId);
        (await Ids(new VerificationQuery { TenantId = tenant, CorrelationId = retail.VerificationId })).Should().Equal(retail.VerificationId);
        (await Ids(new VerificationQuery { TenantId = tenant, UpdatedSince = since })).Should().Equal(corporate.VerificationId);
        (await Ids(new VerificationQuery { TenantId = SpecimenData.NewTenantId() })).Should().BeEmpty();
        var summary = (await ToListAsync(CreateStore().ListAsync(new VerificationQuery { TenantId = tenant, Status = "3.0" }, Ct))).Single();
        summary.Department.Should().Be("corporate");
        summary.ArchivedAt.Should().BeNull();
    }

    private static VerificationFolder WithTenant(VerificationFolder folder, string tenantId) => new()
    {
        Id = folder.Id,
        TenantId = tenantId,
        VerificationId = folder.VerificationId,
        CreatedAt = folder.CreatedAt,
        Version = folder.Version,
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
