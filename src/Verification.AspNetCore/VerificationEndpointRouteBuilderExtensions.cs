using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Verification.AspNetCore;
using Verification.AspNetCore.Auditing;
using Verification.AspNetCore.Http;

#pragma warning disable IDE0130 // Extension methods live in the routing namespace so they are found without a using.
namespace Microsoft.AspNetCore.Builder;
#pragma warning restore IDE0130

/// <summary>Maps the Verification HTTP API.</summary>
public static class VerificationEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the API under <paramref name="prefix"/> (default <c>/api/v1</c>) and returns the group, so the
    /// host can add its own policies. Every call is authenticated by service token, rate-limited per token
    /// and audited. The host calls <c>UseRateLimiter()</c> after <c>UseAuthorization()</c>. Unknown routes
    /// under the prefix answer a problem with code <c>route.not_found</c>. Also maps, outside the prefix and
    /// anonymous, the JWKS of the certificate keys at <c>/.well-known/verification-keys</c>.
    /// </summary>
    public static RouteGroupBuilder MapVerificationApi(this IEndpointRouteBuilder endpoints, string prefix = "/api/v1")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        CertificateEndpoints.Map(endpoints);
        var group = endpoints.MapGroup(prefix);
        group.WithTags("Verification")
            .AddEndpointFilter<ApiAuditFilter>()
            .RequireRateLimiting(VerificationRateLimitOptions.PolicyName);
        DocumentEndpoints.Map(group);
        VerificationEndpoints.Map(group);
        AdminEndpoints.Map(group);
        WebhookAdminEndpoints.Map(group);
        group.MapFallback(static (HttpContext context) => Results.Problem(
            VerificationProblems.Create(StatusCodes.Status404NotFound, ApiErrors.RouteNotFound, "No such API route.", context)))
            .ExcludeFromDescription();
        return group;
    }
}
