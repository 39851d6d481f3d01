namespace Verification.AspNetCore;

/// <summary>
/// The error codes the HTTP layer itself answers (authentication, routing, rate limits, status-only failures).
/// Documented in <c>docs/api.md</c>; the codes of the core's failures are in the core's catalogues
/// (<c>SubmissionErrors</c>, <c>VerificationErrors</c>, <c>KeyErrors</c>, <c>AnalystErrors</c>, <c>WebhookErrors</c>).
/// </summary>
public static class ApiErrors
{
    /// <summary><c>auth.missing_token</c> (401): no <c>Authorization: Bearer</c> header.</summary>
    public const string MissingToken = "auth.missing_token";

    /// <summary><c>auth.insufficient_scope</c> (403): the token's scopes do not allow this call.</summary>
    public const string InsufficientScope = "auth.insufficient_scope";

    /// <summary><c>auth.unauthenticated</c> (401): a bare 401 from elsewhere in the pipeline.</summary>
    public const string Unauthenticated = "auth.unauthenticated";

    /// <summary><c>auth.forbidden</c> (403): a bare 403 from elsewhere in the pipeline.</summary>
    public const string Forbidden = "auth.forbidden";

    /// <summary><c>route.not_found</c> (404): no such API route.</summary>
    public const string RouteNotFound = "route.not_found";

    /// <summary><c>route.method_not_allowed</c> (405): the route exists with another method.</summary>
    public const string MethodNotAllowed = "route.method_not_allowed";

    /// <summary><c>rate_limit.exceeded</c> (429): too many requests for this token; <c>Retry-After</c> says when to retry.</summary>
    public const string RateLimitExceeded = "rate_limit.exceeded";

    /// <summary><c>request.invalid</c> (400): a bare 400 from elsewhere in the pipeline.</summary>
    public const string RequestInvalid = "request.invalid";

    /// <summary><c>database.unavailable</c> (503): the database cannot be reached (restarting, failing over); retry after <c>Retry-After</c>.</summary>
    public const string DatabaseUnavailable = "database.unavailable";

    /// <summary><c>server.error</c> (5xx): an unexpected error; never for bad input.</summary>
    public const string ServerError = "server.error";
}
