using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Verification.Core;

namespace ReferenceHost;

/// <summary>
/// <c>Verification:Telemetry</c>: OpenTelemetry traces and metrics of ASP.NET Core, HttpClient (webhook deliveries),
/// Npgsql (PostgreSQL) and the library's own source and meters; exported with OTLP when an endpoint is configured
/// (<c>Verification:Telemetry:OtlpEndpoint</c> or the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>), and as Prometheus
/// text at <c>/metrics</c> when <c>Verification:Telemetry:Prometheus</c> is true (off by default).
/// </summary>
internal static class HostTelemetry
{
    public const string SectionName = "Verification:Telemetry";

    public static void AddHostTelemetry(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SectionName);
        var prometheus = section.GetValue<bool>("Prometheus");
        var endpoint = section["OtlpEndpoint"] ?? builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        Uri? otlp = null;
        if (!string.IsNullOrWhiteSpace(endpoint) && !Uri.TryCreate(endpoint, UriKind.Absolute, out otlp))
        {
            throw new InvalidOperationException($"{SectionName}:OtlpEndpoint is not an absolute URI.");
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(section["ServiceName"] ?? "verification-reference-host"))
            .WithTracing(tracing =>
            {
                tracing
                    .AddSource(VerificationTelemetry.ActivitySourceName)
                    .AddAspNetCoreInstrumentation(options =>
                    {
                        // Paths carry correlation ids and queries carry searched names: spans keep the route template.
                        options.EnrichWithHttpRequest = static (activity, _) =>
                        {
                            activity.SetTag("url.path", null);
                            activity.SetTag("url.query", null);
                        };
                    })
                    .AddHttpClientInstrumentation(options =>
                        options.EnrichWithHttpRequestMessage = static (activity, _) => activity.SetTag("url.full", null))
                    .AddNpgsql();
                if (otlp is not null)
                {
                    tracing.AddOtlpExporter(o => o.Endpoint = otlp);
                }
            })
            .WithMetrics(metrics =>
            {
                metrics
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddMeter("Npgsql")
                    .AddMeter([.. VerificationTelemetry.MeterNames]);
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => o.Endpoint = otlp);
                }

                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });
    }

    public static void MapHostTelemetry(this WebApplication app)
    {
        if (app.Configuration.GetSection(SectionName).GetValue<bool>("Prometheus"))
        {
            // Anonymous, like a scrape target is: expose the host's port only where the scraper runs.
            app.MapPrometheusScrapingEndpoint("/metrics");
        }
    }
}
