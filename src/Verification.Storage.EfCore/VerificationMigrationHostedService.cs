using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Verification.Storage.EfCore;

/// <summary>Applies pending migrations when the host starts, unless <see cref="VerificationStorageOptions.ApplyMigrationsAtStartup"/> is off.</summary>
internal sealed class VerificationMigrationHostedService(IServiceScopeFactory scopes, IOptions<VerificationStorageOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.ApplyMigrationsAtStartup)
        {
            return;
        }

        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            await scope.ServiceProvider.GetRequiredService<VerificationDatabaseMigrator>().MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
