using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Verification.Core.Stores;
using Verification.Core;
using Verification.Core.ServiceAccounts;

namespace Verification.Storage.EfCore.Stores;

/// <summary>Service users in an EF Core database.</summary>
/// <typeparam name="TContext">The context holding the verification model.</typeparam>
public sealed class EfServiceUserStore<TContext>(TContext context) : IServiceUserStore
    where TContext : DbContext
{
    private DbSet<ServiceUser> Users => context.Set<ServiceUser>();

    /// <inheritdoc />
    public async ValueTask<ServiceUser?> FindByIdAsync(string tenantId, string id, CancellationToken cancellationToken) =>
        await Users.FirstOrDefaultAsync(u => u.TenantId == tenantId && u.Id == id, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask<ServiceUser?> FindByNameAsync(string tenantId, string name, CancellationToken cancellationToken) =>
        await Users.FirstOrDefaultAsync(u => u.TenantId == tenantId && u.Name == name, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask<Outcome<ServiceUser>> CreateAsync(ServiceUser serviceUser, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serviceUser);
        if (await Users.AnyAsync(u => u.Id == serviceUser.Id, cancellationToken).ConfigureAwait(false))
        {
            return KeyFailures.ServiceUserExists;
        }

        Users.Add(serviceUser);
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return serviceUser;
        }
        catch (DbUpdateException ex) when (ProviderErrors.IsUniqueViolation(ex))
        {
            context.Entry(serviceUser).State = EntityState.Detached;
            return KeyFailures.ServiceUserNameTaken;
        }
    }

    /// <inheritdoc />
    public async ValueTask<Outcome<ServiceUser>> UpdateAsync(ServiceUser serviceUser, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serviceUser);
        if (context.Entry(serviceUser).State == EntityState.Detached)
        {
            if (!await Users.AnyAsync(u => u.TenantId == serviceUser.TenantId && u.Id == serviceUser.Id, cancellationToken).ConfigureAwait(false))
            {
                return KeyFailures.ServiceUserNotFound;
            }

            Users.Update(serviceUser);
        }

        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return serviceUser;
        }
        catch (DbUpdateException ex) when (ProviderErrors.IsUniqueViolation(ex))
        {
            context.ChangeTracker.Clear();
            return KeyFailures.ServiceUserNameTaken;
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ServiceUser> ListAsync(string tenantId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = Users.AsNoTracking().Where(u => u.TenantId == tenantId).OrderBy(u => u.Name).ThenBy(u => u.Id);
        await foreach (var user in query.AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return user;
        }
    }
}

/// <summary>Token records in an EF Core database (never the tokens themselves).</summary>
/// <typeparam name="TContext">The context holding the verification model.</typeparam>
public sealed class EfServiceTokenStore<TContext>(TContext context) : IServiceTokenStore
    where TContext : DbContext
{
    private DbSet<ServiceToken> Tokens => context.Set<ServiceToken>();

    /// <inheritdoc />
    public async ValueTask<ServiceToken?> FindByIdAsync(string tenantId, string id, CancellationToken cancellationToken) =>
        await Tokens.FirstOrDefaultAsync(t => t.TenantId == tenantId && t.Id == id, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask<ServiceToken?> FindByIdAnyTenantAsync(string id, CancellationToken cancellationToken) =>
        await Tokens.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask<Outcome<ServiceToken>> CreateAsync(ServiceToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        Tokens.Add(token);
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return token;
        }
        catch (DbUpdateException ex) when (ProviderErrors.IsUniqueViolation(ex))
        {
            context.Entry(token).State = EntityState.Detached;
            return KeyFailures.TokenExists;
        }
    }

    /// <inheritdoc />
    public async ValueTask<Outcome<ServiceToken>> UpdateAsync(ServiceToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (context.Entry(token).State == EntityState.Detached)
        {
            if (!await Tokens.AnyAsync(t => t.TenantId == token.TenantId && t.Id == token.Id, cancellationToken).ConfigureAwait(false))
            {
                return KeyFailures.TokenNotFound;
            }

            Tokens.Update(token);
        }

        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return token;
    }

    /// <inheritdoc />
    public async ValueTask<bool> TouchLastUsedAsync(string tenantId, string id, DateTimeOffset instant, CancellationToken cancellationToken)
    {
        // One statement, no read: it runs at most once a minute per token on the request path.
        var updated = await Tokens
            .Where(t => t.TenantId == tenantId && t.Id == id && (t.LastUsedAt == null || t.LastUsedAt < instant))
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, instant), cancellationToken).ConfigureAwait(false);
        // True when the token exists, whether or not the instant moved (the port's contract).
        return updated > 0 || await Tokens.AnyAsync(t => t.TenantId == tenantId && t.Id == id, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ServiceToken> ListAsync(string tenantId, CancellationToken cancellationToken) =>
        Stream(Tokens.AsNoTracking().Where(t => t.TenantId == tenantId).OrderBy(t => t.Id), cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<ServiceToken> ListByServiceUserAsync(string tenantId, string serviceUserId, CancellationToken cancellationToken) =>
        Stream(Tokens.AsNoTracking().Where(t => t.TenantId == tenantId && t.ServiceUserId == serviceUserId).OrderBy(t => t.Id), cancellationToken);

    private static async IAsyncEnumerable<ServiceToken> Stream(IQueryable<ServiceToken> query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var token in query.AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return token;
        }
    }
}
