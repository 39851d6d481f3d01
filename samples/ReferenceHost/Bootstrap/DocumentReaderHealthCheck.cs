using Microsoft.Extensions.Diagnostics.HealthChecks;
using Verification.Core.Reading;

namespace ReferenceHost.Bootstrap;

/// <summary>
/// Reports whether documents in images and PDFs can be read. Without Tesseract the host still starts and
/// serves everything else: readiness is then Degraded (HTTP 200) and says why, and image calls answer
/// <c>reader.unavailable</c>.
/// </summary>
internal sealed class DocumentReaderHealthCheck(IDocumentReader reader) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(reader.Availability.IsAvailable
            ? HealthCheckResult.Healthy(reader.Availability.Detail)
            : HealthCheckResult.Degraded("Document reader unavailable: " + reader.Availability.Detail));
}
