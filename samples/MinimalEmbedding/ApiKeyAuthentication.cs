using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace MinimalEmbedding;

/// <summary>Options of the app's API-key scheme.</summary>
public sealed class ApiKeyOptions : AuthenticationSchemeOptions;

/// <summary>
/// The app's own authentication, standing for whatever an application already has (cookies, an identity
/// provider...): an <c>X-Api-Key</c> header checked against the keys of <c>ApiKeys:&lt;user name&gt;</c>.
/// </summary>
public sealed class ApiKeyAuthentication(IOptionsMonitor<ApiKeyOptions> options, ILoggerFactory logger, UrlEncoder encoder, IConfiguration configuration)
    : AuthenticationHandler<ApiKeyOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "AppApiKey";

    /// <inheritdoc />
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? presented = Request.Headers["X-Api-Key"];
        if (string.IsNullOrEmpty(presented))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        // Compare hashes in constant time, so neither the length nor a prefix of a key leaks through timing.
        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        foreach (var user in configuration.GetSection("ApiKeys").GetChildren())
        {
            if (user.Value is { Length: > 0 } key && CryptographicOperations.FixedTimeEquals(presentedHash, SHA256.HashData(Encoding.UTF8.GetBytes(key))))
            {
                var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Key)], SchemeName);
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
            }
        }

        return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
    }
}
