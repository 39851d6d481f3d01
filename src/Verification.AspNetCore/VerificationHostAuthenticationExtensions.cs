using System.Security.Claims;
using System.Security.Cryptography;
using Verification.AspNetCore.Authentication;
using Verification.Core;
using Verification.Core.ServiceAccounts;

#pragma warning disable IDE0130 // Extension methods live in the DI namespace so they are found without a using.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Lets an application that embeds Verification authenticate the API's callers itself.</summary>
public static class VerificationHostAuthenticationExtensions
{
    /// <summary>
    /// The API authenticates callers with the host's own <paramref name="scheme"/> (cookies, API keys, an
    /// identity provider...) instead of service tokens; bearer service tokens are then not accepted.
    /// <paramref name="map"/> turns each user that scheme authenticated into the caller the API works for:
    /// its tenant, an actor id for histories and the audit trail, a stable id the rate limiter partitions on
    /// (<see cref="ServiceTokenPrincipal.TokenId"/>) and its scopes. Returning <see langword="null"/> answers
    /// 401; a caller without the scope an endpoint needs gets 403. Scopes, rate limits, audit and problem
    /// details work as with service tokens. Without a configured token signing key, an ephemeral one is used,
    /// since no token minted through the admin endpoints can authenticate anyway.
    /// </summary>
    public static VerificationBuilder UseHostAuthentication(this VerificationBuilder builder, string scheme, Func<ClaimsPrincipal, ServiceTokenPrincipal?> map)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(scheme);
        ArgumentNullException.ThrowIfNull(map);
        if (scheme == ServiceTokenAuthenticationHandler.SchemeName)
        {
            throw new ArgumentException("Name the host's own scheme, not the service-token scheme.", nameof(scheme));
        }

        builder.AddAspNetCore();
        builder.Services.Configure<ServiceTokenAuthenticationOptions>(ServiceTokenAuthenticationHandler.SchemeName, options =>
        {
            options.HostScheme = scheme;
            options.MapHostPrincipal = map;
        });
        builder.Services.PostConfigure<TokenSigningOptions>(options =>
        {
            if (options.Keys.Count == 0 && !options.ExternalKeyProvider)
            {
                options.Keys.Add(new TokenSigningKeyOptions
                {
                    KeyId = "host-authentication-ephemeral",
                    Algorithm = TokenSigningAlgorithms.HS256,
                    Secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                });
            }
        });
        return builder;
    }
}
