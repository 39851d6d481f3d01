using Verification.Core;
using Verification.Core.Stores;
using Verification.Core.Verifications;
using Verification.Core.Webhooks;

namespace Verification.Storage.Specification.Webhooks;

/// <summary>
/// What every <see cref="IWebhookDeliveryStore"/> must do: fan-out of the verification outbox, claims under a
/// lease, the attempt log and resends. Derive and implement the three factories so that every call answers a
/// new store instance over the same storage. Tests share that storage: they look only at their own tenant.
/// </summary>
public abstract class WebhookDeliveryStoreSpecification
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);

    /// <summary>Specimen factory and clock.</summary>
    protected SpecimenData Data { get; } = new();

    /// <summary>Bounds every call, so a deadlocked store fails the test instead of hanging it.</summary>
    protected CancellationToken Ct { get; } = new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token;

    /// <summary>A new delivery store over the shared storage.</summary>
    protected abstract IWebhookDeliveryStore CreateStore();

    /// <summary>A new endpoint store over the shared storage.</summary>
    protected abstract IWebhookEndpointStore CreateEndpointStore();

    /// <summary>A new verification store over the shared storage (whose outbox the delivery store reads).</summary>
    protected abstract IVerificationStore CreateVerificationStore();

    [Fact]
    public async Task FansADecisionOutToEveryEnabledSubscribedEndpointOfItsTenantOnce()
    {
        var tenant = SpecimenData.NewTenantId();
        var now = Data.Clock.GetUtcNow();
        var first = await AddEndpointAsync(tenant);
        var second = await AddEndpointAsync(tenant);
        var disabled = WebhookEndpointStoreSpecification.NewEndpoint(tenant, now);
        disabled.Enabled = false;
        await CreateEndpointStore().CreateAsync(disabled, Ct);
        var unsubscribed = WebhookEndpointStoreSpecification.NewEndpoint(tenant, now);
        unsubscribed.EventTypes.Clear();
        await CreateEndpointStore().CreateAsync(unsubscribed, Ct);
        var elsewhere = await AddEndpointAsync(SpecimenData.NewTenantId());

        var message = await DecideAsync(tenant);
        await FanOutEverythingAsync();
        await FanOutEverythingAsync();

        var deliveries = await ListAsync(new WebhookDeliveryQuery { TenantId = tenant });
        deliveries.Select(d => d.EndpointId).Should().BeEquivalentTo([first.Id, second.Id]);
        deliveries.Should().OnlyContain(d => d.MessageId == message.Id && d.Body == message.Body && d.EventType == "analysis.decided"
                                             && d.State == WebhookDeliveryState.Pending && d.AttemptCount == 0);
        (await ListAsync(new WebhookDeliveryQuery { TenantId = elsewhere.TenantId })).Should().BeEmpty();
    }

    [Fact]
    public async Task ClaimsADueDeliveryForOneClaimerUntilItsLeaseLapses()
    {
        var delivery = await NewDeliveryAsync(SpecimenData.NewTenantId());
        var now = Data.Clock.GetUtcNow();

        var claimed = Mine(await CreateStore().ClaimDueAsync(500, now, Lease, Ct), delivery);
        var meanwhile = Mine(await CreateStore().ClaimDueAsync(500, now + (Lease / 2), Lease, Ct), delivery);
        var afterLapse = Mine(await CreateStore().ClaimDueAsync(500, now + Lease + TimeSpan.FromSeconds(1), Lease, Ct), delivery);

        claimed.Should().ContainSingle().Which.LeaseToken.Should().NotBeNullOrEmpty();
        claimed[0].MessageId.Should().Be(delivery.MessageId);
        meanwhile.Should().BeEmpty("the lease holds");
        afterLapse.Should().ContainSingle("a host that died leaves its lease to lapse and another takes over")
            .Which.LeaseToken.Should().NotBe(claimed[0].LeaseToken);
    }

    [Fact]
    public async Task DoesNotClaimADeliveryBeforeItIsDue()
    {
        var delivery = await NewDeliveryAsync(SpecimenData.NewTenantId(), dueIn: TimeSpan.FromMinutes(5));

        Mine(await CreateStore().ClaimDueAsync(500, Data.Clock.GetUtcNow(), Lease, Ct), delivery).Should().BeEmpty();
        Mine(await CreateStore().ClaimDueAsync(500, Data.Clock.GetUtcNow().AddMinutes(5), Lease, Ct), delivery).Should().ContainSingle();
    }

    [Fact]
    public async Task ConcurrentClaimersNeverGetTheSameDelivery()
    {
        var tenant = SpecimenData.NewTenantId();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 24; i++)
        {
            ids.Add((await NewDeliveryAsync(tenant)).Id);
        }

        var now = Data.Clock.GetUtcNow();
        var rounds = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(async () =>
        {
            var store = CreateStore();
            var got = new List<WebhookDelivery>();
            for (var round = 0; round < 10; round++)
            {
                got.AddRange(await store.ClaimDueAsync(4, now, Lease, Ct));
            }

            return got;
        })));

        var mine = rounds.SelectMany(r => r).Where(d => ids.Contains(d.Id)).Select(d => d.Id).ToList();
        mine.Should().OnlyHaveUniqueItems("a delivery is held by one claimer at a time");
        mine.Should().BeEquivalentTo(ids, "every due delivery is claimed by someone");
    }

    [Fact]
    public async Task CompletesADeliveryOnlyWhileHoldingItsLeaseAndLogsEveryAttempt()
    {
        var delivery = await NewDeliveryAsync(SpecimenData.NewTenantId());
        var now = Data.Clock.GetUtcNow();
        var slow = Mine(await CreateStore().ClaimDueAsync(500, now, Lease, Ct), delivery).Single();
        var later = now + Lease + TimeSpan.FromSeconds(1);
        var takeover = Mine(await CreateStore().ClaimDueAsync(500, later, Lease, Ct), delivery).Single();

        var slowKept = await CreateStore().CompleteAsync(Attempted(slow, 500, now), Attempt(slow, 1, 500, now), Ct);
        var takeoverKept = await CreateStore().CompleteAsync(Delivered(takeover, later), Attempt(takeover, 2, 204, later), Ct);

        slowKept.Should().BeFalse("its lease lapsed and was taken over");
        takeoverKept.Should().BeTrue();
        var stored = (await CreateStore().FindByIdAsync(delivery.TenantId, delivery.Id, Ct))!;
        stored.State.Should().Be(WebhookDeliveryState.Delivered);
        stored.LastStatusCode.Should().Be(204);
        stored.LeaseToken.Should().BeNull();
        stored.DeliveredAt.Should().BeCloseTo(later, TimeSpan.FromMilliseconds(1));
        stored.Attempts.Select(a => (a.Number, a.StatusCode)).Should().Equal((1, 500), (2, 204));
        Mine(await CreateStore().ClaimDueAsync(500, later.AddHours(1), Lease, Ct), delivery).Should().BeEmpty("a delivered delivery is done");
    }

    [Fact]
    public async Task ARetryIsClaimableWhenItsNextAttemptIsDue()
    {
        var delivery = await NewDeliveryAsync(SpecimenData.NewTenantId());
        var now = Data.Clock.GetUtcNow();
        var claimed = Mine(await CreateStore().ClaimDueAsync(500, now, Lease, Ct), delivery).Single();
        var retry = Attempted(claimed, 503, now);
        retry.NextAttemptAt = now.AddSeconds(5);

        (await CreateStore().CompleteAsync(retry, Attempt(claimed, 1, 503, now), Ct)).Should().BeTrue();

        Mine(await CreateStore().ClaimDueAsync(500, now.AddSeconds(4), Lease, Ct), delivery).Should().BeEmpty();
        var again = Mine(await CreateStore().ClaimDueAsync(500, now.AddSeconds(5), Lease, Ct), delivery).Should().ContainSingle().Subject;
        again.AttemptCount.Should().Be(1);
        again.ScheduleAttempts.Should().Be(1);
        again.LastStatusCode.Should().Be(503);
    }

    [Fact]
    public async Task ResendsAFailedDeliveryWithTheSameMessageIdAndAFreshSchedule()
    {
        var delivery = await NewDeliveryAsync(SpecimenData.NewTenantId());
        var now = Data.Clock.GetUtcNow();
        var claimed = Mine(await CreateStore().ClaimDueAsync(500, now, Lease, Ct), delivery).Single();
        var failed = Attempted(claimed, 500, now);
        failed.State = WebhookDeliveryState.Failed;
        failed.NextAttemptAt = null;
        await CreateStore().CompleteAsync(failed, Attempt(claimed, 1, 500, now), Ct);
        Mine(await CreateStore().ClaimDueAsync(500, now.AddDays(1), Lease, Ct), delivery).Should().BeEmpty();

        var later = now.AddHours(3);
        var resent = await CreateStore().ResendAsync(delivery.TenantId, delivery.Id, later, Ct);

        resent.Value.State.Should().Be(WebhookDeliveryState.Pending);
        resent.Value.ScheduleAttempts.Should().Be(0);
        resent.Value.AttemptCount.Should().Be(1, "the log keeps counting");
        var reclaimed = Mine(await CreateStore().ClaimDueAsync(500, later, Lease, Ct), delivery).Should().ContainSingle().Subject;
        reclaimed.MessageId.Should().Be(delivery.MessageId);
        (await CreateStore().ResendAsync(SpecimenData.NewTenantId(), delivery.Id, later, Ct)).Failure!.Code.Should().Be("webhook_delivery.not_found");
    }

    [Fact]
    public async Task RefusesASecondDeliveryOfOneMessageToOneEndpoint()
    {
        var delivery = await NewDeliveryAsync(SpecimenData.NewTenantId());
        var twin = new WebhookDelivery
        {
            Id = Identifiers.NewUlid(Data.Clock),
            TenantId = delivery.TenantId,
            EndpointId = delivery.EndpointId,
            MessageId = delivery.MessageId,
            EventType = delivery.EventType,
            Body = delivery.Body,
            NextAttemptAt = Data.Clock.GetUtcNow(),
            CreatedAt = Data.Clock.GetUtcNow(),
        };

        (await CreateStore().CreateAsync(twin, Ct)).Failure!.Code.Should().Be("webhook_delivery.exists");
    }

    [Fact]
    public async Task ListsATenantsDeliveriesWithFiltersAndPaging()
    {
        var tenant = SpecimenData.NewTenantId();
        var created = new List<WebhookDelivery>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(await NewDeliveryAsync(tenant));
        }

        var seen = new List<string>();
        string? cursor = null;
        for (var page = 0; page < 5; page++)
        {
            var items = await ListAsync(new WebhookDeliveryQuery { TenantId = tenant, After = cursor, Limit = 2 });
            if (items.Count == 0)
            {
                break;
            }

            seen.AddRange(items.Select(d => d.Id));
            cursor = items[^1].Id;
        }

        seen.Should().Equal(created.Select(d => d.Id).Order(StringComparer.Ordinal));
        (await ListAsync(new WebhookDeliveryQuery { TenantId = tenant, EndpointId = created[2].EndpointId })).Should().ContainSingle().Which.Id.Should().Be(created[2].Id);
        (await ListAsync(new WebhookDeliveryQuery { TenantId = tenant, MessageId = created[3].MessageId })).Should().ContainSingle().Which.Id.Should().Be(created[3].Id);
        (await ListAsync(new WebhookDeliveryQuery { TenantId = tenant, State = WebhookDeliveryState.Delivered })).Should().BeEmpty();
        (await ListAsync(new WebhookDeliveryQuery { TenantId = SpecimenData.NewTenantId() })).Should().BeEmpty();
        (await CreateStore().FindByIdAsync(SpecimenData.NewTenantId(), created[0].Id, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task ListsNewestFirstWithPagingTowardsOlderDeliveries()
    {
        var tenant = SpecimenData.NewTenantId();
        var created = new List<WebhookDelivery>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(await NewDeliveryAsync(tenant));
        }

        var first = await ListAsync(new WebhookDeliveryQuery { TenantId = tenant, NewestFirst = true, Limit = 3 });
        var second = await ListAsync(new WebhookDeliveryQuery { TenantId = tenant, NewestFirst = true, After = first[^1].Id, Limit = 3 });

        first.Concat(second).Select(d => d.Id).Should().Equal(created.Select(d => d.Id).OrderDescending(StringComparer.Ordinal));
        (await ListAsync(new WebhookDeliveryQuery { TenantId = tenant, EndpointId = created[1].EndpointId, NewestFirst = true, Limit = 1 }))
            .Should().ContainSingle().Which.Id.Should().Be(created[1].Id);
    }

    [Fact]
    public async Task PrunesFinishedDeliveriesPastTheThresholdInBatchesAndNeverAPendingOne()
    {
        var tenant = SpecimenData.NewTenantId();
        var now = Data.Clock.GetUtcNow();
        var delivered = await NewDeliveryAsync(tenant);
        var failed = await NewDeliveryAsync(tenant);
        var pending = await NewDeliveryAsync(tenant);
        var recent = await NewDeliveryAsync(tenant);
        var claimed = await CreateStore().ClaimDueAsync(500, now, Lease, Ct);
        await CreateStore().CompleteAsync(Delivered(Mine(claimed, delivered).Single(), now), Attempt(delivered, 1, 204, now), Ct);
        var gaveUp = Attempted(Mine(claimed, failed).Single(), 500, now);
        gaveUp.State = WebhookDeliveryState.Failed;
        gaveUp.NextAttemptAt = null;
        await CreateStore().CompleteAsync(gaveUp, Attempt(failed, 1, 500, now), Ct);
        var retry = Attempted(Mine(claimed, pending).Single(), 503, now);
        retry.NextAttemptAt = now.AddDays(1);
        await CreateStore().CompleteAsync(retry, Attempt(pending, 1, 503, now), Ct);
        await CreateStore().CompleteAsync(Delivered(Mine(claimed, recent).Single(), now.AddHours(2)), Attempt(recent, 1, 204, now.AddHours(2)), Ct);

        var first = await CreateStore().PruneAsync(now.AddHours(1), 1, Ct);
        long total = first.Deliveries;
        while ((await CreateStore().PruneAsync(now.AddHours(1), 1, Ct)) is { Deliveries: > 0 } more)
        {
            total += more.Deliveries;
        }

        first.Deliveries.Should().Be(1, "one batch deletes at most its size");
        total.Should().BeGreaterThanOrEqualTo(2);
        (await CreateStore().FindByIdAsync(tenant, delivered.Id, Ct)).Should().BeNull();
        (await CreateStore().FindByIdAsync(tenant, failed.Id, Ct)).Should().BeNull();
        (await CreateStore().FindByIdAsync(tenant, pending.Id, Ct)).Should().NotBeNull("a pending delivery is never pruned, however old");
        (await CreateStore().FindByIdAsync(tenant, recent.Id, Ct)).Should().NotBeNull("it finished after the threshold");
    }

    private static List<WebhookDelivery> Mine(IReadOnlyList<WebhookDelivery> claimed, WebhookDelivery delivery) =>
        claimed.Where(d => d.Id == delivery.Id).ToList();

    private static WebhookDelivery Attempted(WebhookDelivery claimed, int status, DateTimeOffset now)
    {
        claimed.AttemptCount++;
        claimed.ScheduleAttempts++;
        claimed.LastStatusCode = status;
        claimed.LastError = WebhookDeliveryErrors.HttpStatus;
        claimed.UpdatedAt = now;
        return claimed;
    }

    private static WebhookDelivery Delivered(WebhookDelivery claimed, DateTimeOffset now)
    {
        Attempted(claimed, 204, now);
        claimed.State = WebhookDeliveryState.Delivered;
        claimed.LastError = null;
        claimed.DeliveredAt = now;
        claimed.NextAttemptAt = null;
        return claimed;
    }

    private static WebhookDeliveryAttempt Attempt(WebhookDelivery delivery, int number, int status, DateTimeOffset at) => new()
    {
        Id = Identifiers.NewUlid(at),
        DeliveryId = delivery.Id,
        Number = number,
        AttemptedAt = at,
        StatusCode = status,
        DurationMilliseconds = 12,
        Error = status is >= 200 and < 300 ? null : WebhookDeliveryErrors.HttpStatus,
    };

    private async Task<WebhookEndpoint> AddEndpointAsync(string tenantId)
    {
        var endpoint = WebhookEndpointStoreSpecification.NewEndpoint(tenantId, Data.Clock.GetUtcNow());
        (await CreateEndpointStore().CreateAsync(endpoint, Ct)).IsSuccess.Should().BeTrue();
        return endpoint;
    }

    private async Task<WebhookDelivery> NewDeliveryAsync(string tenantId, TimeSpan? dueIn = null)
    {
        var endpoint = await AddEndpointAsync(tenantId);
        var now = Data.Clock.GetUtcNow();
        var message = OutboxMessage.Create(
            new AnalysisDecidedEvent { AnalysisId = Identifiers.NewUlid(now), VerificationId = "V-" + Guid.NewGuid().ToString("N")[..8], NewStatus = WebhookDecisionStatus.UserRejected, OccurredAt = now },
            tenantId,
            Identifiers.NewUlid(now),
            now);
        var delivery = WebhookDelivery.For(message, endpoint, now);
        delivery.NextAttemptAt = now + (dueIn ?? TimeSpan.Zero);
        (await CreateStore().CreateAsync(delivery, Ct)).IsSuccess.Should().BeTrue();
        return delivery;
    }

    private async Task<OutboxMessage> DecideAsync(string tenantId)
    {
        var folder = Data.NewFolder(tenantId, analyses: 1);
        await CreateVerificationStore().CreateAsync(folder, Ct);
        var store = CreateVerificationStore();
        var read = (await store.FindByIdAsync(tenantId, folder.VerificationId, Ct))!;
        read.Decide(read.Analyses[0].Id, DecisionKind.Approve, "analyst:A", null, Data.Clock.GetUtcNow()).IsSuccess.Should().BeTrue();
        (await store.UpdateAsync(read, Ct)).IsSuccess.Should().BeTrue();
        return read.Outbox.Single();
    }

    private async Task FanOutEverythingAsync()
    {
        while (await CreateStore().FanOutAsync(100, Data.Clock.GetUtcNow(), Ct) > 0)
        {
        }
    }

    private async Task<List<WebhookDelivery>> ListAsync(WebhookDeliveryQuery query)
    {
        var list = new List<WebhookDelivery>();
        await foreach (var item in CreateStore().ListAsync(query, Ct))
        {
            list.Add(item);
        }

        return list;
    }
}
