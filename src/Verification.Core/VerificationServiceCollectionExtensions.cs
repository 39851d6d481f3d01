using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Verification.Core;
using Verification.Core.Analysts;
using Verification.Core.Archiving;
using Verification.Core.Audit;
using Verification.Core.Certificates;
using Verification.Core.Protection;
using Verification.Core.Verifications;

#pragma warning disable IDE0130 // Extension methods live in the DI namespace so they are found without a using.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the verification services.</summary>
public static class VerificationServiceCollectionExtensions
{
    /// <summary>
    /// Adds the verification core. Chain a store (<c>.UseEntityFrameworkCore()</c> or
    /// <see cref="VerificationBuilder.UseInMemoryStores"/>) and, in a web host, <c>.AddAspNetCore()</c>.
    /// Calling it twice is harmless.
    /// </summary>
    public static VerificationBuilder AddVerification(this IServiceCollection services, Action<VerificationOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<VerificationOptions>().BindConfiguration(VerificationOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VerificationOptions>, VerificationOptionsValidator>());
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.AddOptions<Verification.Core.Documents.DocumentCheckOptions>().BindConfiguration(Verification.Core.Documents.DocumentCheckOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Verification.Core.Documents.DocumentCheckOptions>, Verification.Core.Documents.DocumentCheckOptionsValidator>());
        services.AddOptions<ProtectionOptions>().BindConfiguration(ProtectionOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProtectionOptions>, ProtectionOptionsValidator>());
        services.TryAddSingleton<IMasterKeyProvider>(sp =>
        {
            var protection = sp.GetRequiredService<IOptions<ProtectionOptions>>();
            return protection.Value is { EphemeralKey: true, MasterKeys.Count: 0 } ? new EphemeralMasterKeyProvider() : new ConfiguredMasterKeyProvider(protection);
        });
        services.TryAddSingleton<VerificationProtector>();
        services.TryAddSingleton<MasterKeyRewrapper>();
        services.AddVerificationCertificates();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<VerificationManager>();
        services.TryAddScoped<AuditTrail>();
        services.TryAddScoped<Verification.Core.Submissions.DocumentAnalysisService>();
        services.TryAddSingleton<VerificationFileReader>();
        services.TryAddScoped<VerificationReader>();
        services.AddOptions<ArchiveOptions>().BindConfiguration(ArchiveOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ArchiveOptions>, ArchiveOptionsValidator>());
        services.TryAddScoped<VerificationArchiver>();
        return new VerificationBuilder(services);
    }
}
