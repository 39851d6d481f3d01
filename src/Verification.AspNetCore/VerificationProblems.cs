using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Verification.Core;

namespace Verification.AspNetCore;

/// <summary>
/// Turns expected failures into RFC 9457 problem details with a stable <c>code</c> and the <c>traceId</c>.
/// One place, so every endpoint answers errors alike.
/// </summary>
public static class VerificationProblems
{
    /// <summary>The problem type base address; the code is appended.</summary>
    public const string TypeBase = "https://verification.dev/problems/";

    /// <summary>The HTTP status of a failure kind.</summary>
    public static int StatusCodeOf(FailureKind kind) => kind switch
    {
        FailureKind.Invalid => StatusCodes.Status400BadRequest,
        FailureKind.NotFound => StatusCodes.Status404NotFound,
        FailureKind.Conflict => StatusCodes.Status409Conflict,
        FailureKind.Forbidden => StatusCodes.Status403Forbidden,
        FailureKind.Unsupported => StatusCodes.Status415UnsupportedMediaType,
        FailureKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        FailureKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>Builds the problem details of <paramref name="failure"/>.</summary>
    public static ProblemDetails Create(Failure failure, HttpContext? httpContext = null)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return Create(StatusCodeOf(failure.Kind), failure.Code, failure.Detail, httpContext);
    }

    /// <summary>Builds a problem with an explicit status.</summary>
    public static ProblemDetails Create(int status, string code, string detail, HttpContext? httpContext = null)
    {
        var problem = new ProblemDetails
        {
            Type = TypeBase + code,
            Title = TitleOf(status),
            Status = status,
            Detail = detail,
        };
        problem.Extensions["code"] = code;
        problem.Extensions["traceId"] = Activity.Current?.Id ?? httpContext?.TraceIdentifier;
        return problem;
    }

    /// <summary>The typed result of <paramref name="failure"/>, for endpoints declaring <c>ProblemHttpResult</c>.</summary>
    public static ProblemHttpResult Result(Failure failure, HttpContext? httpContext = null) =>
        TypedResults.Problem(Create(failure, httpContext));

    private static string TitleOf(int status) => status switch
    {
        400 => "The request is not valid.",
        401 => "Authentication is required.",
        403 => "This credential may not do that.",
        404 => "Not found.",
        409 => "Conflict.",
        413 => "The content is too large.",
        415 => "The content type is not supported.",
        429 => "Too many requests.",
        503 => "Temporarily unavailable.",
        _ => "The request failed.",
    };
}
