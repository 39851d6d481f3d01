using Microsoft.EntityFrameworkCore;
using Verification.Core;
using Verification.Core.Stores;
using Verification.Core.Tenants;

namespace Verification.Storage.EfCore.Stores;

/// <summary>Tenants in an EF Core database.</summary>
/// <typeparam name="TContext">The context holding the verification model.</typeparam>
public sealed class EfTenantStore<TContext>(TContext context) : ITenantStore
    where TContext : DbContext
{
    /// <inheritdoc />
    public async ValueTask<Tenant?> FindByIdAsync(string id, CancellationToken cancellationToken) =>
        await context.Set<Tenant>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask<Outcome<Tenant>> CreateAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        context.Set<Tenant>().Add(tenant);
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return tenant;
        }
        catch (DbUpdateException ex) when (ProviderErrors.IsUniqueViolation(ex))
        {
            context.Entry(tenant).State = EntityState.Detached;
            return StoreFailures.TenantExists;
        }
    }
}
