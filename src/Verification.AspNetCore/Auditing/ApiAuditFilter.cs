using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Verification.AspNetCore.Authentication;
using Verification.Core.Audit;
using Verification.Core.ServiceAccounts;

namespace Verification.AspNetCore.Auditing;

/// <summary>
/// Audits every call that reaches an API endpoint: who (service user and token id), what (the endpoint and
/// the ids in its route), the outcome (status code), the client address and user agent. No token, no body.
/// </summary>
internal sealed class ApiAuditFilter(AuditQueue queue, TimeProvider timeProvider) : IEndpointFilter
{
    private static readonly string[] TargetRouteValues = ["verificationId", "analysisId", "tokenId", "serviceUserId", "endpointId"];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        string outcome = "error";
        try
        {
            var result = await next(context).ConfigureAwait(false);
            var inner = result is INestedHttpResult nested ? nested.Result : result;
            var status = inner is IStatusCodeHttpResult { StatusCode: { } code } ? code : http.Response.StatusCode;
            outcome = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return result;
        }
        finally
        {
            // Calls refused before they reach an endpoint (401, 403) are audited by the authentication handler.
            if (ServiceTokenAuthenticationHandler.GetPrincipal(http) is { } principal)
            {
                queue.Enqueue(Entry(http, principal, outcome, timeProvider.GetUtcNow()));
            }
        }
    }

    /// <summary>Builds the entry of one API call.</summary>
    public static AuditEntry Entry(HttpContext http, ServiceTokenPrincipal? principal, string outcome, DateTimeOffset now)
    {
        var endpoint = http.GetEndpoint();
        var action = endpoint?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName
                     ?? (endpoint as RouteEndpoint)?.RoutePattern.RawText
                     ?? "unknown";
        string? targetType = null, targetId = null;
        foreach (var name in TargetRouteValues)
        {
            if (http.Request.RouteValues.TryGetValue(name, out var value) && value is string id)
            {
                targetType = name[..^2];
                targetId = id.Length <= 128 ? id : id[..128];
                break;
            }
        }

        return new AuditEntry
        {
            TenantId = principal?.TenantId ?? "unknown",
            OccurredAt = now,
            ActorType = principal is null ? AuditActorTypes.Anonymous : AuditActorTypes.ServiceUser,
            ActorId = principal?.ServiceUserId,
            TokenId = principal?.TokenId,
            Action = action.Length <= 64 ? action : action[..64],
            Route = Truncate(http.Request.Method + " " + http.Request.Path.Value, 256),
            TargetType = targetType,
            TargetId = targetId,
            Outcome = outcome,
            ClientAddress = http.Connection.RemoteIpAddress?.ToString(),
            UserAgent = Truncate(http.Request.Headers.UserAgent.ToString(), 256),
        };
    }

    private static string? Truncate(string? value, int length) =>
        string.IsNullOrEmpty(value) ? null : value.Length <= length ? value : value[..length];
}
