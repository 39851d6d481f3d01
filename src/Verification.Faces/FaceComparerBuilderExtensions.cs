using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Verification.Core;
using Verification.Core.Reading;
using Verification.Faces;

#pragma warning disable IDE0130 // Extension methods live in the DI namespace so they are found without a using.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the face comparer.</summary>
public static class FaceComparerBuilderExtensions
{
    /// <summary>
    /// Compares selfies with identity document portraits (<c>reco/id</c>'s <c>selfie</c>) with the managed port of
    /// face-api's networks, as the <see cref="IFaceComparer"/>. Options bind to <see cref="FaceComparerOptions.SectionName"/>
    /// and are validated at start. Calling it twice is harmless.
    /// </summary>
    /// <param name="builder">The verification builder.</param>
    /// <param name="configure">Changes to the options.</param>
    public static VerificationBuilder UseFaceComparer(this VerificationBuilder builder, Action<FaceComparerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<FaceComparerOptions>().BindConfiguration(FaceComparerOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FaceComparerOptions>, FaceComparerOptionsValidator>());
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton<FaceComparer>();
        services.TryAddSingleton<IFaceComparer>(provider => provider.GetRequiredService<FaceComparer>());
        return builder;
    }
}
