using System.Collections.Concurrent;
using Verification.Core;
using Verification.Core.Reading;

namespace Verification.Reading.Tesseract;

/// <summary>
/// A bounded pool of initialised engines. A request waits at most <see cref="TesseractReaderOptions.AcquireTimeout"/>
/// for a free engine (<c>reader.timeout</c>), and when <see cref="TesseractReaderOptions.MaxWaiting"/> requests
/// already wait it is answered <c>reader.busy</c> at once, so work never piles up behind a slow engine.
/// Holding a lease also bounds the managed image work, which is as CPU-bound as the engine's.
/// </summary>
internal sealed class TesseractEnginePool : IDisposable
{
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentBag<TesseractEngine> _idle = [];
    private readonly TesseractReaderOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly string? _tessdata;
    private int _waiting;
    private int _created;
    private bool _disposed;

    public TesseractEnginePool(TesseractReaderOptions options, TimeProvider timeProvider, ReaderAvailability availability, string? tessdata)
    {
        _options = options;
        _timeProvider = timeProvider;
        Availability = availability;
        _tessdata = tessdata;
        _slots = new SemaphoreSlim(options.PoolSize, options.PoolSize);
    }

    public ReaderAvailability Availability { get; private set; }

    public int Size => _options.PoolSize;

    /// <summary>How many engines exist (idle or lent).</summary>
    public int Created => Volatile.Read(ref _created);

    /// <summary>Creates the engines not yet created, so that no request pays the model load.</summary>
    public void WarmUp()
    {
        if (!Availability.IsAvailable)
        {
            return;
        }

        var engines = new List<TesseractEngine>();
        while (Volatile.Read(ref _created) < _options.PoolSize && TryCreate() is { } engine)
        {
            engines.Add(engine);
        }

        foreach (var engine in engines)
        {
            _idle.Add(engine);
        }
    }

    /// <summary>Waits for an engine; the failure says why none was lent.</summary>
    public async ValueTask<Outcome<EngineLease>> AcquireAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!Availability.IsAvailable)
        {
            return ReaderFailures.Unavailable(Availability.Detail);
        }

        if (!_slots.Wait(0, CancellationToken.None))
        {
            if (Interlocked.Increment(ref _waiting) > _options.MaxWaiting)
            {
                Interlocked.Decrement(ref _waiting);
                return ReaderFailures.Busy();
            }

            try
            {
                using var timeout = new CancellationTokenSource(_options.AcquireTimeout, _timeProvider);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
                try
                {
                    await _slots.WaitAsync(linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return ReaderFailures.Timeout();
                }
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }

        if (_idle.TryTake(out var engine) || (engine = TryCreate()) is not null)
        {
            return new EngineLease(this, engine);
        }

        _slots.Release();
        return ReaderFailures.Unavailable(Availability.Detail);
    }

    private TesseractEngine? TryCreate()
    {
        if (Interlocked.Increment(ref _created) > _options.PoolSize)
        {
            Interlocked.Decrement(ref _created);
            return null;
        }

        var engine = TesseractEngine.TryCreate(_tessdata!, _options.Language, out var problem);
        if (engine is null)
        {
            Interlocked.Decrement(ref _created);
            Availability = new ReaderAvailability(false, problem!);
        }

        return engine;
    }

    internal void Return(TesseractEngine engine)
    {
        if (_disposed)
        {
            engine.Dispose();
            return;
        }

        _idle.Add(engine);
        _slots.Release();
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var engine))
        {
            engine.Dispose();
        }

        _slots.Dispose();
    }
}

/// <summary>An engine lent by the pool; disposing gives it back.</summary>
internal sealed class EngineLease : IDisposable
{
    private readonly TesseractEnginePool _pool;
    private TesseractEngine? _engine;

    public EngineLease(TesseractEnginePool pool, TesseractEngine engine)
    {
        _pool = pool;
        _engine = engine;
    }

    public TesseractEngine Engine => _engine ?? throw new ObjectDisposedException(nameof(EngineLease));

    public void Dispose()
    {
        var engine = Interlocked.Exchange(ref _engine, null);
        if (engine is not null)
        {
            _pool.Return(engine);
        }
    }
}
