using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Verification.Core.Certificates;
using Verification.Core.Documents;
using Verification.Core.Stores;

namespace Verification.Core.Verifications;

/// <summary>The named operations that change a verification, as the manager's logs and retries name them.</summary>
public static class VerificationOperations
{
    /// <summary>A document joins the verification of its correlation id (created on first use) or a new one.</summary>
    public const string Join = "join";

    /// <summary>An integrator read personal data: recorded, and the auto-archive deadline set.</summary>
    public const string RecordExtraction = "record-extraction";

    /// <summary>An analyst commented.</summary>
    public const string Comment = "comment";

    /// <summary>An analysis was approved or rejected (with its certificate on approval).</summary>
    public const string Decide = "decide";

    /// <summary>The personal data was erased.</summary>
    public const string Archive = "archive";

    /// <summary>The data key was re-wrapped under the current master key (nothing else changes).</summary>
    public const string Rewrap = "rewrap";
}

/// <summary>A document joining a verification (see <see cref="VerificationManager.JoinAsync"/>).</summary>
public sealed record VerificationJoin
{
    /// <summary>The tenant.</summary>
    public required string TenantId { get; init; }

    /// <summary>The integrator's correlation id; <see langword="null"/> for a new verification with a generated id.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>The department of a new verification.</summary>
    public string? Department { get; init; }

    /// <summary>Who sent the document, as the history writes it.</summary>
    public required string Actor { get; init; }

    /// <summary>Builds the analysis for the verification it joins (its keys depend on that verification); called once per attempt.</summary>
    public required Func<VerificationFolder, Analysis> CreateAnalysis { get; init; }

    /// <summary>Why the document may not join an existing verification, or <see langword="null"/> when it may.</summary>
    public Func<VerificationFolder, CancellationToken, ValueTask<Failure?>>? Admit { get; init; }
}

/// <summary>An integrator's read of personal data (see <see cref="VerificationManager.RecordExtractionAsync"/>).</summary>
/// <param name="Actor">Who read, as the history writes it.</param>
/// <param name="TokenId">The token used.</param>
/// <param name="WithPictures">Whether the pictures were read too.</param>
/// <param name="ArchiveAfterExtract">The token's auto-archive delay, if it has one.</param>
public sealed record VerificationExtraction(string Actor, string TokenId, bool WithPictures, TimeSpan? ArchiveAfterExtract);

/// <summary>The result of <see cref="VerificationManager.ArchiveAsync"/>.</summary>
/// <param name="Folder">The verification as saved (or as found, when it was archived before).</param>
/// <param name="ArchivedNow">Whether this call archived it.</param>
/// <param name="ErasedBlobKeys">The blobs to delete now that the change is saved; empty when archived before.</param>
public sealed record VerificationArchived(VerificationFolder Folder, bool ArchivedNow, IReadOnlyList<string> ErasedBlobKeys);

/// <summary>
/// The only writer of verifications. Every change is one named operation (<see cref="VerificationOperations"/>)
/// run by <c>ChangeAsync</c>: read the verification, apply the aggregate's rule, save with the store's optimistic
/// concurrency check, and on a conflict (another writer saved first, or won the race to create it) start again
/// on the fresh copy, at most <see cref="MaxAttempts"/> times. Endpoints, pages, services and the command line
/// call these operations; none saves a verification itself.
/// </summary>
/// <param name="store">The verifications.</param>
/// <param name="timeProvider">The clock.</param>
/// <param name="logger">The logger.</param>
/// <param name="certificates">
/// Issues the certificate of each approval; <see langword="null"/> only in tests of the stores, which then issue
/// none. <c>AddVerification()</c> always registers one.
/// </param>
/// <param name="checkOptions">The document checks' options (name matching across the documents of a verification); defaults when omitted.</param>
/// <param name="protector">Re-wraps data keys (<see cref="RewrapDataKeyAsync"/>); <c>AddVerification()</c> always registers one.</param>
public sealed partial class VerificationManager(
    IVerificationStore store,
    TimeProvider timeProvider,
    ILogger<VerificationManager> logger,
    CertificateIssuer? certificates = null,
    IOptions<DocumentCheckOptions>? checkOptions = null,
    Protection.VerificationProtector? protector = null)
{
    /// <summary>How many times an operation is tried when the verification changes under it.</summary>
    public const int MaxAttempts = 8;

    /// <summary>The verification with <paramref name="verificationId"/> in the tenant, or <see langword="null"/>.</summary>
    public ValueTask<VerificationFolder?> FindAsync(string tenantId, string verificationId, CancellationToken cancellationToken) =>
        store.FindByIdAsync(tenantId, verificationId, cancellationToken);

    /// <summary>
    /// Finds the verification with <paramref name="correlationId"/>, or creates it. Concurrent first calls
    /// with one new id end in one verification: the losers of the insert race read the winner's.
    /// Without a correlation id a new verification with a generated id is created.
    /// </summary>
    public async ValueTask<Outcome<VerificationFolder>> GetOrCreateAsync(string tenantId, string? correlationId, string? department, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        if (correlationId is not null && !CorrelationId.IsValid(correlationId))
        {
            return CorrelationId.Validate(correlationId).Failure!;
        }

        var changed = await ChangeAsync(
            VerificationOperations.Join,
            FindByCorrelationId(tenantId, correlationId),
            () => New(tenantId, correlationId, department),
            StoreFailures.VerificationNotFound,
            (_, _, _) => Unchanged(true),
            cancellationToken).ConfigureAwait(false);
        return changed.TryGetValue(out var result, out var failure) ? result.Folder : failure;
    }

    /// <summary>
    /// Adds a document's analysis to the verification of its correlation id (created on first use, whoever wins the
    /// race) or to a new verification, re-evaluates the identity consistency across its documents and saves both
    /// together. <see cref="VerificationJoin.Admit"/> may refuse an existing verification (archived, another department).
    /// </summary>
    public async ValueTask<Outcome<(VerificationFolder Folder, Analysis Analysis)>> JoinAsync(VerificationJoin join, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(join);
        var nameMatch = checkOptions?.Value.NameMatch;
        VerificationFolder? created = null;
        var joined = await ChangeAsync<Analysis>(
            VerificationOperations.Join,
            FindByCorrelationId(join.TenantId, join.CorrelationId),
            () => created = New(join.TenantId, join.CorrelationId, join.Department),
            StoreFailures.VerificationNotFound,
            async (folder, _, ct) =>
            {
                // Only an existing verification can refuse the document (archived, another department, ...).
                if (!ReferenceEquals(folder, created))
                {
                    if (join.Admit is not null && await join.Admit(folder, ct).ConfigureAwait(false) is { } refused)
                    {
                        return refused;
                    }
                }

                var analysis = join.CreateAnalysis(folder);
                folder.AddAnalysis(analysis, join.Actor, analysis.CreatedAt);
                IdentityConsistency.Evaluate(folder, nameMatch);
                return new Change<Analysis>(analysis, true);
            },
            cancellationToken).ConfigureAwait(false);
        return joined.TryGetValue(out var result, out var failure) ? (result.Folder, result.Value) : failure;
    }

    /// <summary>
    /// Records that an integrator read personal data; the token's auto-archive delay, if any, sets the verification's
    /// deadline. An archived verification has nothing personal left to read: it is answered unchanged.
    /// </summary>
    public async ValueTask<Outcome<VerificationFolder>> RecordExtractionAsync(
        string tenantId, string verificationId, VerificationExtraction extraction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(extraction);
        var recorded = await ChangeAsync(
            VerificationOperations.RecordExtraction,
            ct => store.FindByIdAsync(tenantId, verificationId, ct),
            create: null,
            StoreFailures.VerificationNotFound,
            (folder, now, _) =>
            {
                if (folder.ArchivedAt is not null)
                {
                    return Unchanged(true);
                }

                folder.RecordExtraction(extraction.Actor, extraction.TokenId, extraction.WithPictures, extraction.ArchiveAfterExtract, now);
                return Save(true);
            },
            cancellationToken).ConfigureAwait(false);
        return recorded.TryGetValue(out var result, out var failure) ? result.Folder : failure;
    }

    /// <summary>Adds an analyst's comment (1 to <see cref="VerificationFolder.MaxCommentLength"/> characters) to the history.</summary>
    public async ValueTask<Outcome<VerificationFolder>> CommentAsync(
        string tenantId, string verificationId, string actor, string comment, CancellationToken cancellationToken)
    {
        var commented = await ChangeAsync(
            VerificationOperations.Comment,
            ct => store.FindByIdAsync(tenantId, verificationId, ct),
            create: null,
            StoreFailures.VerificationNotFound,
            (folder, now, _) => ValueTask.FromResult(folder.Comment(actor, comment, now).Match(e => (Outcome<Change<VerificationEvent>>)new Change<VerificationEvent>(e, true), f => f)),
            cancellationToken).ConfigureAwait(false);
        return commented.TryGetValue(out var result, out var failure) ? result.Folder : failure;
    }

    /// <summary>
    /// Decides an analysis. When the file changed meanwhile (another document joined, another analysis was
    /// decided) the decision is re-applied to the fresh file; when the same analysis was decided by someone
    /// else, the answer is the conflict <c>analysis.already_decided</c>, never a silent overwrite. An approval adds
    /// its certificate to <see cref="VerificationFolder.Certificates"/> before the save, so the decision and its
    /// certificate are stored together or not at all (a retry issues a new one on the fresh copy).
    /// </summary>
    public async ValueTask<Outcome<(VerificationFolder Folder, Analysis Analysis)>> DecideAsync(
        string tenantId, string analysisId, DecisionKind decision, string actor, string? comment, CancellationToken cancellationToken)
    {
        var decided = await ChangeAsync<Analysis>(
            VerificationOperations.Decide,
            ct => store.FindByAnalysisIdAsync(tenantId, analysisId, ct),
            create: null,
            VerificationFailures.AnalysisNotFound,
            async (folder, now, ct) =>
            {
                if (!folder.Decide(analysisId, decision, actor, comment, now).TryGetValue(out var analysis, out var failure))
                {
                    return failure;
                }

                if (decision == DecisionKind.Approve && certificates is not null)
                {
                    folder.Certificates.Add(await certificates.IssueAsync(folder, analysis, now, ct).ConfigureAwait(false));
                }

                return new Change<Analysis>(analysis, true);
            },
            cancellationToken).ConfigureAwait(false);
        return decided.TryGetValue(out var result, out var error) ? (result.Folder, result.Value) : error;
    }

    /// <summary>
    /// Erases a verification's personal data (see <see cref="VerificationFolder"/>'s archive rule). Archiving twice
    /// changes nothing: the second call answers the verification as it is, with <see cref="VerificationArchived.ArchivedNow"/>
    /// false. The caller deletes <see cref="VerificationArchived.ErasedBlobKeys"/> once this answers.
    /// </summary>
    public async ValueTask<Outcome<VerificationArchived>> ArchiveAsync(
        string tenantId, string verificationId, string actor, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(actor);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        var archived = await ChangeAsync(
            VerificationOperations.Archive,
            ct => store.FindByIdAsync(tenantId, verificationId, ct),
            create: null,
            StoreFailures.VerificationNotFound,
            (folder, now, _) => folder.ArchivedAt is not null
                ? Unchanged<IReadOnlyList<string>?>(null)
                : Save<IReadOnlyList<string>?>(folder.Archive(actor, reason, now)),
            cancellationToken).ConfigureAwait(false);
        return archived.TryGetValue(out var result, out var failure)
            ? new VerificationArchived(result.Folder, result.Value is not null, result.Value ?? [])
            : failure;
    }

    /// <summary>
    /// Re-wraps a verification's data key under the current master key when it is under another one; answers
    /// whether it changed. Only the wrapping changes (the sealed attributes and files stay as they are), saved with
    /// the usual concurrency check, so a host writing the same verification meanwhile makes this retry, not lose.
    /// </summary>
    public async ValueTask<Outcome<bool>> RewrapDataKeyAsync(string tenantId, string verificationId, CancellationToken cancellationToken)
    {
        var rewrapper = protector ?? throw new InvalidOperationException("The manager was created without a VerificationProtector.");
        var rewrapped = await ChangeAsync(
            VerificationOperations.Rewrap,
            ct => store.FindByIdAsync(tenantId, verificationId, ct),
            create: null,
            StoreFailures.VerificationNotFound,
            (folder, _, _) => rewrapper.RewrapDataKey(folder) ? Save(true) : Unchanged(false),
            cancellationToken).ConfigureAwait(false);
        return rewrapped.TryGetValue(out var result, out var failure) ? result.Value : failure;
    }

    /// <summary>
    /// The one write path: read, apply, save; on a concurrency conflict (or a lost creation race) read again and
    /// re-apply, at most <see cref="MaxAttempts"/> times. An operation that changes nothing saves nothing.
    /// </summary>
    /// <param name="operation">One of <see cref="VerificationOperations"/>, for the logs.</param>
    /// <param name="find">Reads the current verification.</param>
    /// <param name="create">A new verification when none is found; <see langword="null"/> answers <paramref name="notFound"/> instead.</param>
    /// <param name="notFound">The failure when there is no verification and none is created.</param>
    /// <param name="apply">The aggregate's rule: a failure, or the value and whether to save.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    private async ValueTask<Outcome<(VerificationFolder Folder, T Value)>> ChangeAsync<T>(
        string operation,
        Func<CancellationToken, ValueTask<VerificationFolder?>> find,
        Func<VerificationFolder>? create,
        Failure notFound,
        Func<VerificationFolder, DateTimeOffset, CancellationToken, ValueTask<Outcome<Change<T>>>> apply,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var existing = await find(cancellationToken).ConfigureAwait(false);
            var folder = existing ?? create?.Invoke();
            if (folder is null)
            {
                return notFound;
            }

            var applied = await apply(folder, timeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            if (!applied.TryGetValue(out var change, out var failure))
            {
                return failure;
            }

            if (existing is not null && !change.Save)
            {
                return (folder, change.Value);
            }

            var saved = existing is null
                ? await store.CreateAsync(folder, cancellationToken).ConfigureAwait(false)
                : await store.UpdateAsync(folder, cancellationToken).ConfigureAwait(false);
            if (saved.TryGetValue(out var stored, out failure))
            {
                return (stored, change.Value);
            }

            if (failure.Code is not (VerificationErrors.ConcurrencyConflict or VerificationErrors.VerificationExists))
            {
                return failure;
            }

            LogRetry(logger, operation, attempt);
        }

        return StoreFailures.VerificationConcurrencyConflict;
    }

    private Func<CancellationToken, ValueTask<VerificationFolder?>> FindByCorrelationId(string tenantId, string? correlationId) =>
        correlationId is null ? _ => ValueTask.FromResult<VerificationFolder?>(null) : ct => store.FindByIdAsync(tenantId, correlationId, ct);

    private VerificationFolder New(string tenantId, string? correlationId, string? department) =>
        VerificationFolder.Create(tenantId, correlationId ?? Identifiers.NewUlid(timeProvider), correlationId is not null, department, timeProvider);

    private static ValueTask<Outcome<Change<T>>> Save<T>(T value) => ValueTask.FromResult<Outcome<Change<T>>>(new Change<T>(value, true));

    private static ValueTask<Outcome<Change<T>>> Unchanged<T>(T value) => ValueTask.FromResult<Outcome<Change<T>>>(new Change<T>(value, false));

    /// <summary>What an operation did: its value, and whether the verification must be saved.</summary>
    private readonly record struct Change<T>(T Value, bool Save);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Verification changed during {Operation} (attempt {Attempt}); retrying on the fresh copy")]
    private static partial void LogRetry(ILogger logger, string operation, int attempt);
}
