using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReferenceHost.Accounts;

namespace ReferenceHost.BackOffice.Pages;

/// <summary>
/// Signs out (POST only, with the anti-forgery token, so a link elsewhere cannot sign anyone out). The account's
/// security stamp changes, so a copy of the session cookie stops working too (every session of the account ends).
/// </summary>
public sealed class LogoutModel(AnalystAccounts accounts) : PageModel
{
    public IActionResult OnGet() => Redirect("/backoffice");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await accounts.RevokeSessionsAsync(User.AnalystId(), cancellationToken);
        await HttpContext.SignOutAsync(HostSetup.BackOfficeScheme);
        return Redirect("/backoffice/login");
    }
}
