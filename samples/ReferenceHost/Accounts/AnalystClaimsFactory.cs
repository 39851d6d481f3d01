using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ReferenceHost.Accounts;

/// <summary>
/// The claims of a back-office session: Identity's (id, name, e-mail, security stamp, roles, and the user claims,
/// which hold the departments) plus the account's tenant.
/// </summary>
internal sealed class AnalystClaimsFactory(UserManager<AnalystAccount> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AnalystAccount, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AnalystAccount user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(AnalystClaims.Tenant, user.TenantId));
        return identity;
    }
}
