using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Verification.Core.Protection;
using Verification.Core.Stores;
using Verification.Core.Verifications;
using Verification.Storage.EfCore.Configurations;

namespace Verification.Storage.EfCore.Stores;

/// <summary>
/// <see cref="IVerificationSearch"/> in SQL: every filter, the order and the page run in the database, so a
/// page costs the same on ten or a hundred thousand verifications. Names are stored encrypted: a name word is
/// found through the blind index (keyed hashes of whole, normalised words, see
/// <see cref="VerificationProtector.NameIndex"/>), and the names shown on a page are decrypted row by row.
/// </summary>
/// <typeparam name="TContext">The context holding the verification model.</typeparam>
public sealed class EfVerificationSearch<TContext>(TContext context, VerificationProtector protector) : IVerificationSearch
    where TContext : DbContext
{

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
            r.a.FolderId,
            r.f.WrappedDataKey,
            SealedFields = EF.Property<byte[]?>(r.a, AnalysisShadow.SealedFields),
        });
        await foreach (var r in page.AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return new AnalysisSearchRow(r.Id, r.VerificationId, r.DocumentType, r.StatusCode, r.Department, r.SourceTag, r.ServiceUserId,
                r.Channel, r.CreatedAt, r.Decision, r.DecidedAt, SearchText.PersonName(protector.OpenFields(r.FolderId, r.WrappedDataKey, r.Id, r.SealedFields)));
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
            .Select(f => new { f.Id, f.VerificationId, f.Status, f.Department, f.CreatedAt, f.UpdatedAt, f.ArchivedAt, f.WrappedDataKey })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (page.Count == 0)
        {
            yield break;
        }

        // The page's documents in one bounded query, instead of one per row.
        var ids = page.Select(f => f.Id).ToList();
        var documents = (await Analyses.Where(a => ids.Contains(a.FolderId))
                .OrderBy(a => a.Id)
                .Select(a => new { a.Id, a.FolderId, a.Decision, a.SourceTag, SealedFields = EF.Property<byte[]?>(a, AnalysisShadow.SealedFields) })
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(a => a.FolderId, StringComparer.Ordinal);
        foreach (var f in page)
        {
            yield return SearchText.FolderRow(f.VerificationId, f.Status, f.Department, f.CreatedAt, f.UpdatedAt, f.ArchivedAt,
                documents[f.Id].Select(a => (a.Decision, a.SourceTag, (ExtractedFields?)protector.OpenFields(f.Id, f.WrappedDataKey, a.Id, a.SealedFields))).ToList());
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
    /// The tenant's analyses whose names hold every word (whole words, ignoring case and accents), found through
    /// the blind index, or <see langword="null"/> when the text cannot be a name (no words, or a digit in it: an
    /// id), so that id searches never scan the index.
    /// </summary>
    private IQueryable<Analysis>? NameHits(string tenantId, IReadOnlyList<string> words)
    {
        if (words.Count == 0 || words.Any(w => w.Any(char.IsDigit)))
        {
            return null;
        }

        var normalised = words.SelectMany(VerificationProtector.NameWords).Distinct(StringComparer.Ordinal).ToList();
        if (normalised.Count == 0)
        {
            return null;
        }

        var hits = context.Set<Analysis>().Where(a => a.TenantId == tenantId);
        foreach (var word in normalised)
        {
            hits = hits.Where(AnyToken(protector.NameTokens(word)));
        }

        return hits;
    }

    // NameIndex holds " token token ... ": a word matches when one of its tokens (one per master key) is there.
    private static Expression<Func<Analysis, bool>> AnyToken(IReadOnlyList<string> tokens)
    {
        Expression<Func<Analysis, bool>> any = a => false;
        foreach (var token in tokens)
        {
            Expression<Func<Analysis, bool>> holds = a => EF.Property<string>(a, AnalysisShadow.NameIndex).Contains(token);
            any = any.Or(holds);
        }

        return any;
    }
}
