using System.Runtime.CompilerServices;
using Verification.Core.Stores.InMemory;
using Verification.Core.Stores;

namespace Verification.Core.ServiceAccounts.InMemory;

/// <summary>Token records kept in memory, for tests and demos.</summary>
public sealed class InMemoryServiceTokenStore : IServiceTokenStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ServiceToken> _byId = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<ServiceToken?> FindByIdAsync(string tenantId, string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_byId.TryGetValue(id, out var token) && InTenant(token, tenantId) ? Snapshot.Copy(token) : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<ServiceToken?> FindByIdAnyTenantAsync(string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_byId.TryGetValue(id, out var token) ? Snapshot.Copy(token) : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<Outcome<ServiceToken>> CreateAsync(ServiceToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_byId.TryAdd(token.Id, Snapshot.Copy(token)))
            {
                return ValueTask.FromResult<Outcome<ServiceToken>>(KeyFailures.TokenExists);
            }

            return ValueTask.FromResult<Outcome<ServiceToken>>(token);
        }
    }

    /// <inheritdoc />
    public ValueTask<Outcome<ServiceToken>> UpdateAsync(ServiceToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_byId.TryGetValue(token.Id, out var stored) || !InTenant(stored, token.TenantId))
            {
                return ValueTask.FromResult<Outcome<ServiceToken>>(KeyFailures.TokenNotFound);
            }

            _byId[token.Id] = Snapshot.Copy(token);
            return ValueTask.FromResult<Outcome<ServiceToken>>(token);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> TouchLastUsedAsync(string tenantId, string id, DateTimeOffset instant, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var stored) || !InTenant(stored, tenantId))
            {
                return ValueTask.FromResult(false);
            }

            if (stored.LastUsedAt is null || stored.LastUsedAt < instant)
            {
                stored.LastUsedAt = instant;
            }

            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ServiceToken> ListAsync(string tenantId, CancellationToken cancellationToken) =>
        ListWhere(t => InTenant(t, tenantId), cancellationToken);

    /// <inheritdoc />
    public IAsyncEnumerable<ServiceToken> ListByServiceUserAsync(string tenantId, string serviceUserId, CancellationToken cancellationToken) =>
        ListWhere(t => InTenant(t, tenantId) && string.Equals(t.ServiceUserId, serviceUserId, StringComparison.Ordinal), cancellationToken);

    private static bool InTenant(ServiceToken token, string tenantId) => string.Equals(token.TenantId, tenantId, StringComparison.Ordinal);

    private async IAsyncEnumerable<ServiceToken> ListWhere(Func<ServiceToken, bool> predicate, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<ServiceToken> list;
        lock (_gate)
        {
            list = _byId.Values.Where(predicate).OrderBy(t => t.Id, StringComparer.Ordinal).Select(Snapshot.Copy).ToList();
        }

        foreach (var token in list)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return token;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
