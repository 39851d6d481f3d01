using System.Text.Json;
using System.Text.RegularExpressions;

namespace ReferenceHost.Adversarial.Tests;

/// <summary>The assertions every hostile request shares.</summary>
public static partial class Expect
{
    private static readonly string[] StackTraceMarkers = ["   at ", "Exception", "System.", ".cs:line", "Microsoft.AspNetCore", "StackTrace", "SQLite Error", "Npgsql"];

    /// <summary>
    /// A 4xx (one of <paramref name="statuses"/> when given) as <c>application/problem+json</c> with a stable,
    /// machine-readable <c>code</c> (<paramref name="code"/> when given), the status repeated, a <c>traceId</c>,
    /// and no stack trace, exception text or echo of <paramref name="personal"/> values.
    /// </summary>
    public static string Problem(Reply reply, int[]? statuses = null, string? code = null, IEnumerable<string>? personal = null)
    {
        if (statuses is { Length: > 0 })
        {
            reply.Status.Should().BeOneOf(statuses, "the answer was {0}", reply);
        }
        else
        {
            reply.Status.Should().BeInRange(400, 499, "a bad request is a 4xx, never a 5xx or a success; the answer was {0}", reply);
        }

        reply.MediaType.Should().Be("application/problem+json", "errors are RFC 9457 problems; the answer was {0}", reply);
        JsonElement problem;
        try
        {
            problem = JsonDocument.Parse(reply.Body).RootElement;
        }
        catch (JsonException)
        {
            throw new Xunit.Sdk.XunitException($"The problem body is not JSON: {reply}");
        }

        problem.TryGetProperty("code", out var codeElement).Should().BeTrue("every problem has a code: {0}", reply);
        var actual = codeElement.GetString();
        actual.Should().MatchRegex(CodePattern().ToString(), "codes are stable dotted identifiers: {0}", reply);
        if (code is not null)
        {
            actual.Should().Be(code, "the answer was {0}", reply);
        }

        problem.GetProperty("status").GetInt32().Should().Be(reply.Status);
        problem.TryGetProperty("traceId", out var trace).Should().BeTrue("every problem has a traceId: {0}", reply);
        trace.GetString().Should().NotBeNullOrEmpty();
        NoLeak(reply.Body);
        foreach (var value in personal ?? [])
        {
            reply.Body.Should().NotContainEquivalentOf(value, "a problem never echoes personal data");
        }

        return actual!;
    }

    /// <summary>No stack trace or exception text in a body.</summary>
    public static void NoLeak(string body)
    {
        foreach (var marker in StackTraceMarkers)
        {
            body.Should().NotContain(marker, "a response never shows internals");
        }
    }

    /// <summary>The stores hold exactly what they held before.</summary>
    public static void NothingStored(Snapshot before, Snapshot after, Reply reply) =>
        after.Should().Be(before, "a rejected request stores nothing (answer {0})", reply);

    /// <summary>No log entry written since <paramref name="start"/> mentions any of <paramref name="personal"/>.</summary>
    public static void NotLogged(CapturedLogs logs, int start, IEnumerable<string> personal) =>
        logs.Mentioning(start, personal).Should().BeEmpty("logs never hold personal data");

    [GeneratedRegex("^[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+$")]
    private static partial Regex CodePattern();
}
