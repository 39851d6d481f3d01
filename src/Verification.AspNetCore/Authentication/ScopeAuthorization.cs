using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Verification.Core.ServiceAccounts;

namespace Verification.AspNetCore.Authentication;

/// <summary>Requires one of several scopes, or a minimum read level.</summary>
internal sealed class ScopeRequirement(IReadOnlyList<string> anyOf, ReadLevel minimumReadLevel) : IAuthorizationRequirement
{
    public IReadOnlyList<string> AnyOf { get; } = anyOf;

    public ReadLevel MinimumReadLevel { get; } = minimumReadLevel;
}

internal sealed class ScopeAuthorizationHandler : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        var granted = context.User.FindAll(ServiceTokenClaimTypes.Scope).Select(c => c.Value).ToList();
        var ok = requirement.MinimumReadLevel != ReadLevel.None
            ? Scopes.HighestReadLevel(granted) >= requirement.MinimumReadLevel
            : requirement.AnyOf.Any(s => granted.Contains(s, StringComparer.Ordinal));
        if (ok)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Endpoint conventions for service-token scopes.</summary>
public static class ScopeEndpointConventionBuilderExtensions
{
    /// <summary>Requires a service token holding at least one of <paramref name="scopes"/>.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, params string[] scopes)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (scopes is null || scopes.Length == 0 || scopes.Any(s => !Scopes.IsKnown(s)))
        {
            throw new ArgumentException("Name at least one known scope.", nameof(scopes));
        }

        return builder.RequireAuthorization(Policy(new ScopeRequirement(scopes, ReadLevel.None)));
    }

    /// <summary>Requires a service token that may read at least <paramref name="level"/>.</summary>
    public static TBuilder RequireReadLevel<TBuilder>(this TBuilder builder, ReadLevel level)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentOutOfRangeException.ThrowIfEqual(level, ReadLevel.None);
        return builder.RequireAuthorization(Policy(new ScopeRequirement([], level)));
    }

    private static AuthorizationPolicy Policy(ScopeRequirement requirement) =>
        new AuthorizationPolicyBuilder(ServiceTokenAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .AddRequirements(requirement)
            .Build();
}
