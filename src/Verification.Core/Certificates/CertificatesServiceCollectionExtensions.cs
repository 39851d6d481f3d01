using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Verification.Core.Protection;

namespace Verification.Core.Certificates;

/// <summary>Registers certificate issuing; called by <c>AddVerification()</c>.</summary>
internal static class CertificatesServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="CertificateOptions"/> (validated at start) and registers the key provider (configured, or
    /// ephemeral beside an ephemeral master key) and the <see cref="CertificateIssuer"/>. A host with its own
    /// <see cref="ICertificateKeyProvider"/> registers it first.
    /// </summary>
    public static void AddVerificationCertificates(this IServiceCollection services)
    {
        // Binding twice would append the configured keys to the list twice; the validator marks that it is done.
        if (!services.Any(d => d.ServiceType == typeof(IValidateOptions<CertificateOptions>)))
        {
            services.AddOptions<CertificateOptions>().BindConfiguration(CertificateOptions.SectionName).ValidateOnStart();
            services.AddSingleton<IValidateOptions<CertificateOptions>, CertificateOptionsValidator>();
        }

        services.TryAddSingleton<ICertificateKeyProvider>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<CertificateOptions>>();
            var protection = sp.GetRequiredService<IOptions<ProtectionOptions>>().Value;
            return CertificateKeyMaterial.UsesEphemeralKey(options.Value, protection)
                ? new EphemeralCertificateKeyProvider()
                : new ConfiguredCertificateKeyProvider(options);
        });
        services.TryAddSingleton<CertificateIssuer>();
    }
}
