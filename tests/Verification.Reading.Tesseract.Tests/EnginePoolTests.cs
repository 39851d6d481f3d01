using Verification.Core.Reading;

namespace Verification.Reading.Tesseract.Tests;

public sealed class EnginePoolTests
{
    private static TesseractEnginePool CreatePool(int size, int maxWaiting, TimeSpan timeout)
    {
        var options = new TesseractReaderOptions { PoolSize = size, MaxWaiting = maxWaiting, AcquireTimeout = timeout };
        var availability = TesseractAvailability.Probe(options, out var tessdata);
        return new TesseractEnginePool(options, TimeProvider.System, availability, tessdata);
    }

    [Fact]
    public async Task AnswersTimeoutWhenNoEngineFreesUpInTime()
    {
        using var pool = CreatePool(1, 4, TimeSpan.FromMilliseconds(50));
        using var held = (await pool.AcquireAsync(CancellationToken.None)).Value;

        var second = await pool.AcquireAsync(CancellationToken.None);

        second.Failure!.Code.Should().Be(ReaderFailures.TimeoutCode);
    }

    [Fact]
    public async Task AnswersBusyWhenTooManyRequestsWait()
    {
        using var pool = CreatePool(1, 0, TimeSpan.FromSeconds(30));
        using var held = (await pool.AcquireAsync(CancellationToken.None)).Value;

        var second = await pool.AcquireAsync(CancellationToken.None);

        second.Failure!.Code.Should().Be(ReaderFailures.BusyCode);
    }

    [Fact]
    public async Task StopsWaitingWhenCancelled()
    {
        using var pool = CreatePool(1, 4, TimeSpan.FromMinutes(5));
        using var held = (await pool.AcquireAsync(CancellationToken.None)).Value;
        using var cancellation = new CancellationTokenSource();

        var waiting = pool.AcquireAsync(cancellation.Token).AsTask();
        await cancellation.CancelAsync();

        await waiting.Invoking(w => w).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task LendsTheEngineAgainOnceReturned()
    {
        using var pool = CreatePool(1, 4, TimeSpan.FromMinutes(5));
        var first = (await pool.AcquireAsync(CancellationToken.None)).Value;
        var waiting = pool.AcquireAsync(CancellationToken.None).AsTask();

        first.Dispose();
        using var second = (await waiting).Value;

        second.Engine.Should().NotBeNull();
        pool.Created.Should().Be(1);
    }

    [Fact]
    public void WarmsUpEveryEngineOfThePool()
    {
        using var pool = CreatePool(2, 4, TimeSpan.FromSeconds(5));

        pool.WarmUp();

        pool.Created.Should().Be(2);
    }
}
