using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Verification.Core;
using Verification.Core.Analysts;
using Verification.Core.Audit;

namespace ReferenceHost.BackOffice.Pages;

/// <summary>Human sign-in: e-mail and password of a back-office account; never a machine token.</summary>
public sealed class LoginModel(AnalystManager analysts, AuditTrail audit, IOptions<VerificationOptions> options, TimeProvider timeProvider) : PageModel
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
        var result = await analysts.CheckPasswordAsync(tenantId, Email ?? string.Empty, Password ?? string.Empty, address, cancellationToken);
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

        if (!result.TryGetValue(out var analyst, out var failure))
        {
            if (failure.Code == AnalystManager.ThrottledCode)
            {
                Error = failure.Detail;
                Password = null;
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                return Page();
            }

            Error = "The e-mail or the password is wrong.";
            Password = null;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, analyst.Id),
            new(ClaimTypes.Name, analyst.Email),
            new(ClaimTypes.Role, analyst.Role),
            new("tenant", analyst.TenantId),
            new(BackOfficeSessions.StampClaim, AnalystManager.SessionStamp(analyst)),
        };
        claims.AddRange(analyst.Departments.Select(d => new Claim("department", d)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, HostSetup.BackOfficeScheme));
        await HttpContext.SignInAsync(HostSetup.BackOfficeScheme, principal);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/backoffice");
    }

    private static string? Truncate(string value, int length) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= length ? value : value[..length];
}
