using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Verification.Core.Stores;

namespace Verification.Core.Webhooks;

/// <summary>
/// Deletes finished deliveries and fanned-out outbox messages older than <see cref="WebhookDeliveryOptions.Retention"/>,
/// every <see cref="WebhookDeliveryOptions.PruneInterval"/>, in batches of <see cref="WebhookDeliveryOptions.PruneBatchSize"/>
/// (each its own short transaction), beside the dispatcher rather than in its loop, so delivery never waits on it.
/// Several hosts may run it at once: deleting what another host deleted deletes nothing.
/// </summary>
public sealed partial class WebhookPruner(
    IServiceScopeFactory scopes, IOptions<WebhookDeliveryOptions> options, TimeProvider timeProvider, ILogger<WebhookPruner> logger) : BackgroundService
{
    /// <summary>
    /// Prunes everything due now, batch after batch, and answers how many rows went; nothing when
    /// <see cref="WebhookDeliveryOptions.Retention"/> is unset.
    /// </summary>
    public async Task<WebhookPruneResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Retention is not { } retention)
        {
            return new WebhookPruneResult(0, 0);
        }

        var threshold = timeProvider.GetUtcNow() - retention;
        long deliveries = 0, messages = 0;
        while (true)
        {
            WebhookPruneResult batch;
            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                batch = await scope.ServiceProvider.GetRequiredService<IWebhookDeliveryStore>()
                    .PruneAsync(threshold, settings.PruneBatchSize, cancellationToken).ConfigureAwait(false);
            }

            deliveries += batch.Deliveries;
            messages += batch.OutboxMessages;
            if (batch.Deliveries < settings.PruneBatchSize && batch.OutboxMessages < settings.PruneBatchSize)
            {
                return new WebhookPruneResult(deliveries, messages);
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.Retention is null)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var pruned = await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                if (pruned.Total > 0)
                {
                    LogPruned(logger, pruned.Deliveries, pruned.OutboxMessages);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // The loop must survive a database outage; the failure is logged and the pass retried.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogPruneFailed(logger, ex);
            }

            try
            {
                await Task.Delay(settings.PruneInterval, timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    [LoggerMessage(EventId = 7201, Level = LogLevel.Information, Message = "Pruned {Deliveries} finished webhook deliveries and {Messages} outbox messages past their retention")]
    private static partial void LogPruned(ILogger logger, long deliveries, long messages);

    [LoggerMessage(EventId = 7202, Level = LogLevel.Warning, Message = "Pruning webhook deliveries failed; it is retried at the next interval")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);
}
