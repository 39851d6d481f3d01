using System.Runtime.CompilerServices;
using Verification.Core.Verifications;

namespace Verification.Core.Stores.InMemory;

/// <summary>
/// <see cref="IVerificationSearch"/> by reading every verification of the tenant from the store: right for
/// the in-memory store of tests and demos, far too slow for a database (use its own implementation).
/// </summary>
public sealed class InMemoryVerificationSearch(IVerificationStore store) : IVerificationSearch
{
    /// <inheritdoc />
    public async IAsyncEnumerable<AnalysisSearchRow> SearchAnalysesAsync(VerificationSearchQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = query.TrimmedText();
        var words = query.Words();
        var rows = new List<(Analysis Analysis, VerificationFolder Folder)>();
        foreach (var folder in await VisibleFoldersAsync(query.TenantId, query.AllowedDepartments, cancellationToken).ConfigureAwait(false))
        {
            if (query.Department is not null && !string.Equals(folder.Department, query.Department, StringComparison.Ordinal))
            {
                continue;
            }

            var folderMatches = text is not null && string.Equals(folder.VerificationId, text, StringComparison.Ordinal);
            rows.AddRange(folder.Analyses
                .Where(a => text is null || folderMatches || string.Equals(a.Id, text, StringComparison.Ordinal) || SearchText.NameMatches(a.Fields, words))
                .Where(a => query.Status is null || string.Equals(a.StatusCode, query.Status, StringComparison.Ordinal))
                .Where(a => query.Decided is null || (a.Decision is not null) == query.Decided)
                .Where(a => query.SourceTag is null || string.Equals(a.SourceTag, query.SourceTag, StringComparison.Ordinal))
                .Where(a => query.From is null || a.CreatedAt >= query.From)
                .Where(a => query.To is null || a.CreatedAt < query.To)
                .Select(a => (a, folder)));
        }

        IEnumerable<(Analysis Analysis, VerificationFolder Folder)> ordered = query.Order switch
        {
            SearchOrder.OldestFirst => rows.OrderBy(r => r.Analysis.CreatedAt).ThenBy(r => r.Analysis.Id, StringComparer.Ordinal),
            SearchOrder.Status => rows.OrderBy(r => r.Analysis.StatusCode, StringComparer.Ordinal).ThenByDescending(r => r.Analysis.CreatedAt).ThenByDescending(r => r.Analysis.Id, StringComparer.Ordinal),
            _ => rows.OrderByDescending(r => r.Analysis.CreatedAt).ThenByDescending(r => r.Analysis.Id, StringComparer.Ordinal),
        };
        foreach (var (a, f) in ordered.Skip(Math.Max(0, query.Offset)).Take(Math.Clamp(query.Limit, 1, 201)))
        {
            yield return new AnalysisSearchRow(a.Id, f.VerificationId, a.DocumentType, a.StatusCode, f.Department, a.SourceTag, a.ServiceUserId,
                a.Channel, a.CreatedAt, a.Decision, a.DecidedAt, SearchText.PersonName(a.Fields));
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<FolderSearchRow> SearchFoldersAsync(VerificationSearchQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var text = query.TrimmedText();
        var words = query.Words();
        var folders = (await VisibleFoldersAsync(query.TenantId, query.AllowedDepartments, cancellationToken).ConfigureAwait(false))
            .Where(f => query.Department is null || string.Equals(f.Department, query.Department, StringComparison.Ordinal))
            .Where(f => text is null
                        || string.Equals(f.VerificationId, text, StringComparison.Ordinal)
                        || f.Analyses.Exists(a => string.Equals(a.Id, text, StringComparison.Ordinal) || SearchText.NameMatches(a.Fields, words)))
            .Where(f => query.Status is null || string.Equals(f.Status, query.Status, StringComparison.Ordinal))
            .Where(f => query.Decided is null || f.Analyses.TrueForAll(a => a.Decision is not null) == query.Decided)
            .Where(f => query.SourceTag is null || f.Analyses.Exists(a => string.Equals(a.SourceTag, query.SourceTag, StringComparison.Ordinal)))
            .Where(f => query.From is null || f.CreatedAt >= query.From)
            .Where(f => query.To is null || f.CreatedAt < query.To);
        var ordered = query.Order switch
        {
            SearchOrder.OldestFirst => folders.OrderBy(f => f.Id, StringComparer.Ordinal),
            SearchOrder.Status => folders.OrderBy(f => f.Status, StringComparer.Ordinal).ThenByDescending(f => f.Id, StringComparer.Ordinal),
            _ => folders.OrderByDescending(f => f.Id, StringComparer.Ordinal),
        };
        foreach (var f in ordered.Skip(Math.Max(0, query.Offset)).Take(Math.Clamp(query.Limit, 1, 201)))
        {
            yield return SearchText.FolderRow(
                f.VerificationId, f.Status, f.Department, f.CreatedAt, f.UpdatedAt, f.ArchivedAt,
                f.Analyses.Select(a => (a.Decision, a.SourceTag, (ExtractedFields?)a.Fields)).ToList());
        }
    }

    /// <inheritdoc />
    public async ValueTask<VerificationStatistics> GetStatisticsAsync(VerificationStatisticsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var folders = await VisibleFoldersAsync(query.TenantId, query.AllowedDepartments, cancellationToken).ConfigureAwait(false);
        var (from, to, days) = SearchText.Window(query);
        var inWindow = folders.SelectMany(f => f.Analyses).Where(a => a.CreatedAt >= from && a.CreatedAt < to).ToList();
        var perDay = days.Select(d => (d, inWindow.Count(a => DateOnly.FromDateTime(a.CreatedAt.UtcDateTime) == d))).ToList();
        var byStatus = folders.GroupBy(f => f.Status, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())).ToList();
        var bySource = inWindow.GroupBy(a => a.SourceTag ?? string.Empty, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).ThenBy(x => x.Key, StringComparer.Ordinal).ToList();
        var delays = folders.SelectMany(f => f.Analyses)
            .Where(a => a.DecidedAt is { } at && at >= from && at < to)
            .OrderByDescending(a => a.DecidedAt).Take(2000)
            .Select(a => a.DecidedAt!.Value - a.CreatedAt).Order().ToList();
        return new VerificationStatistics(perDay, byStatus, bySource, delays);
    }

    private async ValueTask<List<VerificationFolder>> VisibleFoldersAsync(string tenantId, IReadOnlyCollection<string>? allowedDepartments, CancellationToken cancellationToken)
    {
        var folders = new List<VerificationFolder>();
        string? after = null;
        while (true)
        {
            var page = new List<VerificationSummary>();
            await foreach (var summary in store.ListAsync(new VerificationQuery { TenantId = tenantId, After = after, Limit = 500 }, cancellationToken).ConfigureAwait(false))
            {
                page.Add(summary);
            }

            foreach (var summary in page.Where(s => allowedDepartments is null || (s.Department is not null && allowedDepartments.Contains(s.Department))))
            {
                if (await store.FindByIdAsync(tenantId, summary.VerificationId, cancellationToken).ConfigureAwait(false) is { } folder)
                {
                    folders.Add(folder);
                }
            }

            if (page.Count < 500)
            {
                return folders;
            }

            after = page[^1].Id;
        }
    }
}
