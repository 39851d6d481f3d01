using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReferenceHost.Accounts;
using Verification.Core.Audit;
using Verification.Core.ServiceAccounts;
using Verification.Core.Stores;

namespace ReferenceHost.BackOffice.Pages;

/// <summary>The audit trail of the tenant, filtered and paged by sequence, with the chain's integrity check.</summary>
public sealed class AuditModel(IAuditStore store, AuditTrail trail, AnalystAccounts analysts, ServiceTokenManager serviceUsers) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? ServiceUser { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Analyst { get; set; }

    [BindProperty(SupportsGet = true, Name = "act")]
    public string? ActionName { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public long After { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    public bool HasNext { get; private set; }

    public AuditVerification? Integrity { get; private set; }

    public string? Error { get; private set; }

    public IReadOnlyDictionary<string, string> ActorNames { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var tenantId = User.TenantId();
        Integrity = await trail.VerifyAsync(cancellationToken);
        string? actorId = null;
        if (!string.IsNullOrWhiteSpace(ServiceUser) && !string.IsNullOrWhiteSpace(Analyst))
        {
            Error = "Filter by a service user or by an analyst, not both.";
            return;
        }

        if (!string.IsNullOrWhiteSpace(ServiceUser))
        {
            actorId = (await serviceUsers.FindServiceUserAsync(tenantId, ServiceUser.Trim(), cancellationToken))?.Id;
            if (actorId is null)
            {
                Error = "No such service user.";
                return;
            }
        }
        else if (!string.IsNullOrWhiteSpace(Analyst))
        {
            var text = Analyst.Trim();
            actorId = (text.Contains('@', StringComparison.Ordinal)
                ? await analysts.FindByEmailAsync(tenantId, text, cancellationToken)
                : await analysts.FindByIdAsync(tenantId, text, cancellationToken))?.Id;
            if (actorId is null)
            {
                Error = "No such analyst.";
                return;
            }
        }

        // The trail names every verification anyone read, across departments: an administrator sees all of it,
        // an analyst only their own actions.
        if (!User.IsAdmin())
        {
            if (actorId is not null && !string.Equals(actorId, User.AnalystId(), StringComparison.Ordinal))
            {
                Error = "Analysts see their own actions only.";
                return;
            }

            actorId = User.AnalystId();
        }

        var entries = new List<AuditEntry>();
        await foreach (var entry in store.ListAsync(new AuditQuery
        {
            TenantId = tenantId,
            AfterSequence = Math.Max(0, After),
            ActorId = actorId,
            Action = string.IsNullOrWhiteSpace(ActionName) ? null : ActionName.Trim(),
            From = Day(From),
            To = Day(To)?.AddDays(1),
            Limit = PageSize + 1,
        }, cancellationToken))
        {
            entries.Add(entry);
        }

        HasNext = entries.Count > PageSize;
        Entries = entries.Take(PageSize).ToList();
        await LoadActorNamesAsync(tenantId, cancellationToken);
    }

    public string ActorName(AuditEntry entry) =>
        entry.ActorId is { } id && ActorNames.TryGetValue(id, out var name) ? name : entry.ActorId ?? "—";

    public Dictionary<string, string> Next() => new Dictionary<string, string?>
    {
        ["serviceUser"] = ServiceUser,
        ["analyst"] = Analyst,
        ["act"] = ActionName,
        ["from"] = From,
        ["to"] = To,
        ["after"] = Entries.Count > 0 ? Entries[^1].Sequence.ToString(CultureInfo.InvariantCulture) : null,
    }.Where(v => !string.IsNullOrEmpty(v.Value)).ToDictionary(v => v.Key, v => v.Value!);

    private async Task LoadActorNamesAsync(string tenantId, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in Entries.Where(e => e.ActorId is not null).DistinctBy(e => (e.ActorType, e.ActorId)))
        {
            if (entry.ActorType == AuditActorTypes.Analyst && await analysts.FindByIdAsync(tenantId, entry.ActorId!, cancellationToken) is { Email: { } email })
            {
                names[entry.ActorId!] = email;
            }
            else if (entry.ActorType == AuditActorTypes.ServiceUser && await serviceUsers.FindServiceUserAsync(tenantId, entry.ActorId!, cancellationToken) is { } user)
            {
                names[entry.ActorId!] = user.Name;
            }
        }

        ActorNames = names;
    }

    private DateTimeOffset? Day(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return SearchText.Start(day);
        }

        Error = "Dates are written yyyy-mm-dd.";
        return null;
    }
}
