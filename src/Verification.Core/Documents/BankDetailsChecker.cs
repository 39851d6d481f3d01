using Verification.Core.Documents.Banking;
using Verification.Core.Documents.Names;
using Verification.Core.Documents.Status;
using Verification.Core.Verifications;

namespace Verification.Core.Documents;

/// <summary>Bank details as read from a document or typed.</summary>
/// <param name="Iban">The IBAN, spaces and case as read.</param>
/// <param name="Bic">The BIC, if read.</param>
/// <param name="HolderName">The account holder as printed (titles and joint-account words allowed).</param>
/// <param name="BankName">The bank's name, if read.</param>
public sealed record BankDetailsInput(string? Iban, string? Bic = null, string? HolderName = null, string? BankName = null)
{
    /// <summary>How a reader obtained <see cref="Iban"/>; said in the detail of the <c>iban.structure</c> control.</summary>
    public IbanOrigin IbanOrigin { get; init; }
}

/// <summary>The result of checking bank details.</summary>
public sealed record BankDetailsCheckResult
{
    /// <summary>Always <see cref="DocumentTypes.BankDetails"/>.</summary>
    public string DocumentType { get; init; } = DocumentTypes.BankDetails;

    /// <summary>The bank fields (IBAN upper case without spaces, BIC upper case).</summary>
    public required ExtractedFields Fields { get; init; }

    /// <summary>Every control applied, file controls first.</summary>
    public required IReadOnlyList<ControlResult> Controls { get; init; }

    /// <summary>The status from <see cref="StatusRule"/>.</summary>
    public required AnalysisStatus Status { get; init; }

    /// <summary>The IBAN validation in detail.</summary>
    public IbanValidation Iban { get; init; }
}

/// <summary>
/// Checks bank details: <c>iban.structure</c> (country, length, BBAN format; no IBAN at all is a
/// readability failure, so the status is <c>2.2</c>), <c>iban.checksum</c> (mod-97 and check-digit range),
/// <c>iban.national_check</c> (RIB key and the like), <c>bic.format</c> (a malformed BIC, a test BIC or a BIC
/// of another country than the IBAN's are warnings: the IBAN alone identifies the account, and a wrong BIC
/// is usually a reading slip) and <c>bank.holder_name_match</c> against what the user typed.
/// </summary>
public sealed class BankDetailsChecker
{
    private readonly DocumentCheckOptions _options;

    /// <summary>Creates a checker.</summary>
    public BankDetailsChecker(DocumentCheckOptions? options = null)
    {
        _options = options ?? DocumentCheckOptions.Default;
    }

    /// <summary>Checks bank details.</summary>
    public BankDetailsCheckResult Check(BankDetailsInput input, HolderInput? userInput = null, IReadOnlyList<ControlResult>? fileControls = null, DocumentReading reading = DocumentReading.Read)
    {
        ArgumentNullException.ThrowIfNull(input);
        var controls = new List<ControlResult>(8);
        if (fileControls is not null)
        {
            controls.AddRange(fileControls);
        }

        var validation = Banking.Iban.Validate(input.Iban);
        var normalizedIban = Banking.Iban.Normalize(input.Iban);
        if (validation.Problem == IbanProblem.Empty)
        {
            controls.Add(new(ControlCodes.IbanStructure, ControlCategories.Readability, ControlOutcome.Failed, "No IBAN was found."));
            controls.Add(new(ControlCodes.IbanChecksum, ControlCategories.DataCoherency, ControlOutcome.NotApplicable, null));
            controls.Add(new(ControlCodes.IbanNationalCheck, ControlCategories.DataCoherency, ControlOutcome.NotApplicable, null));
        }
        else
        {
            controls.Add(validation.StructureValid
                ? new(ControlCodes.IbanStructure, ControlCategories.DataCoherency, ControlOutcome.Passed, $"Length and format of {validation.Country!.Country} IBANs.{OriginDetail(input.IbanOrigin)}")
                : new(ControlCodes.IbanStructure, ControlCategories.DataCoherency, ControlOutcome.Failed, validation.Problem switch
                {
                    IbanProblem.InvalidCharacters => "The IBAN holds characters other than letters and digits.",
                    IbanProblem.UnknownCountry => "The country prefix is not in the IBAN registry.",
                    IbanProblem.WrongLength => "The length differs from the registry length of the country.",
                    _ => "The BBAN does not follow the registry structure of the country.",
                }));
            controls.Add(validation.ChecksumValid
                ? new(ControlCodes.IbanChecksum, ControlCategories.DataCoherency, ControlOutcome.Passed, null)
                : new(ControlCodes.IbanChecksum, ControlCategories.DataCoherency, ControlOutcome.Failed,
                    validation.Problem == IbanProblem.CheckDigitsOutOfRange ? "The check digits are outside 02 to 98." : "The mod-97 checksum fails."));
            controls.Add(validation.NationalCheck switch
            {
                NationalCheckResult.Passed => new(ControlCodes.IbanNationalCheck, ControlCategories.DataCoherency, ControlOutcome.Passed, null),
                NationalCheckResult.Failed => new(ControlCodes.IbanNationalCheck, ControlCategories.DataCoherency, ControlOutcome.Failed, "The national check digits of the account fail."),
                _ => new(ControlCodes.IbanNationalCheck, ControlCategories.DataCoherency, ControlOutcome.NotApplicable, "No national check is known for this country."),
            });
        }

        var bic = Bic.Normalize(input.Bic);
        controls.Add(CheckBic(bic, validation));

        if (userInput is null || (string.IsNullOrWhiteSpace(userInput.FirstName) && string.IsNullOrWhiteSpace(userInput.LastName)) || string.IsNullOrWhiteSpace(input.HolderName))
        {
            controls.Add(new(ControlCodes.BankHolderNameMatch, ControlCategories.HolderMatch, ControlOutcome.NotApplicable,
                string.IsNullOrWhiteSpace(input.HolderName) ? "No account holder was read." : "No name was typed."));
        }
        else
        {
            var match = NameMatcher.MatchFullName(input.HolderName, userInput.FirstName, userInput.LastName, _options.NameMatch);
            controls.Add(HolderChecks.FromNameMatch(ControlCodes.BankHolderNameMatch, match));
        }

        return new BankDetailsCheckResult
        {
            Fields = new ExtractedFields
            {
                Iban = normalizedIban,
                Bic = bic,
                HolderName = string.IsNullOrWhiteSpace(input.HolderName) ? null : input.HolderName.Trim(),
                BankName = string.IsNullOrWhiteSpace(input.BankName) ? null : input.BankName.Trim(),
            },
            Controls = controls,
            Status = StatusRule.Derive(reading, controls),
            Iban = validation,
        };
    }

    private static string OriginDetail(IbanOrigin origin) => origin switch
    {
        IbanOrigin.Corrected => " Corrected from the reading: look-alike characters (such as O for 0) put right under the IBAN's checks.",
        IbanOrigin.RebuiltFromRibTable => " The IBAN line was unreadable: rebuilt from the RIB table (bank, branch, account, key), whose key holds.",
        _ => string.Empty,
    };

    private static ControlResult CheckBic(string? bic, IbanValidation iban)
    {
        if (bic is null)
        {
            return new(ControlCodes.BicFormat, ControlCategories.DataCoherency, ControlOutcome.NotApplicable, "No BIC was read.");
        }

        var result = Bic.Validate(bic);
        if (!result.IsValid)
        {
            return new(ControlCodes.BicFormat, ControlCategories.DataCoherency, ControlOutcome.Warning, result.Problem switch
            {
                BicProblem.WrongLength => "The BIC is not 8 or 11 characters long.",
                BicProblem.UnknownCountry => "The BIC's country is not an ISO 3166 country.",
                _ => "The BIC holds characters ISO 9362 does not allow there.",
            });
        }

        if (iban.Country is { } spec && !Bic.CountriesAgree(result.Country!, spec.Country))
        {
            return new(ControlCodes.BicFormat, ControlCategories.DataCoherency, ControlOutcome.Warning, "The BIC's country differs from the IBAN's.");
        }

        if (result.IsTestBic)
        {
            return new(ControlCodes.BicFormat, ControlCategories.DataCoherency, ControlOutcome.Warning, "The BIC is a test BIC (location code ending in 0).");
        }

        return new(ControlCodes.BicFormat, ControlCategories.DataCoherency, ControlOutcome.Passed, null);
    }
}
