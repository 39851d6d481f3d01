using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Verification.Core.Protection;
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

    /// <summary>Configures <see cref="Documents.DocumentCheckOptions"/> (expiry horizon, OCR corrections, name matching, image limits).</summary>
    public VerificationBuilder ConfigureDocumentChecks(Action<Documents.DocumentCheckOptions> configure)
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

    /// <summary>
    /// Runs the <see cref="Archiving.ArchiveSweeper"/> in the host: verifications due after an extraction or at
    /// the end of their retention (<see cref="Archiving.ArchiveOptions"/>) are archived in the background.
    /// </summary>
    public VerificationBuilder AddArchiveSweeper()
    {
        Services.TryAddSingleton(TimeProvider.System);
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, Archiving.ArchiveSweeper>());
        return this;
    }

    /// <summary>
    /// Keeps everything in memory: for tests and demos, nothing survives a restart. Without a configured master
    /// key, personal data is protected with an ephemeral one (<see cref="ProtectionOptions.EphemeralKey"/>).
    /// </summary>
    public VerificationBuilder UseInMemoryStores()
    {
        Services.PostConfigure<ProtectionOptions>(o => o.EphemeralKey |= o.MasterKeys.Count == 0);
        Services.TryAddSingleton<ITenantStore, InMemoryTenantStore>();
        Services.TryAddSingleton<IVerificationStore, InMemoryVerificationStore>();
        Services.TryAddSingleton<IVerificationSearch, InMemoryVerificationSearch>();
        Services.TryAddSingleton<IAuditStore, InMemoryAuditStore>();
        Services.TryAddSingleton<IBlobStore, InMemoryBlobStore>();
        return this;
    }
}
