using Verification.Reading.Tesseract.Banking;

namespace Verification.Reading.Tesseract.Tests;

public sealed class BankDetailsExtractorTests
{
    [Fact]
    public void PicksTheIbanBicHolderAndBankFromLabelledLines()
    {
        var found = BankDetailsExtractor.Extract("RELEVE D'IDENTITE BANCAIRE\nTitulaire du compte : JEAN DUPONT\nDomiciliation : BNP PARIBAS\nIBAN : FR76 3000 6000 0112 3456 7890 189\nBIC : BNPAFRPPXXX\n");

        found.Iban.Should().Be("FR7630006000011234567890189");
        found.Bic.Should().Be("BNPAFRPPXXX");
        found.HolderName.Should().Be("JEAN DUPONT");
        found.BankName.Should().Be("BNP PARIBAS");
    }

    [Fact]
    public void MapsLettersReadForDigitsOnlyWhereTheStructureWantsDigits()
    {
        BankDetailsExtractor.Extract("IBAN: DE89 37O4 OO44 O532 O130 OO").Iban.Should().Be("DE89370400440532013000");
    }

    [Fact]
    public void ReportsNoIbanWhenTheOnlyCandidateFailsItsChecksum()
    {
        var found = BankDetailsExtractor.Extract("IBAN : FR76 3000 6000 0112 3456 7890 188");

        found.Iban.Should().BeNull();
        found.IbanCandidates.Should().ContainSingle().Which.Should().Be("FR7630006000011234567890188");
    }

    [Fact]
    public void IgnoresEightLetterWordsThatLookLikeABicWithoutALabel()
    {
        BankDetailsExtractor.Extract("DOCUMENT GENERATED FOR TESTING PURPOSES").Bic.Should().BeNull();
    }
}
