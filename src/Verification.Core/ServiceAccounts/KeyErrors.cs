namespace Verification.Core.ServiceAccounts;

/// <summary>
/// The error codes of service users and their tokens (admin API, command line, authentication). Documented in <c>docs/api.md</c>;
/// the problem mapper, the documentation test and the tests use these constants instead of the text.
/// </summary>
public static class KeyErrors
{
    /// <summary><c>auth.invalid_token</c> (401): The bearer token is missing, malformed, unknown, expired, revoked or disabled.</summary>
    public const string AuthInvalidToken = "auth.invalid_token";

    /// <summary><c>service_user.exists</c> (409): A service user with this id already exists.</summary>
    public const string ServiceUserExists = "service_user.exists";

    /// <summary><c>service_user.invalid_name</c> (400): The name must be 1 to … characters of A-Z a-z 0-9 . _ -.</summary>
    public const string ServiceUserInvalidName = "service_user.invalid_name";

    /// <summary><c>service_user.invalid_source_system</c> (400): The source system must be 1 to … characters of A-Z a-z 0-9 . _ -.</summary>
    public const string ServiceUserInvalidSourceSystem = "service_user.invalid_source_system";

    /// <summary><c>service_user.name_taken</c> (409): A service user with this name already exists.</summary>
    public const string ServiceUserNameTaken = "service_user.name_taken";

    /// <summary><c>service_user.not_found</c> (404): No such service user.</summary>
    public const string ServiceUserNotFound = "service_user.not_found";

    /// <summary><c>token.exists</c> (409): A token with this id already exists.</summary>
    public const string TokenExists = "token.exists";

    /// <summary><c>token.invalid_archive_delay</c> (400): The archive-after-extract delay must be between 0 and 365 days.</summary>
    public const string TokenInvalidArchiveDelay = "token.invalid_archive_delay";

    /// <summary><c>token.invalid_description</c> (400): The description has at most … characters and no control characters.</summary>
    public const string TokenInvalidDescription = "token.invalid_description";

    /// <summary><c>token.invalid_encryption_key</c>.</summary>
    public const string TokenInvalidEncryptionKey = "token.invalid_encryption_key";

    /// <summary><c>token.invalid_expiry</c> (400): The lifetime must be positive and at most 10 years.</summary>
    public const string TokenInvalidExpiry = "token.invalid_expiry";

    /// <summary><c>token.invalid_scope</c> (400): Unknown scope '…'. Known scopes: {string.Join(</summary>
    public const string TokenInvalidScope = "token.invalid_scope";

    /// <summary><c>token.not_found</c> (404): No such token.</summary>
    public const string TokenNotFound = "token.not_found";

    /// <summary><c>token.revoked</c> (409): The token was revoked; revocation is final. Mint a new token.</summary>
    public const string TokenRevoked = "token.revoked";
}
