using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using ReferenceHost.Accounts;
using Verification.Core;
using Verification.Core.Analysts;
using Verification.Core.Audit;

namespace ReferenceHost.BackOffice.Pages;

/// <summary>Human sign-in: e-mail and password of a back-office account; never a machine token.</summary>
public sealed class LoginModel(AnalystAccounts accounts, AuditTrail audit, IOptions<VerificationOptions> options, TimeProvider timeProvider) : PageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var tenantId = options.Value.DefaultTenantId;
        var address = HttpContext.Connection.RemoteIpAddress?.ToString();
        var result = await accounts.SignInAsync(tenantId, Email ?? string.Empty, Password ?? string.Empty, address, cancellationToken);
        await audit.RecordAsync(new AuditEntry
        {
            TenantId = tenantId,
            OccurredAt = timeProvider.GetUtcNow(),
            ActorType = result.IsSuccess ? AuditActorTypes.Analyst : AuditActorTypes.Anonymous,
            ActorId = result.IsSuccess ? result.Value.Id : null,
            Action = "analyst.login",
            Route = Request.Path,
            Outcome = result.IsSuccess ? "success" : result.Failure!.Code,
            ClientAddress = address,
            UserAgent = Truncate(Request.Headers.UserAgent.ToString(), 256),
        }, cancellationToken);

        if (!result.TryGetValue(out _, out var failure))
        {
            Password = null;
            if (failure.Code == AnalystErrors.AuthThrottled)
            {
                Error = failure.Detail;
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                return Page();
            }

            Error = "The e-mail or the password is wrong.";
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/backoffice");
    }

    private static string? Truncate(string value, int length) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= length ? value : value[..length];
}
