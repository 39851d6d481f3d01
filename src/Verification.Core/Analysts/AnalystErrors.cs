namespace Verification.Core.Analysts;

/// <summary>
/// The error codes of the back office's analyst accounts and sign-in. Documented in <c>docs/api.md</c>;
/// the problem mapper, the documentation test and the tests use these constants instead of the text.
/// </summary>
public static class AnalystErrors
{
    /// <summary><c>analyst.email_taken</c> (409): An account with this e-mail address already exists.</summary>
    public const string AnalystEmailTaken = "analyst.email_taken";

    /// <summary><c>analyst.invalid_department</c> (400): A department name has 1 to 64 printable characters (no control, bidirectional or zero-width characters).</summary>
    public const string AnalystInvalidDepartment = "analyst.invalid_department";

    /// <summary><c>analyst.invalid_email</c> (400): The e-mail address is not valid.</summary>
    public const string AnalystInvalidEmail = "analyst.invalid_email";

    /// <summary><c>analyst.invalid_role</c> (400): The role must be 'analyst' or 'admin'.</summary>
    public const string AnalystInvalidRole = "analyst.invalid_role";

    /// <summary><c>analyst.not_found</c> (404): No such account.</summary>
    public const string AnalystNotFound = "analyst.not_found";

    /// <summary><c>analyst.weak_password</c> (400): The password must have at least … characters.</summary>
    public const string AnalystWeakPassword = "analyst.weak_password";

    /// <summary><c>auth.invalid_credentials</c> (400): The e-mail or the password is wrong.</summary>
    public const string AuthInvalidCredentials = "auth.invalid_credentials";

    /// <summary><c>auth.throttled</c>.</summary>
    public const string AuthThrottled = "auth.throttled";
}
