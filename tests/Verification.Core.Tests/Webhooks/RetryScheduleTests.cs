using Verification.Core.Webhooks;

namespace Verification.Core.Tests.Webhooks;

public sealed class RetryScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Randomness that always answers the same value.</summary>
    private sealed class FixedRandom(double value) : Random
    {
        public override double NextDouble() => value;
    }

    private static RetrySchedule WithoutJitter() => new(RetrySchedule.StandardDelays, 0, Random.Shared);

    [Fact]
    public void FollowsTheSpecificationScheduleOfTenAttempts()
    {
        var schedule = WithoutJitter();

        var delays = Enumerable.Range(1, 9).Select(n => schedule.NextDelay(n)).ToList();

        schedule.MaxAttempts.Should().Be(10);
        RetrySchedule.StandardDelays[0].Should().Be(TimeSpan.Zero, "the first attempt is immediate");
        delays.Should().Equal(
            TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(5),
            TimeSpan.FromHours(10), TimeSpan.FromHours(14), TimeSpan.FromHours(20), TimeSpan.FromHours(24));
    }

    [Fact]
    public void GivesUpAfterTheLastAttempt()
    {
        var schedule = WithoutJitter();

        schedule.NextDelay(10).Should().BeNull();
        schedule.NextDelay(11).Should().BeNull();
        schedule.Decide(10, 500, null, Now).Should().Be(new DeliveryDecision(DeliveryDecisionKind.GiveUp, DeliveryOutcome.Failed, null));
    }

    [Theory]
    [InlineData(0.0, 0.8)]
    [InlineData(0.5, 1.0)]
    [InlineData(0.999999, 1.2)]
    public void SpreadsDelaysByUpToTwentyPercentEitherWay(double random, double factor)
    {
        var schedule = new RetrySchedule(RetrySchedule.StandardDelays, RetrySchedule.DefaultJitter, new FixedRandom(random));

        var delay = schedule.NextDelay(2)!.Value;

        delay.TotalSeconds.Should().BeApproximately(300 * factor, 0.01);
    }

    [Fact]
    public void DefaultScheduleStaysWithinTheJitterBounds()
    {
        var schedule = new RetrySchedule();
        for (var attempt = 1; attempt < 10; attempt++)
        {
            var nominal = RetrySchedule.StandardDelays[attempt];
            for (var i = 0; i < 50; i++)
            {
                schedule.NextDelay(attempt)!.Value.Should().BeGreaterThanOrEqualTo(nominal * 0.8).And.BeLessThanOrEqualTo(nominal * 1.2);
            }
        }
    }

    [Fact]
    public void RetriesAtNowPlusTheDelay()
    {
        WithoutJitter().Decide(1, 500, null, Now)
            .Should().Be(new DeliveryDecision(DeliveryDecisionKind.RetryLater, DeliveryOutcome.Failed, Now.AddSeconds(5)));
    }

    [Fact]
    public void RetriesWhenNoAnswerCame()
    {
        WithoutJitter().Decide(3, null, null, Now).NextAttemptAt.Should().Be(Now.AddMinutes(30));
    }

    [Fact]
    public void StopsOnSuccess()
    {
        WithoutJitter().Decide(4, 204, null, Now).Should().Be(new DeliveryDecision(DeliveryDecisionKind.Delivered, DeliveryOutcome.Succeeded, null));
    }

    [Fact]
    public void DisablesTheEndpointOnGone()
    {
        WithoutJitter().Decide(1, 410, null, Now).Kind.Should().Be(DeliveryDecisionKind.DisableEndpoint);
        WithoutJitter().Decide(10, 410, null, Now).Kind.Should().Be(DeliveryDecisionKind.DisableEndpoint);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public void WaitsAtLeastWhatRetryAfterAsksOn429And503(int status)
    {
        WithoutJitter().Decide(1, status, "120", Now).NextAttemptAt.Should().Be(Now.AddSeconds(120));
        WithoutJitter().Decide(1, status, "Sat, 21 Nov 2026 11:00:00 GMT", Now).NextAttemptAt.Should().Be(Now.AddHours(1));
    }

    [Fact]
    public void KeepsTheScheduleWhenRetryAfterIsShorter()
    {
        WithoutJitter().Decide(2, 429, "1", Now).NextAttemptAt.Should().Be(Now.AddMinutes(5));
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(400)]
    public void IgnoresRetryAfterOnOtherStatuses(int status)
    {
        WithoutJitter().Decide(1, status, "3600", Now).NextAttemptAt.Should().Be(Now.AddSeconds(5));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("")]
    public void IgnoresAnUnreadableRetryAfter(string header)
    {
        WithoutJitter().Decide(1, 503, header, Now).NextAttemptAt.Should().Be(Now.AddSeconds(5));
    }

    [Fact]
    public void CapsRetryAfterAtOneDay()
    {
        WithoutJitter().Decide(1, 503, "31536000", Now).NextAttemptAt.Should().Be(Now.AddHours(24));
        WithoutJitter().Decide(1, 503, "999999999999999999999999", Now).NextAttemptAt.Should().Be(Now.AddHours(24));
    }

    [Fact]
    public void StillGivesUpAfterTheLastAttemptWhenRetryAfterIsSent()
    {
        WithoutJitter().Decide(10, 429, "5", Now).Kind.Should().Be(DeliveryDecisionKind.GiveUp);
    }

    [Fact]
    public void RefusesInvalidConfiguration()
    {
        var empty = () => new RetrySchedule([], 0, Random.Shared);
        var negative = () => new RetrySchedule([TimeSpan.FromSeconds(-1)], 0, Random.Shared);
        var jitter = () => new RetrySchedule(RetrySchedule.StandardDelays, 1.5, Random.Shared);
        var attempt = () => WithoutJitter().NextDelay(0);

        empty.Should().Throw<ArgumentException>();
        negative.Should().Throw<ArgumentException>();
        jitter.Should().Throw<ArgumentOutOfRangeException>();
        attempt.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void SupportsACustomSchedule()
    {
        var schedule = new RetrySchedule([TimeSpan.Zero, TimeSpan.FromSeconds(1)], 0, Random.Shared);

        schedule.MaxAttempts.Should().Be(2);
        schedule.NextDelay(1).Should().Be(TimeSpan.FromSeconds(1));
        schedule.NextDelay(2).Should().BeNull();
    }
}
