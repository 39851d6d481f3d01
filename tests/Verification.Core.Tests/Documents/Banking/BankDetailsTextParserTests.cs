using Verification.Core.Documents;
using Verification.Core.Documents.Banking;
using Verification.Core.Verifications;

namespace Verification.Core.Tests.Documents.Banking;

public sealed class BankDetailsTextParserTests
{
    private const string Genuine = "FR7630006000011234567890189";

    [Fact]
    public void PicksTheIbanBicHolderAndBankFromLabelledLines()
    {
        var found = BankDetailsTextParser.Parse("RELEVE D'IDENTITE BANCAIRE\nTitulaire du compte : JEAN DUPONT\nDomiciliation : BNP PARIBAS\nIBAN : FR76 3000 6000 0112 3456 7890 189\nBIC : BNPAFRPPXXX\n");

        found.Iban.Should().Be(Genuine);
        found.IbanOrigin.Should().Be(IbanOrigin.Read);
        found.Bic.Should().Be("BNPAFRPPXXX");
        found.HolderName.Should().Be("JEAN DUPONT");
        found.BankName.Should().Be("BNP PARIBAS");
    }

    [Fact]
    public void ReportsACorrectedIbanAsCorrected()
    {
        var found = BankDetailsTextParser.Parse("IBAN : FR76 3000 6000 01I2 3456 7890 189\nBIC : BNPAFRPPXXX");

        found.Iban.Should().Be(Genuine);
        found.IbanOrigin.Should().Be(IbanOrigin.Corrected);
    }

    [Fact]
    public void ReportsNoIbanWhenTheOnlyCandidateFailsItsChecksum()
    {
        var found = BankDetailsTextParser.Parse("IBAN : FR76 3000 6000 0112 3456 7890 188");

        found.Iban.Should().BeNull();
        found.IbanCandidates.Should().ContainSingle().Which.Should().Be("FR7630006000011234567890188");
    }

    [Fact]
    public void IgnoresEightLetterWordsThatLookLikeABicWithoutALabel() =>
        BankDetailsTextParser.Parse("DOCUMENT GENERATED FOR TESTING PURPOSES").Bic.Should().BeNull();

    [Fact]
    public void TakesAnExactTextLayerAsItStands()
    {
        // A PDF's text layer is not OCR: a valid IBAN is the printed one even where a look-alike swap is valid too.
        BankDetailsTextParser.Parse("IBAN CH71 3755 3013 63L4 2I78 7", exactText: true).Iban.Should().Be("CH713755301363L42I787");
        BankDetailsTextParser.Parse("IBAN CH71 3755 3013 63L4 2I78 7").Iban.Should().BeNull("an OCR reading cannot tell the I from a 1 there");
    }

    [Fact]
    public void FindsLabelsWhoseSpacesOcrDropped()
    {
        var found = BankDetailsTextParser.Parse("Accountholder:CAMILLE LEROY\nBank:BANQUE EXEMPLE");

        found.HolderName.Should().Be("CAMILLE LEROY");
        found.BankName.Should().Be("BANQUE EXEMPLE");
    }

    [Fact]
    public void ReadsAnIbanGluedToItsLabel() =>
        BankDetailsTextParser.Parse("IBANFR7630006000011234567890189").Iban.Should().Be(Genuine);

    [Theory]
    // A row under the headings.
    [InlineData("RELEVE D'IDENTITE BANCAIRE\nCode banque Code guichet Numéro de compte Clé RIB\n30006 00001 12345678901 89\nIBAN : FR76 3%00 6*00 0l1? 34S6 7 90 l89\nBIC : BNPAFRPPXXX")]
    // Cells read column by column, heading then value.
    [InlineData("Relevé d'identité bancaire\nCode banque\n30006\nCode guichet\n00001\nN° de compte\n12345678901\nClé RIB\n89\nIBAN FR76 30O0 6OO~ ...")]
    // The cells of the row run together; an O for a 0 in the bank code.
    [InlineData("BANQUE GUICHET COMPTE CLE\n3OOO6 0000112345678901 89")]
    public void RebuildsTheIbanFromTheRibTableWhenTheIbanLineIsUnreadable(string text)
    {
        var found = BankDetailsTextParser.Parse(text);

        found.Iban.Should().Be(Genuine);
        found.IbanOrigin.Should().Be(IbanOrigin.RebuiltFromRibTable);
    }

    [Fact]
    public void GivesNoIbanWhenTheRibKeyFails()
    {
        var found = BankDetailsTextParser.Parse("Code banque Code guichet Numéro de compte Clé RIB\n30006 00001 12345678901 88\nIBAN : FR76 3%00 6*00");

        found.Iban.Should().BeNull();
    }

    [Fact]
    public void UsesTheCountryOfTheBicForAMonegasqueRibTable()
    {
        var found = BankDetailsTextParser.Parse("Banque Guichet Compte Clé\n11222 00001 01234567890 30\nBIC : CMCIMCM1XXX");

        found.Iban.Should().Be("MC5811222000010123456789030");
    }

    [Fact]
    public void GivesNoIbanWhenTheCorrectionAndTheRibTableDisagree()
    {
        // The IBAN line corrects to one account, the table (whose key holds) gives another.
        var found = BankDetailsTextParser.Parse("IBAN : FR76 3000 6000 01I2 3456 7890 189\nCode banque Code guichet Numéro de compte Clé RIB\n20041 01005 0500013M026 06");

        found.Iban.Should().BeNull();
    }

    [Fact]
    public void CheckerSaysHowTheIbanWasObtained()
    {
        var found = BankDetailsTextParser.Parse("Code banque Code guichet Numéro de compte Clé RIB\n30006 00001 12345678901 89");

        var result = new BankDetailsChecker().Check(new BankDetailsInput(found.Iban) { IbanOrigin = found.IbanOrigin });

        result.Controls.Single(c => c.Code == "iban.structure").Detail.Should().Contain("rebuilt from the RIB table");
        result.Controls.Single(c => c.Code == "iban.checksum").Result.Should().Be(ControlOutcome.Passed);
    }

    [Fact]
    public void CheckerSaysWhenTheIbanWasCorrected()
    {
        var result = new BankDetailsChecker().Check(new BankDetailsInput(Genuine) { IbanOrigin = IbanOrigin.Corrected });

        result.Controls.Single(c => c.Code == "iban.structure").Detail.Should().Contain("Corrected from the reading");
    }
}
