using Verification.Core.Stores;
using Verification.Core;
using Verification.Core.Webhooks;

namespace Verification.Storage.Specification.Webhooks;

/// <summary>
/// What every <see cref="IWebhookEndpointStore"/> must do. Derive, implement <see cref="CreateStore"/> so that
/// every call answers a new store instance over the same storage, and run.
/// </summary>
public abstract class WebhookEndpointStoreSpecification
{
    /// <summary>Specimen factory and clock.</summary>
    protected SpecimenData Data { get; } = new();

    /// <summary>Bounds every call, so a deadlocked store fails the test instead of hanging it.</summary>
    protected CancellationToken Ct { get; } = new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token;

    /// <summary>A new store over the same storage as every other store this instance creates.</summary>
    protected abstract IWebhookEndpointStore CreateStore();

    /// <summary>A new endpoint of <paramref name="tenantId"/>, subscribed to every event type.</summary>
    public static WebhookEndpoint NewEndpoint(string tenantId, DateTimeOffset now, string? url = null)
    {
        using var secret = WebhookSecret.Generate();
        return new WebhookEndpoint
        {
            Id = Identifiers.NewUlid(now),
            TenantId = tenantId,
            Url = url ?? $"https://hooks.example.com/{Guid.NewGuid():N}",
            EventTypes = [.. WebhookEventTypes.All],
            Secret = secret.Reveal(),
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    [Fact]
    public async Task RoundTripsAnEndpointWithItsSecretAndEventTypes()
    {
        var endpoint = NewEndpoint(SpecimenData.NewTenantId(), Data.Clock.GetUtcNow());

        (await CreateStore().CreateAsync(endpoint, Ct)).IsSuccess.Should().BeTrue();
        var found = await CreateStore().FindByIdAsync(endpoint.TenantId, endpoint.Id, Ct);

        found.Should().BeEquivalentTo(endpoint, o => o
            .Using<DateTimeOffset>(c => c.Subject.Should().BeCloseTo(c.Expectation, TimeSpan.FromMilliseconds(1))).WhenTypeIs<DateTimeOffset>());
        WebhookSecret.Parse(found!.Secret).IsSuccess.Should().BeTrue("the stored secret can sign");
    }

    [Fact]
    public async Task AnswersNothingForAnotherTenantsEndpoint()
    {
        var endpoint = NewEndpoint(SpecimenData.NewTenantId(), Data.Clock.GetUtcNow());
        await CreateStore().CreateAsync(endpoint, Ct);
        var other = SpecimenData.NewTenantId();

        (await CreateStore().FindByIdAsync(other, endpoint.Id, Ct)).Should().BeNull();
        (await ToListAsync(CreateStore().ListAsync(other, Ct))).Should().BeEmpty();
        var foreign = NewEndpoint(other, Data.Clock.GetUtcNow());
        var update = await CreateStore().UpdateAsync(new WebhookEndpoint
        {
            Id = endpoint.Id,
            TenantId = other,
            Url = foreign.Url,
            Secret = foreign.Secret,
            CreatedAt = foreign.CreatedAt,
        }, Ct);
        update.Failure!.Code.Should().Be("webhook_endpoint.not_found");
        (await CreateStore().FindByIdAsync(endpoint.TenantId, endpoint.Id, Ct))!.Url.Should().Be(endpoint.Url);
    }

    [Fact]
    public async Task RefusesASecondEndpointWithTheSameId()
    {
        var endpoint = NewEndpoint(SpecimenData.NewTenantId(), Data.Clock.GetUtcNow());
        await CreateStore().CreateAsync(endpoint, Ct);

        var again = await CreateStore().CreateAsync(NewEndpointWithId(endpoint.Id, endpoint.TenantId), Ct);

        again.Failure!.Code.Should().Be("webhook_endpoint.exists");
    }

    [Fact]
    public async Task SavesADisabledEndpointAndARotatedSecret()
    {
        var endpoint = NewEndpoint(SpecimenData.NewTenantId(), Data.Clock.GetUtcNow());
        await CreateStore().CreateAsync(endpoint, Ct);
        var store = CreateStore();
        var read = (await store.FindByIdAsync(endpoint.TenantId, endpoint.Id, Ct))!;
        using var next = WebhookSecret.Generate();
        read.Enabled = false;
        read.DisabledReason = "the receiver answered 410 Gone";
        read.PreviousSecret = read.Secret;
        read.PreviousSecretExpiresAt = Data.Clock.GetUtcNow().AddHours(24);
        read.Secret = next.Reveal();

        (await store.UpdateAsync(read, Ct)).IsSuccess.Should().BeTrue();

        var again = (await CreateStore().FindByIdAsync(endpoint.TenantId, endpoint.Id, Ct))!;
        again.Enabled.Should().BeFalse();
        again.DisabledReason.Should().Be("the receiver answered 410 Gone");
        again.Secret.Should().Be(next.Reveal());
        again.PreviousSecret.Should().Be(endpoint.Secret);
        again.PreviousSecretExpiresAt.Should().BeCloseTo(Data.Clock.GetUtcNow().AddHours(24), TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task ListsATenantsEndpointsInCreationOrder()
    {
        var tenant = SpecimenData.NewTenantId();
        var created = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            Data.Clock.Advance(TimeSpan.FromSeconds(1));
            var endpoint = NewEndpoint(tenant, Data.Clock.GetUtcNow());
            await CreateStore().CreateAsync(endpoint, Ct);
            created.Add(endpoint.Id);
        }

        (await ToListAsync(CreateStore().ListAsync(tenant, Ct))).Select(e => e.Id).Should().Equal(created);
    }

    private WebhookEndpoint NewEndpointWithId(string id, string tenantId)
    {
        var template = NewEndpoint(tenantId, Data.Clock.GetUtcNow());
        return new WebhookEndpoint { Id = id, TenantId = tenantId, Url = template.Url, Secret = template.Secret, CreatedAt = template.CreatedAt, EventTypes = template.EventTypes };
    }

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
