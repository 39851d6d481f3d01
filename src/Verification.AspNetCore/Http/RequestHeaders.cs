using Microsoft.AspNetCore.Http;
using Verification.Core;

namespace Verification.AspNetCore.Http;

/// <summary>The request headers of <c>docs/api.md</c>, validated.</summary>
internal static class RequestHeaders
{
    public const string CorrelationId = "X-Correlation-ID";
    public const string ApproverDepartment = "X-Approver-Department";

    /// <summary>The correlation id, <see langword="null"/> when absent; invalid (including empty or repeated) is a failure.</summary>
    public static Outcome<string?> ReadCorrelationId(HttpRequest request)
    {
        if (!request.Headers.TryGetValue(CorrelationId, out var values))
        {
            return (string?)null;
        }

        return values.Count == 1 && Verification.Core.CorrelationId.IsValid(values[0])
            ? (string?)values[0]
            : Verification.Core.CorrelationId.Validate(null).Failure!;
    }

    /// <summary>The approver department, <see langword="null"/> when absent.</summary>
    public static Outcome<string?> ReadDepartment(HttpRequest request) =>
        request.Headers.TryGetValue(ApproverDepartment, out var values)
            ? ValidateDepartment(values.Count == 1 ? values[0] : null)
            : (string?)null;

    /// <summary>A department: 1 to 64 printable characters (the rule lives in <see cref="Department"/>).</summary>
    public static Outcome<string?> ValidateDepartment(string? value) =>
        Department.Validate(value).TryGetValue(out var department, out var failure) ? (string?)department : failure;
}
