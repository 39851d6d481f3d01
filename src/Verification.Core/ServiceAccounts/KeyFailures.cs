namespace Verification.Core.ServiceAccounts;

/// <summary>
/// The failures of service users and tokens, shared by the stores, <see cref="ServiceTokenManager"/> and
/// <see cref="ServiceTokenAuthenticator"/> so callers can rely on the codes.
/// </summary>
public static class KeyFailures
{
    /// <summary>The service user does not exist in the tenant.</summary>
    public static Failure ServiceUserNotFound { get; } =
        Failure.NotFound(KeyErrors.ServiceUserNotFound, "No such service user.");

    /// <summary>Another service user of the tenant has that name.</summary>
    public static Failure ServiceUserNameTaken { get; } =
        Failure.Conflict(KeyErrors.ServiceUserNameTaken, "A service user with this name already exists.");

    /// <summary>A service user with that id already exists.</summary>
    public static Failure ServiceUserExists { get; } =
        Failure.Conflict(KeyErrors.ServiceUserExists, "A service user with this id already exists.");

    /// <summary>The token does not exist in the tenant.</summary>
    public static Failure TokenNotFound { get; } =
        Failure.NotFound(KeyErrors.TokenNotFound, "No such token.");

    /// <summary>A token with that id already exists.</summary>
    public static Failure TokenExists { get; } =
        Failure.Conflict(KeyErrors.TokenExists, "A token with this id already exists.");

    /// <summary>The token was revoked; revocation is final.</summary>
    public static Failure TokenRevoked { get; } =
        Failure.Conflict(KeyErrors.TokenRevoked, "The token was revoked; revocation is final. Mint a new token.");

    /// <summary>
    /// The one answer to every refused bearer token, whatever check failed, so the caller learns nothing
    /// about which tokens, users or tenants exist.
    /// </summary>
    public static Failure InvalidToken { get; } =
        Failure.Invalid(KeyErrors.AuthInvalidToken, "The bearer token is missing, malformed, unknown, expired, revoked or disabled.");
}
