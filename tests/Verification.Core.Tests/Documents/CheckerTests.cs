using Verification.Core.Documents;
using Verification.Core.Documents.Status;
using Verification.Core.Verifications;
using Verification.Storage.Specification;

namespace Verification.Core.Tests.Documents;

public sealed class CheckerTests
{
    private const string Td3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";

    // The specimen expired in 2012: check it in 2011 to see it valid.
    private static IdentityDocumentChecker Checker(int year = 2011) =>
        new(new ManualClock(new DateTimeOffset(year, 6, 1, 0, 0, 0, TimeSpan.Zero)));

    private static ControlResult Control(IdentityCheckResult r, string code) => r.Controls.Single(c => c.Code == code);

    [Fact]
    public void ConformsForAValidPassportOfTheUser()
    {
        var result = Checker().Check(Td3, new HolderInput("Anna", "Eriksson", new DateOnly(1974, 8, 12)));
        result.Status.Should().Be(AnalysisStatus.Conform);
        result.DocumentType.Should().Be(DocumentTypes.Passport);
        result.Fields.DocumentNumber.Should().Be("L898902C3");
        result.Age.Should().Be(36);
        result.Controls.Select(c => c.Code).Should().Contain(
        [
            ControlCodes.MrzPresent, ControlCodes.MrzCheckDigits, ControlCodes.MrzCountryCodes, ControlCodes.DocumentValidity,
            ControlCodes.HolderNameMatch, ControlCodes.HolderBirthDateMatch, "mrz.check_digit.composite",
        ]);
        result.Controls.Should().OnlyContain(c => c.Result == ControlOutcome.Passed);
    }

    [Fact]
    public void UsesTheContractCategories()
    {
        var result = Checker().Check(Td3);
        Control(result, ControlCodes.MrzCheckDigits).Category.Should().Be(ControlCategories.DataCoherency);
        Control(result, ControlCodes.DocumentValidity).Category.Should().Be(ControlCategories.DocumentValidity);
        Control(result, ControlCodes.HolderNameMatch).Result.Should().Be(ControlOutcome.NotApplicable);
        Control(result, ControlCodes.HolderBirthDateMatch).Result.Should().Be(ControlOutcome.NotApplicable);
    }

    [Fact]
    public void ReportsExpiredDocuments()
    {
        var result = Checker(2026).Check(Td3);
        Control(result, ControlCodes.DocumentValidity).Result.Should().Be(ControlOutcome.Failed);
        result.Status.Should().Be(AnalysisStatus.Expired);
    }

    [Fact]
    public void TreatsTheExpiryDayAsValid() =>
        new IdentityDocumentChecker(new ManualClock(new DateTimeOffset(2012, 4, 15, 23, 0, 0, TimeSpan.Zero))).Check(Td3).Status.Should().Be(AnalysisStatus.Conform);

    [Fact]
    public void ReportsOwnerMismatch()
    {
        var result = Checker().Check(Td3, new HolderInput("John", "Smith"));
        Control(result, ControlCodes.HolderNameMatch).Result.Should().Be(ControlOutcome.Failed);
        result.Status.Should().Be(AnalysisStatus.OwnerMismatch);
    }

    [Fact]
    public void ReportsBirthDateMismatchAsOwnerMismatch() =>
        Checker().Check(Td3, new HolderInput("Anna", "Eriksson", new DateOnly(1975, 8, 12))).Status.Should().Be(AnalysisStatus.OwnerMismatch);

    [Fact]
    public void WarnsOnSwappedDayAndMonth()
    {
        var result = Checker().Check(Td3, new HolderInput("Anna", "Eriksson", new DateOnly(1974, 12, 8)));
        Control(result, ControlCodes.HolderBirthDateMatch).Result.Should().Be(ControlOutcome.Warning);
        result.Status.Should().Be(AnalysisStatus.ToVerify);
    }

    [Fact]
    public void WarnsOnSwappedNames() =>
        Checker().Check(Td3, new HolderInput("Eriksson", "Anna")).Status.Should().Be(AnalysisStatus.ToVerify);

    [Fact]
    public void ReportsFailedCheckDigitsAsFraudWithoutPersonalValues()
    {
        var forged = Td3.Replace("7408122F", "7508122F", StringComparison.Ordinal);
        var result = Checker().Check(forged, new HolderInput("Anna", "Eriksson"));
        result.Status.Should().Be(AnalysisStatus.Fraudulent);
        Control(result, ControlCodes.MrzCheckDigits).Detail.Should().Be("Check digits fail: birth_date, composite.");
        Control(result, "mrz.check_digit.birth_date").Result.Should().Be(ControlOutcome.Failed);
        Control(result, "mrz.check_digit.document_number").Result.Should().Be(ControlOutcome.Passed);
    }

    [Fact]
    public void ReportsAMissingZone()
    {
        var result = Checker().Check("no zone here");
        result.Status.Should().Be(AnalysisStatus.MissingMrz);
        result.DocumentType.Should().Be(DocumentTypes.Unknown);
        Control(result, ControlCodes.MrzPresent).Result.Should().Be(ControlOutcome.Failed);
    }

    [Fact]
    public void WarnsOnUnknownCountryCodes()
    {
        var text = Td3.Replace("P<UTO", "P<QQQ", StringComparison.Ordinal);
        var result = Checker().Check(text);
        Control(result, ControlCodes.MrzCountryCodes).Result.Should().Be(ControlOutcome.Warning);
        result.Status.Should().Be(AnalysisStatus.ToVerify);
    }

    [Fact]
    public void ListsCorrections()
    {
        var result = Checker().Check(Td3.Replace("7408122F", "74O8I22F", StringComparison.Ordinal));
        result.Corrections.Should().HaveCount(2);
        result.Status.Should().Be(AnalysisStatus.Conform);
        Control(result, ControlCodes.MrzPresent).Detail.Should().Contain("2 character(s) corrected");
    }

    [Fact]
    public void AddsFileControlsAndHonoursTheReading()
    {
        ControlResult[] file = [new(ControlCodes.FileIntegrity, ControlCategories.FileIntegrity, ControlOutcome.Warning, "editing")];
        var result = Checker().Check(Td3, null, file);
        result.Controls[0].Should().Be(file[0]);
        result.Status.Should().Be(AnalysisStatus.ToVerify);
        Checker().Check(null, null, null, DocumentReading.Blurry).Status.Should().Be(AnalysisStatus.Blurry);
    }

    [Fact]
    public void ChecksAFrenchLegacyCardWithAnEstimatedExpiry()
    {
        const string french = "IDFRADOUEL<<<<<<<<<<<<<<<<<<<<932013\n0506932020438CHRISTIANE<<NI2906209F3";
        var valid = Checker(2019).Check(french, new HolderInput("Christiane", "Douel"));
        valid.DocumentType.Should().Be(DocumentTypes.FrenchIdLegacy);
        valid.Status.Should().Be(AnalysisStatus.Conform);
        Checker(2021).Check(french).Status.Should().Be(AnalysisStatus.Expired);
    }

    [Fact]
    public void ControlDetailsNeverContainPersonalValues()
    {
        var result = Checker().Check(Td3, new HolderInput("Anna", "Eriksson", new DateOnly(1974, 8, 12)));
        foreach (var detail in result.Controls.Select(c => c.Detail).OfType<string>())
        {
            detail.Should().NotContainAny("ERIKSSON", "ANNA", "L898902C3", "1974", "740812", "UTO");
        }
    }

    [Fact]
    public void ChecksValidBankDetails()
    {
        var result = new BankDetailsChecker().Check(
            new BankDetailsInput("fr14 2004 1010 0505 0001 3m02 606", "BNPAFRPPXXX", "M. JEAN DUPONT", "BNP Paribas"),
            new HolderInput("Jean", "Dupont"));
        result.Status.Should().Be(AnalysisStatus.Conform);
        result.DocumentType.Should().Be(DocumentTypes.BankDetails);
        result.Fields.Iban.Should().Be("FR1420041010050500013M02606");
        result.Fields.Bic.Should().Be("BNPAFRPPXXX");
        result.Controls.Select(c => c.Code).Should().Equal(
            ControlCodes.IbanStructure, ControlCodes.IbanChecksum, ControlCodes.IbanNationalCheck, ControlCodes.BicFormat, ControlCodes.BankHolderNameMatch);
    }

    [Fact]
    public void ReportsABadIbanChecksumAsFraud()
    {
        var result = new BankDetailsChecker().Check(new BankDetailsInput("FR1520041010050500013M02606"));
        result.Controls.Single(c => c.Code == ControlCodes.IbanChecksum).Result.Should().Be(ControlOutcome.Failed);
        result.Status.Should().Be(AnalysisStatus.Fraudulent);
    }

    [Fact]
    public void ReportsAnotherAccountHolder() =>
        new BankDetailsChecker().Check(new BankDetailsInput("FR1420041010050500013M02606", null, "MME MARIE MARTIN"), new HolderInput("Jean", "Dupont"))
            .Status.Should().Be(AnalysisStatus.OwnerMismatch);

    [Theory]
    [InlineData("DEUTDEFF")]
    [InlineData("BNPAFRP")]
    [InlineData("BNPAFRP0")]
    public void WarnsAboutBicProblems(string bic)
    {
        var result = new BankDetailsChecker().Check(new BankDetailsInput("FR1420041010050500013M02606", bic));
        result.Controls.Single(c => c.Code == ControlCodes.BicFormat).Result.Should().Be(ControlOutcome.Warning);
        result.Status.Should().Be(AnalysisStatus.ToVerify);
    }

    [Fact]
    public void ReportsMissingIbanAsUnreadable() =>
        new BankDetailsChecker().Check(new BankDetailsInput(null)).Status.Should().Be(AnalysisStatus.Unreadable);

    [Theory]
    [InlineData(2000, 1, 1, 2026, 1, 1, 26)]
    [InlineData(2000, 6, 15, 2026, 6, 14, 25)]
    [InlineData(2000, 2, 29, 2026, 2, 28, 25)]
    [InlineData(2000, 2, 29, 2026, 3, 1, 26)]
    public void ComputesAge(int by, int bm, int bd, int ty, int tm, int td, int age) =>
        HolderChecks.AgeOn(new DateOnly(by, bm, bd), new DateOnly(ty, tm, td)).Should().Be(age);
}
