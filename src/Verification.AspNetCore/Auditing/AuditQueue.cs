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
/// <see cref="MaxDelay"/>; the queue is drained on shutdown. <see cref="Enqueue"/> never blocks a request
/// thread: when the bounded queue (<see cref="Capacity"/> entries) is full because the audit store is slow, the
/// entry goes to an overflow queue, counted in <see cref="Overflowed"/> and logged (a warning on the first
/// overflow and every 1,000 after), and the writer drains the overflow after the queue. No entry is dropped:
/// an audit trail with holes would defeat its purpose; the cost of a sustained overload is memory, which the
/// counter and the log make visible.
/// </summary>
public sealed partial class AuditQueue(IServiceScopeFactory scopes, ILogger<AuditQueue> logger) : BackgroundService
{
    /// <summary>How many entries wait in the bounded queue before new ones go to the overflow.</summary>
    public const int Capacity = 10_000;

    /// <summary>The longest an entry waits before it is written.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(50);

    private const int MaxBatch = 256;
    private readonly Channel<AuditEntry> _channel = Channel.CreateBounded<AuditEntry>(new BoundedChannelOptions(Capacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    private readonly System.Collections.Concurrent.ConcurrentQueue<AuditEntry> _overflow = new();
    private long _enqueued;
    private long _written;
    private long _overflowed;

    /// <summary>How many entries went to the overflow queue since start (the queue was full: the audit store is slower than the traffic).</summary>
    public long Overflowed => Interlocked.Read(ref _overflowed);

    /// <summary>Queues an entry; never blocks and never drops it (see the class remarks).</summary>
    public void Enqueue(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Interlocked.Increment(ref _enqueued);
        if (_channel.Writer.TryWrite(entry))
        {
            return;
        }

        _overflow.Enqueue(entry);
        var overflowed = Interlocked.Increment(ref _overflowed);
        if (overflowed % 1000 == 1)
        {
            LogOverflow(logger, overflowed, Capacity);
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
            while (await WaitForEntriesAsync(stoppingToken).ConfigureAwait(false))
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

            // The overflow holds entries that arrived while the queue was full: after the queue, in order.
            while (batch.Count < MaxBatch && _overflow.TryDequeue(out var overflowEntry))
            {
                batch.Add(overflowEntry);
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

    /// <summary>Waits for entries in the queue; the overflow is only ever filled while the queue is full, so it is drained with it.</summary>
    private async ValueTask<bool> WaitForEntriesAsync(CancellationToken stoppingToken) =>
        !_overflow.IsEmpty || await _channel.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "The audit queue is full ({Capacity} entries): {Overflowed} entries so far went to the overflow queue instead of blocking requests; the audit store is slower than the traffic")]
    private static partial void LogOverflow(ILogger logger, long overflowed, int capacity);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Writing {Count} audit entries failed (attempt {Attempt}); retrying")]
    private static partial void LogRetry(ILogger logger, Exception exception, int count, int attempt);
}
