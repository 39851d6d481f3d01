using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Verification.AspNetCore.Auditing;
using Verification.Core.ServiceAccounts;

namespace Verification.AspNetCore.Authentication;

/// <summary>Options of the service-token scheme.</summary>
public sealed class ServiceTokenAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>
    /// The host's own authentication scheme that replaces service tokens on the API, or <see langword="null"/>
    /// (the default) for service tokens. Set with <c>UseHostAuthentication</c>.
    /// </summary>
    public string? HostScheme { get; set; }

    /// <summary>
    /// Maps a user the <see cref="HostScheme"/> authenticated to the caller the API works for (tenant, actor,
    /// scopes); <see langword="null"/> refuses the user (401).
    /// </summary>
    public Func<ClaimsPrincipal, ServiceTokenPrincipal?>? MapHostPrincipal { get; set; }
}

/// <summary>
/// Authenticates integrator systems by their bearer token (a minted JWT checked against its stored
/// record). Answers 401 and 403 as problem details; never says which check refused a token.
/// </summary>
public sealed class ServiceTokenAuthenticationHandler(
    IOptionsMonitor<ServiceTokenAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ServiceTokenAuthenticator authenticator,
    AuditQueue audit,
    TimeProvider timeProvider)
    : AuthenticationHandler<ServiceTokenAuthenticationOptions>(options, logger, encoder)
{
    /// <summary>The scheme name.</summary>
    public const string SchemeName = "VerificationToken";

    private const string PrincipalItemKey = "Verification.ServiceTokenPrincipal";
    private const string FailureItemKey = "Verification.AuthenticationFailure";

    /// <summary>The authenticated token principal of the request, if any.</summary>
    public static ServiceTokenPrincipal? GetPrincipal(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(PrincipalItemKey, out var value) ? value as ServiceTokenPrincipal : null;
    }

    /// <inheritdoc />
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Options.HostScheme is { } hostScheme)
        {
            return await AuthenticateWithHostSchemeAsync(hostScheme).ConfigureAwait(false);
        }

        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            Context.Items[FailureItemKey] = ApiErrors.MissingToken;
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length > 8192)
        {
            Context.Items[FailureItemKey] = KeyErrors.AuthInvalidToken;
            return AuthenticateResult.Fail("Malformed authorization header.");
        }

        var result = await authenticator.AuthenticateAsync(header[7..].Trim(), Context.RequestAborted).ConfigureAwait(false);
        if (!result.TryGetValue(out var principal, out var failure))
        {
            Context.Items[FailureItemKey] = failure.Code;
            return AuthenticateResult.Fail(failure.Detail);
        }

        return Success(principal);
    }

    private async Task<AuthenticateResult> AuthenticateWithHostSchemeAsync(string hostScheme)
    {
        var host = await Context.AuthenticateAsync(hostScheme).ConfigureAwait(false);
        if (!host.Succeeded)
        {
            Context.Items[FailureItemKey] = host.None ? ApiErrors.MissingToken : KeyErrors.AuthInvalidToken;
            return host.None ? AuthenticateResult.NoResult() : AuthenticateResult.Fail("The host's scheme refused the credentials.");
        }

        if (Options.MapHostPrincipal?.Invoke(host.Principal) is not { } principal)
        {
            Context.Items[FailureItemKey] = KeyErrors.AuthInvalidToken;
            return AuthenticateResult.Fail("The host did not map this user to a Verification caller.");
        }

        return Success(principal);
    }

    private AuthenticateResult Success(ServiceTokenPrincipal principal)
    {
        Context.Items[PrincipalItemKey] = principal;
        var claims = new List<Claim>
        {
            new(ServiceTokenClaimTypes.Tenant, principal.TenantId),
            new(ClaimTypes.NameIdentifier, principal.ServiceUserId),
            new(ClaimTypes.Name, principal.ServiceUserName),
            new(ServiceTokenClaimTypes.TokenId, principal.TokenId),
            new(ServiceTokenClaimTypes.SourceSystem, principal.SourceSystem),
        };
        claims.AddRange(principal.Scopes.Select(s => new Claim(ServiceTokenClaimTypes.Scope, s)));
        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <inheritdoc />
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var code = Context.Items.TryGetValue(FailureItemKey, out var c) && c is ApiErrors.MissingToken ? ApiErrors.MissingToken : KeyErrors.AuthInvalidToken;
        Record(code);
        if (Options.HostScheme is not null)
        {
            await WriteProblemAsync(StatusCodes.Status401Unauthorized, code, "Authenticate with the application's own credentials.").ConfigureAwait(false);
            return;
        }

        Response.Headers.WWWAuthenticate = "Bearer";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, code,
            code == ApiErrors.MissingToken
                ? "Send 'Authorization: Bearer <token>' with a token minted for your service user."
                : "The bearer token is malformed, unknown, expired, revoked or disabled.").ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Record(ApiErrors.InsufficientScope);
        await WriteProblemAsync(StatusCodes.Status403Forbidden, ApiErrors.InsufficientScope, "This token's scopes do not allow this call.").ConfigureAwait(false);
    }

    private void Record(string outcome)
    {
        var principal = GetPrincipal(Context);
        audit.Enqueue(ApiAuditFilter.Entry(Context, principal, outcome, timeProvider.GetUtcNow()));
    }

    private Task WriteProblemAsync(int status, string code, string detail)
    {
        Response.StatusCode = status;
        return Response.WriteAsJsonAsync(VerificationProblems.Create(status, code, detail, Context), options: null, contentType: "application/problem+json");
    }
}

/// <summary>Claim types of an authenticated service token.</summary>
public static class ServiceTokenClaimTypes
{
    /// <summary>The tenant id.</summary>
    public const string Tenant = "tid";

    /// <summary>The token id (<c>jti</c>).</summary>
    public const string TokenId = "jti";

    /// <summary>One granted scope per claim.</summary>
    public const string Scope = "scope";

    /// <summary>The service user's source system.</summary>
    public const string SourceSystem = "source_system";
}
