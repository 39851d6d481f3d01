using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Verification.AspNetCore;
using Verification.AspNetCore.Auditing;
using Verification.AspNetCore.Authentication;
using Verification.Core;
using Verification.Core.Submissions;

#pragma warning disable IDE0130 // Extension methods live in the DI namespace so they are found without a using.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the ASP.NET Core side of Verification.</summary>
public static class VerificationAspNetCoreBuilderExtensions
{
    /// <summary>
    /// Adds the service-token authentication scheme (it does not become the host's default scheme),
    /// scope authorization, per-token rate limiting, the audit queue, and problem details that always
    /// carry a <c>code</c> and a <c>traceId</c>, including for errors the framework raises itself.
    /// Also adds the token services (<c>AddVerificationKeys</c>). Calling it twice is harmless.
    /// </summary>
    public static VerificationBuilder AddAspNetCore(this VerificationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        builder.AddVerificationKeys();
        if (services.Any(d => d.ServiceType == typeof(AuditQueue)))
        {
            return builder;
        }

        services.AddSingleton<AuditQueue>();
        services.AddHostedService(provider => provider.GetRequiredService<AuditQueue>());
        services.AddAuthentication().AddScheme<ServiceTokenAuthenticationOptions, ServiceTokenAuthenticationHandler>(ServiceTokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorization();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, ScopeAuthorizationHandler>());

        services.AddOptions<VerificationRateLimitOptions>().BindConfiguration(VerificationRateLimitOptions.SectionName)
            .Validate(o => o.PermitsPerSecond > 0 && o.Burst >= o.PermitsPerSecond, "Verification:RateLimits:PermitsPerSecond must be positive and Verification:RateLimits:Burst at least as large.")
            .ValidateOnStart();
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(VerificationRateLimitOptions.PolicyName, context =>
            {
                var tokenId = ServiceTokenAuthenticationHandler.GetPrincipal(context)?.TokenId;
                if (tokenId is null)
                {
                    return RateLimitPartition.GetNoLimiter("anonymous");
                }

                var limits = context.RequestServices.GetRequiredService<IOptions<VerificationRateLimitOptions>>().Value;
                return RateLimitPartition.GetTokenBucketLimiter(tokenId, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.Burst,
                    TokensPerPeriod = limits.PermitsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                var http = context.HttpContext;
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                await http.Response.WriteAsJsonAsync(
                    VerificationProblems.Create(StatusCodes.Status429TooManyRequests, ApiErrors.RateLimitExceeded, $"Too many requests for this token; retry after {retryAfter} s.", http),
                    options: null, contentType: "application/problem+json", cancellationToken).ConfigureAwait(false);
            };
        });

        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.AspNetCore.Diagnostics.IExceptionHandler, DatabaseUnavailableExceptionHandler>());
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            var status = problem.Status ?? context.HttpContext.Response.StatusCode;
            if (!problem.Extensions.TryGetValue("code", out var code))
            {
                code = status switch
                {
                    StatusCodes.Status400BadRequest => ApiErrors.RequestInvalid,
                    StatusCodes.Status401Unauthorized => ApiErrors.Unauthenticated,
                    StatusCodes.Status403Forbidden => ApiErrors.Forbidden,
                    StatusCodes.Status404NotFound => ApiErrors.RouteNotFound,
                    StatusCodes.Status405MethodNotAllowed => ApiErrors.MethodNotAllowed,
                    StatusCodes.Status413PayloadTooLarge => SubmissionErrors.RequestTooLarge,
                    StatusCodes.Status415UnsupportedMediaType => SubmissionErrors.RequestUnsupportedMediaType,
                    StatusCodes.Status429TooManyRequests => ApiErrors.RateLimitExceeded,
                    >= 500 => ApiErrors.ServerError,
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
