using System.Runtime.CompilerServices;
using Verification.Core.Audit;

namespace Verification.Core.Stores.InMemory;

/// <summary>The audit trail kept in memory, for tests and demos.</summary>
public sealed class InMemoryAuditStore : IAuditStore
{
    private readonly Lock _gate = new();
    private readonly List<AuditEntry> _entries = [];
    private AuditCheckpoint? _checkpoint;

    /// <inheritdoc />
    public ValueTask AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            foreach (var entry in entries)
            {
                var previous = _entries.Count == 0 ? _checkpoint?.Hash ?? AuditChain.GenesisHash : _entries[^1].Hash;
                AuditChain.Link(entry, (_entries.Count == 0 ? _checkpoint?.Sequence ?? 0 : _entries[^1].Sequence) + 1, previous);
                _entries.Add(Snapshot.Copy(entry));
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<AuditCheckpoint?> PruneAsync(DateTimeOffset before, Func<AuditEntry, long, AuditCheckpoint> checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var count = _entries.TakeWhile(e => e.OccurredAt < before).Count();
            if (count == 0)
            {
                return ValueTask.FromResult<AuditCheckpoint?>(null);
            }

            var cut = checkpoint(Snapshot.Copy(_entries[count - 1]), count);
            _entries.RemoveRange(0, count);
            _checkpoint = cut;
            return ValueTask.FromResult<AuditCheckpoint?>(cut);
        }
    }

    /// <inheritdoc />
    public ValueTask<AuditCheckpoint?> FindLatestCheckpointAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_checkpoint);
        }
    }

    /// <inheritdoc />
    public ValueTask SaveCheckpointSignatureAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        lock (_gate)
        {
            if (_checkpoint is not null && _checkpoint.Sequence == checkpoint.Sequence)
            {
                _checkpoint.KeyId = checkpoint.KeyId;
                _checkpoint.Signature = checkpoint.Signature;
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AuditEntry> ListAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        List<AuditEntry> result;
        lock (_gate)
        {
            IEnumerable<AuditEntry> selected = _entries
                .Where(e => e.Sequence > query.AfterSequence)
                .Where(e => query.TenantId is null || string.Equals(e.TenantId, query.TenantId, StringComparison.Ordinal))
                .Where(e => query.ActorId is null || string.Equals(e.ActorId, query.ActorId, StringComparison.Ordinal))
                .Where(e => query.Action is null || string.Equals(e.Action, query.Action, StringComparison.Ordinal))
                .Where(e => query.From is null || e.OccurredAt >= query.From)
                .Where(e => query.To is null || e.OccurredAt < query.To);
            if (query.Limit is { } limit)
            {
                selected = selected.Take(limit);
            }

            result = selected.Select(Snapshot.Copy).ToList();
        }

        foreach (var entry in result)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
