using Verification.Core.Protection;
using Verification.Core.Stores;

namespace Verification.Core.Audit;

/// <summary>Appends to, prunes and verifies the audit trail.</summary>
/// <param name="store">The trail.</param>
/// <param name="keys">Signs and checks the checkpoints of pruning; needed only to prune or to verify a pruned trail.</param>
/// <param name="timeProvider">The clock of checkpoints; the system clock when omitted.</param>
public sealed class AuditTrail(IAuditStore store, IMasterKeyProvider? keys = null, TimeProvider? timeProvider = null)
{
    /// <summary>Appends one entry.</summary>
    public ValueTask RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return store.AppendAsync([entry], cancellationToken);
    }

    /// <summary>
    /// Reads the chain in order and checks every link: from the genesis, or, once older entries were pruned, from the
    /// latest checkpoint after checking its signature (a checkpoint that is forged, or signed by a master key no longer
    /// configured, fails the check).
    /// </summary>
    public async ValueTask<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        var checkpoint = await store.FindLatestCheckpointAsync(cancellationToken).ConfigureAwait(false);
        if (checkpoint is not null && (keys is null || !checkpoint.HasValidSignature(keys)))
        {
            return new AuditVerification(false, 0, checkpoint.Sequence, $"The checkpoint at sequence {checkpoint.Sequence} is not signed by a configured master key ('{checkpoint.KeyId}').", checkpoint.Sequence);
        }

        return await AuditChain.VerifyAsync(
            store.ListAsync(new AuditQuery { AfterSequence = checkpoint?.Sequence ?? 0 }, cancellationToken), checkpoint, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Signs the latest checkpoint again under the current master key, when another (still configured) key signed it:
    /// part of a master-key rotation (<c>admin rewrap</c>), after which the old key can go. Answers whether it changed.
    /// A checkpoint whose signature does not hold is left as it is, for <see cref="VerifyAsync"/> to report.
    /// </summary>
    public async ValueTask<bool> ResignCheckpointAsync(CancellationToken cancellationToken)
    {
        if (keys is null || await store.FindLatestCheckpointAsync(cancellationToken).ConfigureAwait(false) is not { } checkpoint
            || string.Equals(checkpoint.KeyId, keys.Current.Id, StringComparison.Ordinal) || !checkpoint.HasValidSignature(keys))
        {
            return false;
        }

        checkpoint.Sign(keys.Current);
        await store.SaveCheckpointSignatureAsync(checkpoint, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Prunes the entries that occurred before <paramref name="before"/> and leaves a checkpoint signed under the current
    /// master key at the cut, so the rest still verifies. Answers the checkpoint, or <see langword="null"/> when no entry
    /// was old enough. Export the entries first (<see cref="IAuditStore.ListAsync"/>) to keep them elsewhere.
    /// </summary>
    public ValueTask<AuditCheckpoint?> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var signer = keys ?? throw new InvalidOperationException("Pruning the audit trail signs a checkpoint: the trail needs the master keys.");
        var now = (timeProvider ?? TimeProvider.System).GetUtcNow();
        return store.PruneAsync(before, (last, pruned) =>
        {
            var checkpoint = new AuditCheckpoint { Sequence = last.Sequence, Hash = last.Hash, PrunedEntries = pruned, CreatedAt = now };
            checkpoint.Sign(signer.Current);
            return checkpoint;
        }, cancellationToken);
    }
}
