using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Verification.AspNetCore.Authentication;
using Verification.Core;
using Verification.Core.Archiving;
using Verification.Core.Audit;
using Verification.Core.ServiceAccounts;
using Verification.Core.Stores;
using Verification.Core.Verifications;

namespace Verification.AspNetCore.Http;

/// <summary>A file of an analysis; <c>content</c> only with the pictures scope.</summary>
/// <param name="FileId">Id.</param>
/// <param name="MediaType">Media type.</param>
/// <param name="Length">Bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file; <see langword="null"/> once archived.</param>
/// <param name="Width">Pixels.</param>
/// <param name="Height">Pixels.</param>
/// <param name="Content">A data URI of the file, with the pictures scope.</param>
public sealed record FileModel(string FileId, string MediaType, long Length, string? Sha256, int? Width, int? Height, string? Content);

/// <summary>A decision as the API shows it.</summary>
/// <param name="Decision"><c>approve</c> or <c>reject</c>.</param>
/// <param name="DecidedBy">Who.</param>
/// <param name="DecidedAt">When.</param>
/// <param name="Comment">Comment.</param>
public sealed record DecisionModel(string Decision, string? DecidedBy, DateTimeOffset? DecidedAt, string? Comment);

/// <summary>
/// An analysis as the API shows it; <c>fields</c> is <see langword="null"/> without the attributes scope, once archived,
/// or when the token has an encryption key: then <c>encryptedPersonalData</c> carries the fields (and, with the
/// pictures scope, the files' contents) as a compact JWE to that key.
/// </summary>
/// <param name="AnalysisId">Id.</param>
/// <param name="DocumentType">Type.</param>
/// <param name="DocumentCategory">Declared category.</param>
/// <param name="Status">Status.</param>
/// <param name="Channel">How it arrived.</param>
/// <param name="SourceTag">Source system.</param>
/// <param name="ServiceUserId">Sender.</param>
/// <param name="Department">Department.</param>
/// <param name="CreatedAt">When.</param>
/// <param name="Decision">Decision.</param>
/// <param name="Controls">Controls.</param>
/// <param name="Fields">Fields (attributes scope).</param>
/// <param name="Files">Files (content with the pictures scope, unless encrypted).</param>
/// <param name="EncryptedPersonalData">
/// For a token with an encryption key: a compact JWE (<c>RSA-OAEP-256</c> or <c>ECDH-ES</c>, <c>A256GCM</c>) of
/// <c>{"fields": {...}, "files": [{"fileId", "content"}]}</c>, files only with the pictures scope; otherwise <see langword="null"/>
/// (see <see cref="VerificationReader"/>).
/// </param>
public sealed record AnalysisModel(
    string AnalysisId, string DocumentType, string? DocumentCategory, StatusModel Status, string Channel, string? SourceTag,
    string? ServiceUserId, string? Department, DateTimeOffset CreatedAt, DecisionModel? Decision, IReadOnlyList<ControlModel> Controls,
    IReadOnlyDictionary<string, object?>? Fields, IReadOnlyList<FileModel> Files, string? EncryptedPersonalData = null);

/// <summary>One entry of a verification's history.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Actor">Who.</param>
/// <param name="AnalysisId">Which analysis.</param>
/// <param name="Detail">Detail.</param>
/// <param name="OccurredAt">When.</param>
public sealed record HistoryModel(string Kind, string Actor, string? AnalysisId, string? Detail, DateTimeOffset OccurredAt);

/// <summary>A verification as <c>GET /verifications/{id}</c> shows it.</summary>
/// <param name="VerificationId">Id.</param>
/// <param name="VerificationUrl">Back-office address.</param>
/// <param name="CorrelationId">The integrator's correlation id, when the id came from one.</param>
/// <param name="Status">Aggregate status.</param>
/// <param name="Department">Department.</param>
/// <param name="CreatedAt">Creation.</param>
/// <param name="UpdatedAt">Last change.</param>
/// <param name="ArchivedAt">Archive time.</param>
/// <param name="Analyses">Analyses.</param>
/// <param name="History">History.</param>
/// <param name="Certificates">The certificates of the approvals, oldest first; kept after archiving.</param>
public sealed record VerificationModel(
    string VerificationId, string VerificationUrl, string? CorrelationId, string Status, string? Department, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt, DateTimeOffset? ArchivedAt, IReadOnlyList<AnalysisModel> Analyses, IReadOnlyList<HistoryModel> History,
    IReadOnlyList<CertificateModel> Certificates);

/// <summary>A verification in a list (metadata only).</summary>
/// <param name="VerificationId">Id.</param>
/// <param name="CorrelationId">Correlation id.</param>
/// <param name="Status">Status.</param>
/// <param name="Department">Department.</param>
/// <param name="CreatedAt">Creation.</param>
/// <param name="UpdatedAt">Last change.</param>
/// <param name="ArchivedAt">Archive time.</param>
public sealed record VerificationSummaryModel(string VerificationId, string? CorrelationId, string Status, string? Department, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? ArchivedAt);

/// <summary>A page of verifications.</summary>
/// <param name="Items">The page.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> for the next page; <see langword="null"/> at the end.</param>
public sealed record VerificationPage(IReadOnlyList<VerificationSummaryModel> Items, string? NextCursor);

/// <summary>The answer to an archive request (also when the verification was archived before).</summary>
/// <param name="VerificationId">Verification.</param>
/// <param name="ArchivedAt">When its personal data was erased.</param>
public sealed record ArchiveResponse(string VerificationId, DateTimeOffset ArchivedAt);

/// <summary>Body of a decision.</summary>
/// <param name="Decision"><c>approve</c> or <c>reject</c>.</param>
/// <param name="Comment">Why.</param>
public sealed record DecisionRequest(string? Decision, string? Comment);

/// <summary>The answer to a decision.</summary>
/// <param name="AnalysisId">Analysis.</param>
/// <param name="VerificationId">Verification.</param>
/// <param name="NewStatus"><c>user_approved</c> or <c>user_rejected</c>.</param>
/// <param name="VerificationStatus">The verification's aggregate status after it.</param>
/// <param name="DecidedAt">When.</param>
public sealed record DecisionResponse(string AnalysisId, string VerificationId, string NewStatus, string VerificationStatus, DateTimeOffset DecidedAt);

/// <summary>Reading verifications and deciding analyses.</summary>
internal static class VerificationEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/verifications/{verificationId}", GetAsync).WithName("verifications.get").RequireReadLevel(ReadLevel.Metadata).WithTags("Verifications");
        api.MapGet("/verifications", ListAsync).WithName("verifications.list").RequireReadLevel(ReadLevel.Metadata).WithTags("Verifications");
        api.MapPost("/analyses/{analysisId}/decision", DecideAsync).WithName("analyses.decide").RequireScope(Scopes.Review).WithTags("Verifications");
        api.MapPost("/verifications/{verificationId}/archive", ArchiveAsync).WithName("verifications.archive").RequireScope(Scopes.Archive).WithTags("Verifications");
    }

    private static async Task<Results<Ok<ArchiveResponse>, ProblemHttpResult>> ArchiveAsync(
        string verificationId, HttpContext http, VerificationArchiver archiver, CancellationToken ct)
    {
        var principal = ServiceTokenAuthenticationHandler.GetPrincipal(http)!;
        var actor = new ArchiveActor(AuditActorTypes.ServiceUser, principal.ServiceUserId, principal.TokenId);
        var archived = await archiver.ArchiveAsync(principal.TenantId, verificationId, actor, ArchiveReasons.OnDemand, ct);
        return archived.TryGetValue(out var folder, out var failure)
            ? TypedResults.Ok(new ArchiveResponse(folder.VerificationId, folder.ArchivedAt!.Value))
            : VerificationProblems.Result(failure, http);
    }

    /// <summary>Maps what <see cref="VerificationReader"/> lets this token see; the read policy itself lives in the core.</summary>
    private static async Task<Results<Ok<VerificationModel>, ProblemHttpResult>> GetAsync(
        string verificationId, HttpContext http, VerificationReader reader, IOptions<VerificationOptions> options, CancellationToken ct)
    {
        var principal = ServiceTokenAuthenticationHandler.GetPrincipal(http)!;
        var read = await reader.ReadAsync(principal, verificationId, ct);
        if (!read.TryGetValue(out var view, out var failure))
        {
            return VerificationProblems.Result(failure, http);
        }

        return TypedResults.Ok(new VerificationModel(
            view.VerificationId,
            ApiMapping.VerificationUrl(options.Value.PublicBaseUrl, view.VerificationId),
            view.FromCorrelationId ? view.VerificationId : null,
            view.Status, view.Department, view.CreatedAt, view.UpdatedAt, view.ArchivedAt,
            view.Analyses.Select(Model).ToList(),
            view.History.Select(e => new HistoryModel(e.Kind, e.Actor, e.AnalysisId, e.Detail, e.OccurredAt)).ToList(),
            view.Certificates.Select(CertificateModel.Of).ToList()));
    }

    private static AnalysisModel Model(AnalysisView a) => new(
        a.AnalysisId, a.DocumentType, a.DocumentCategory, ApiMapping.Status(a.Status), a.Channel, a.SourceTag, a.ServiceUserId, a.Department, a.CreatedAt,
        a.Decision is { } d ? new DecisionModel(Decisions.Text(d), a.DecidedBy, a.DecidedAt, a.DecisionComment) : null,
        ApiMapping.Controls(a.Controls),
        a.Fields,
        a.Files.Select(f => new FileModel(f.FileId, f.MediaType, f.Length, f.Sha256, f.Width, f.Height, f.Content)).ToList(),
        a.EncryptedPersonalData);

    private static async Task<Results<Ok<VerificationPage>, ProblemHttpResult>> ListAsync(
        HttpContext http, IVerificationStore store, string? correlationId, string? status, string? department, string? updatedSince, string? cursor, string? limit, CancellationToken ct)
    {
        var principal = ServiceTokenAuthenticationHandler.GetPrincipal(http)!;

        // Parsed here, not bound as int?: a binding failure would answer a bare 400 instead of a coded problem.
        int? size = null;
        if (limit is not null)
        {
            size = int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var parsedLimit) ? parsedLimit : -1;
        }

        if (size is < 1 or > 200)
        {
            return VerificationProblems.Result(Failure.Invalid(VerificationErrors.QueryInvalidLimit, "limit is 1 to 200."), http);
        }

        DateTimeOffset? since = null;
        if (updatedSince is not null)
        {
            if (!DateTimeOffset.TryParse(updatedSince, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                return VerificationProblems.Result(Failure.Invalid(VerificationErrors.QueryInvalidUpdatedSince, "updatedSince is an ISO 8601 instant, e.g. 2026-11-21T10:00:00Z."), http);
            }

            since = parsed;
        }

        string? after = null;
        if (cursor is not null)
        {
            after = Cursor.Decode(cursor);
            if (after is null)
            {
                return VerificationProblems.Result(Failure.Invalid(VerificationErrors.QueryInvalidCursor, "The cursor is not one this API gave."), http);
            }
        }

        var pageSize = size ?? 50;
        var items = new List<VerificationSummary>(pageSize);
        await foreach (var s in store.ListAsync(new VerificationQuery
        {
            TenantId = principal.TenantId,
            CorrelationId = correlationId,
            Status = status,
            Department = department,
            UpdatedSince = since,
            After = after,
            Limit = pageSize,
        }, ct))
        {
            items.Add(s);
        }

        return TypedResults.Ok(new VerificationPage(
            items.Select(s => new VerificationSummaryModel(s.VerificationId, s.FromCorrelationId ? s.VerificationId : null, s.Status, s.Department, s.CreatedAt, s.UpdatedAt, s.ArchivedAt)).ToList(),
            items.Count == pageSize ? Cursor.Encode(items[^1].Id) : null));
    }

    private static async Task<Results<Ok<DecisionResponse>, ProblemHttpResult>> DecideAsync(
        string analysisId, HttpContext http, VerificationManager manager, CancellationToken ct)
    {
        var principal = ServiceTokenAuthenticationHandler.GetPrincipal(http)!;
        var body = await JsonBody.ReadAsync<DecisionRequest>(http.Request, ApiJson.Options, ct);
        if (!body.TryGetValue(out var request, out var failure))
        {
            return VerificationProblems.Result(failure, http);
        }

        if (!Decisions.Parse(request.Decision).TryGetValue(out var kind, out failure))
        {
            return VerificationProblems.Result(failure, http);
        }

        var decided = await manager.DecideAsync(principal.TenantId, analysisId, kind, principal.Actor, request.Comment, ct);
        if (!decided.TryGetValue(out var result, out failure))
        {
            return VerificationProblems.Result(failure, http);
        }

        return TypedResults.Ok(new DecisionResponse(
            result.Analysis.Id, result.Folder.VerificationId, kind == DecisionKind.Approve ? "user_approved" : "user_rejected",
            result.Folder.Status, result.Analysis.DecidedAt!.Value));
    }

    /// <summary>Opaque paging cursors (the last internal id, base64url).</summary>
    private static class Cursor
    {
        public static string Encode(string id) => Convert.ToBase64String(Encoding.UTF8.GetBytes("v1:" + id)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        public static string? Decode(string cursor)
        {
            if (cursor.Length is 0 or > 100)
            {
                return null;
            }

            try
            {
                var s = cursor.Replace('-', '+').Replace('_', '/');
                var text = Encoding.UTF8.GetString(Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=')));
                return text.StartsWith("v1:", StringComparison.Ordinal) && text.Length == 29 ? text[3..] : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }
    }
}
