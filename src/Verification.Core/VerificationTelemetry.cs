using System.Diagnostics;

namespace Verification.Core;

/// <summary>
/// The library's own telemetry, on <c>System.Diagnostics</c> only: a host adds the names to its OpenTelemetry setup
/// (<c>AddSource(VerificationTelemetry.ActivitySourceName)</c>, <c>AddMeter(...)</c> for each of <see cref="MeterNames"/>).
/// Spans and instruments carry kinds, statuses and codes, never personal data.
/// </summary>
public static class VerificationTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> name: spans <c>verification.analyze</c> (one per submission).</summary>
    public const string ActivitySourceName = "Verification";

    /// <summary>Span tag: the submission kind (<c>mrz</c>, <c>identity</c>, <c>bank_details</c>, ...).</summary>
    public const string KindTag = "verification.submission.kind";

    /// <summary>Span tag: the analysis status, on success.</summary>
    public const string StatusTag = "verification.analysis.status";

    /// <summary>The library's meters: <see cref="Webhooks.WebhookMetrics.MeterName"/>.</summary>
    public static IReadOnlyList<string> MeterNames { get; } = [Webhooks.WebhookMetrics.MeterName];

    internal static ActivitySource Source { get; } = new(ActivitySourceName, typeof(VerificationTelemetry).Assembly.GetName().Version?.ToString());
}
