using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Verification.AspNetCore.Auditing;
using Verification.AspNetCore.Http;
using Verification.Core.Submissions;
using Verification.Core.Audit;
using Verification.Core.Stores;

namespace Verification.AspNetCore.Tests;

/// <summary>Uploads are read into pooled memory, never spooled to disk; the audit queue never blocks a request.</summary>
public sealed class UploadAndAuditTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(81920)]
    [InlineData(81921)]
    [InlineData(300_000)]
    public async Task ReadsAPartWhole(int length)
    {
        var content = Enumerable.Range(0, length).Select(i => (byte)(i * 31)).ToArray();

        var read = await DocumentEndpoints.ReadLimitedAsync(new TrickleStream(content), limit: 300_000, CancellationToken.None);

        read.Value.Should().Equal(content);
    }

    [Fact]
    public async Task StopsReadingAPartOverTheLimit()
    {
        var read = await DocumentEndpoints.ReadLimitedAsync(new TrickleStream(new byte[200_001]), limit: 200_000, CancellationToken.None);

        read.Failure!.Code.Should().Be(SubmissionErrors.FileTooLarge);
    }

    [Fact]
    public async Task RefusesAnEmptyPart()
    {
        var read = await DocumentEndpoints.ReadLimitedAsync(new MemoryStream(), limit: 10, CancellationToken.None);

        read.Failure!.Code.Should().Be(SubmissionErrors.FileEmpty);
    }

    [Fact]
    public async Task AFullAuditQueueNeitherBlocksTheCallerNorLosesEntries()
    {
        var store = new CountingAuditStore();
        using var services = new ServiceCollection().AddSingleton<IAuditStore>(store).BuildServiceProvider();
        using var queue = new AuditQueue(services.GetRequiredService<IServiceScopeFactory>(), NullLogger<AuditQueue>.Instance);

        // The writer is not started: the queue fills up. The old queue blocked the caller here for ever.
        var enqueue = Task.Run(() =>
        {
            for (var i = 0; i < AuditQueue.Capacity + 25; i++)
            {
                queue.Enqueue(Entry(i));
            }
        });
        (await Task.WhenAny(enqueue, Task.Delay(TimeSpan.FromSeconds(10)))).Should().BeSameAs(enqueue, "a full queue must not block the request thread");
        queue.Overflowed.Should().Be(25);

        await queue.StartAsync(CancellationToken.None);
        await queue.FlushAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        await queue.StopAsync(CancellationToken.None);

        store.Count.Should().Be(AuditQueue.Capacity + 25);
    }

    private static AuditEntry Entry(int i) => new()
    {
        TenantId = "default",
        OccurredAt = DateTimeOffset.UnixEpoch.AddSeconds(i),
        ActorType = AuditActorTypes.System,
        Action = "test.entry",
        Outcome = "success",
    };

    private sealed class CountingAuditStore : IAuditStore
    {
        private int _count;

        public int Count => _count;

        public ValueTask AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
        {
            Interlocked.Add(ref _count, entries.Count);
            return ValueTask.CompletedTask;
        }

        public IAsyncEnumerable<AuditEntry> ListAsync(AuditQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask<AuditCheckpoint?> PruneAsync(DateTimeOffset before, Func<AuditEntry, long, AuditCheckpoint> checkpoint, CancellationToken cancellationToken) => throw new NotSupportedException();

        public ValueTask<AuditCheckpoint?> FindLatestCheckpointAsync(CancellationToken cancellationToken) => ValueTask.FromResult<AuditCheckpoint?>(null);

        public ValueTask SaveCheckpointSignatureAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    /// <summary>Answers at most 1,000 bytes per read, as a network stream would.</summary>
    private sealed class TrickleStream(byte[] content) : MemoryStream(content)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1000)], cancellationToken);
    }
}
