using Verification.Core.Webhooks;

namespace Verification.Core.Verifications;

/// <summary>
/// A customer's file: the analyses of every document sent for one person, grouped by the integrator's
/// correlation id (or a generated id), their history, and the aggregate status. This is the consistency
/// boundary: every change goes through the store's optimistic concurrency check on <see cref="Version"/>.
/// Its mutators are internal: <see cref="VerificationManager"/> is the only writer, so every change is retried
/// the same way on a concurrent update and no caller saves a half-applied change.
/// </summary>
public sealed class VerificationFolder
{
    /// <summary>The longest comment, on a decision or on its own: 2,000 characters.</summary>
    public const int MaxCommentLength = 2000;

    /// <summary>Internal key (a ULID), unique across tenants.</summary>
    public required string Id { get; init; }

    /// <summary>The tenant the file belongs to.</summary>
    public required string TenantId { get; init; }

    /// <summary>The public id (<c>verificationId</c>): the correlation id when one was sent, otherwise generated. Unique per tenant.</summary>
    public required string VerificationId { get; init; }

    /// <summary>Whether <see cref="VerificationId"/> came from the integrator's correlation id.</summary>
    public bool FromCorrelationId { get; init; }

    /// <summary>The department that should review the file.</summary>
    public string? Department { get; set; }

    /// <summary>The aggregate status (see <see cref="FolderStatus"/>).</summary>
    public string Status { get; set; } = FolderStatus.Empty;

    /// <summary>When the file was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When anything in the file last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When the personal data of the file was erased, if it was.</summary>
    public DateTimeOffset? ArchivedAt { get; set; }

    /// <summary>
    /// The data key of the file's personal data, wrapped by a master key (see
    /// <see cref="Protection.VerificationProtector"/>); <see langword="null"/> once archived, which makes the
    /// ciphertext left anywhere unreadable.
    /// </summary>
#pragma warning disable CA1819 // An opaque key blob persisted as is.
    public byte[]? WrappedDataKey { get; set; }
#pragma warning restore CA1819

    /// <summary>
    /// When the file must be archived because an integrator extracted its personal data with a token that has an
    /// auto-archive delay: the earliest first extraction plus that delay over such tokens.
    /// </summary>
    public DateTimeOffset? ArchiveDueAt { get; set; }

    /// <summary>Concurrency version, incremented by the store on every successful update.</summary>
    public long Version { get; set; }

    /// <summary>The analyses, in submission order.</summary>
    public List<Analysis> Analyses { get; init; } = [];

    /// <summary>What happened to the file, in order.</summary>
    public List<VerificationEvent> History { get; init; } = [];

    /// <summary>
    /// Webhook events raised by changes to the file, saved with them in the same transaction (the outbox);
    /// a background dispatcher delivers them. Oldest first.
    /// </summary>
    public List<OutboxMessage> Outbox { get; init; } = [];

    /// <summary>Certificates issued on approvals, oldest first. They hold no personal data and survive archiving.</summary>
    public List<VerificationCertificate> Certificates { get; init; } = [];

    /// <summary>Creates an empty file.</summary>
    public static VerificationFolder Create(string tenantId, string verificationId, bool fromCorrelationId, string? department, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(verificationId);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var now = timeProvider.GetUtcNow();
        return new VerificationFolder
        {
            Id = Identifiers.NewUlid(now),
            TenantId = tenantId,
            VerificationId = verificationId,
            FromCorrelationId = fromCorrelationId,
            Department = department,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>Adds an analysis, records its submission and recomputes the status.</summary>
    internal void AddAnalysis(Analysis analysis, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        if (!string.Equals(analysis.FolderId, Id, StringComparison.Ordinal) || !string.Equals(analysis.TenantId, TenantId, StringComparison.Ordinal))
        {
            throw new ArgumentException("The analysis belongs to another verification.", nameof(analysis));
        }

        Analyses.Add(analysis);
        Department ??= analysis.Department;
        Record(VerificationEventKinds.Submitted, actor, now, analysis.Id, analysis.DocumentType);
    }

    /// <summary>
    /// Records an analyst's or an integrator's decision on one analysis. An analysis is decided once: a
    /// second decision is a conflict, so that two analysts deciding at once cannot silently overwrite. A comment
    /// has at most <see cref="VerificationFolder.MaxCommentLength"/> characters.
    /// </summary>
    internal Outcome<Analysis> Decide(string analysisId, DecisionKind decision, string actor, string? comment, DateTimeOffset now)
    {
        if (comment is { Length: > VerificationFolder.MaxCommentLength })
        {
            return VerificationFailures.CommentTooLong;
        }

        var analysis = Analyses.Find(a => string.Equals(a.Id, analysisId, StringComparison.Ordinal));
        if (analysis is null)
        {
            return VerificationFailures.AnalysisNotFound;
        }

        if (ArchivedAt is not null)
        {
            return VerificationFailures.ArchivedNoDecision;
        }

        if (analysis.Decision is not null)
        {
            return VerificationFailures.AlreadyDecided;
        }

        analysis.Decision = decision;
        analysis.DecidedBy = actor;
        analysis.DecidedAt = now;
        analysis.DecisionComment = comment;
        Record(VerificationEventKinds.Decided, actor, now, analysis.Id, Decisions.Text(decision));
        Outbox.Add(OutboxMessage.Create(
            new AnalysisDecidedEvent
            {
                AnalysisId = analysis.Id,
                VerificationId = VerificationId,
                CorrelationId = FromCorrelationId ? VerificationId : null,
                // The verification is the integrator's session: receivers written against docs/api.md read either name.
                SessionId = VerificationId,
                NewStatus = AnalysisDecidedEvent.StatusOf(decision),
                OccurredAt = now,
            },
            TenantId,
            Id,
            now));
        return analysis;
    }

    /// <summary>
    /// Records that an integrator read the personal data (attributes, or attributes and pictures) with a token.
    /// A read with a token that has an auto-archive delay sets <see cref="ArchiveDueAt"/> to the earliest deadline:
    /// a token's delay is fixed, so its first read always gives its earliest deadline and later reads never push
    /// the file's deadline back. No history text is matched to know which read was the first.
    /// </summary>
    internal void RecordExtraction(string actor, string tokenId, bool withPictures, TimeSpan? archiveAfterExtract, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        if (ArchivedAt is not null)
        {
            throw new InvalidOperationException("An archived verification has no personal data to extract.");
        }

        Record(VerificationEventKinds.Extracted, actor, now, null, ExtractionDetail(withPictures, tokenId));
        if (archiveAfterExtract is { } delay)
        {
            var due = now + delay;
            if (ArchiveDueAt is null || due < ArchiveDueAt)
            {
                ArchiveDueAt = due;
            }
        }
    }

    /// <summary>Appends a comment (1 to <see cref="VerificationFolder.MaxCommentLength"/> characters) to the history.</summary>
    internal Outcome<VerificationEvent> Comment(string actor, string comment, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(actor);
        if (string.IsNullOrWhiteSpace(comment) || comment.Length > VerificationFolder.MaxCommentLength)
        {
            return VerificationFailures.CommentInvalid;
        }

        Record(VerificationEventKinds.Commented, actor, now, detail: comment);
        return History[^1];
    }

    /// <summary>
    /// Erases the personal data: every analysis's attributes, every file's key, bytes reference, name and plain-file
    /// hash, and the data key itself. Keeps status, controls (which hold no personal values), decisions, history and
    /// certificates. Irreversible; answers the blob keys the caller must delete once the change is saved, or an
    /// empty list when the file was already archived (archiving twice changes nothing).
    /// </summary>
    internal IReadOnlyList<string> Archive(string actor, string reason, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(actor);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        if (ArchivedAt is not null)
        {
            return [];
        }

        var blobs = new List<string>();
        foreach (var analysis in Analyses)
        {
            analysis.Fields = ExtractedFields.Empty;
            foreach (var file in analysis.Files)
            {
                if (file.BlobKey is { } key)
                {
                    blobs.Add(key);
                }

                file.BlobKey = null;
                file.WrappedKey = null;
                file.DisplayName = null;

                // A hash of the plain file confirms a guessed picture: none is kept once the file is gone.
                file.Sha256 = string.Empty;
            }
        }

        WrappedDataKey = null;
        ArchiveDueAt = null;
        ArchivedAt = now;
        Record(VerificationEventKinds.Archived, actor, now, null, reason);
        return blobs;
    }

    private static string ExtractionDetail(bool withPictures, string tokenId) =>
        (withPictures ? "attributes and pictures read" : "attributes read") + " with token " + tokenId;

    /// <summary>Appends an event to the history and touches <see cref="UpdatedAt"/> and <see cref="Status"/>.</summary>
    internal void Record(string kind, string actor, DateTimeOffset now, string? analysisId = null, string? detail = null)
    {
        History.Add(new VerificationEvent
        {
            Id = Identifiers.NewUlid(now),
            FolderId = Id,
            AnalysisId = analysisId,
            Kind = kind,
            Actor = actor,
            Detail = detail,
            OccurredAt = now,
        });
        UpdatedAt = now;
        Status = FolderStatus.Of(Analyses);
    }
}
