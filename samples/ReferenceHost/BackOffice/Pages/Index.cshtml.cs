using Microsoft.AspNetCore.Mvc.RazorPages;
using Verification.Core.Stores;
using Verification.Core.Verifications;

namespace ReferenceHost.BackOffice.Pages;

/// <summary>The dashboard: volume per day, status split, time to decision and sources, as server-rendered SVG charts.</summary>
public sealed class IndexModel(IVerificationSearch search, TimeProvider timeProvider) : PageModel
{
    public const int Days = 14;

    public VerificationStatistics Statistics { get; private set; } = new([], [], [], []);

    public IReadOnlyList<FolderSearchRow> Latest { get; private set; } = [];

    public IReadOnlyList<Bar> StatusBars { get; private set; } = [];

    public IReadOnlyList<Bar> SourceBars { get; private set; } = [];

    public IReadOnlyList<Bar> DelayBars { get; private set; } = [];

    public TimeSpan? MedianDelay { get; private set; }

    public TimeSpan? P90Delay { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var tenantId = User.TenantId();
        var allowed = User.AllowedDepartments();
        Statistics = await search.GetStatisticsAsync(new VerificationStatisticsQuery
        {
            TenantId = tenantId,
            AllowedDepartments = allowed,
            Until = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime),
            Days = Days,
        }, cancellationToken);
        var latest = new List<FolderSearchRow>();
        await foreach (var row in search.SearchFoldersAsync(new VerificationSearchQuery { TenantId = tenantId, AllowedDepartments = allowed, Limit = 10 }, cancellationToken))
        {
            latest.Add(row);
        }

        Latest = latest;
        StatusBars = Statistics.FoldersByStatus.Select(s => new Bar(StatusLabel(s.Status), s.Count, "s-" + s.Status.Replace('.', '-'))).ToList();
        SourceBars = Statistics.AnalysesBySource.Select(s => new Bar(s.Source.Length == 0 ? "(none)" : s.Source, s.Count, "b-source")).ToList();
        var delays = Statistics.DecisionDelays;
        if (delays.Count > 0)
        {
            MedianDelay = delays[delays.Count / 2];
            P90Delay = delays[Math.Min(delays.Count - 1, (int)Math.Ceiling(delays.Count * 0.9) - 1)];
        }

        (string Label, TimeSpan Below)[] buckets =
            [("under 1 hour", TimeSpan.FromHours(1)), ("1 to 4 hours", TimeSpan.FromHours(4)), ("4 to 24 hours", TimeSpan.FromDays(1)), ("1 to 3 days", TimeSpan.FromDays(3)), ("over 3 days", TimeSpan.MaxValue)];
        var lower = TimeSpan.MinValue;
        var bars = new List<Bar>();
        foreach (var (label, below) in buckets)
        {
            var from = lower;
            bars.Add(new Bar(label, delays.Count(d => d >= from && d < below), "b-delay"));
            lower = below;
        }

        DelayBars = bars;
    }

    public static string StatusLabel(string code) => AnalysisStatus.Find(code) is { } s ? $"{s.Code} {s.Label}" : code.Replace('_', ' ');

    public static string Duration(TimeSpan? value) => value switch
    {
        null => "—",
        { TotalMinutes: < 90 } v => $"{v.TotalMinutes:0} min",
        { TotalHours: < 48 } v => $"{v.TotalHours:0.#} h",
        { } v => $"{v.TotalDays:0.#} days",
    };

    /// <summary>One bar of a horizontal bar chart.</summary>
    public sealed record Bar(string Label, int Value, string CssClass);
}
