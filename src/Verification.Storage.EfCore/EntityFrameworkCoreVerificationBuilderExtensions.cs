using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Verification.Core;
using Verification.Core.ServiceAccounts;
using Verification.Core.Stores;
using Verification.Storage.EfCore;
using Verification.Storage.EfCore.Blobs;
using Verification.Storage.EfCore.Stores;

#pragma warning disable IDE0130 // Extension methods live in the DI namespace so they are found without a using.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the EF Core stores.</summary>
public static class EntityFrameworkCoreVerificationBuilderExtensions
{
    /// <summary>
    /// Stores everything in the built-in database contexts: SQLite by default, PostgreSQL when
    /// <c>Verification:Storage:Provider</c> is <c>PostgreSql</c>; the connection string is
    /// <c>ConnectionStrings:Verification</c>. Pending migrations are applied at start-up unless
    /// <c>Verification:Storage:ApplyMigrationsAtStartup</c> is <see langword="false"/>.
    /// </summary>
    public static VerificationBuilder UseEntityFrameworkCore(this VerificationBuilder builder, Action<VerificationStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<VerificationStorageOptions>()
            .BindConfiguration(VerificationStorageOptions.SectionName)
            .Configure<IServiceProvider>((options, provider) =>
            {
                options.ConnectionString ??= provider.GetService<IConfiguration>()?.GetConnectionString(VerificationStorageOptions.ConnectionStringName);
                if (options.Provider == VerificationStorageProvider.Sqlite)
                {
                    options.ConnectionString ??= VerificationStorageOptions.DefaultSqliteConnectionString;
                }
            })
            .ValidateOnStart();
        if (configure is not null)
        {
            services.PostConfigure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<VerificationStorageOptions>, VerificationStorageOptionsValidator>());
        services.AddDbContextPool<SqliteVerificationDbContext>((provider, options) =>
            options.UseSqlite(provider.GetRequiredService<IOptions<VerificationStorageOptions>>().Value.ConnectionString)
                .AddInterceptors(SqliteWriteGate.Instance));
        services.AddDbContextPool<PostgreSqlVerificationDbContext>((provider, options) =>
            options.UseNpgsql(provider.GetRequiredService<IOptions<VerificationStorageOptions>>().Value.ConnectionString));
        services.TryAddScoped<VerificationDbContext>(provider =>
            provider.GetRequiredService<IOptions<VerificationStorageOptions>>().Value.Provider == VerificationStorageProvider.PostgreSql
                ? provider.GetRequiredService<PostgreSqlVerificationDbContext>()
                : provider.GetRequiredService<SqliteVerificationDbContext>());
        services.TryAddScoped<VerificationDatabaseMigrator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, VerificationMigrationHostedService>());
        services.AddOptions<FileSystemBlobStoreOptions>().BindConfiguration("Verification:Blobs");
        services.AddOptions<DatabaseBlobStoreOptions>().BindConfiguration("Verification:Blobs");
        services.TryAddSingleton<FileSystemBlobStore>();
        services.TryAddSingleton<DatabaseBlobStore<VerificationDbContext>>();
        services.TryAddSingleton<IBlobStore>(provider =>
            provider.GetRequiredService<IOptions<VerificationStorageOptions>>().Value.EffectiveBlobs == VerificationBlobStorage.Database
                ? provider.GetRequiredService<DatabaseBlobStore<VerificationDbContext>>()
                : provider.GetRequiredService<FileSystemBlobStore>());
        return builder.UseEntityFrameworkCore<VerificationDbContext>();
    }

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
        services.TryAddScoped<IAnalystStore, EfAnalystStore<TContext>>();
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
