using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

#pragma warning disable IDE0130 // Extension methods live in the routing namespace so they are found without a using.
namespace Microsoft.AspNetCore.Builder;
#pragma warning restore IDE0130

/// <summary>Maps the Verification HTTP API.</summary>
public static class VerificationEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the API under <paramref name="prefix"/> (default <c>/api/v1</c>) and returns the group, so the
    /// host can add its own rate limits, authorization or filters. Unknown routes under the prefix answer a
    /// problem with code <c>route.not_found</c>.
    /// </summary>
    public static RouteGroupBuilder MapVerificationApi(this IEndpointRouteBuilder endpoints, string prefix = "/api/v1")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(prefix);
        group.WithTags("Verification");
        group.MapFallback(static (HttpContext context) => Results.Problem(
            Verification.AspNetCore.VerificationProblems.Create(StatusCodes.Status404NotFound, "route.not_found", "No such API route.", context)))
            .ExcludeFromDescription();
        return group;
    }
}
