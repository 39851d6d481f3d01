using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Verification.Core.Stores;
using Verification.Core;
using Verification.Core.ServiceAccounts;
using Verification.Core.ServiceAccounts.InMemory;

#pragma warning disable IDE0130 // Extension methods live in the DI namespace so they are found without a using.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers service users, tokens and their authentication.</summary>
public static class KeysServiceCollectionExtensions
{
    /// <summary>
    /// Adds service users and tokens: <see cref="TokenSigningOptions"/> (bound to <c>Verification:Tokens</c>,
    /// validated at start-up), the configured key ring, <see cref="ServiceTokenManager"/> and
    /// <see cref="ServiceTokenAuthenticator"/>. Stores come from the storage adapter or
    /// <see cref="UseInMemoryKeyStores"/>. A host with its own <see cref="ITokenSigningKeyProvider"/> registers
    /// it first. Calling it twice is harmless.
    /// </summary>
    public static VerificationBuilder AddVerificationKeys(this VerificationBuilder builder, Action<TokenSigningOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        // Binding twice would append the configured keys to the list twice; the validator marks that it is done.
        var bound = services.Any(d => d.ServiceType == typeof(IValidateOptions<TokenSigningOptions>)
                                      && d.ImplementationType == typeof(TokenSigningOptionsValidator));
        if (!bound)
        {
            services.AddOptions<TokenSigningOptions>().BindConfiguration(TokenSigningOptions.SectionName).ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TokenSigningOptions>, TokenSigningOptionsValidator>());
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITokenSigningKeyProvider, ConfiguredTokenSigningKeyProvider>();
        services.TryAddSingleton<ServiceTokenRecordCache>();
        services.TryAddSingleton<ServiceTokenCodec>();
        services.TryAddScoped(sp => new ServiceTokenManager(
            sp.GetRequiredService<IServiceUserStore>(),
            sp.GetRequiredService<IServiceTokenStore>(),
            sp.GetRequiredService<ServiceTokenCodec>(),
            sp.GetRequiredService<ServiceTokenRecordCache>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ServiceTokenManager>>()));
        services.TryAddScoped(sp => new ServiceTokenAuthenticator(
            sp.GetRequiredService<ServiceTokenCodec>(),
            sp.GetRequiredService<IServiceTokenStore>(),
            sp.GetRequiredService<IServiceUserStore>(),
            sp.GetRequiredService<ServiceTokenRecordCache>(),
            sp.GetRequiredService<IOptions<TokenSigningOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ServiceTokenAuthenticator>>()));
        return builder;
    }

    /// <summary>Keeps service users and token records in memory: for tests and demos, nothing survives a restart.</summary>
    public static VerificationBuilder UseInMemoryKeyStores(this VerificationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<IServiceUserStore, InMemoryServiceUserStore>();
        builder.Services.TryAddSingleton<IServiceTokenStore, InMemoryServiceTokenStore>();
        return builder;
    }
}
