using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Verification.Storage.EfCore;

/// <summary>Ready when the database answers and every migration is applied.</summary>
internal sealed class VerificationDatabaseHealthCheck(VerificationDbContext context, VerificationDatabaseMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext healthContext, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await context.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false))
            {
                return HealthCheckResult.Unhealthy("The database does not answer.");
            }

            var pending = await migrator.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false);
            return pending.Count == 0
                ? HealthCheckResult.Healthy("The database answers and is up to date.")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied; run 'admin migrate'.");
        }
#pragma warning disable CA1031 // A health check reports any failure instead of throwing.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("The database check failed.", ex);
        }
    }
}
