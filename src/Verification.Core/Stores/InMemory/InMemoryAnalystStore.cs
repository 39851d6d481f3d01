using System.Runtime.CompilerServices;
using Verification.Core.Analysts;

namespace Verification.Core.Stores.InMemory;

/// <summary>Back-office accounts kept in memory, for tests and demos.</summary>
public sealed class InMemoryAnalystStore : IAnalystStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Analyst> _byId = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<Analyst?> FindByIdAsync(string tenantId, string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_byId.TryGetValue(id, out var a) && string.Equals(a.TenantId, tenantId, StringComparison.Ordinal) ? Snapshot.Copy(a) : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<Analyst?> FindByEmailAsync(string tenantId, string normalizedEmail, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var found = _byId.Values.FirstOrDefault(a => string.Equals(a.TenantId, tenantId, StringComparison.Ordinal)
                                                         && string.Equals(a.NormalizedEmail, normalizedEmail, StringComparison.Ordinal));
            return ValueTask.FromResult(found is null ? null : Snapshot.Copy(found));
        }
    }

    /// <inheritdoc />
    public ValueTask<Outcome<Analyst>> CreateAsync(Analyst analyst, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(analyst);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_byId.Values.Any(a => string.Equals(a.TenantId, analyst.TenantId, StringComparison.Ordinal)
                                      && string.Equals(a.NormalizedEmail, analyst.NormalizedEmail, StringComparison.Ordinal)))
            {
                return ValueTask.FromResult<Outcome<Analyst>>(StoreFailures.AnalystEmailTaken);
            }

            _byId[analyst.Id] = Snapshot.Copy(analyst);
            return ValueTask.FromResult<Outcome<Analyst>>(analyst);
        }
    }

    /// <inheritdoc />
    public ValueTask<Outcome<Analyst>> UpdateAsync(Analyst analyst, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(analyst);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_byId.TryGetValue(analyst.Id, out var stored) || !string.Equals(stored.TenantId, analyst.TenantId, StringComparison.Ordinal))
            {
                return ValueTask.FromResult<Outcome<Analyst>>(StoreFailures.AnalystNotFound);
            }

            _byId[analyst.Id] = Snapshot.Copy(analyst);
            return ValueTask.FromResult<Outcome<Analyst>>(analyst);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<Analyst> ListAsync(string tenantId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<Analyst> list;
        lock (_gate)
        {
            list = _byId.Values.Where(a => string.Equals(a.TenantId, tenantId, StringComparison.Ordinal))
                .OrderBy(a => a.NormalizedEmail, StringComparer.Ordinal).ThenBy(a => a.Id, StringComparer.Ordinal)
                .Select(Snapshot.Copy).ToList();
        }

        foreach (var analyst in list)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return analyst;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<long> CountAsync(string tenantId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult((long)_byId.Values.Count(a => string.Equals(a.TenantId, tenantId, StringComparison.Ordinal)));
        }
    }
}
