using Verification.Core.Verifications;

namespace Verification.Core.Stores;

/// <summary>
/// Stores verifications (<see cref="VerificationFolder"/> aggregates with their analyses, files and
/// history). Every method is scoped to a tenant: an id of another tenant answers as if it did not exist.
/// </summary>
public interface IVerificationStore
{
    /// <summary>Finds a verification, with its analyses, files and history, by its public id.</summary>
    ValueTask<VerificationFolder?> FindByIdAsync(string tenantId, string verificationId, CancellationToken cancellationToken);

    /// <summary>Finds the verification that holds an analysis.</summary>
    ValueTask<VerificationFolder?> FindByAnalysisIdAsync(string tenantId, string analysisId, CancellationToken cancellationToken);

    /// <summary>
    /// Creates a verification with whatever it already holds. A conflict (<c>verification.exists</c>)
    /// when the tenant already has one with the same <see cref="VerificationFolder.VerificationId"/>.
    /// </summary>
    ValueTask<Outcome<VerificationFolder>> CreateAsync(VerificationFolder folder, CancellationToken cancellationToken);

    /// <summary>
    /// Saves a verification read from this store, if nobody changed it since (its
    /// <see cref="VerificationFolder.Version"/>); on success the version is incremented. A conflict
    /// (<c>verification.concurrency_conflict</c>) when it changed, not found when it is gone.
    /// </summary>
    ValueTask<Outcome<VerificationFolder>> UpdateAsync(VerificationFolder folder, CancellationToken cancellationToken);

    /// <summary>Lists verification metadata in a stable order (by internal id, i.e. by creation), one page.</summary>
    IAsyncEnumerable<VerificationSummary> ListAsync(VerificationQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Lists, across tenants and oldest first, the verifications not yet archived that are due: their
    /// <see cref="VerificationFolder.ArchiveDueAt"/> has passed, or (when set) every analysis was decided before
    /// <see cref="ArchiveDueQuery.DecidedBefore"/>, or one still waits for a decision and the verification was
    /// created before <see cref="ArchiveDueQuery.UndecidedCreatedBefore"/>.
    /// </summary>
    IAsyncEnumerable<ArchiveCandidate> ListDueForArchiveAsync(ArchiveDueQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// The wrapped data keys of every tenant's verifications that still have one (not archived), by internal id
    /// (<see cref="VerificationFolder.Id"/>), after <paramref name="afterFolderId"/>, at most <paramref name="limit"/>:
    /// what a master-key rotation walks through (<c>admin rewrap</c>), resumable from the last id it saw.
    /// </summary>
    IAsyncEnumerable<WrappedDataKeyEntry> ListWrappedDataKeysAsync(string? afterFolderId, int limit, CancellationToken cancellationToken);
}

/// <summary>A verification's wrapped data key, as <see cref="IVerificationStore.ListWrappedDataKeysAsync"/> lists it.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="VerificationId">Its public id.</param>
/// <param name="FolderId">Its internal id, the listing's order and cursor.</param>
/// <param name="WrappedDataKey">The wrapped key (it names its master key).</param>
public sealed record WrappedDataKeyEntry(string TenantId, string VerificationId, string FolderId, byte[] WrappedDataKey);

/// <summary>What <see cref="IVerificationStore.ListDueForArchiveAsync"/> looks for.</summary>
/// <param name="Now">The current time.</param>
/// <param name="DecidedBefore">Decided verifications whose last decision is older are due; <see langword="null"/> for none.</param>
/// <param name="UndecidedCreatedBefore">Undecided verifications created earlier are due; <see langword="null"/> for none.</param>
/// <param name="Limit">At most this many.</param>
public sealed record ArchiveDueQuery(DateTimeOffset Now, DateTimeOffset? DecidedBefore, DateTimeOffset? UndecidedCreatedBefore, int Limit);

/// <summary>A verification due for archiving.</summary>
/// <param name="TenantId">Its tenant.</param>
/// <param name="VerificationId">Its public id.</param>
/// <param name="ArchiveDueAt">Its extraction deadline, if it has one.</param>
public sealed record ArchiveCandidate(string TenantId, string VerificationId, DateTimeOffset? ArchiveDueAt);

/// <summary>Filters and paging for <see cref="IVerificationStore.ListAsync"/>.</summary>
public sealed record VerificationQuery
{
    /// <summary>The tenant (required).</summary>
    public required string TenantId { get; init; }

    /// <summary>Only the verification with this correlation id.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>Only this aggregate status.</summary>
    public string? Status { get; init; }

    /// <summary>Only this department.</summary>
    public string? Department { get; init; }

    /// <summary>Only those changed at or after this instant.</summary>
    public DateTimeOffset? UpdatedSince { get; init; }

    /// <summary>Paging: only those after this internal id (the last id of the previous page).</summary>
    public string? After { get; init; }

    /// <summary>Page size, 1 to 500.</summary>
    public int Limit { get; init; } = 50;
}

/// <summary>Metadata of a verification: no personal data.</summary>
/// <param name="Id">Internal id, the paging key.</param>
/// <param name="VerificationId">Public id.</param>
/// <param name="FromCorrelationId">Whether the public id is the integrator's correlation id.</param>
/// <param name="Status">Aggregate status.</param>
/// <param name="Department">Reviewing department.</param>
/// <param name="CreatedAt">Creation time.</param>
/// <param name="UpdatedAt">Last change.</param>
/// <param name="ArchivedAt">Archive time, if archived.</param>
public sealed record VerificationSummary(
    string Id,
    string VerificationId,
    bool FromCorrelationId,
    string Status,
    string? Department,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ArchivedAt);
