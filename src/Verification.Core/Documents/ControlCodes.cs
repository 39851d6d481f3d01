namespace Verification.Core.Documents;

/// <summary>The stable codes of the controls the document checks produce (see <c>docs/api.md</c>).</summary>
public static class ControlCodes
{
    /// <summary>A machine-readable zone was found and read.</summary>
    public const string MrzPresent = "mrz.present";

    /// <summary>Every check digit of the zone holds (summary of the <c>mrz.check_digit.*</c> controls).</summary>
    public const string MrzCheckDigits = "mrz.check_digits";

    /// <summary>Prefix of the per-digit controls: <c>mrz.check_digit.document_number</c>, <c>.birth_date</c>, <c>.expiry_date</c>, <c>.personal_number</c>, <c>.composite</c>.</summary>
    public const string MrzCheckDigitPrefix = "mrz.check_digit.";

    /// <summary>Issuing state and nationality are known ICAO codes.</summary>
    public const string MrzCountryCodes = "mrz.country_codes";

    /// <summary>
    /// The characters of the zone that no check digit covers (names, codes, sex) were read from the picture with
    /// confidence; a <c>warning</c> when some were not (the status becomes <c>4.0</c>: a person compares them with the document).
    /// </summary>
    public const string MrzReadingConfidence = "mrz.reading_confidence";

    /// <summary>The dates and sex of the zone are well formed.</summary>
    public const string MrzFormat = "mrz.format";

    /// <summary>The zone's dates are in a possible order (the expiry date after the birth date).</summary>
    public const string MrzDatesPlausible = "mrz.dates_plausible";

    /// <summary>The document is not expired.</summary>
    public const string DocumentValidity = "document.validity";

    /// <summary>The typed name matches the document.</summary>
    public const string HolderNameMatch = "holder.name_match";

    /// <summary>The typed birth date matches the document.</summary>
    public const string HolderBirthDateMatch = "holder.birth_date_match";

    /// <summary>The IBAN's mod-97 checksum holds.</summary>
    public const string IbanChecksum = "iban.checksum";

    /// <summary>The IBAN's country, length and BBAN structure are right.</summary>
    public const string IbanStructure = "iban.structure";

    /// <summary>The national check digits inside the BBAN hold (e.g. French RIB key).</summary>
    public const string IbanNationalCheck = "iban.national_check";

    /// <summary>The BIC is well formed, and its country agrees with the IBAN's.</summary>
    public const string BicFormat = "bic.format";

    /// <summary>The account holder is the person who sent the document.</summary>
    public const string BankHolderNameMatch = "bank.holder_name_match";

    /// <summary>The file is of an accepted type, agreeing with its declared media type.</summary>
    public const string FileType = "file.type";

    /// <summary>The file is whole and shows no editing or active content.</summary>
    public const string FileIntegrity = "file.integrity";

    /// <summary>A portrait was found on the identity document (a <c>warning</c> when none was: a person looks).</summary>
    public const string FacePortrait = "face.portrait";

    /// <summary>The selfie holds exactly one face of usable size (a <c>warning</c> with the reason when not).</summary>
    public const string FaceSelfie = "face.selfie";

    /// <summary>
    /// The selfie's face and the document's portrait are the same person: <c>passed</c> below the threshold's band,
    /// <c>failed</c> above it (the status becomes <c>7.0 owner_mismatch</c>), <c>warning</c> within it; the detail
    /// gives the distance, the similarity and the threshold.
    /// </summary>
    public const string FaceMatch = "face.match";

    /// <summary>The same face on every identity document and selfie of the submission.</summary>
    public const string FaceConsistency = "verification.face_consistency";
}
