using Verification.Core.ServiceAccounts;

namespace Verification.Core.Stores;

/// <summary>
/// Stores service users. Every method is scoped to a tenant: another tenant's id or name answers exactly
/// like one that does not exist.
/// </summary>
public interface IServiceUserStore
{
    /// <summary>Finds a service user by id.</summary>
    ValueTask<ServiceUser?> FindByIdAsync(string tenantId, string id, CancellationToken cancellationToken);

    /// <summary>Finds a service user by its exact name (ordinal).</summary>
    ValueTask<ServiceUser?> FindByNameAsync(string tenantId, string name, CancellationToken cancellationToken);

    /// <summary>
    /// Creates a service user; <c>service_user.name_taken</c> when the tenant has one with that name,
    /// <c>service_user.exists</c> when the id is taken. A refused create stores nothing.
    /// </summary>
    ValueTask<Outcome<ServiceUser>> CreateAsync(ServiceUser serviceUser, CancellationToken cancellationToken);

    /// <summary>
    /// Saves a service user; <c>service_user.not_found</c> when it is gone (or in another tenant),
    /// <c>service_user.name_taken</c> when renamed to a taken name.
    /// </summary>
    ValueTask<Outcome<ServiceUser>> UpdateAsync(ServiceUser serviceUser, CancellationToken cancellationToken);

    /// <summary>Lists a tenant's service users by name (ordinal), then id.</summary>
    IAsyncEnumerable<ServiceUser> ListAsync(string tenantId, CancellationToken cancellationToken);
}
