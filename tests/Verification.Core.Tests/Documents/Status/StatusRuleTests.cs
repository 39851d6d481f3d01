using Verification.Core.Documents;
using Verification.Core.Documents.Status;
using Verification.Core.Tests.Documents;
using Verification.Core.Verifications;

namespace Verification.Core.Tests.Documents.Status;

public sealed class StatusRuleTests
{
    private static ControlResult C(string code, string category, ControlOutcome result) => new(code, category, result);

    private static readonly ControlResult Present = C(ControlCodes.MrzPresent, ControlCategories.Readability, ControlOutcome.Passed);
    private static readonly ControlResult DigitsOk = C(ControlCodes.MrzCheckDigits, ControlCategories.DataCoherency, ControlOutcome.Passed);
    private static readonly ControlResult DigitsBad = C(ControlCodes.MrzCheckDigits, ControlCategories.DataCoherency, ControlOutcome.Failed);
    private static readonly ControlResult Valid = C(ControlCodes.DocumentValidity, ControlCategories.DocumentValidity, ControlOutcome.Passed);
    private static readonly ControlResult Expired = C(ControlCodes.DocumentValidity, ControlCategories.DocumentValidity, ControlOutcome.Failed);
    private static readonly ControlResult NameOk = C(ControlCodes.HolderNameMatch, ControlCategories.HolderMatch, ControlOutcome.Passed);
    private static readonly ControlResult NameBad = C(ControlCodes.HolderNameMatch, ControlCategories.HolderMatch, ControlOutcome.Failed);
    private static readonly ControlResult NameWarn = C(ControlCodes.HolderNameMatch, ControlCategories.HolderMatch, ControlOutcome.Warning);
    private static readonly ControlResult BirthBad = C(ControlCodes.HolderBirthDateMatch, ControlCategories.HolderMatch, ControlOutcome.Failed);
    private static readonly ControlResult CountryWarn = C(ControlCodes.MrzCountryCodes, ControlCategories.DocumentValidity, ControlOutcome.Warning);
    private static readonly ControlResult FileBad = C(ControlCodes.FileIntegrity, ControlCategories.FileIntegrity, ControlOutcome.Failed);
    private static readonly ControlResult FileWarn = C(ControlCodes.FileIntegrity, ControlCategories.FileIntegrity, ControlOutcome.Warning);
    private static readonly ControlResult Missing = C(ControlCodes.MrzPresent, ControlCategories.Readability, ControlOutcome.Failed);
    private static readonly ControlResult FormatBad = C(ControlCodes.MrzFormat, ControlCategories.Readability, ControlOutcome.Failed);
    private static readonly ControlResult NotApplicable = C(ControlCodes.HolderBirthDateMatch, ControlCategories.HolderMatch, ControlOutcome.NotApplicable);
    private static readonly ControlResult IbanBad = C(ControlCodes.IbanChecksum, ControlCategories.DataCoherency, ControlOutcome.Failed);
    private static readonly ControlResult ConsistencyBad = C("verification.identity_consistency", ControlCategories.Consistency, ControlOutcome.Failed);

    public static TheoryData<string, DocumentReading, ControlResult[], string> Table() => new()
    {
        { "all passed", DocumentReading.Read, [Present, DigitsOk, Valid, NameOk], "1.0" },
        { "not applicable ignored", DocumentReading.Read, [Present, DigitsOk, Valid, NotApplicable], "1.0" },
        { "no controls", DocumentReading.Read, [], "1.0" },
        { "blurry wins", DocumentReading.Blurry, [DigitsBad, Expired], "2.1" },
        { "unreadable", DocumentReading.Unreadable, [Present], "2.2" },
        { "missing mrz reading", DocumentReading.MissingMrz, [], "2.4" },
        { "no document", DocumentReading.NoDocument, [], "2.6" },
        { "mrz absent", DocumentReading.Read, [Missing, FileWarn], "2.4" },
        { "malformed dates", DocumentReading.Read, [Present, FormatBad, DigitsBad], "2.2" },
        { "check digits fail", DocumentReading.Read, [Present, DigitsBad, Valid, NameOk], "5.0" },
        { "fraud before mismatch", DocumentReading.Read, [Present, DigitsBad, NameBad, Expired], "5.0" },
        { "iban checksum", DocumentReading.Read, [IbanBad], "5.0" },
        { "name mismatch", DocumentReading.Read, [Present, DigitsOk, Valid, NameBad], "7.0" },
        { "birth date mismatch", DocumentReading.Read, [Present, DigitsOk, Valid, NameOk, BirthBad], "7.0" },
        { "mismatch before expiry", DocumentReading.Read, [Present, DigitsOk, Expired, NameBad], "7.0" },
        { "consistency", DocumentReading.Read, [Present, DigitsOk, ConsistencyBad], "7.0" },
        { "expired", DocumentReading.Read, [Present, DigitsOk, Expired, NameOk], "3.0" },
        { "expired before warning", DocumentReading.Read, [Present, DigitsOk, Expired, NameWarn], "3.0" },
        { "name warning", DocumentReading.Read, [Present, DigitsOk, Valid, NameWarn], "4.0" },
        { "unknown country", DocumentReading.Read, [Present, DigitsOk, Valid, CountryWarn], "4.0" },
        { "file failed", DocumentReading.Read, [FileBad, Present, DigitsOk, Valid], "4.0" },
        { "file warning", DocumentReading.Read, [FileWarn, Present, DigitsOk, Valid], "4.0" },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void DerivesTheStatus(string because, DocumentReading reading, ControlResult[] controls, string expected) =>
        StatusRule.Derive(reading, controls).Code.Should().Be(expected, because);

    [Fact]
    public void ReturnsContractStatuses()
    {
        foreach (var reading in Enum.GetValues<DocumentReading>())
        {
            AnalysisStatus.All.Should().Contain(StatusRule.Derive(reading, []));
        }
    }
}
