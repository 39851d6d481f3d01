using Verification.Core.Stores;
using Verification.Core.Tenants;

namespace Verification.Storage.Specification;

/// <summary>What every <see cref="ITenantStore"/> must do.</summary>
public abstract class TenantStoreSpecification
{
    /// <summary>Specimen factory.</summary>
    protected SpecimenData Data { get; } = new();

    /// <summary>Bounds every call.</summary>
    protected CancellationToken Ct { get; } = new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token;

    /// <summary>A new tenant store over the shared storage.</summary>
    protected abstract ITenantStore CreateTenantStore();

    [Fact]
    public async Task CreatesAndFindsTenantsAndRefusesADuplicateId()
    {
        var id = SpecimenData.NewTenantId();
        var tenant = new Tenant { Id = id, Name = "Banque Exemple", CreatedAt = Data.Clock.GetUtcNow() };

        (await CreateTenantStore().CreateAsync(tenant, Ct)).IsSuccess.Should().BeTrue();
        (await CreateTenantStore().CreateAsync(new Tenant { Id = id, Name = "Other", CreatedAt = Data.Clock.GetUtcNow() }, Ct))
            .Failure!.Code.Should().Be("tenant.exists");
        (await CreateTenantStore().FindByIdAsync(id, Ct))!.Name.Should().Be("Banque Exemple");
        (await CreateTenantStore().FindByIdAsync("no-such-tenant", Ct)).Should().BeNull();
    }
}
