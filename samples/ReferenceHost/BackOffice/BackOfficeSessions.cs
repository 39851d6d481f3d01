using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Verification.Core.Analysts;

namespace ReferenceHost.BackOffice;

/// <summary>
/// Server-side checks of back-office sessions: a session carries its account's session stamp
/// (<see cref="AnalystManager.SessionStamp"/>), compared with the account at least every
/// <c>Verification:BackOffice:SessionCheckInterval</c> (default one minute). A disabled account, a changed role,
/// departments or password, or a sign-out (which renews the security stamp) ends the session at its next check.
/// </summary>
internal static class BackOfficeSessions
{
    public const string StampClaim = "session_stamp";
    private const string CheckedKey = ".session_checked";

    public static TimeSpan CheckInterval(IConfiguration configuration) =>
        TimeSpan.TryParse(configuration["Verification:BackOffice:SessionCheckInterval"], CultureInfo.InvariantCulture, out var interval) && interval >= TimeSpan.Zero && interval <= TimeSpan.FromMinutes(1)
            ? interval
            : TimeSpan.FromMinutes(1);

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var interval = CheckInterval(services.GetRequiredService<IConfiguration>());
        if (context.Properties.Items.TryGetValue(CheckedKey, out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var last)
            && now - last < interval && interval > TimeSpan.Zero)
        {
            return;
        }

        var user = context.Principal;
        var valid = user is not null
            && user.FindFirst(StampClaim)?.Value is { } stamp
            && await services.GetRequiredService<AnalystManager>().IsSessionValidAsync(user.TenantId(), user.AnalystId(), stamp, context.HttpContext.RequestAborted);
        if (!valid)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(HostSetup.BackOfficeScheme);
            return;
        }

        context.Properties.Items[CheckedKey] = now.ToString("O", CultureInfo.InvariantCulture);
        context.ShouldRenew = true;
    }
}
