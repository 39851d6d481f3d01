using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Verification.AspNetCore;
using Verification.Core;

#pragma warning disable IDE0130 // Extension methods live in the DI namespace so they are found without a using.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the ASP.NET Core side of Verification.</summary>
public static class VerificationAspNetCoreBuilderExtensions
{
    /// <summary>
    /// Adds problem details that always carry a <c>code</c> and a <c>traceId</c>, including for errors the
    /// framework raises itself (unknown routes, bad bodies, exceptions), so no caller ever sees a bare
    /// status or a stack trace.
    /// </summary>
    public static VerificationBuilder AddAspNetCore(this VerificationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            if (!problem.Extensions.TryGetValue("code", out var code))
            {
                code = status switch
                {
                    StatusCodes.Status400BadRequest => "request.invalid",
                    StatusCodes.Status401Unauthorized => "auth.unauthenticated",
                    StatusCodes.Status403Forbidden => "auth.forbidden",
                    StatusCodes.Status404NotFound => "route.not_found",
                    StatusCodes.Status405MethodNotAllowed => "route.method_not_allowed",
                    StatusCodes.Status413PayloadTooLarge => "request.too_large",
                    StatusCodes.Status415UnsupportedMediaType => "request.unsupported_media_type",
                    StatusCodes.Status429TooManyRequests => "rate_limit.exceeded",
                    >= 500 => "server.error",
                    _ => "request.failed",
                };
                problem.Extensions["code"] = code;
            }

            problem.Type ??= VerificationProblems.TypeBase + code;
            if (!problem.Extensions.ContainsKey("traceId"))
            {
                problem.Extensions["traceId"] = System.Diagnostics.Activity.Current?.Id
                    ?? context.HttpContext.Features.Get<IHttpActivityFeature>()?.Activity.Id
                    ?? context.HttpContext.TraceIdentifier;
            }
        });
        return builder;
    }
}
