using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Verification.Core.Stores;
using Verification.Core.Stores.InMemory;

namespace Verification.Core;

/// <summary>Configures the verification services; returned by <c>services.AddVerification()</c>.</summary>
public sealed class VerificationBuilder
{
    /// <summary>Creates a builder over <paramref name="services"/>.</summary>
    public VerificationBuilder(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        Services = services;
    }

    /// <summary>The service collection, for adapters that extend the builder.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Configures <see cref="VerificationOptions"/>.</summary>
    public VerificationBuilder Configure(Action<VerificationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }

    /// <summary>Keeps everything in memory: for tests and demos, nothing survives a restart.</summary>
    public VerificationBuilder UseInMemoryStores()
    {
        Services.TryAddSingleton<ITenantStore, InMemoryTenantStore>();
        Services.TryAddSingleton<IVerificationStore, InMemoryVerificationStore>();
        Services.TryAddSingleton<IAuditStore, InMemoryAuditStore>();
        Services.TryAddSingleton<IAnalystStore, InMemoryAnalystStore>();
        return this;
    }
}
