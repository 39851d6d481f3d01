using System.Data.Common;
using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Verification.AspNetCore;

/// <summary>
/// Turns "the database cannot be reached" (a server restarting, a failover, a dropped connection) into
/// <c>503 database.unavailable</c> with <c>Retry-After</c>, instead of a bare 500: the request changed nothing
/// that a retry would not redo (every save is one transaction), and the connection pool recovers by itself once the
/// server is back.
/// </summary>
internal sealed partial class DatabaseUnavailableExceptionHandler(ILogger<DatabaseUnavailableExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client should wait before retrying.</summary>
    public const int RetryAfterSeconds = 2;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsDatabaseUnavailable(exception) || httpContext.Response.HasStarted)
        {
            return false;
        }

        LogUnavailable(logger, exception.GetType().Name);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await httpContext.Response.WriteAsJsonAsync(
            VerificationProblems.Create(StatusCodes.Status503ServiceUnavailable, ApiErrors.DatabaseUnavailable, "The database cannot be reached; retry in a few seconds.", httpContext),
            options: null, contentType: "application/problem+json", cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>
    /// Whether the exception, or one it wraps, says the database server is out of reach: a transient provider error,
    /// a connection failure (SQLSTATE class 08) or an operator intervention such as a shutdown (57P).
    /// </summary>
    internal static bool IsDatabaseUnavailable(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException db && (db.IsTransient || db.SqlState is { } state && (state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("57P", StringComparison.Ordinal))))
            {
                return true;
            }

            if (current is AggregateException aggregate && aggregate.InnerExceptions.Any(IsDatabaseUnavailable))
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(EventId = 6201, Level = LogLevel.Warning, Message = "The database cannot be reached ({ExceptionType}); answered 503")]
    private static partial void LogUnavailable(ILogger logger, string exceptionType);
}
