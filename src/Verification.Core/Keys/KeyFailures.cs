namespace Verification.Core.Keys;

/// <summary>
/// The failures of service users and tokens, shared by the stores, <see cref="ServiceTokenManager"/> and
/// <see cref="ServiceTokenAuthenticator"/> so callers can rely on the codes.
/// </summary>
public static class KeyFailures
{
    /// <summary>The service user does not exist in the tenant.</summary>
    public static Failure ServiceUserNotFound { get; } =
        Failure.NotFound("service_user.not_found", "No such service user.");

    /// <summary>Another service user of the tenant has that name.</summary>
    public static Failure ServiceUserNameTaken { get; } =
        Failure.Conflict("service_user.name_taken", "A service user with this name already exists.");

    /// <summary>A service user with that id already exists.</summary>
    public static Failure ServiceUserExists { get; } =
        Failure.Conflict("service_user.exists", "A service user with this id already exists.");

    /// <summary>The token does not exist in the tenant.</summary>
    public static Failure TokenNotFound { get; } =
        Failure.NotFound("token.not_found", "No such token.");

    /// <summary>A token with that id already exists.</summary>
    public static Failure TokenExists { get; } =
        Failure.Conflict("token.exists", "A token with this id already exists.");

    /// <summary>The token was revoked; revocation is final.</summary>
    public static Failure TokenRevoked { get; } =
        Failure.Conflict("token.revoked", "The token was revoked; revocation is final. Mint a new token.");

    /// <summary>
    /// The one answer to every refused bearer token, whatever check failed, so the caller learns nothing
    /// about which tokens, users or tenants exist.
    /// </summary>
    public static Failure InvalidToken { get; } =
        Failure.Invalid("auth.invalid_token", "The bearer token is missing, malformed, unknown, expired, revoked or disabled.");
}
