using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Verification.Core;
using Verification.Core.Stores;
using Verification.Storage.EfCore.Blobs;

namespace Verification.Storage.EfCore;

/// <summary>
/// What the provider packages' <c>UseSqlite()</c> and <c>UsePostgreSql()</c> share: the storage options, the pooled
/// built-in context, the migrator applied at start-up and the blob store chosen by the options.
/// </summary>
internal static class VerificationDatabaseRegistration
{
    public static VerificationBuilder AddVerificationDatabase<TContext>(
        this VerificationBuilder builder,
        VerificationStorageProvider provider,
        Action<VerificationStorageOptions>? configure,
        Action<DbContextOptionsBuilder, VerificationStorageOptions> useProvider)
        where TContext : VerificationDbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<VerificationStorageOptions>()
            .BindConfiguration(VerificationStorageOptions.SectionName)
            .Configure<IServiceProvider>((options, serviceProvider) =>
            {
                options.Provider = provider;
                options.ConnectionString ??= serviceProvider.GetService<IConfiguration>()?.GetConnectionString(VerificationStorageOptions.ConnectionStringName);
                if (provider == VerificationStorageProvider.Sqlite)
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
        services.AddDbContextPool<TContext>((serviceProvider, options) =>
            useProvider(options, serviceProvider.GetRequiredService<IOptions<VerificationStorageOptions>>().Value));
        services.TryAddScoped<VerificationDbContext>(serviceProvider => serviceProvider.GetRequiredService<TContext>());
        services.TryAddScoped<VerificationDatabaseMigrator>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, VerificationMigrationHostedService>());
        services.AddOptions<FileSystemBlobStoreOptions>().BindConfiguration("Verification:Blobs");
        services.AddOptions<DatabaseBlobStoreOptions>().BindConfiguration("Verification:Blobs");
        services.TryAddSingleton<FileSystemBlobStore>();
        services.TryAddSingleton<DatabaseBlobStore<VerificationDbContext>>();
        services.TryAddSingleton<IBlobStore>(serviceProvider =>
            serviceProvider.GetRequiredService<IOptions<VerificationStorageOptions>>().Value.EffectiveBlobs == VerificationBlobStorage.Database
                ? serviceProvider.GetRequiredService<DatabaseBlobStore<VerificationDbContext>>()
                : serviceProvider.GetRequiredService<FileSystemBlobStore>());
        return builder.UseEntityFrameworkCore<VerificationDbContext>();
    }
}
