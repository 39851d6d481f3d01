namespace Verification.Core.Webhooks;

/// <summary>What to do after a delivery attempt.</summary>
internal enum DeliveryDecisionKind
{
    /// <summary>Delivered; nothing more to do.</summary>
    Delivered = 1,

    /// <summary>Try again at <see cref="DeliveryDecision.NextAttemptAt"/>.</summary>
    RetryLater = 2,

    /// <summary>The last attempt of the schedule failed; stop (the event stays in the log for a manual resend).</summary>
    GiveUp = 3,

    /// <summary>The receiver answered <c>410 Gone</c>: disable the endpoint and stop.</summary>
    DisableEndpoint = 4,
}

/// <summary>The decision after an attempt.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="Outcome">How the attempt was classified.</param>
/// <param name="NextAttemptAt">When to try again, for <see cref="DeliveryDecisionKind.RetryLater"/>.</param>
internal sealed record DeliveryDecision(DeliveryDecisionKind Kind, DeliveryOutcome Outcome, DateTimeOffset? NextAttemptAt);

/// <summary>
/// The Standard Webhooks retry schedule: attempts immediately, then after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h,
/// 14 h, 20 h and 24 h (ten attempts in all), each delay spread by a random jitter so that endpoints coming
/// back after an outage are not hit by every queued event at the same second. A <c>Retry-After</c> of a
/// <c>429</c> or <c>503</c> answer is honoured: the next attempt is never earlier than the receiver asked
/// (up to <see cref="MaxRetryAfter"/>). Thread-safe when its <see cref="Random"/> is (the default is).
/// </summary>
public sealed class RetrySchedule
{
    /// <summary>The specification's delays before each attempt; the first attempt is immediate.</summary>
    public static IReadOnlyList<TimeSpan> StandardDelays { get; } =
    [
        TimeSpan.Zero,
        TimeSpan.FromSeconds(5),
        TimeSpan.FromMinutes(5),
        TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2),
        TimeSpan.FromHours(5),
        TimeSpan.FromHours(10),
        TimeSpan.FromHours(14),
        TimeSpan.FromHours(20),
        TimeSpan.FromHours(24),
    ];

    /// <summary>The default jitter: each delay is moved by up to 20 percent either way.</summary>
    public const double DefaultJitter = 0.2;

    /// <summary>The longest <c>Retry-After</c> honoured, so a receiver cannot park an event for ever.</summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromHours(24);

    private readonly TimeSpan[] _delays;
    private readonly double _jitter;
    private readonly Random _random;

    /// <summary>The standard schedule with the default jitter and shared randomness.</summary>
    public RetrySchedule()
        : this(StandardDelays, DefaultJitter, Random.Shared)
    {
    }

    /// <summary>A schedule with the given delays (the first one is before the first attempt), jitter and randomness.</summary>
    /// <param name="delays">Delay before each attempt, at least one.</param>
    /// <param name="jitter">Fraction, from 0 to 1, by which a delay may move either way.</param>
    /// <param name="random">The randomness of the jitter; tests pass a predictable one.</param>
    /// <exception cref="ArgumentException">No delay, a negative delay, or a jitter outside 0 to 1.</exception>
    public RetrySchedule(IReadOnlyList<TimeSpan> delays, double jitter, Random random)
    {
        ArgumentNullException.ThrowIfNull(delays);
        ArgumentNullException.ThrowIfNull(random);
        if (delays.Count == 0 || delays.Any(d => d < TimeSpan.Zero))
        {
            throw new ArgumentException("A retry schedule needs at least one delay and no negative delay.", nameof(delays));
        }

        if (double.IsNaN(jitter) || jitter is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(jitter), jitter, "The jitter is a fraction from 0 to 1.");
        }

        _delays = [.. delays];
        _jitter = jitter;
        _random = random;
    }

    /// <summary>The number of attempts before giving up.</summary>
    public int MaxAttempts => _delays.Length;

    /// <summary>
    /// The delay before the next attempt after <paramref name="attemptsMade"/> attempts failed, with jitter;
    /// <see langword="null"/> when the schedule is exhausted. <paramref name="retryAfter"/>, when given, is a
    /// lower bound (capped at <see cref="MaxRetryAfter"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attemptsMade"/> is less than 1.</exception>
    public TimeSpan? NextDelay(int attemptsMade, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attemptsMade, 1);
        if (attemptsMade >= _delays.Length)
        {
            return null;
        }

        var delay = Jittered(_delays[attemptsMade]);
        if (retryAfter is { } asked)
        {
            var bounded = asked > MaxRetryAfter ? MaxRetryAfter : asked;
            if (bounded > delay)
            {
                delay = bounded;
            }
        }

        return delay;
    }

    /// <summary>
    /// Decides what follows attempt number <paramref name="attemptNumber"/> (1 for the first), given its HTTP
    /// status (<see langword="null"/> when no answer came) and <c>Retry-After</c> header value.
    /// </summary>
    internal DeliveryDecision Decide(int attemptNumber, int? statusCode, string? retryAfterHeader, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attemptNumber, 1);
        var outcome = DeliveryOutcomeClassifier.Classify(statusCode);
        switch (outcome)
        {
            case DeliveryOutcome.Succeeded:
                return new DeliveryDecision(DeliveryDecisionKind.Delivered, outcome, null);
            case DeliveryOutcome.EndpointGone:
                return new DeliveryDecision(DeliveryDecisionKind.DisableEndpoint, outcome, null);
        }

        TimeSpan? retryAfter = DeliveryOutcomeClassifier.HonoursRetryAfter(statusCode)
                               && RetryAfterHeader.TryParse(retryAfterHeader, now, out var asked)
            ? asked
            : null;
        return NextDelay(attemptNumber, retryAfter) is { } delay
            ? new DeliveryDecision(DeliveryDecisionKind.RetryLater, outcome, now + delay)
            : new DeliveryDecision(DeliveryDecisionKind.GiveUp, outcome, null);
    }

    private TimeSpan Jittered(TimeSpan delay)
    {
        if (_jitter == 0 || delay == TimeSpan.Zero)
        {
            return delay;
        }

        // Uniform in [1 - jitter, 1 + jitter).
        var factor = 1 + (_jitter * ((2 * _random.NextDouble()) - 1));
        return TimeSpan.FromTicks((long)(delay.Ticks * factor));
    }
}
