using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ReferenceHost.Accounts;

/// <summary>Ready when every account migration is applied (the library's check covers its own migrations).</summary>
internal sealed class AccountsDatabaseHealthCheck(AccountsDbContext context) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext healthContext, CancellationToken cancellationToken = default)
    {
        try
        {
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy("The account tables are up to date.")
                : HealthCheckResult.Unhealthy($"{pending} account migration(s) not applied; run 'admin migrate'.");
        }
#pragma warning disable CA1031 // A health check reports any failure instead of throwing.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("The account database check failed.", ex);
        }
    }
}
