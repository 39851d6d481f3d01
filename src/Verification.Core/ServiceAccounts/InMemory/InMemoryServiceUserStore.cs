using System.Runtime.CompilerServices;
using Verification.Core.Stores.InMemory;
using Verification.Core.Stores;

namespace Verification.Core.ServiceAccounts.InMemory;

/// <summary>Service users kept in memory, for tests and demos.</summary>
public sealed class InMemoryServiceUserStore : IServiceUserStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ServiceUser> _byId = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<ServiceUser?> FindByIdAsync(string tenantId, string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_byId.TryGetValue(id, out var user) && InTenant(user, tenantId) ? Snapshot.Copy(user) : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<ServiceUser?> FindByNameAsync(string tenantId, string name, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var found = _byId.Values.FirstOrDefault(u => InTenant(u, tenantId) && string.Equals(u.Name, name, StringComparison.Ordinal));
            return ValueTask.FromResult(found is null ? null : Snapshot.Copy(found));
        }
    }

    /// <inheritdoc />
    public ValueTask<Outcome<ServiceUser>> CreateAsync(ServiceUser serviceUser, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serviceUser);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_byId.ContainsKey(serviceUser.Id))
            {
                return ValueTask.FromResult<Outcome<ServiceUser>>(KeyFailures.ServiceUserExists);
            }

            if (NameTaken(serviceUser))
            {
                return ValueTask.FromResult<Outcome<ServiceUser>>(KeyFailures.ServiceUserNameTaken);
            }

            _byId[serviceUser.Id] = Snapshot.Copy(serviceUser);
            return ValueTask.FromResult<Outcome<ServiceUser>>(serviceUser);
        }
    }

    /// <inheritdoc />
    public ValueTask<Outcome<ServiceUser>> UpdateAsync(ServiceUser serviceUser, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(serviceUser);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_byId.TryGetValue(serviceUser.Id, out var stored) || !InTenant(stored, serviceUser.TenantId))
            {
                return ValueTask.FromResult<Outcome<ServiceUser>>(KeyFailures.ServiceUserNotFound);
            }

            if (NameTaken(serviceUser))
            {
                return ValueTask.FromResult<Outcome<ServiceUser>>(KeyFailures.ServiceUserNameTaken);
            }

            _byId[serviceUser.Id] = Snapshot.Copy(serviceUser);
            return ValueTask.FromResult<Outcome<ServiceUser>>(serviceUser);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ServiceUser> ListAsync(string tenantId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<ServiceUser> list;
        lock (_gate)
        {
            list = _byId.Values.Where(u => InTenant(u, tenantId))
                .OrderBy(u => u.Name, StringComparer.Ordinal).ThenBy(u => u.Id, StringComparer.Ordinal)
                .Select(Snapshot.Copy).ToList();
        }

        foreach (var user in list)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return user;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static bool InTenant(ServiceUser user, string tenantId) => string.Equals(user.TenantId, tenantId, StringComparison.Ordinal);

    private bool NameTaken(ServiceUser candidate) => _byId.Values.Any(u =>
        InTenant(u, candidate.TenantId)
        && string.Equals(u.Name, candidate.Name, StringComparison.Ordinal)
        && !string.Equals(u.Id, candidate.Id, StringComparison.Ordinal));
}
