namespace Verification.Reading.PaddleOcr.Tests;

/// <summary>The reader's options are checked when the host starts: a budget out of range names itself.</summary>
public sealed class PaddleOcrReaderOptionsTests
{
    [Fact]
    public void AcceptsTheDefaults() =>
        new PaddleOcrReaderOptionsValidator().Validate(null, new PaddleOcrReaderOptions()).Succeeded.Should().BeTrue();

    [Theory]
    [InlineData(nameof(PaddleOcrReaderOptions.SearchBudget), 50)]
    [InlineData(nameof(PaddleOcrReaderOptions.FallbackBudget), 0)]
    [InlineData(nameof(PaddleOcrReaderOptions.BankDetailsFallbackBudget), 50)]
    [InlineData(nameof(PaddleOcrReaderOptions.BankDetailsFallbackBudget), 120_000)]
    [InlineData(nameof(PaddleOcrReaderOptions.PageBudget), 61_000)]
    public void RefusesABudgetOutOfRangeByName(string budget, int milliseconds)
    {
        var options = new PaddleOcrReaderOptions();
        typeof(PaddleOcrReaderOptions).GetProperty(budget)!.SetValue(options, TimeSpan.FromMilliseconds(milliseconds));

        var result = new PaddleOcrReaderOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain($"{budget} must be between 100 ms and 1 minute");
    }
}
