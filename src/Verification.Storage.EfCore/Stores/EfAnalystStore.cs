using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Verification.Core;
using Verification.Core.Analysts;
using Verification.Core.Stores;

namespace Verification.Storage.EfCore.Stores;

/// <summary>Back-office accounts in an EF Core database.</summary>
/// <typeparam name="TContext">The context holding the verification model.</typeparam>
public sealed class EfAnalystStore<TContext>(TContext context) : IAnalystStore
    where TContext : DbContext
{
    private DbSet<Analyst> Analysts => context.Set<Analyst>();

    /// <inheritdoc />
    public async ValueTask<Analyst?> FindByIdAsync(string tenantId, string id, CancellationToken cancellationToken) =>
        await Analysts.FirstOrDefaultAsync(a => a.TenantId == tenantId && a.Id == id, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask<Analyst?> FindByEmailAsync(string tenantId, string normalizedEmail, CancellationToken cancellationToken) =>
        await Analysts.FirstOrDefaultAsync(a => a.TenantId == tenantId && a.NormalizedEmail == normalizedEmail, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask<Outcome<Analyst>> CreateAsync(Analyst analyst, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(analyst);
        Analysts.Add(analyst);
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return analyst;
        }
        catch (DbUpdateException ex) when (ProviderErrors.IsUniqueViolation(ex))
        {
            context.Entry(analyst).State = EntityState.Detached;
            return StoreFailures.AnalystEmailTaken;
        }
    }

    /// <inheritdoc />
    public async ValueTask<Outcome<Analyst>> UpdateAsync(Analyst analyst, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(analyst);
        var entry = context.Entry(analyst);
        if (entry.State == EntityState.Detached)
        {
            var exists = await Analysts.AnyAsync(a => a.TenantId == analyst.TenantId && a.Id == analyst.Id, cancellationToken).ConfigureAwait(false);
            if (!exists)
            {
                return StoreFailures.AnalystNotFound;
            }

            Analysts.Update(analyst);
        }

        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return analyst;
        }
        catch (DbUpdateException ex) when (ProviderErrors.IsUniqueViolation(ex))
        {
            return StoreFailures.AnalystEmailTaken;
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Analyst> ListAsync(string tenantId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = Analysts.AsNoTracking().Where(a => a.TenantId == tenantId).OrderBy(a => a.NormalizedEmail).ThenBy(a => a.Id);
        await foreach (var analyst in query.AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return analyst;
        }
    }

    /// <inheritdoc />
    public async ValueTask<long> CountAsync(string tenantId, CancellationToken cancellationToken) =>
        await Analysts.LongCountAsync(a => a.TenantId == tenantId, cancellationToken).ConfigureAwait(false);
}
