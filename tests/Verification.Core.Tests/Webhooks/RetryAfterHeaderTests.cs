using Verification.Core.Webhooks;

namespace Verification.Core.Tests.Webhooks;

public sealed class RetryAfterHeaderTests
{
    private static readonly DateTimeOffset Now = new(1994, 11, 6, 8, 49, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0", 0)]
    [InlineData("37", 37)]
    [InlineData(" 120 ", 120)]
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMT", 37)]
    [InlineData("Sunday, 06-Nov-94 08:49:37 GMT", 37)]
    [InlineData("Sun Nov  6 08:49:37 1994", 37)]
    [InlineData("Sun, 06 Nov 1994 08:48:00 GMT", 0)]
    public void ReadsDelaySecondsAndHttpDates(string value, int seconds)
    {
        RetryAfterHeader.TryParse(value, Now, out var delay).Should().BeTrue();

        delay.Should().Be(TimeSpan.FromSeconds(seconds));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("12abc")]
    [InlineData("tomorrow")]
    [InlineData("2026-11-21T10:00:00Z")]
    [InlineData("Sun, 06 Nov 1994 08:49:37 UTC")]
    public void RefusesAnythingElse(string? value)
    {
        RetryAfterHeader.TryParse(value, Now, out _).Should().BeFalse();
    }
}
