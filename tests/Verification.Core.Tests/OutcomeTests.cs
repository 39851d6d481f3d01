using OneOf;
using Verification.Core;

namespace Verification.Core.Tests;

public sealed class OutcomeTests
{
    private static readonly Failure Missing = Failure.NotFound("verification.not_found", "No such verification.");

    [Fact]
    public void IsAOneOfOfValueAndFailure()
    {
        Outcome<int> success = 42;
        Outcome<int> failure = Missing;

        success.Should().BeAssignableTo<OneOfBase<int, Failure>>();
        success.IsT0.Should().BeTrue();
        success.AsT0.Should().Be(42);
        failure.IsT1.Should().BeTrue();
        failure.AsT1.Should().BeSameAs(Missing);
    }

    [Fact]
    public void MatchesAndSwitchesOnTheCaseItHolds()
    {
        Outcome<int> success = 42;
        Outcome<int> failure = Missing;

        success.Match(v => $"value {v}", f => f.Code).Should().Be("value 42");
        failure.Match(v => $"value {v}", f => f.Code).Should().Be("verification.not_found");

        var seen = new List<string>();
        success.Switch(v => seen.Add($"value {v}"), f => seen.Add(f.Code));
        failure.Switch(v => seen.Add($"value {v}"), f => seen.Add(f.Code));
        seen.Should().Equal("value 42", "verification.not_found");
    }

    [Fact]
    public void TryPickAndTryGetValueGiveTheOtherCaseAsRemainder()
    {
        Outcome<string> failure = Missing;

        failure.TryPickT0(out _, out var remainder).Should().BeFalse();
        remainder.Should().BeSameAs(Missing);
        failure.TryGetValue(out _, out var named).Should().BeFalse();
        named.Should().BeSameAs(Missing);

        Outcome<string> success = "ok";
        success.TryGetValue(out var value, out var none).Should().BeTrue();
        value.Should().Be("ok");
        none.Should().BeNull();
    }

    [Fact]
    public void ValueOfAFailureIsMisuse()
    {
        Outcome<int> failure = Missing;

        failure.IsSuccess.Should().BeFalse();
        failure.Failure.Should().BeSameAs(Missing);
        var read = () => failure.Value;
        read.Should().Throw<InvalidOperationException>().WithMessage("*verification.not_found*");
    }

    [Fact]
    public void EqualOutcomesCompareEqual()
    {
        Outcome<int>.Success(1).Should().Be(Outcome<int>.Success(1));
        Outcome<int>.Fail(Missing).Should().Be(Outcome<int>.Fail(Missing));
        Outcome<int>.Success(1).Should().NotBe(Outcome<int>.Success(2));
        Outcome<int>.Success(1).Map(v => v + 1).Value.Should().Be(2);
        Outcome<int>.Fail(Missing).Map(v => v + 1).Failure.Should().BeSameAs(Missing);
    }
}
