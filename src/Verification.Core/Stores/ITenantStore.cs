using Verification.Core.Tenants;

namespace Verification.Core.Stores;

/// <summary>Stores tenants.</summary>
public interface ITenantStore
{
    /// <summary>Finds a tenant by id.</summary>
    ValueTask<Tenant?> FindByIdAsync(string id, CancellationToken cancellationToken);

    /// <summary>Creates a tenant; a conflict (<c>tenant.exists</c>) when the id is taken.</summary>
    ValueTask<Outcome<Tenant>> CreateAsync(Tenant tenant, CancellationToken cancellationToken);
}
