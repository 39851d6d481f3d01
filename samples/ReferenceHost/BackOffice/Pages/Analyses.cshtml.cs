using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Verification.Core.Audit;
using Verification.Core.Stores;

namespace ReferenceHost.BackOffice.Pages;

/// <summary>
/// The analysis list: search by verification id, correlation id, analysis id or a person's name, filters,
/// a "by document" and a "by folder" view, sorted pages. Every filter and the page run in the store.
/// The list shows names, and a search by name is a read of personal data: every view is audited (the searched
/// text itself is not written into the trail).
/// </summary>
public sealed class AnalysesModel(IVerificationSearch search, AuditTrail audit, TimeProvider timeProvider) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Decided { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Department { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Source { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public bool ByFolder => string.Equals(View, "folders", StringComparison.Ordinal);

    public IReadOnlyList<AnalysisSearchRow> Documents { get; private set; } = [];

    public IReadOnlyList<FolderSearchRow> Folders { get; private set; } = [];

    public bool HasNext { get; private set; }

    public IReadOnlyCollection<string>? AllowedDepartments { get; private set; }

    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        AllowedDepartments = User.AllowedDepartments();
        var from = ParseDay(From, nameof(From));
        var to = ParseDay(To, nameof(To));
        if (Q is { Length: > VerificationSearchQuery.MaxTextLength })
        {
            Error = $"The search text is at most {VerificationSearchQuery.MaxTextLength} characters.";
            Q = Q[..VerificationSearchQuery.MaxTextLength];
        }

        var query = new VerificationSearchQuery
        {
            TenantId = User.TenantId(),
            Text = Q,
            Status = Blank(Status),
            Decided = Decided switch { "yes" => true, "no" => false, _ => null },
            Department = Blank(Department),
            AllowedDepartments = AllowedDepartments,
            SourceTag = Blank(Source),
            From = from is { } f ? SearchText.Start(f) : null,
            To = to is { } t ? SearchText.Start(t.AddDays(1)) : null,
            Order = Sort switch { "oldest" => SearchOrder.OldestFirst, "status" => SearchOrder.Status, _ => SearchOrder.NewestFirst },
            Offset = (PageNumber - 1) * PageSize,
            Limit = PageSize + 1,
        };
        if (ByFolder)
        {
            var rows = new List<FolderSearchRow>();
            await foreach (var row in search.SearchFoldersAsync(query, cancellationToken))
            {
                rows.Add(row);
            }

            HasNext = rows.Count > PageSize;
            Folders = rows.Take(PageSize).ToList();
        }
        else
        {
            var rows = new List<AnalysisSearchRow>();
            await foreach (var row in search.SearchAnalysesAsync(query, cancellationToken))
            {
                rows.Add(row);
            }

            HasNext = rows.Count > PageSize;
            Documents = rows.Take(PageSize).ToList();
        }

        await audit.RecordAsync(
            HttpContext.AuditEntry(timeProvider.GetUtcNow(), string.IsNullOrWhiteSpace(Q) ? "backoffice.list" : "backoffice.search", "success", "analyses"),
            cancellationToken);
    }

    /// <summary>The query string of this search with some values replaced (for view, sort and page links).</summary>
    public Dictionary<string, string> With(string? view = null, int? page = null, string? sort = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["q"] = Q,
            ["status"] = Status,
            ["decided"] = Decided,
            ["department"] = Department,
            ["source"] = Source,
            ["from"] = From,
            ["to"] = To,
            ["view"] = view ?? View,
            ["sort"] = sort ?? Sort,
            ["p"] = (page ?? 1) == 1 ? null : page!.Value.ToString(CultureInfo.InvariantCulture),
        };
        return values.Where(v => !string.IsNullOrEmpty(v.Value)).ToDictionary(v => v.Key, v => v.Value!);
    }

    private DateOnly? ParseDay(string? text, string name)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        Error = $"The {name.ToLowerInvariant()} date is written yyyy-mm-dd.";
        return null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
