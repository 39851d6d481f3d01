using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Verification.Core;
using Verification.Core.Reading;
using Verification.Reading.PaddleOcr;

#pragma warning disable IDE0130 // Extension methods live in the DI namespace so they are found without a using.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the PaddleOCR reader.</summary>
public static class PaddleOcrReaderBuilderExtensions
{
    /// <summary>The key under which the reader registered before PaddleOCR stays available as its fall-back.</summary>
    public const string FallbackKey = "Verification.Reading.PaddleOcr.Fallback";

    /// <summary>
    /// Reads identity photos with PaddleOCR (PP-OCRv4 on ONNX Runtime) as the <see cref="IDocumentReader"/>. The
    /// reader registered before this call (for instance by <c>UseTesseractReader()</c>) becomes its fall-back for
    /// PDFs, TIFF, bank-details sheets and zones PaddleOCR cannot settle. Options bind to
    /// <see cref="PaddleOcrReaderOptions.SectionName"/> and are validated at start; the models load when the host
    /// starts. Calling it twice is harmless.
    /// </summary>
    public static VerificationBuilder UsePaddleOcrReader(this VerificationBuilder builder, Action<PaddleOcrReaderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<PaddleOcrReaderOptions>().BindConfiguration(PaddleOcrReaderOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PaddleOcrReaderOptions>, PaddleOcrReaderOptionsValidator>());
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        if (services.Any(d => d.ServiceType == typeof(PaddleOcrDocumentReader)))
        {
            return builder;
        }

        // Whatever reader came before becomes the fall-back, under a key.
        var previous = services.LastOrDefault(d => d.ServiceType == typeof(IDocumentReader) && !d.IsKeyedService);
        if (previous is not null)
        {
            services.Remove(previous);
            services.Add(previous.ImplementationInstance is { } instance
                ? new ServiceDescriptor(typeof(IDocumentReader), FallbackKey, instance)
                : previous.ImplementationFactory is { } factory
                    ? new ServiceDescriptor(typeof(IDocumentReader), FallbackKey, (provider, _) => factory(provider), previous.Lifetime)
                    : new ServiceDescriptor(typeof(IDocumentReader), FallbackKey, previous.ImplementationType!, previous.Lifetime));
        }

        services.AddSingleton(provider => new PaddleOcrDocumentReader(
            provider.GetRequiredService<IOptions<PaddleOcrReaderOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetKeyedService<IDocumentReader>(FallbackKey),
            provider.GetService<ILogger<PaddleOcrDocumentReader>>()));
        services.AddSingleton<IDocumentReader>(provider => provider.GetRequiredService<PaddleOcrDocumentReader>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PaddleOcrWarmUpService>());
        return builder;
    }
}

/// <summary>Loads the models when the host starts.</summary>
internal sealed class PaddleOcrWarmUpService(PaddleOcrDocumentReader reader, IOptions<PaddleOcrReaderOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        options.Value.WarmUpOnStart ? Task.Run(reader.WarmUp, cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
