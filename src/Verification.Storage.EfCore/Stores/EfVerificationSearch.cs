using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Verification.Core.Stores;
using Verification.Core.Verifications;

namespace Verification.Storage.EfCore.Stores;

/// <summary>
/// <see cref="IVerificationSearch"/> in SQL: every filter, the order and the page run in the database, so a
/// page costs the same on ten or a hundred thousand verifications. Names live in the JSON <c>Fields</c>
/// column: a name word is a case-insensitive <c>LIKE</c> on that column (so it may also hit other fields
/// of the document, such as the machine-readable zone); indexed name columns can replace it later.
/// </summary>
/// <typeparam name="TContext">The context holding the verification model.</typeparam>
public sealed class EfVerificationSearch<TContext>(TContext context) : IVerificationSearch
    where TContext : DbContext
{
    // Must escape like the column's JSON (JsonSerializerDefaults.Web, default encoder) so that accented
    // names are compared as stored (e.g. "\u00DC").
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Default };

    private IQueryable<VerificationFolder> Folders => context.Set<VerificationFolder>().AsNoTracking();

    private IQueryable<Analysis> Analyses => context.Set<Analysis>().AsNoTracking();

    /// <inheritdoc />
    public async IAsyncEnumerable<AnalysisSearchRow> SearchAnalysesAsync(VerificationSearchQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var folders = VisibleFolders(query.TenantId, query.AllowedDepartments);
        if (query.Department is { } department)
        {
            folders = folders.Where(f => f.Department == department);
        }

        var rows = from a in Analyses.Where(a => a.TenantId == query.TenantId)
                   join f in folders on a.FolderId equals f.Id
                   select new { a, f };
        if (query.TrimmedText() is { } text)
        {
            var (folderId, analysisId) = await ResolveIdsAsync(query.TenantId, text, cancellationToken).ConfigureAwait(false);
            var nameHits = NameHits(query.TenantId, query.Words())?.Select(a => a.Id);
            if (nameHits is null && folderId is null && analysisId is null)
            {
                yield break;
            }

            rows = nameHits is null
                ? rows.Where(r => r.a.FolderId == folderId || r.a.Id == analysisId)
                : rows.Where(r => r.a.FolderId == folderId || r.a.Id == analysisId || nameHits.Contains(r.a.Id));
        }

        if (query.Status is { } status)
        {
            rows = rows.Where(r => r.a.StatusCode == status);
        }

        if (query.Decided is { } decided)
        {
            rows = decided ? rows.Where(r => r.a.Decision != null) : rows.Where(r => r.a.Decision == null);
        }

        if (query.SourceTag is { } source)
        {
            rows = rows.Where(r => r.a.SourceTag == source);
        }

        if (query.From is { } from)
        {
            rows = rows.Where(r => r.a.CreatedAt >= from);
        }

        if (query.To is { } to)
        {
            rows = rows.Where(r => r.a.CreatedAt < to);
        }

        rows = query.Order switch
        {
            SearchOrder.OldestFirst => rows.OrderBy(r => r.a.CreatedAt).ThenBy(r => r.a.Id),
            SearchOrder.Status => rows.OrderBy(r => r.a.StatusCode).ThenByDescending(r => r.a.CreatedAt).ThenByDescending(r => r.a.Id),
            _ => rows.OrderByDescending(r => r.a.CreatedAt).ThenByDescending(r => r.a.Id),
        };
        var page = rows.Skip(Math.Max(0, query.Offset)).Take(Math.Clamp(query.Limit, 1, 201)).Select(r => new
        {
            r.a.Id,
            r.f.VerificationId,
            r.a.DocumentType,
            r.a.StatusCode,
            r.f.Department,
            r.a.SourceTag,
            r.a.ServiceUserId,
            r.a.Channel,
            r.a.CreatedAt,
            r.a.Decision,
            r.a.DecidedAt,
            r.a.Fields,
        });
        await foreach (var r in page.AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return new AnalysisSearchRow(r.Id, r.VerificationId, r.DocumentType, r.StatusCode, r.Department, r.SourceTag, r.ServiceUserId,
                r.Channel, r.CreatedAt, r.Decision, r.DecidedAt, SearchText.PersonName(r.Fields));
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<FolderSearchRow> SearchFoldersAsync(VerificationSearchQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var tenantId = query.TenantId;
        var folders = VisibleFolders(tenantId, query.AllowedDepartments);
        if (query.Department is { } department)
        {
            folders = folders.Where(f => f.Department == department);
        }

        if (query.TrimmedText() is { } text)
        {
            var (byVerification, analysisId) = await ResolveIdsAsync(tenantId, text, cancellationToken).ConfigureAwait(false);
            var byAnalysis = analysisId is null
                ? null
                : await Analyses.Where(a => a.Id == analysisId).Select(a => a.FolderId).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            var nameHits = NameHits(tenantId, query.Words())?.Select(a => a.FolderId);
            if (nameHits is null && byVerification is null && byAnalysis is null)
            {
                yield break;
            }

            folders = nameHits is null
                ? folders.Where(f => f.Id == byVerification || f.Id == byAnalysis)
                : folders.Where(f => f.Id == byVerification || f.Id == byAnalysis || nameHits.Contains(f.Id));
        }

        if (query.Status is { } status)
        {
            folders = folders.Where(f => f.Status == status);
        }

        if (query.Decided is { } decided)
        {
            folders = decided
                ? folders.Where(f => !Analyses.Any(a => a.FolderId == f.Id && a.Decision == null))
                : folders.Where(f => Analyses.Any(a => a.FolderId == f.Id && a.Decision == null));
        }

        if (query.SourceTag is { } source)
        {
            folders = folders.Where(f => Analyses.Any(a => a.FolderId == f.Id && a.SourceTag == source));
        }

        if (query.From is { } from)
        {
            folders = folders.Where(f => f.CreatedAt >= from);
        }

        if (query.To is { } to)
        {
            folders = folders.Where(f => f.CreatedAt < to);
        }

        // Ids are ULIDs minted at creation: ordering by the primary key is ordering by creation, on an index.
        folders = query.Order switch
        {
            SearchOrder.OldestFirst => folders.OrderBy(f => f.Id),
            SearchOrder.Status => folders.OrderBy(f => f.Status).ThenByDescending(f => f.Id),
            _ => folders.OrderByDescending(f => f.Id),
        };
        var page = await folders.Skip(Math.Max(0, query.Offset)).Take(Math.Clamp(query.Limit, 1, 201))
            .Select(f => new { f.Id, f.VerificationId, f.Status, f.Department, f.CreatedAt, f.UpdatedAt, f.ArchivedAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (page.Count == 0)
        {
            yield break;
        }

        // The page's documents in one bounded query, instead of one per row.
        var ids = page.Select(f => f.Id).ToList();
        var documents = (await Analyses.Where(a => ids.Contains(a.FolderId))
                .OrderBy(a => a.Id)
                .Select(a => new { a.FolderId, a.Decision, a.SourceTag, a.Fields })
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(a => a.FolderId, StringComparer.Ordinal);
        foreach (var f in page)
        {
            yield return SearchText.FolderRow(f.VerificationId, f.Status, f.Department, f.CreatedAt, f.UpdatedAt, f.ArchivedAt,
                documents[f.Id].Select(a => (a.Decision, a.SourceTag, (ExtractedFields?)a.Fields)).ToList());
        }
    }

    /// <inheritdoc />
    public async ValueTask<VerificationStatistics> GetStatisticsAsync(VerificationStatisticsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (from, to, days) = SearchText.Window(query);
        var folders = VisibleFolders(query.TenantId, query.AllowedDepartments);
        var analyses = from a in Analyses.Where(a => a.TenantId == query.TenantId)
                       join f in folders on a.FolderId equals f.Id
                       select a;
        var inWindow = analyses.Where(a => a.CreatedAt >= from && a.CreatedAt < to);

        // One indexed count per day: portable across providers (SQLite keeps instants as ticks) and cheap.
        var perDay = new List<(DateOnly, int)>(days.Count);
        foreach (var day in days)
        {
            var start = SearchText.Start(day);
            var end = SearchText.Start(day.AddDays(1));
            perDay.Add((day, await analyses.CountAsync(a => a.CreatedAt >= start && a.CreatedAt < end, cancellationToken).ConfigureAwait(false)));
        }

        var byStatus = (await folders.GroupBy(f => f.Status).Select(g => new { g.Key, Count = g.Count() })
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count)).ToList();
        var bySource = (await inWindow.GroupBy(a => a.SourceTag).Select(g => new { g.Key, Count = g.Count() })
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .Select(g => (Source: g.Key ?? string.Empty, g.Count))
            .OrderByDescending(g => g.Count).ThenBy(g => g.Source, StringComparer.Ordinal).ToList();
        var decided = await analyses.Where(a => a.DecidedAt != null && a.DecidedAt >= from && a.DecidedAt < to)
            .OrderByDescending(a => a.DecidedAt).Take(2000)
            .Select(a => new { a.CreatedAt, a.DecidedAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var delays = decided.Select(a => a.DecidedAt!.Value - a.CreatedAt).Order().ToList();
        return new VerificationStatistics(perDay, byStatus, bySource, delays);
    }

    /// <summary>
    /// The internal id of the tenant's verification whose public id is <paramref name="text"/>, and the id of
    /// its analysis <paramref name="text"/>, each found through a unique index, so that the page query
    /// filters on keys instead of joining on text.
    /// </summary>
    private async ValueTask<(string? FolderId, string? AnalysisId)> ResolveIdsAsync(string tenantId, string text, CancellationToken cancellationToken)
    {
        var folderId = await Folders.Where(f => f.TenantId == tenantId && f.VerificationId == text).Select(f => f.Id)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var analysisId = text.Length == 26
            ? await Analyses.Where(a => a.TenantId == tenantId && a.Id == text).Select(a => a.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            : null;
        return (folderId, analysisId);
    }

    private IQueryable<VerificationFolder> VisibleFolders(string tenantId, IReadOnlyCollection<string>? allowedDepartments)
    {
        var folders = Folders.Where(f => f.TenantId == tenantId);
        if (allowedDepartments is not null)
        {
            var allowed = allowedDepartments.ToList();
            folders = folders.Where(f => f.Department != null && allowed.Contains(f.Department));
        }

        return folders;
    }

    /// <summary>
    /// The tenant's analyses whose fields hold every word, or <see langword="null"/> when the text cannot be a
    /// name (no words, or a digit in it: an id), so that id searches never scan the fields.
    /// </summary>
    private IQueryable<Analysis>? NameHits(string tenantId, IReadOnlyList<string> words)
    {
        if (words.Count == 0 || words.Any(w => w.Any(char.IsDigit)))
        {
            return null;
        }

        // SQLite's LIKE ignores ASCII case already; PostgreSQL needs ILIKE. Non-ASCII letters are stored as
        // JSON escapes (e.g. "\u00DC"), so a word with some is looked for in its upper and lower spelling.
        var postgres = context.Database.ProviderName?.Contains("Npgsql", StringComparison.Ordinal) == true;
        IQueryable<Analysis>? hits = null;
        foreach (var word in words)
        {
            var lower = Pattern(word.ToLowerInvariant());
            var upper = Pattern(word.ToUpperInvariant());
            var matching = (postgres, string.Equals(lower, upper, StringComparison.OrdinalIgnoreCase)) switch
            {
                (true, true) => context.Set<Analysis>().FromSql($"SELECT * FROM \"Analyses\" WHERE \"Fields\" ILIKE {lower} ESCAPE '!'"),
                (true, false) => context.Set<Analysis>().FromSql($"SELECT * FROM \"Analyses\" WHERE \"Fields\" ILIKE {lower} ESCAPE '!' OR \"Fields\" ILIKE {upper} ESCAPE '!'"),
                (false, true) => context.Set<Analysis>().FromSql($"SELECT * FROM \"Analyses\" WHERE \"Fields\" LIKE {lower} ESCAPE '!'"),
                (false, false) => context.Set<Analysis>().FromSql($"SELECT * FROM \"Analyses\" WHERE \"Fields\" LIKE {lower} ESCAPE '!' OR \"Fields\" LIKE {upper} ESCAPE '!'"),
            };
            hits = hits is null ? matching : hits.Where(a => matching.Select(m => m.Id).Contains(a.Id));
        }

        return hits!.Where(a => a.TenantId == tenantId);
    }

    private static string Pattern(string word)
    {
        var json = JsonSerializer.Serialize(word, JsonOptions);
        var escaped = new StringBuilder(json.Length + 8).Append('%');
        foreach (var c in json.AsSpan(1, json.Length - 2))
        {
            if (c is '%' or '_' or '!')
            {
                escaped.Append('!');
            }

            escaped.Append(c);
        }

        return escaped.Append('%').ToString();
    }
}
