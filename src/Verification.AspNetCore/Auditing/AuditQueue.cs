using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Verification.Core.Audit;
using Verification.Core.Stores;

namespace Verification.AspNetCore.Auditing;

/// <summary>
/// Takes audit entries off the request path and appends them in batches (one transaction per batch), so
/// auditing every call does not serialise the API on the audit chain's lock. Entries wait at most
/// <see cref="MaxDelay"/>; the queue is drained on shutdown. If the queue is full, requests wait for room
/// rather than losing entries.
/// </summary>
public sealed partial class AuditQueue(IServiceScopeFactory scopes, ILogger<AuditQueue> logger) : BackgroundService
{
    /// <summary>The longest an entry waits before it is written.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(50);

    private const int MaxBatch = 256;
    private readonly Channel<AuditEntry> _channel = Channel.CreateBounded<AuditEntry>(new BoundedChannelOptions(10_000)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    private long _enqueued;
    private long _written;

    /// <summary>Queues an entry.</summary>
    public void Enqueue(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Interlocked.Increment(ref _enqueued);
        if (!_channel.Writer.TryWrite(entry))
        {
            // Full: block this caller briefly instead of dropping an audit entry.
            _channel.Writer.WriteAsync(entry).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Waits until every entry queued so far is written (for tests and orderly shutdown).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var target = Interlocked.Read(ref _enqueued);
        while (Interlocked.Read(ref _written) < target)
        {
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<AuditEntry>(MaxBatch);
        try
        {
            while (await _channel.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                await Task.Delay(MaxDelay, stoppingToken).ConfigureAwait(false);
                await DrainAsync(batch, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: write what is left.
            await DrainAsync(batch, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task DrainAsync(List<AuditEntry> batch, CancellationToken cancellationToken)
    {
        while (true)
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _channel.Reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }

            if (batch.Count == 0)
            {
                return;
            }

            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var scope = scopes.CreateAsyncScope();
                    await using var _ = scope.ConfigureAwait(false);
                    await scope.ServiceProvider.GetRequiredService<IAuditStore>().AppendAsync(batch, cancellationToken).ConfigureAwait(false);
                    Interlocked.Add(ref _written, batch.Count);
                    break;
                }
#pragma warning disable CA1031 // The writer must outlive a database hiccup; it retries.
                catch (Exception ex) when (attempt < 5)
#pragma warning restore CA1031
                {
                    LogRetry(logger, ex, batch.Count, attempt);
                    await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Writing {Count} audit entries failed (attempt {Attempt}); retrying")]
    private static partial void LogRetry(ILogger logger, Exception exception, int count, int attempt);
}
