using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Verification.Core;
using Verification.Core.Stores;

namespace ReferenceHost.BackOffice.Pages;

/// <summary>The dashboard: counts by status and the latest files.</summary>
public sealed class IndexModel(IVerificationStore store, IOptions<VerificationOptions> options) : PageModel
{
    public int Total { get; private set; }

    public IReadOnlyList<(string Status, int Count)> ByStatus { get; private set; } = [];

    public IReadOnlyList<VerificationSummary> Latest { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var all = new List<VerificationSummary>();
        string? cursor = null;
        do
        {
            var page = new List<VerificationSummary>();
            await foreach (var s in store.ListAsync(new VerificationQuery { TenantId = options.Value.DefaultTenantId, After = cursor, Limit = 500 }, cancellationToken))
            {
                page.Add(s);
            }

            all.AddRange(page);
            cursor = page.Count == 500 ? page[^1].Id : null;
        }
        while (cursor is not null && all.Count < 20_000);

        Total = all.Count;
        ByStatus = all.GroupBy(s => s.Status).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())).ToList();
        Latest = all.OrderByDescending(s => s.UpdatedAt).Take(20).ToList();
    }
}
