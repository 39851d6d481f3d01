namespace Verification.Storage.Specification;

/// <summary>
/// A <see cref="TimeProvider"/> whose time moves only when told (Microsoft.Extensions.TimeProvider.Testing
/// is not served here). Thread-safe.
/// </summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _utcTicks = start.UtcTicks;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    /// <summary>Moves time forward.</summary>
    public void Advance(TimeSpan delta) => Interlocked.Add(ref _utcTicks, delta.Ticks);

    /// <summary>Sets the time.</summary>
    public void SetUtcNow(DateTimeOffset now) => Interlocked.Exchange(ref _utcTicks, now.UtcTicks);
}
