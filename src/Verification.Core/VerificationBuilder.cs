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

    /// <summary>
    /// Keeps document files in a folder (<c>Verification:Blobs:Path</c>, default <c>data/blobs</c>); the default
    /// of the database stores. Hosts sharing a database must share the folder too (or plug an object store).
    /// </summary>
    public VerificationBuilder UseFileSystemBlobStore(Action<FileSystemBlobStoreOptions>? configure = null)
    {
        Services.AddOptions<FileSystemBlobStoreOptions>().BindConfiguration("Verification:Blobs");
        if (configure is not null)
        {
            Services.Configure(configure);
        }

        Services.TryAddSingleton<IBlobStore, FileSystemBlobStore>();
        return this;
    }

    /// <summary>Keeps everything in memory: for tests and demos, nothing survives a restart.</summary>
    public VerificationBuilder UseInMemoryStores()
    {
        Services.TryAddSingleton<ITenantStore, InMemoryTenantStore>();
        Services.TryAddSingleton<IVerificationStore, InMemoryVerificationStore>();
        Services.TryAddSingleton<IVerificationSearch, InMemoryVerificationSearch>();
        Services.TryAddSingleton<IAuditStore, InMemoryAuditStore>();
        Services.TryAddSingleton<IAnalystStore, InMemoryAnalystStore>();
        Services.TryAddSingleton<IBlobStore, InMemoryBlobStore>();
        return this;
    }
}
