using Verification.Core.ServiceAccounts;

namespace Verification.Core.Stores;

/// <summary>
/// Stores the records of minted tokens (never the tokens). Every method but
/// <see cref="FindByIdAnyTenantAsync"/> is scoped to a tenant: another tenant's id answers exactly like an
/// id that does not exist.
/// </summary>
public interface IServiceTokenStore
{
    /// <summary>Finds a token record by id within a tenant.</summary>
    ValueTask<ServiceToken?> FindByIdAsync(string tenantId, string id, CancellationToken cancellationToken);

    /// <summary>
    /// Finds a token record by id in any tenant. Only for authentication: the tenant comes from the validated
    /// token's claim, and the caller must check that it matches the record's.
    /// </summary>
    ValueTask<ServiceToken?> FindByIdAnyTenantAsync(string id, CancellationToken cancellationToken);

    /// <summary>Creates a token record; <c>token.exists</c> when the id is taken (in any tenant).</summary>
    ValueTask<Outcome<ServiceToken>> CreateAsync(ServiceToken token, CancellationToken cancellationToken);

    /// <summary>Saves a token record; <c>token.not_found</c> when it is gone or in another tenant.</summary>
    ValueTask<Outcome<ServiceToken>> UpdateAsync(ServiceToken token, CancellationToken cancellationToken);

    /// <summary>
    /// Records that a token was used at <paramref name="instant"/>, touching nothing but
    /// <see cref="ServiceToken.LastUsedAt"/> and never moving it backwards, so it cannot undo a concurrent
    /// disable or revoke. Answers whether the token exists in the tenant. Called at most about once a minute
    /// per token, so it must be a cheap single update.
    /// </summary>
    ValueTask<bool> TouchLastUsedAsync(string tenantId, string id, DateTimeOffset instant, CancellationToken cancellationToken);

    /// <summary>Lists a tenant's token records by id (that is, by minting time).</summary>
    IAsyncEnumerable<ServiceToken> ListAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>Lists the token records of one service user by id (that is, by minting time).</summary>
    IAsyncEnumerable<ServiceToken> ListByServiceUserAsync(string tenantId, string serviceUserId, CancellationToken cancellationToken);
}
