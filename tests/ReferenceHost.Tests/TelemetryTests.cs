using System.Net;
using Verification.Hosting.Testing;

namespace ReferenceHost.Tests;

/// <summary>The reference host with the Prometheus scraping endpoint on.</summary>
public sealed class PrometheusHostFactory : ReferenceHostFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Verification:Telemetry:Prometheus"] = "true",
    };
}

public sealed class PrometheusMetricsTests(PrometheusHostFactory factory) : IClassFixture<PrometheusHostFactory>
{
    [Fact]
    public async Task MetricsAreScrapeableAsPrometheusTextWhenEnabled()
    {
        var client = factory.CreateClient();
        (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/api/v1/verifications/NOPE")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        // The exporter caches a scrape for a short while: ask until the requests above are counted.
        string text = string.Empty;
        for (var attempt = 0; attempt < 50 && !text.Contains("http_server_request_duration_seconds", StringComparison.Ordinal); attempt++)
        {
            var response = await client.GetAsync("/metrics");
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
            text = await response.Content.ReadAsStringAsync();
            await Task.Delay(100);
        }

        text.Should().Contain("# TYPE http_server_request_duration_seconds histogram");
        text.Should().Contain("http_route=\"/health/live\"");
        text.Should().NotContain("NOPE", "paths with correlation ids are recorded by route template only");
    }
}

public sealed class TelemetryOffByDefaultTests(ReferenceHostFactory factory) : IClassFixture<ReferenceHostFactory>
{
    [Fact]
    public async Task MetricsAreNotServedUnlessEnabled()
    {
        var response = await factory.CreateClient().GetAsync("/metrics");

        response.StatusCode.Should().NotBe(HttpStatusCode.OK);
    }
}
