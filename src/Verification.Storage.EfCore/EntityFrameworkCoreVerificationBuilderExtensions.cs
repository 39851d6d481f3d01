using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Verification.Core;
using Verification.Core.Stores;
using Verification.Storage.EfCore;
using Verification.Storage.EfCore.Blobs;
using Verification.Storage.EfCore.Stores;

#pragma warning disable IDE0130 // Extension methods live in the DI namespace so they are found without a using.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>
/// Registers the EF Core stores over a context the host owns. The built-in contexts come with a provider package:
/// <c>.UseSqlite()</c> (Verification.Storage.EfCore.Sqlite) or <c>.UsePostgreSql()</c> (Verification.Storage.EfCore.PostgreSql).
/// </summary>
public static class EntityFrameworkCoreVerificationBuilderExtensions
{
    /// <summary>
    /// Stores everything in <typeparamref name="TContext"/>, a context the host registered itself and whose
    /// model calls <see cref="VerificationModelBuilderExtensions.ApplyVerificationModel"/>. The host owns its migrations.
    /// </summary>
    public static VerificationBuilder UseEntityFrameworkCore<TContext>(this VerificationBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddScoped<ITenantStore, EfTenantStore<TContext>>();
        services.TryAddScoped<IVerificationStore, EfVerificationStore<TContext>>();
        services.TryAddScoped<IVerificationSearch, EfVerificationSearch<TContext>>();
        services.TryAddScoped<IAuditStore, EfAuditStore<TContext>>();
        services.TryAddScoped<IServiceUserStore, EfServiceUserStore<TContext>>();
        services.TryAddScoped<IServiceTokenStore, EfServiceTokenStore<TContext>>();
        services.TryAddScoped<Verification.Core.Stores.IWebhookEndpointStore, EfWebhookEndpointStore<TContext>>();
        services.TryAddScoped<Verification.Core.Stores.IWebhookDeliveryStore, EfWebhookDeliveryStore<TContext>>();
        return builder;
    }

    /// <summary>
    /// Keeps document files in the table <c>BlobChunks</c> of <typeparamref name="TContext"/> (a context whose
    /// model calls <see cref="VerificationModelBuilderExtensions.ApplyVerificationModel"/>), so that hosts sharing the
    /// database share the files; see <see cref="DatabaseBlobStore{TContext}"/>.
    /// </summary>
    public static VerificationBuilder UseDatabaseBlobStore<TContext>(this VerificationBuilder builder, Action<DatabaseBlobStoreOptions>? configure = null)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DatabaseBlobStoreOptions>().BindConfiguration("Verification:Blobs");
        if (configure is not null)
        {
            builder.Services.Configure(configure);
        }

        builder.Services.TryAddSingleton<IBlobStore, DatabaseBlobStore<TContext>>();
        return builder;
    }

    /// <summary>Adds a readiness check: the verification database answers and has every migration applied.</summary>
    public static IHealthChecksBuilder AddVerificationDatabase(this IHealthChecksBuilder builder, string name = "verification-database")
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<VerificationDatabaseHealthCheck>(name, HealthStatus.Unhealthy, ["ready"]);
    }
}
