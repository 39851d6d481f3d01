using Verification.Core.Documents.Names;
using Verification.Core.Tests.Documents;

namespace Verification.Core.Tests.Documents.Names;

public sealed class NameMatcherTests
{
    [Theory]
    [InlineData("Élodie", "ELODIE")]
    [InlineData("Müller", "MULLER")]
    [InlineData("MUELLER", "MULLER")]
    [InlineData("Jean-Pierre", "JEAN PIERRE")]
    [InlineData("O'Brien", "OBRIEN")]
    [InlineData("D’Artagnan", "DARTAGNAN")]
    [InlineData("Straße", "STRASSE")]
    [InlineData("Øystein", "OYSTEIN")]
    [InlineData("Åsa", "ASA")]
    [InlineData("Łukasz", "LUKASZ")]
    [InlineData("ANNA<MARIA", "ANNA MARIA")]
    [InlineData("  de la   Fuente ", "DE LA FUNTE")] // UE folds to U on both sides of every comparison
    [InlineData("Ñúñez", "NUNEZ")]
    [InlineData("Œuvre", "OUVRE")]
    public void Canonicalises(string input, string expected) => NameNormalizer.Canonical(input).Should().Be(expected);

    [Theory]
    [InlineData("Élodie", "Dupont", "ELODIE", "DUPONT")]
    [InlineData("elodie", "dupont", "ELODIE", "DUPONT")]
    [InlineData("Hans", "Müller", "HANS", "MUELLER")]
    [InlineData("Hans", "Müller", "HANS", "MULLER")]
    [InlineData("Hans", "Mueller", "HANS", "MULLER")]
    [InlineData("Jean-Pierre", "Dupont", "JEAN PIERRE", "DUPONT")]
    [InlineData("Jean Pierre", "Dupont", "JEANPIERRE", "DUPONT")]
    [InlineData("Sean", "O'Brien", "SEAN", "OBRIEN")]
    [InlineData("Anna", "Eriksson", "ANNA MARIA", "ERIKSSON")]
    [InlineData("Anna Maria", "Eriksson", "ANNA MARIA", "ERIKSSON")]
    [InlineData("Maria", "Eriksson", "ANNA MARIA", "ERIKSSON")]
    [InlineData("José", "García", "JOSE", "GARCIA LOPEZ")]
    [InlineData("Annabelle", "Vanderberghe", "ANNABELLE", "VANDERBERGHE")]
    [InlineData("Anna Maria", "Eriksson", "ANNA", "ERIKSSON")]
    [InlineData(null, "Eriksson", "ANNA", "ERIKSSON")]
    [InlineData("Ærøskøbing", "Sørensen", "AEROSKOBING", "SOERENSEN")]
    public void PassesTheSamePerson(string? first, string last, string docFirst, string docLast) =>
        NameMatcher.Match(first, last, docFirst, docLast).Verdict.Should().Be(NameMatchVerdict.Passed);

    [Fact]
    public void AcceptsNamesCutByTheMrz()
    {
        var result = NameMatcher.Match("Annabelle Marguerite", "Vanderberghe", "ANNABELLE MARGU", "VANDERBERGHE", documentMayBeTruncated: true);
        result.Verdict.Should().Be(NameMatchVerdict.Passed);
        result.Partial.Should().BeTrue();
    }

    [Fact]
    public void DoesNotAcceptAPrefixWhenTheFieldWasNotFull() =>
        NameMatcher.Match("Annabelle", "Vanderberghe", "ANNAB", "VANDERBERGHE").Verdict.Should().NotBe(NameMatchVerdict.Passed);

    [Fact]
    public void WarnsWhenSurnameAndGivenNamesAreSwapped()
    {
        var result = NameMatcher.Match("Dupont", "Jean", "JEAN", "DUPONT");
        result.Verdict.Should().Be(NameMatchVerdict.Warning);
        result.Swapped.Should().BeTrue();
    }

    [Theory]
    [InlineData("ß", 300)]
    [InlineData("Þ", 128)]
    [InlineData("-Þ", 64)]
    [InlineData("Þ-", 200)]
    [InlineData("a ß", 90)]
    public void ComparesNamesThatDoubleInLengthWhenCanonicalised(string unit, int repeat)
    {
        // Every letter here becomes two: the canonical form reaches its largest size.
        var name = string.Concat(Enumerable.Repeat(unit, repeat));
        NameNormalizer.Canonical(name).Length.Should().BeGreaterThan(Math.Min(name.Length, NameNormalizer.MaxLength));
        NameMatcher.Match(name, name, name, name).Should().Be(new NameMatchResult(1.0, NameMatchVerdict.Passed, false, false));
        NameMatcher.MatchFullName(name + " " + name, name, name).Verdict.Should().Be(NameMatchVerdict.Passed);
    }

    [Fact]
    public void ReportsTheDirectScoreWhenTheSwappedSurnameDoesNotMatch()
    {
        // Swapped, "JEAN" would be the surname and fail against "DUPONT": the direct typo result stands whole.
        var result = NameMatcher.Match("Jean", "Dupond", "JEAN", "DUPONT");
        result.Should().Be(new NameMatchResult(NameMatcher.Similarity("DUPOND", "DUPONT"), NameMatchVerdict.Warning, false, false));
    }

    [Fact]
    public void ReportsTheDirectScoreWhenOnlyTheSurnameMatchesSwapped()
    {
        // Swapped, the surname matches but the given names do not: no swap is reported.
        var result = NameMatcher.Match("Dupont", "Jean", "PAUL", "DUPONT");
        var direct = Math.Min(NameMatcher.Similarity("JEAN", "DUPONT"), NameMatcher.Similarity("DUPONT", "PAUL"));
        result.Should().Be(new NameMatchResult(direct, NameMatchVerdict.Failed, false, false));
    }

    [Fact]
    public void ReportsASwapWithItsPartialFlag()
    {
        var result = NameMatcher.Match("Dupont", "Anna", "ANNA MARIA", "DUPONT");
        result.Should().Be(new NameMatchResult(1.0, NameMatchVerdict.Warning, true, true));
    }

    [Theory]
    [InlineData("Anna", "Eriksson", "ANNA", "ERIKSON")]
    [InlineData("Christophe", "Dupont", "CHRISTOPHE", "DUPOND")]
    [InlineData("Marie", "Dupont", "MARIE", "MARTIN DUPONT")]
    public void WarnsOnATypo(string first, string last, string docFirst, string docLast) =>
        NameMatcher.Match(first, last, docFirst, docLast).Verdict.Should().Be(NameMatchVerdict.Warning);

    [Theory]
    [InlineData("John", "Smith", "JANE", "DOE")]
    [InlineData("Jean", "Dupont", "JEAN", "MARTIN")]
    [InlineData("Jean", "Dupont", "PAUL", "DUPONT")]
    [InlineData("Anna", "Eriksson", "ERIK", "ANDERSSON")]
    [InlineData("Li", "Wang", "LI", "ZHANG")]
    [InlineData("Anna", "Smith", "ANNA", "SMYTHE")]
    public void DoesNotPassADifferentPerson(string first, string last, string docFirst, string docLast) =>
        NameMatcher.Match(first, last, docFirst, docLast).Verdict.Should().NotBe(NameMatchVerdict.Passed);

    [Theory]
    [InlineData("John", "Smith", "JANE", "DOE")]
    [InlineData("Jean", "Dupont", "MARIE", "LEFEBVRE")]
    public void FailsAClearlyDifferentPerson(string first, string last, string docFirst, string docLast) =>
        NameMatcher.Match(first, last, docFirst, docLast).Verdict.Should().Be(NameMatchVerdict.Failed);

    [Fact]
    public void IsNotApplicableWithoutNames() =>
        NameMatcher.Match(null, "  ", "ANNA", "ERIKSSON").Verdict.Should().Be(NameMatchVerdict.NotApplicable);

    [Fact]
    public void HonoursConfiguredThresholds()
    {
        var strict = new NameMatchOptions { PassThreshold = 0.99, WarningThreshold = 0.85 };
        NameMatcher.Match("Maria", "Eriksson", "ANNA MARIA", "ERIKSSON", options: strict).Verdict.Should().Be(NameMatchVerdict.Warning);
    }

    [Theory]
    [InlineData("M. JEAN DUPONT", "Jean", "Dupont", NameMatchVerdict.Passed)]
    [InlineData("MME DUPONT ELODIE", "Élodie", "Dupont", NameMatchVerdict.Passed)]
    [InlineData("M OU MME DUPONT JEAN", "Jean", "Dupont", NameMatchVerdict.Passed)]
    [InlineData("Herr Hans Müller", "Hans", "Mueller", NameMatchVerdict.Passed)]
    [InlineData("SARL BOULANGERIE MARTIN", "Jean", "Dupont", NameMatchVerdict.Failed)]
    [InlineData("M. PAUL DURAND", "Jean", "Dupont", NameMatchVerdict.Failed)]
    public void MatchesBankAccountHolders(string holder, string first, string last, NameMatchVerdict expected) =>
        NameMatcher.MatchFullName(holder, first, last).Verdict.Should().Be(expected);

    [Theory]
    [InlineData("ERIKSSON", "ERIKSSON", 1.0)]
    [InlineData("ERIKSSON", "ERIKSON", 0.875)]
    [InlineData("SMITH", "SMYTH", 0.8)]
    [InlineData("JOHN", "JEAN", 0.5)]
    [InlineData("", "JEAN", 0.0)]
    public void ScoresByEditDistance(string a, string b, double expected) =>
        NameMatcher.Similarity(a, b).Should().BeApproximately(expected, 1e-9);
}
