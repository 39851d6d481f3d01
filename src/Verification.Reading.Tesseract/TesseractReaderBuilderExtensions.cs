using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Verification.Core;
using Verification.Core.Reading;
using Verification.Reading.Tesseract;

#pragma warning disable IDE0130 // Extension methods live in the DI namespace so they are found without a using.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the Tesseract document reader.</summary>
public static class TesseractReaderBuilderExtensions
{
    /// <summary>
    /// Reads documents with the system's Tesseract 5 as the <see cref="IDocumentReader"/>; options bind to
    /// <see cref="TesseractReaderOptions.SectionName"/> and are validated at start. Engines warm up when the
    /// host starts. Without Tesseract the host still starts; the reader reports itself unavailable and reads
    /// answer <c>reader.unavailable</c>. Calling it twice is harmless.
    /// </summary>
    public static VerificationBuilder UseTesseractReader(this VerificationBuilder builder, Action<TesseractReaderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<TesseractReaderOptions>().BindConfiguration(TesseractReaderOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TesseractReaderOptions>, TesseractReaderOptionsValidator>());
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TesseractDocumentReader>();
        services.TryAddSingleton<IDocumentReader>(provider => provider.GetRequiredService<TesseractDocumentReader>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TesseractWarmUpService>());
        return builder;
    }
}

/// <summary>Warms the engine pool when the host starts.</summary>
internal sealed class TesseractWarmUpService(TesseractDocumentReader reader, IOptions<TesseractReaderOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        options.Value.WarmUpOnStart ? Task.Run(reader.WarmUp, cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
