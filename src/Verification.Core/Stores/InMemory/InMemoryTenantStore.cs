using System.Collections.Concurrent;
using Verification.Core.Tenants;

namespace Verification.Core.Stores.InMemory;

/// <summary>Tenants kept in memory, for tests and demos.</summary>
public sealed class InMemoryTenantStore : ITenantStore
{
    private readonly ConcurrentDictionary<string, Tenant> _tenants = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<Tenant?> FindByIdAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(_tenants.TryGetValue(id, out var t) ? Snapshot.Copy(t) : null);
    }

    /// <inheritdoc />
    public ValueTask<Outcome<Tenant>> CreateAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<Outcome<Tenant>>(_tenants.TryAdd(tenant.Id, Snapshot.Copy(tenant)) ? tenant : StoreFailures.TenantExists);
    }
}
