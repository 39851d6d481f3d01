using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Verification.Core.Audit;
using Verification.Core.Stores;

namespace Verification.Storage.EfCore.Stores;

/// <summary>
/// The audit trail in an EF Core database. Appends are serialised across connections and hosts: on
/// PostgreSQL by a transaction-scoped advisory lock, on SQLite by its single-writer transaction lock
/// (<c>BEGIN IMMEDIATE</c>). The sequence is the primary key, so even a broken lock could not fork the chain.
/// </summary>
/// <typeparam name="TContext">The context holding the verification model.</typeparam>
public sealed class EfAuditStore<TContext>(TContext context) : IAuditStore
    where TContext : DbContext
{
    // An arbitrary constant naming the audit chain's advisory lock.
    private const long AdvisoryLockKey = 0x7665_7269_6661_7564;

    /// <inheritdoc />
    public async ValueTask AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        var strategy = context.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async ct =>
        {
            var transaction = await context.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using var _ = transaction.ConfigureAwait(false);
            if (ProviderErrors.IsPostgreSql(context))
            {
                await context.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct).ConfigureAwait(false);
            }

            var last = await context.Set<AuditEntry>().AsNoTracking()
                .OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Hash })
                .FirstOrDefaultAsync(ct).ConfigureAwait(false)
                // Everything pruned: the chain goes on from the latest checkpoint.
                ?? await context.Set<AuditCheckpoint>().AsNoTracking()
                    .OrderByDescending(c => c.Sequence)
                    .Select(c => new { c.Sequence, c.Hash })
                    .FirstOrDefaultAsync(ct).ConfigureAwait(false);
            var sequence = last?.Sequence ?? 0;
            var previous = last?.Hash ?? AuditChain.GenesisHash;
            foreach (var entry in entries)
            {
                AuditChain.Link(entry, ++sequence, previous);
                previous = entry.Hash;
                context.Set<AuditEntry>().Add(entry);
            }

            await context.SaveChangesAsync(ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            foreach (var entry in entries)
            {
                context.Entry(entry).State = EntityState.Detached;
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<AuditCheckpoint?> PruneAsync(DateTimeOffset before, Func<AuditEntry, long, AuditCheckpoint> checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var strategy = context.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            // Under the append lock, so the cut and the entries appended meanwhile never interleave.
            var transaction = await context.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using var _ = transaction.ConfigureAwait(false);
            if (ProviderErrors.IsPostgreSql(context))
            {
                await context.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", ct).ConfigureAwait(false);
            }

            // A prefix only: the cut is the entry before the first one that is not old enough.
            var firstKept = await context.Set<AuditEntry>().AsNoTracking()
                .Where(e => e.OccurredAt >= before)
                .OrderBy(e => e.Sequence)
                .Select(e => (long?)e.Sequence)
                .FirstOrDefaultAsync(ct).ConfigureAwait(false);
            var last = await context.Set<AuditEntry>().AsNoTracking()
                .Where(e => firstKept == null || e.Sequence < firstKept)
                .OrderByDescending(e => e.Sequence)
                .FirstOrDefaultAsync(ct).ConfigureAwait(false);
            if (last is null)
            {
                return null;
            }

            var pruned = await context.Set<AuditEntry>().Where(e => e.Sequence <= last.Sequence).ExecuteDeleteAsync(ct).ConfigureAwait(false);
            var cut = checkpoint(last, pruned);
            context.Set<AuditCheckpoint>().Add(cut);
            await context.SaveChangesAsync(ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            context.Entry(cut).State = EntityState.Detached;
            return cut;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<AuditCheckpoint?> FindLatestCheckpointAsync(CancellationToken cancellationToken) =>
        await context.Set<AuditCheckpoint>().AsNoTracking().OrderByDescending(c => c.Sequence).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask SaveCheckpointSignatureAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var (sequence, keyId, signature) = (checkpoint.Sequence, checkpoint.KeyId, checkpoint.Signature);
        await context.Set<AuditCheckpoint>().Where(c => c.Sequence == sequence)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.KeyId, keyId).SetProperty(c => c.Signature, signature), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AuditEntry> ListAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var entries = context.Set<AuditEntry>().AsNoTracking().Where(e => e.Sequence > query.AfterSequence);
        if (query.TenantId is { } tenantId)
        {
            entries = entries.Where(e => e.TenantId == tenantId);
        }

        if (query.ActorId is { } actorId)
        {
            entries = entries.Where(e => e.ActorId == actorId);
        }

        if (query.Action is { } action)
        {
            entries = entries.Where(e => e.Action == action);
        }

        if (query.From is { } from)
        {
            entries = entries.Where(e => e.OccurredAt >= from);
        }

        if (query.To is { } to)
        {
            entries = entries.Where(e => e.OccurredAt < to);
        }

        entries = entries.OrderBy(e => e.Sequence);
        if (query.Limit is { } limit)
        {
            entries = entries.Take(limit);
        }

        await foreach (var entry in entries.AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return entry;
        }
    }
}
