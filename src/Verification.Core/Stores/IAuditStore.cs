using Verification.Core.Audit;

namespace Verification.Core.Stores;

/// <summary>
/// The append-only audit trail. Implementations append atomically: concurrent appends, from one host or
/// several sharing a database, still form one unbroken chain.
/// </summary>
public interface IAuditStore
{
    /// <summary>Appends entries in order, linking each to the chain (<see cref="AuditChain.Link"/>).</summary>
    ValueTask AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken);

    /// <summary>Reads entries in sequence order.</summary>
    IAsyncEnumerable<AuditEntry> ListAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the entries that occurred before <paramref name="before"/> (always a prefix of the chain: it stops at the
    /// first later entry) and records the checkpoint <paramref name="checkpoint"/> makes of the last one deleted, in
    /// one transaction under the append lock. Answers the checkpoint, or <see langword="null"/> when nothing was due.
    /// </summary>
    ValueTask<AuditCheckpoint?> PruneAsync(DateTimeOffset before, Func<AuditEntry, long, AuditCheckpoint> checkpoint, CancellationToken cancellationToken);

    /// <summary>The latest checkpoint, or <see langword="null"/> when the trail was never pruned.</summary>
    ValueTask<AuditCheckpoint?> FindLatestCheckpointAsync(CancellationToken cancellationToken);

    /// <summary>Saves a new signature (and its key id) of the checkpoint at <see cref="AuditCheckpoint.Sequence"/> (a master-key rotation).</summary>
    ValueTask SaveCheckpointSignatureAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken);
}

/// <summary>Filters for <see cref="IAuditStore.ListAsync"/>; all optional.</summary>
public sealed record AuditQuery
{
    /// <summary>Only this tenant; <see langword="null"/> for the whole chain (verification).</summary>
    public string? TenantId { get; init; }

    /// <summary>Only entries after this sequence.</summary>
    public long AfterSequence { get; init; }

    /// <summary>Only this actor (service user or analyst id).</summary>
    public string? ActorId { get; init; }

    /// <summary>Only this action.</summary>
    public string? Action { get; init; }

    /// <summary>Only entries at or after this instant.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only entries before this instant.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>At most this many; <see langword="null"/> for all.</summary>
    public int? Limit { get; init; }
}
