using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Verification.Core.Webhooks;
using Verification.Storage.EfCore.Stores;
using Verification.Storage.Specification;
using Verification.Storage.Specification.Webhooks;
using Verification.Core.Stores;

namespace Verification.Storage.EfCore.Tests.Stores;

/// <summary>The pruner deletes finished deliveries and fanned-out outbox messages past the retention, batch by batch.</summary>
public abstract class WebhookPruningTests(ITestDatabase db)
{
    private readonly CancellationToken _ct = new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token;
    private readonly SpecimenData _data = new();

    [Fact]
    public async Task PrunesFannedOutMessagesAndFinishedDeliveriesPastTheRetentionInBatches()
    {
        var tenant = SpecimenData.NewTenantId();
        var endpoint = WebhookEndpointStoreSpecification.NewEndpoint(tenant, _data.Clock.GetUtcNow());
        await new EfWebhookEndpointStore<VerificationDbContext>(db.NewContext(), db.Protector).CreateAsync(endpoint, _ct);
        var messages = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            messages.Add(await DecideAsync(tenant));
        }

        var store = new EfWebhookDeliveryStore<VerificationDbContext>(db.NewContext());
        (await store.FanOutAsync(100, _data.Clock.GetUtcNow(), _ct)).Should().Be(3);
        var claimed = await store.ClaimDueAsync(100, _data.Clock.GetUtcNow(), TimeSpan.FromMinutes(1), _ct);
        foreach (var delivery in claimed.Take(2))
        {
            delivery.State = WebhookDeliveryState.Delivered;
            delivery.DeliveredAt = delivery.UpdatedAt = _data.Clock.GetUtcNow();
            delivery.NextAttemptAt = null;
            await new EfWebhookDeliveryStore<VerificationDbContext>(db.NewContext()).CompleteAsync(delivery, null, _ct);
        }

        var services = new ServiceCollection().AddScoped<IWebhookDeliveryStore>(_ => new EfWebhookDeliveryStore<VerificationDbContext>(db.NewContext())).BuildServiceProvider();
        var pruner = new WebhookPruner(
            services.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new WebhookDeliveryOptions { Retention = TimeSpan.FromDays(30), PruneBatchSize = 1 }),
            _data.Clock,
            NullLogger<WebhookPruner>.Instance);

        (await pruner.RunOnceAsync(_ct)).Total.Should().Be(0, "nothing is older than the retention yet");
        _data.Clock.Advance(TimeSpan.FromDays(31));
        var pruned = await pruner.RunOnceAsync(_ct);

        pruned.Deliveries.Should().Be(2);
        pruned.OutboxMessages.Should().BeGreaterThanOrEqualTo(3);
        await using var context = db.NewContext();
        (await context.Set<OutboxMessage>().CountAsync(m => messages.Contains(m.Id), _ct)).Should().Be(0);
        (await context.Set<WebhookDelivery>().CountAsync(d => d.TenantId == tenant, _ct)).Should().Be(1, "the pending delivery stays");
    }

    private async Task<string> DecideAsync(string tenantId)
    {
        var folder = _data.NewFolder(tenantId, analyses: 1);
        await new EfVerificationStore<VerificationDbContext>(db.NewContext(), db.Protector).CreateAsync(folder, _ct);
        var store = new EfVerificationStore<VerificationDbContext>(db.NewContext(), db.Protector);
        var read = (await store.FindByIdAsync(tenantId, folder.VerificationId, _ct))!;
        _data.ApproveFirst(read);
        (await store.UpdateAsync(read, _ct)).IsSuccess.Should().BeTrue();
        return read.Outbox.Single().Id;
    }
}

public sealed class SqliteWebhookPruningTests(SqliteTestDatabase db) : WebhookPruningTests(db), IClassFixture<SqliteTestDatabase>;

public sealed class PostgreSqlWebhookPruningTests(PostgreSqlTestDatabase db) : WebhookPruningTests(db), IClassFixture<PostgreSqlTestDatabase>;
