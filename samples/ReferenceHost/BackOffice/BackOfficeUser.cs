using System.Globalization;
using System.Security.Claims;
using Verification.Core.Analysts;
using Verification.Core.Audit;

namespace ReferenceHost.BackOffice;

/// <summary>The signed-in analyst, read from the back-office cookie's claims.</summary>
internal static class BackOfficeUser
{
    /// <summary>The analyst's id.</summary>
    public static string AnalystId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not a back-office analyst.");

    /// <summary>The analyst's tenant.</summary>
    public static string TenantId(this ClaimsPrincipal user) =>
        user.FindFirstValue("tenant") ?? throw new InvalidOperationException("Not a back-office analyst.");

    /// <summary>The actor written in verification histories: <c>analyst:&lt;id&gt;</c>.</summary>
    public static string Actor(this ClaimsPrincipal user) => "analyst:" + user.AnalystId();

    /// <summary>Whether the analyst is an administrator.</summary>
    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(AnalystRoles.Admin);

    /// <summary>
    /// The departments the analyst may see, or <see langword="null"/> for all: administrators and analysts
    /// without departments see everything.
    /// </summary>
    public static IReadOnlyCollection<string>? AllowedDepartments(this ClaimsPrincipal user)
    {
        if (user.IsAdmin())
        {
            return null;
        }

        var departments = user.FindAll("department").Select(c => c.Value).ToArray();
        return departments.Length == 0 ? null : departments;
    }

    /// <summary>Whether the analyst may see a verification of <paramref name="department"/>.</summary>
    public static bool MaySee(this ClaimsPrincipal user, string? department) =>
        user.AllowedDepartments() is not { } allowed || (department is not null && allowed.Contains(department, StringComparer.Ordinal));

    /// <summary>An audit entry of this analyst, from this request.</summary>
    public static AuditEntry AuditEntry(this HttpContext context, DateTimeOffset now, string action, string outcome, string? targetType = null, string? targetId = null)
    {
        var user = context.User;
        var agent = context.Request.Headers.UserAgent.ToString();
        return new AuditEntry
        {
            TenantId = user.TenantId(),
            OccurredAt = now,
            ActorType = AuditActorTypes.Analyst,
            ActorId = user.AnalystId(),
            Action = action,
            Route = context.Request.Path.Value is { Length: > 256 } path ? path[..256] : context.Request.Path.Value,
            TargetType = targetType,
            TargetId = targetId,
            Outcome = outcome,
            ClientAddress = context.Connection.RemoteIpAddress?.ToString(),
            UserAgent = string.IsNullOrEmpty(agent) ? null : agent.Length <= 256 ? agent : agent[..256],
        };
    }

    /// <summary>An instant as the back office shows it (UTC, to the minute).</summary>
    public static string Show(this DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>An optional instant as the back office shows it.</summary>
    public static string Show(this DateTimeOffset? value) => value is { } v ? v.Show() : "—";

    /// <summary>An instant to the second (UTC), where minutes are too coarse: delivery attempts and retries.</summary>
    public static string ShowSeconds(this DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>An optional instant to the second.</summary>
    public static string ShowSeconds(this DateTimeOffset? value) => value is { } v ? v.ShowSeconds() : "—";
}
