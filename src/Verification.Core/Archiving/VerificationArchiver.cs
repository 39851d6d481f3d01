using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Verification.Core.Audit;
using Verification.Core.Stores;
using Verification.Core.Verifications;

namespace Verification.Core.Archiving;

/// <summary>Who archives, as the history and the audit trail record it.</summary>
/// <param name="ActorType">One of <see cref="AuditActorTypes"/>.</param>
/// <param name="ActorId">The analyst or service user id; <see langword="null"/> for the system.</param>
/// <param name="TokenId">The token used, for a service user.</param>
public sealed record ArchiveActor(string ActorType, string? ActorId = null, string? TokenId = null)
{
    /// <summary>The product itself (sweeper, command line).</summary>
    public static ArchiveActor System { get; } = new(AuditActorTypes.System);

    /// <summary>The actor as the history writes it: <c>analyst:&lt;id&gt;</c>, <c>service:&lt;id&gt;</c> or <c>system</c>.</summary>
    public string HistoryActor => ActorType switch
    {
        AuditActorTypes.Analyst => "analyst:" + ActorId,
        AuditActorTypes.ServiceUser => "service:" + ActorId,
        _ => "system",
    };
}

/// <summary>Why a verification is archived; the text goes into its history.</summary>
public static class ArchiveReasons
{
    /// <summary>Someone asked (back office, API, command line).</summary>
    public const string OnDemand = "on demand";

    /// <summary>An integrator extracted the data with a token that has an auto-archive delay, and the delay passed.</summary>
    public const string AfterExtraction = "auto-archive after extraction";

    /// <summary>The retention period passed.</summary>
    public const string Retention = "retention period elapsed";
}

/// <summary>
/// Archives verifications: erases their personal data (attributes, files, data key) and keeps the rest; on
/// demand, and in sweeps over those due (after extraction, retention). The change itself is
/// <see cref="VerificationManager.ArchiveAsync"/>; this service adds what follows it (the blobs deleted, the audit
/// entry) and the sweeps. Archiving is idempotent and safe to run from several hosts at once: the store's
/// optimistic concurrency lets one of them save the change, and the others find it done, so each verification
/// is archived, recorded and audited once.
/// </summary>
public sealed partial class VerificationArchiver(
    IVerificationStore store,
    VerificationManager verifications,
    IBlobStore blobs,
    AuditTrail audit,
    IOptions<ArchiveOptions> options,
    TimeProvider timeProvider,
    ILogger<VerificationArchiver> logger)
{
    /// <summary>
    /// Archives one verification. Answers it as saved (with <see cref="VerificationFolder.ArchivedAt"/>); when it was
    /// archived already, answers it unchanged. Not found for an unknown id or another tenant's.
    /// </summary>
    public async ValueTask<Outcome<VerificationFolder>> ArchiveAsync(
        string tenantId, string verificationId, ArchiveActor actor, string reason, CancellationToken cancellationToken) =>
        (await ArchiveOnceAsync(tenantId, verificationId, actor, reason, cancellationToken).ConfigureAwait(false)).Outcome;

    /// <summary>Archives one verification; also answers whether this call archived it (not another, before it).</summary>
    private async ValueTask<(Outcome<VerificationFolder> Outcome, bool ArchivedNow)> ArchiveOnceAsync(
        string tenantId, string verificationId, ArchiveActor actor, string reason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(verificationId);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        var archived = await verifications.ArchiveAsync(tenantId, verificationId, actor.HistoryActor, reason, cancellationToken).ConfigureAwait(false);
        if (!archived.TryGetValue(out var result, out var failure))
        {
            return (failure, false);
        }

        if (!result.ArchivedNow)
        {
            return (result.Folder, false);
        }

        // The data key is gone with the save: the files are unreadable already; deleting them frees space
        // and removes even the ciphertext. A failure here leaves only unreadable bytes behind.
        foreach (var key in result.ErasedBlobKeys)
        {
            await blobs.DeleteAsync(key, CancellationToken.None).ConfigureAwait(false);
        }

        await audit.RecordAsync(new AuditEntry
        {
            TenantId = tenantId,
            OccurredAt = result.Folder.ArchivedAt ?? timeProvider.GetUtcNow(),
            ActorType = actor.ActorType,
            ActorId = actor.ActorId,
            TokenId = actor.TokenId,
            Action = "verification.archive",
            TargetType = "verification",
            TargetId = verificationId,
            Outcome = "archived: " + reason,
        }, CancellationToken.None).ConfigureAwait(false);
        LogArchived(logger, result.Folder.Id, reason, result.ErasedBlobKeys.Count);
        return (result.Folder, true);
    }

    /// <summary>
    /// Archives the verifications due now (extraction deadlines passed, retention elapsed), at most one batch;
    /// answers how many this call archived.
    /// </summary>
    public async ValueTask<int> SweepAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = timeProvider.GetUtcNow();
        var query = new ArchiveDueQuery(
            now,
            settings.DecidedRetentionDays is { } decided ? now.AddDays(-decided) : null,
            settings.UndecidedRetentionDays is { } undecided ? now.AddDays(-undecided) : null,
            settings.SweepBatchSize);
        var due = new List<ArchiveCandidate>();
        await foreach (var candidate in store.ListDueForArchiveAsync(query, cancellationToken).ConfigureAwait(false))
        {
            due.Add(candidate);
        }

        var archived = 0;
        foreach (var candidate in due)
        {
            var reason = candidate.ArchiveDueAt <= now ? ArchiveReasons.AfterExtraction : ArchiveReasons.Retention;
            // Another host may archive it between the query and now: count only this call's work.
            var (outcome, archivedNow) = await ArchiveOnceAsync(candidate.TenantId, candidate.VerificationId, ArchiveActor.System, reason, cancellationToken).ConfigureAwait(false);
            if (archivedNow)
            {
                archived++;
            }
            else if (outcome.Failure is { Kind: not FailureKind.NotFound } failure)
            {
                LogSweepFailure(logger, failure.Code);
            }
        }

        return archived;
    }

    [LoggerMessage(EventId = 1501, Level = LogLevel.Information, Message = "Archived verification {FolderId} ({Reason}); {Files} files erased")]
    private static partial void LogArchived(ILogger logger, string folderId, string reason, int files);

    [LoggerMessage(EventId = 1503, Level = LogLevel.Warning, Message = "The archive sweep could not archive a verification: {Code}")]
    private static partial void LogSweepFailure(ILogger logger, string code);
}
