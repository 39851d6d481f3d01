using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verification.Core.Submissions;

namespace Verification.Core.Tests;

public sealed class VerificationTelemetryTests
{
    private const string Mrz = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";

    [Fact]
    public async Task EachAnalysisIsASpanWithItsKindAndStatusAndNoPersonalData()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == VerificationTelemetry.ActivitySourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddVerification().UseInMemoryStores().UseInMemoryKeyStores();
        await using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        var marker = Guid.NewGuid().ToString("N");

        var analysed = await scope.ServiceProvider.GetRequiredService<DocumentAnalysisService>().AnalyzeAsync(new DocumentSubmission
        {
            Kind = SubmissionKind.Mrz,
            MrzText = Mrz,
            Source = new SubmissionSource("default", "reco", "service:" + marker),
        }, CancellationToken.None);
        var refused = await scope.ServiceProvider.GetRequiredService<DocumentAnalysisService>().AnalyzeAsync(new DocumentSubmission
        {
            Kind = SubmissionKind.Mrz,
            MrzText = "not an MRZ",
            Source = new SubmissionSource("default", "reco", "service:" + marker),
        }, CancellationToken.None);

        analysed.IsSuccess.Should().BeTrue();
        var spans = stopped.Where(a => a.OperationName == "verification.analyze").ToList();
        spans.Should().HaveCountGreaterThanOrEqualTo(2);
        spans.Should().Contain(a => (string?)a.GetTagItem(VerificationTelemetry.KindTag) == "mrz"
            && a.GetTagItem(VerificationTelemetry.StatusTag) != null && a.Status == ActivityStatusCode.Unset);
        if (!refused.IsSuccess)
        {
            spans.Should().Contain(a => a.Status == ActivityStatusCode.Error && (string?)a.GetTagItem("error.type") == refused.Failure!.Code);
        }

        spans.SelectMany(a => a.TagObjects).Select(t => t.Value?.ToString() ?? string.Empty)
            .Should().NotContain(v => v.Contains("ERIKSSON", StringComparison.OrdinalIgnoreCase) || v.Contains("L898902C3", StringComparison.Ordinal));
    }
}
