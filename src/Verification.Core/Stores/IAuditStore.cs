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
