using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Verification.AspNetCore.Authentication;
using Verification.Core;
using Verification.Core.ServiceAccounts;

namespace Verification.AspNetCore.Http;

/// <summary>Body of <c>POST /admin/service-users</c>.</summary>
/// <param name="Name">Display name, unique in the tenant.</param>
/// <param name="SourceSystem">Integrator system id, e.g. <c>vkyc</c>.</param>
public sealed record CreateServiceUserRequest(string? Name, string? SourceSystem);

/// <summary>Body of <c>POST /admin/tokens</c>.</summary>
/// <param name="ServiceUser">Service user id or name.</param>
/// <param name="Scopes">Scopes to grant.</param>
/// <param name="Description">What the token is for.</param>
/// <param name="ArchiveAfterExtract">Auto-archive delay after an extraction, e.g. <c>00:10:00</c>.</param>
/// <param name="Expires">Lifetime, e.g. <c>90.00:00:00</c>; none when omitted.</param>
/// <param name="EncryptionKey">
/// The integrator's public key, a JWK object (or a string holding a JWK or a PEM public key): reads of attributes and
/// pictures with the token then come back encrypted to it.
/// </param>
public sealed record MintTokenBody(string? ServiceUser, IReadOnlyList<string>? Scopes, string? Description, string? ArchiveAfterExtract, string? Expires, JsonElement? EncryptionKey = null);

/// <summary>A service user as the admin API shows it.</summary>
/// <param name="Id">Id.</param>
/// <param name="Name">Name.</param>
/// <param name="SourceSystem">Source system.</param>
/// <param name="Enabled">Whether its tokens work.</param>
/// <param name="CreatedAt">Creation time.</param>
public sealed record ServiceUserView(string Id, string Name, string SourceSystem, bool Enabled, DateTimeOffset CreatedAt);

/// <summary>A token record as the admin API shows it; the token itself is never shown again.</summary>
/// <param name="TokenId">Id (<c>jti</c>).</param>
/// <param name="ServiceUserId">Owner.</param>
/// <param name="Description">Description.</param>
/// <param name="Scopes">Scopes.</param>
/// <param name="Enabled">Enabled flag.</param>
/// <param name="Revoked">Whether it was revoked (final).</param>
/// <param name="ExpiresAt">Expiry.</param>
/// <param name="ArchiveAfterExtract">Auto-archive delay.</param>
/// <param name="CreatedAt">Creation.</param>
/// <param name="CreatedBy">Creator.</param>
/// <param name="LastUsedAt">Last use (minute resolution).</param>
/// <param name="EncryptionKey">The RFC 7638 thumbprint of the key its reads are encrypted to; <see langword="null"/> for clear reads.</param>
public sealed record TokenView(
    string TokenId, string ServiceUserId, string Description, IReadOnlyList<string> Scopes, bool Enabled, bool Revoked,
    DateTimeOffset? ExpiresAt, string? ArchiveAfterExtract, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? LastUsedAt,
    EncryptionKeyView? EncryptionKey = null);

/// <summary>Which key a token's reads are encrypted to (never the key's material beyond its public id).</summary>
/// <param name="Thumbprint">RFC 7638 SHA-256 thumbprint, base64url.</param>
/// <param name="KeyType"><c>RSA</c> or <c>EC</c>.</param>
/// <param name="KeyId">The integrator's <c>kid</c>, if any.</param>
/// <param name="Algorithm"><c>RSA-OAEP-256</c> or <c>ECDH-ES</c> (content <c>A256GCM</c>).</param>
public sealed record EncryptionKeyView(string Thumbprint, string KeyType, string? KeyId, string Algorithm);

/// <summary>The answer to minting: the token, shown this once.</summary>
/// <param name="TokenId">Id.</param>
/// <param name="Token">The bearer token; store it now, it is not kept.</param>
/// <param name="Record">The stored record.</param>
public sealed record MintedTokenView(string TokenId, string Token, TokenView Record);

/// <summary>The admin API: service users and tokens (scope <c>admin</c>).</summary>
internal static class AdminEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var admin = api.MapGroup("/admin").RequireScope(Scopes.Admin).WithTags("Administration");

        admin.MapPost("/service-users", CreateServiceUserAsync).WithName("admin.service_users.create");
        admin.MapGet("/service-users", ListServiceUsers).WithName("admin.service_users.list");
        admin.MapPost("/tokens", MintAsync).WithName("admin.tokens.mint");
        admin.MapGet("/tokens", ListTokens).WithName("admin.tokens.list");
        admin.MapPost("/tokens/{tokenId}/disable", (string tokenId, HttpContext http, ServiceTokenManager manager, CancellationToken ct) =>
            ChangeAsync(http, (tenant, token) => manager.DisableTokenAsync(tenant, tokenId, token), ct)).WithName("admin.tokens.disable");
        admin.MapPost("/tokens/{tokenId}/enable", (string tokenId, HttpContext http, ServiceTokenManager manager, CancellationToken ct) =>
            ChangeAsync(http, (tenant, token) => manager.EnableTokenAsync(tenant, tokenId, token), ct)).WithName("admin.tokens.enable");
        admin.MapPost("/tokens/{tokenId}/revoke", (string tokenId, HttpContext http, ServiceTokenManager manager, CancellationToken ct) =>
            ChangeAsync(http, (tenant, token) => manager.RevokeTokenAsync(tenant, tokenId, token), ct)).WithName("admin.tokens.revoke");
    }

    public static TokenView View(ServiceToken t) => new(
        t.Id, t.ServiceUserId, t.Description, t.Scopes, t.Enabled, t.RevokedAt is not null, t.ExpiresAt,
        DurationText.Format(t.ArchiveAfterExtract), t.CreatedAt, t.CreatedBy, t.LastUsedAt,
        t.EncryptionKey is null ? null : IntegratorEncryptionKey.Parse(t.EncryptionKey).Match(
            k => new EncryptionKeyView(k.Thumbprint, k.KeyType, k.KeyId, k.Algorithm),
            _ => new EncryptionKeyView("invalid", "unknown", null, "none")));

    public static ServiceUserView View(ServiceUser u) => new(u.Id, u.Name, u.SourceSystem, u.Enabled, u.CreatedAt);

    private static async Task<Results<Created<ServiceUserView>, ProblemHttpResult>> CreateServiceUserAsync(
        HttpContext http, ServiceTokenManager manager, CancellationToken ct)
    {
        var principal = ServiceTokenAuthenticationHandler.GetPrincipal(http)!;
        var body = await JsonBody.ReadAsync<CreateServiceUserRequest>(http.Request, ApiJson.Options, ct).ConfigureAwait(false);
        if (!body.TryGetValue(out var request, out var failure))
        {
            return VerificationProblems.Result(failure, http);
        }

        var created = await manager.CreateServiceUserAsync(principal.TenantId, request.Name ?? string.Empty, request.SourceSystem ?? string.Empty, principal.Actor, ct).ConfigureAwait(false);
        return created.TryGetValue(out var user, out failure)
            ? TypedResults.Created($"{http.Request.PathBase}/api/v1/admin/service-users/{user.Id}", View(user))
            : VerificationProblems.Result(failure, http);
    }

    private static async IAsyncEnumerable<ServiceUserView> ListServiceUsers(HttpContext http, ServiceTokenManager manager, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var principal = ServiceTokenAuthenticationHandler.GetPrincipal(http)!;
        await foreach (var user in manager.ListServiceUsersAsync(principal.TenantId, ct).ConfigureAwait(false))
        {
            yield return View(user);
        }
    }

    private static async Task<Results<Created<MintedTokenView>, ProblemHttpResult>> MintAsync(HttpContext http, ServiceTokenManager manager, CancellationToken ct)
    {
        var principal = ServiceTokenAuthenticationHandler.GetPrincipal(http)!;
        var body = await JsonBody.ReadAsync<MintTokenBody>(http.Request, ApiJson.Options, ct).ConfigureAwait(false);
        if (!body.TryGetValue(out var request, out var failure))
        {
            return VerificationProblems.Result(failure, http);
        }

        var archive = DurationText.ParseOptional(request.ArchiveAfterExtract, KeyErrors.TokenInvalidArchiveDelay);
        var expires = DurationText.ParseOptional(request.Expires, KeyErrors.TokenInvalidExpiry);
        if (!archive.IsSuccess || !expires.IsSuccess)
        {
            return VerificationProblems.Result(archive.Failure ?? expires.Failure!, http);
        }

        string? encryptionKey = request.EncryptionKey switch
        {
            null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
            { ValueKind: JsonValueKind.String } text => text.GetString(),
            { ValueKind: JsonValueKind.Object } jwk => jwk.GetRawText(),
            _ => string.Empty, // refused by the manager with token.invalid_encryption_key
        };

        var minted = await manager.MintTokenAsync(principal.TenantId, new MintTokenRequest
        {
            ServiceUser = request.ServiceUser ?? string.Empty,
            Scopes = request.Scopes ?? [],
            Description = request.Description,
            ArchiveAfterExtract = archive.Value,
            ExpiresIn = expires.Value,
            CreatedBy = principal.Actor,
            EncryptionKey = encryptionKey,
        }, ct).ConfigureAwait(false);
        return minted.TryGetValue(out var token, out failure)
            ? TypedResults.Created($"{http.Request.PathBase}/api/v1/admin/tokens/{token.TokenId}", new MintedTokenView(token.TokenId, token.Token, View(token.Record)))
            : VerificationProblems.Result(failure, http);
    }

    private static async IAsyncEnumerable<TokenView> ListTokens(HttpContext http, ServiceTokenManager manager, string? serviceUser, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var principal = ServiceTokenAuthenticationHandler.GetPrincipal(http)!;
        await foreach (var token in manager.ListTokensAsync(principal.TenantId, serviceUser, ct).ConfigureAwait(false))
        {
            yield return View(token);
        }
    }

    private static async Task<Results<Ok<TokenView>, ProblemHttpResult>> ChangeAsync(
        HttpContext http, Func<string, CancellationToken, ValueTask<Outcome<ServiceToken>>> change, CancellationToken ct)
    {
        var principal = ServiceTokenAuthenticationHandler.GetPrincipal(http)!;
        var changed = await change(principal.TenantId, ct).ConfigureAwait(false);
        return changed.TryGetValue(out var token, out var failure) ? TypedResults.Ok(View(token)) : VerificationProblems.Result(failure, http);
    }
}
