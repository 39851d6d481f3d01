using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Verification.Core.Archiving;

/// <summary>
/// The host's background sweeper: every <see cref="ArchiveOptions.SweepInterval"/> it archives the
/// verifications due (see <see cref="VerificationArchiver.SweepAsync"/>), going on at once while a sweep fills
/// its batch. Several hosts may run it on one database: each verification is archived once.
/// </summary>
public sealed partial class ArchiveSweeper(
    IServiceScopeFactory scopes, IOptions<ArchiveOptions> options, TimeProvider timeProvider, ILogger<ArchiveSweeper> logger) : BackgroundService
{
    /// <summary>One sweep in a fresh scope; answers how many verifications it archived.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await scope.ServiceProvider.GetRequiredService<VerificationArchiver>().SweepAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            var archived = 0;
            try
            {
                archived = await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                if (archived > 0)
                {
                    LogSwept(logger, archived);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The loop must survive a database outage; the failure is logged and the sweep retried.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogSweepFailed(logger, ex);
            }

            if (archived < settings.SweepBatchSize)
            {
                try
                {
                    await Task.Delay(settings.SweepInterval, timeProvider, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    [LoggerMessage(EventId = 1511, Level = LogLevel.Information, Message = "Archive sweep archived {Count} verifications")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(EventId = 1512, Level = LogLevel.Error, Message = "Archive sweep failed; retrying at the next interval")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
