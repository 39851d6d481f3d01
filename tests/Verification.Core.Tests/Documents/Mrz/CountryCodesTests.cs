using Verification.Core.Documents.Mrz;

namespace Verification.Core.Tests.Documents.Mrz;

/// <summary>The country codes as readers choose among them.</summary>
public sealed class CountryCodesTests
{
    [Fact]
    public void ListsEveryKnownCodeAsAZonePrintsItInOrdinalOrder()
    {
        var printed = CountryCodes.AllIcaoAsPrinted;

        printed.Should().HaveCount(CountryCodes.AllIcao.Count).And.OnlyContain(c => c.Length == 3);
        printed.Should().Contain(["D<<", "UTO", "TWN", "FRA"]);
        printed.Should().BeInAscendingOrder(StringComparer.Ordinal);
        printed.Select(c => c.TrimEnd('<')).Should().BeEquivalentTo(CountryCodes.AllIcao);
    }
}
