using System.Runtime.CompilerServices;
using Verification.Core.Verifications;
using Verification.Core.Webhooks;

namespace Verification.Core.Stores.InMemory;

/// <summary>Verifications kept in memory, for tests and demos. Same semantics as the database stores.</summary>
public sealed class InMemoryVerificationStore : IVerificationStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, VerificationFolder> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Tenant, string VerificationId), string> _byPublicId = [];

    // The outbox messages not yet fanned out, in the order they were saved. Kept apart from the stored folders
    // so that saving a copy read before a fan-out cannot make a message pending again.
    private readonly HashSet<string> _savedOutboxIds = new(StringComparer.Ordinal);
    private readonly List<OutboxMessage> _pendingOutbox = [];

    /// <inheritdoc />
    public ValueTask<VerificationFolder?> FindByIdAsync(string tenantId, string verificationId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_byPublicId.TryGetValue((tenantId, verificationId), out var id) ? Snapshot.Copy(_byId[id]) : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<VerificationFolder?> FindByAnalysisIdAsync(string tenantId, string analysisId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var folder = _byId.Values.FirstOrDefault(f =>
                string.Equals(f.TenantId, tenantId, StringComparison.Ordinal)
                && f.Analyses.Exists(a => string.Equals(a.Id, analysisId, StringComparison.Ordinal)));
            return ValueTask.FromResult(folder is null ? null : Snapshot.Copy(folder));
        }
    }

    /// <inheritdoc />
    public ValueTask<Outcome<VerificationFolder>> CreateAsync(VerificationFolder folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(folder);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_byPublicId.ContainsKey((folder.TenantId, folder.VerificationId)) || _byId.ContainsKey(folder.Id))
            {
                return ValueTask.FromResult<Outcome<VerificationFolder>>(StoreFailures.VerificationExists);
            }

            folder.Version = 1;
            _byId[folder.Id] = Snapshot.Copy(folder);
            CollectOutbox(folder);
            _byPublicId[(folder.TenantId, folder.VerificationId)] = folder.Id;
            return ValueTask.FromResult<Outcome<VerificationFolder>>(folder);
        }
    }

    /// <inheritdoc />
    public ValueTask<Outcome<VerificationFolder>> UpdateAsync(VerificationFolder folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(folder);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_byId.TryGetValue(folder.Id, out var stored) || !string.Equals(stored.TenantId, folder.TenantId, StringComparison.Ordinal))
            {
                return ValueTask.FromResult<Outcome<VerificationFolder>>(StoreFailures.VerificationNotFound);
            }

            if (stored.Version != folder.Version)
            {
                return ValueTask.FromResult<Outcome<VerificationFolder>>(StoreFailures.VerificationConcurrencyConflict);
            }

            folder.Version++;
            _byId[folder.Id] = Snapshot.Copy(folder);
            CollectOutbox(folder);
            return ValueTask.FromResult<Outcome<VerificationFolder>>(folder);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<VerificationSummary> ListAsync(VerificationQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        List<VerificationSummary> page;
        lock (_gate)
        {
            page = _byId.Values
                .Where(f => string.Equals(f.TenantId, query.TenantId, StringComparison.Ordinal))
                .Where(f => query.CorrelationId is null || (f.FromCorrelationId && string.Equals(f.VerificationId, query.CorrelationId, StringComparison.Ordinal)))
                .Where(f => query.Status is null || string.Equals(f.Status, query.Status, StringComparison.Ordinal))
                .Where(f => query.Department is null || string.Equals(f.Department, query.Department, StringComparison.Ordinal))
                .Where(f => query.UpdatedSince is null || f.UpdatedAt >= query.UpdatedSince)
                .Where(f => query.After is null || string.CompareOrdinal(f.Id, query.After) > 0)
                .OrderBy(f => f.Id, StringComparer.Ordinal)
                .Take(Math.Clamp(query.Limit, 1, 500))
                .Select(f => new VerificationSummary(f.Id, f.VerificationId, f.FromCorrelationId, f.Status, f.Department, f.CreatedAt, f.UpdatedAt, f.ArchivedAt))
                .ToList();
        }

        foreach (var summary in page)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return summary;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ArchiveCandidate> ListDueForArchiveAsync(ArchiveDueQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        List<ArchiveCandidate> due;
        lock (_gate)
        {
            due = _byId.Values
                .Where(f => f.ArchivedAt is null && IsDue(f, query))
                .OrderBy(f => f.Id, StringComparer.Ordinal)
                .Take(Math.Max(1, query.Limit))
                .Select(f => new ArchiveCandidate(f.TenantId, f.VerificationId, f.ArchiveDueAt))
                .ToList();
        }

        foreach (var candidate in due)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return candidate;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<WrappedDataKeyEntry> ListWrappedDataKeysAsync(string? afterFolderId, int limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<WrappedDataKeyEntry> page;
        lock (_gate)
        {
            page = _byId.Values
                .Where(f => f.WrappedDataKey is not null && (afterFolderId is null || string.CompareOrdinal(f.Id, afterFolderId) > 0))
                .OrderBy(f => f.Id, StringComparer.Ordinal)
                .Take(Math.Max(1, limit))
                .Select(f => new WrappedDataKeyEntry(f.TenantId, f.VerificationId, f.Id, [.. f.WrappedDataKey!]))
                .ToList();
        }

        foreach (var entry in page)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static bool IsDue(VerificationFolder folder, ArchiveDueQuery query)
    {
        if (folder.ArchiveDueAt <= query.Now)
        {
            return true;
        }

        var decided = folder.Analyses.Count > 0 && folder.Analyses.TrueForAll(a => a.Decision is not null);
        if (decided)
        {
            return query.DecidedBefore is { } before && folder.Analyses.Max(a => a.DecidedAt) <= before;
        }

        return query.UndecidedCreatedBefore is { } created && folder.CreatedAt <= created;
    }

    /// <summary>The oldest outbox messages not yet fanned out (copies), at most <paramref name="max"/>.</summary>
    internal List<OutboxMessage> PeekPendingOutbox(int max)
    {
        lock (_gate)
        {
            return _pendingOutbox.Take(max).Select(Snapshot.Copy).ToList();
        }
    }

    /// <summary>Marks outbox messages as fanned out.</summary>
    internal void MarkOutboxDispatched(IEnumerable<string> messageIds)
    {
        var done = messageIds.ToHashSet(StringComparer.Ordinal);
        lock (_gate)
        {
            _pendingOutbox.RemoveAll(m => done.Contains(m.Id));
        }
    }

    private void CollectOutbox(VerificationFolder folder)
    {
        foreach (var message in folder.Outbox)
        {
            if (_savedOutboxIds.Add(message.Id))
            {
                _pendingOutbox.Add(Snapshot.Copy(message));
            }
        }
    }
}
