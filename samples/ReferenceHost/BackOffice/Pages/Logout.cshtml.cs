using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ReferenceHost.BackOffice.Pages;

/// <summary>Signs out (POST only, with the anti-forgery token, so a link elsewhere cannot sign anyone out).</summary>
public sealed class LogoutModel : PageModel
{
    public IActionResult OnGet() => Redirect("/backoffice");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(HostSetup.BackOfficeScheme);
        return Redirect("/backoffice/login");
    }
}
