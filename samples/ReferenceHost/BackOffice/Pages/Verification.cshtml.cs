using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReferenceHost.Accounts;
using Verification.Core.Archiving;
using Verification.Core.Audit;
using Verification.Core.ServiceAccounts;
using Verification.Core.Stores;
using Verification.Core.Verifications;

namespace ReferenceHost.BackOffice.Pages;

/// <summary>
/// The folder view: every document of a customer side by side, with images, fields, controls, who sent
/// it, the history and comments; decisions per document or for the whole folder. Opening it shows
/// personal data, so every view is audited. A folder of a department the analyst may not see answers 404,
/// exactly like a missing one.
/// </summary>
public sealed class VerificationPageModel(
    IVerificationStore store,
    VerificationManager verifications,
    VerificationFileReader files,
    VerificationArchiver archiver,
    AnalystAccounts analysts,
    ServiceTokenManager serviceUsers,
    AuditTrail audit,
    TimeProvider timeProvider) : PageModel
{
    public const int MaxCommentLength = VerificationFolder.MaxCommentLength;

    [BindProperty(SupportsGet = true)]
    public string VerificationId { get; set; } = string.Empty;

    public VerificationFolder Folder { get; private set; } = null!;

    [TempData]
    public string? Notice { get; set; }

    public string? Error { get; private set; }

    public IReadOnlyDictionary<string, string> ActorNames { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, ServiceUser> ServiceUsers { get; private set; } = new Dictionary<string, ServiceUser>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        await RecordAsync("backoffice.view_personal_data", "success", "verification", Folder.VerificationId, cancellationToken);
        return Page();
    }

    /// <summary>Streams a document file, for display in the page only (inline, never cached).</summary>
    public async Task<IActionResult> OnGetFileAsync(string fileId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var file = Folder.Analyses.SelectMany(a => a.Files).FirstOrDefault(f => string.Equals(f.Id, fileId, StringComparison.Ordinal));
        if (file is null || await files.ReadAsync(Folder, file, cancellationToken) is not { } content)
        {
            return NotFound();
        }

        // A document image is personal data: every download is audited, as the API's picture reads are.
        await RecordAsync("backoffice.file_read", "success", "file", file.Id, cancellationToken);
        Response.Headers.ContentDisposition = "inline";
        Response.Headers.CacheControl = "no-store";
        return File(content, file.MediaType);
    }

    public async Task<IActionResult> OnPostDecideAsync(string analysisId, string decision, string? comment, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (!Folder.Analyses.Exists(a => string.Equals(a.Id, analysisId, StringComparison.Ordinal)))
        {
            return NotFound();
        }

        if (ParseDecision(decision, comment) is not { } kind)
        {
            return await RedisplayAsync(StatusCodes.Status400BadRequest, cancellationToken);
        }

        var outcome = await DecideOneAsync(analysisId, kind, comment, cancellationToken);
        if (outcome is null)
        {
            Notice = kind == DecisionKind.Approve ? "The document was approved." : "The document was rejected.";
            return RedirectToPage(new { VerificationId });
        }

        Error = outcome;
        return await RedisplayAsync(StatusCodes.Status409Conflict, cancellationToken);
    }

    public async Task<IActionResult> OnPostDecideAllAsync(string decision, string? comment, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (ParseDecision(decision, comment) is not { } kind)
        {
            return await RedisplayAsync(StatusCodes.Status400BadRequest, cancellationToken);
        }

        var undecided = Folder.Analyses.Where(a => a.Decision is null).Select(a => a.Id).ToList();
        if (undecided.Count == 0)
        {
            Error = "Every document of this folder is already decided.";
            return await RedisplayAsync(StatusCodes.Status409Conflict, cancellationToken);
        }

        var problems = new List<string>();
        foreach (var id in undecided)
        {
            if (await DecideOneAsync(id, kind, comment, cancellationToken) is { } problem)
            {
                problems.Add(problem);
            }
        }

        if (problems.Count == 0)
        {
            Notice = $"{undecided.Count} document(s) {(kind == DecisionKind.Approve ? "approved" : "rejected")}.";
            return RedirectToPage(new { VerificationId });
        }

        Error = string.Join(" ", problems);
        return await RedisplayAsync(StatusCodes.Status409Conflict, cancellationToken);
    }

    /// <summary>
    /// Archives the folder: erases its personal data for good. The form asks the analyst to type the folder id,
    /// so that it cannot happen by a stray click.
    /// </summary>
    public async Task<IActionResult> OnPostArchiveAsync(string? confirmation, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        if (Folder.ArchivedAt is not null)
        {
            Error = "This folder is already archived.";
            return await RedisplayAsync(StatusCodes.Status409Conflict, cancellationToken);
        }

        if (!string.Equals(confirmation?.Trim(), Folder.VerificationId, StringComparison.Ordinal))
        {
            Error = "Type the folder id exactly to confirm the archiving; nothing was erased.";
            return await RedisplayAsync(StatusCodes.Status400BadRequest, cancellationToken);
        }

        var actor = new ArchiveActor(AuditActorTypes.Analyst, User.AnalystId());
        var outcome = await archiver.ArchiveAsync(User.TenantId(), VerificationId, actor, ArchiveReasons.OnDemand, cancellationToken);
        await RecordAsync("backoffice.archive", outcome.IsSuccess ? "success" : outcome.Failure!.Code, "verification", VerificationId, cancellationToken);
        if (!outcome.IsSuccess)
        {
            Error = $"The folder was not archived ({outcome.Failure!.Code}).";
            return await RedisplayAsync(StatusCodes.Status409Conflict, cancellationToken);
        }

        Notice = "The folder was archived: its personal data and files are erased.";
        return RedirectToPage(new { VerificationId });
    }

    public async Task<IActionResult> OnPostCommentAsync(string? comment, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        comment = comment?.Trim();
        if (string.IsNullOrEmpty(comment) || comment.Length > MaxCommentLength)
        {
            Error = $"A comment is 1 to {MaxCommentLength} characters.";
            return await RedisplayAsync(StatusCodes.Status400BadRequest, cancellationToken);
        }

        // The manager appends the comment, re-reading the folder when it changed meanwhile.
        var commented = await verifications.CommentAsync(User.TenantId(), VerificationId, User.Actor(), comment, cancellationToken);
        if (commented.IsSuccess)
        {
            await RecordAsync("backoffice.comment", "success", "verification", VerificationId, cancellationToken);
            Notice = "The comment was added.";
            return RedirectToPage(new { VerificationId });
        }

        Error = commented.Failure!.Code == VerificationErrors.ConcurrencyConflict
            ? "The comment could not be saved: the folder kept changing. Try again."
            : $"The comment was not saved ({commented.Failure.Code}).";
        return await RedisplayAsync(StatusCodes.Status409Conflict, cancellationToken);
    }

    public string ActorName(string actor) =>
        ActorNames.TryGetValue(actor, out var name) ? name : actor;

    public string FileUrl(DocumentFile file) =>
        Url.Page("/Verification", "File", new { VerificationId, fileId = file.Id })!;

    /// <summary>Decides one analysis; answers a message for the analyst when it was not recorded.</summary>
    private async Task<string?> DecideOneAsync(string analysisId, DecisionKind kind, string? comment, CancellationToken cancellationToken)
    {
        var result = await verifications.DecideAsync(User.TenantId(), analysisId, kind, User.Actor(), string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(), cancellationToken);
        await RecordAsync("backoffice.decide", result.IsSuccess ? (kind == DecisionKind.Approve ? "approve" : "reject") : result.Failure!.Code, "analysis", analysisId, cancellationToken);
        if (result.IsSuccess)
        {
            return null;
        }

        if (result.Failure!.Code == VerificationErrors.AlreadyDecided
            && await store.FindByAnalysisIdAsync(User.TenantId(), analysisId, cancellationToken) is { } fresh
            && fresh.Analyses.Find(a => string.Equals(a.Id, analysisId, StringComparison.Ordinal)) is { Decision: { } winner } decided)
        {
            await LoadActorNamesAsync(fresh, cancellationToken);
            return $"Document {analysisId} was already {(winner == DecisionKind.Approve ? "approved" : "rejected")} by {ActorName(decided.DecidedBy ?? "?")} at {decided.DecidedAt.Show()}; your decision was not recorded.";
        }

        return result.Failure.Code switch
        {
            VerificationErrors.Archived => "This folder is archived; it can no longer be decided.",
            VerificationErrors.ConcurrencyConflict => "The folder kept changing while deciding; nothing was recorded. Try again.",
            _ => $"The decision was not recorded ({result.Failure.Code}).",
        };
    }

    private DecisionKind? ParseDecision(string? decision, string? comment)
    {
        if (comment is { Length: > MaxCommentLength })
        {
            Error = $"A comment is at most {MaxCommentLength} characters.";
            return null;
        }

        if (!Decisions.Parse(decision).TryGetValue(out var kind, out _))
        {
            Error = "Choose approve or reject.";
            return null;
        }

        return kind;
    }

    private async Task<IActionResult> RedisplayAsync(int status, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var folder = await store.FindByIdAsync(User.TenantId(), VerificationId, cancellationToken);
        if (folder is null || !User.MaySee(folder.Department))
        {
            return false;
        }

        Folder = folder;
        await LoadActorNamesAsync(folder, cancellationToken);
        var users = new Dictionary<string, ServiceUser>(StringComparer.Ordinal);
        foreach (var id in folder.Analyses.Select(a => a.ServiceUserId).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (await serviceUsers.FindServiceUserAsync(folder.TenantId, id, cancellationToken) is { } user)
            {
                users[id] = user;
            }
        }

        ServiceUsers = users;
        return true;
    }

    private async Task LoadActorNamesAsync(VerificationFolder folder, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var actors = folder.History.Select(e => e.Actor).Concat(folder.Analyses.Select(a => a.DecidedBy).OfType<string>());
        foreach (var actor in actors.Where(a => a.StartsWith("analyst:", StringComparison.Ordinal)).Distinct(StringComparer.Ordinal))
        {
            if (await analysts.FindByIdAsync(folder.TenantId, actor["analyst:".Length..], cancellationToken) is { Email: { } email })
            {
                names[actor] = email;
            }
        }

        ActorNames = names;
    }

    private ValueTask RecordAsync(string action, string outcome, string targetType, string targetId, CancellationToken cancellationToken) =>
        audit.RecordAsync(HttpContext.AuditEntry(timeProvider.GetUtcNow(), action, outcome, targetType, targetId), cancellationToken);
}
