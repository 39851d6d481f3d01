using Verification.Core.Verifications;

namespace Verification.Core.Documents.Mrz;

/// <summary>The layouts of machine-readable zone this library reads.</summary>
public enum MrzFormat
{
    /// <summary>ICAO TD1: three lines of 30 (identity cards, residence permits).</summary>
    Td1,

    /// <summary>ICAO TD2: two lines of 36.</summary>
    Td2,

    /// <summary>ICAO TD3: two lines of 44 (passports).</summary>
    Td3,

    /// <summary>Machine-readable visa, full size: two lines of 44.</summary>
    MrvA,

    /// <summary>Machine-readable visa, small: two lines of 36.</summary>
    MrvB,

    /// <summary>The French national identity card of 1988 to 2021: two lines of 36 with its own layout.</summary>
    FrenchIdLegacy,
}

/// <summary>Which check digit.</summary>
public enum MrzCheckDigitKind
{
    /// <summary>Over the document number (with its continuation, for long numbers).</summary>
    DocumentNumber,

    /// <summary>Over the date of birth.</summary>
    BirthDate,

    /// <summary>Over the date of expiry.</summary>
    ExpiryDate,

    /// <summary>Over the personal number or optional data (TD3 position 43).</summary>
    PersonalNumber,

    /// <summary>Over the upper and middle lines (or their data parts).</summary>
    Composite,
}

/// <summary>One check digit of the zone and whether it holds.</summary>
/// <param name="Kind">Which one.</param>
/// <param name="IsValid">Whether the printed digit equals the computed one.</param>
public sealed record MrzCheckDigit(MrzCheckDigitKind Kind, bool IsValid);

/// <summary>Why a character was changed.</summary>
public enum MrzCorrectionReason
{
    /// <summary>A letter where only digits may stand (dates, check digits), or a digit where only letters may (names, codes).</summary>
    PositionRule,

    /// <summary>An ambiguous character of an alphanumeric field, changed because only the change satisfies the check digit.</summary>
    CheckDigit,

    /// <summary>Characters at the end of a name or data field read instead of fillers (<c>K</c>, <c>C</c>, <c>S</c>, <c>X</c>).</summary>
    FillerRun,

    /// <summary>A filler added to or removed from a run because the line was short or long.</summary>
    LineLength,
}

/// <summary>
/// One corrected character. <see cref="Column"/> is the position in the corrected line; for
/// <see cref="MrzCorrectionReason.LineLength"/> <see cref="From"/> or <see cref="To"/> is <c>\0</c> (inserted or removed).
/// </summary>
/// <param name="Line">Zero-based line.</param>
/// <param name="Column">Zero-based column.</param>
/// <param name="From">The character read.</param>
/// <param name="To">The character used.</param>
/// <param name="Reason">Why.</param>
public sealed record MrzCorrection(int Line, int Column, char From, char To, MrzCorrectionReason Reason);

/// <summary>How a document number longer than its field was found.</summary>
public enum LongDocumentNumberConvention
{
    /// <summary>The number fits its field.</summary>
    None,

    /// <summary>
    /// ICAO 9303: a filler in the check digit position, the rest of the number at the start of the optional
    /// data followed by the check digit, computed over the whole number.
    /// </summary>
    Icao,

    /// <summary>
    /// As <see cref="Icao"/>, but the check digit is computed over the field as printed, filler included
    /// (seen on real cards of several issuers).
    /// </summary>
    FillerIncluded,
}

/// <summary>A parsed and checked machine-readable zone.</summary>
public sealed record MrzResult
{
    /// <summary>The layout.</summary>
    public required MrzFormat Format { get; init; }

    /// <summary>The document code as printed, fillers removed (<c>P</c>, <c>ID</c>, <c>IR</c>, <c>V</c>...).</summary>
    public required string DocumentCode { get; init; }

    /// <summary>One of <see cref="DocumentTypes"/>.</summary>
    public required string DocumentType { get; init; }

    /// <summary>The fields read (identity members and <see cref="ExtractedFields.Mrz"/>).</summary>
    public required ExtractedFields Fields { get; init; }

    /// <summary>Every check digit of the layout, in the order of <see cref="MrzCheckDigitKind"/>.</summary>
    public required IReadOnlyList<MrzCheckDigit> CheckDigits { get; init; }

    /// <summary>The characters changed to read the zone; empty when it was read as given.</summary>
    public required IReadOnlyList<MrzCorrection> Corrections { get; init; }

    /// <summary>Whether the name field is full, so the names may be cut.</summary>
    public required bool NamesMayBeTruncated { get; init; }

    /// <summary>How a long document number was read.</summary>
    public LongDocumentNumberConvention LongDocumentNumber { get; init; }

    /// <summary>Whether the issuing state code is a known ICAO code.</summary>
    public required bool IssuingCountryKnown { get; init; }

    /// <summary>Whether the nationality code is a known ICAO code.</summary>
    public required bool NationalityKnown { get; init; }

    /// <summary>Whether the birth date is a real calendar date (parts may be unknown: <c>&lt;</c>).</summary>
    public required bool BirthDateReadable { get; init; }

    /// <summary>Whether the expiry date is a real calendar date, or the document has none.</summary>
    public required bool ExpiryDateReadable { get; init; }

    /// <summary>Whether the sex field holds <c>M</c>, <c>F</c>, <c>X</c> or a filler.</summary>
    public required bool SexReadable { get; init; }

    /// <summary>
    /// For the French card of 1988-2021, whose zone has no expiry date: the month of issue read from the
    /// document number, and the last day of its validity (10 years, or 15 for adults' cards issued from
    /// 2004 to 2013). <see langword="null"/> otherwise.
    /// </summary>
    public DateOnly? IssueMonth { get; init; }

    /// <summary>See <see cref="IssueMonth"/>.</summary>
    public DateOnly? EstimatedExpiryDate { get; init; }

    /// <summary>Whether every check digit holds.</summary>
    public bool AllCheckDigitsValid => CheckDigits.All(d => d.IsValid);
}

/// <summary>Options of <see cref="MrzParser"/>.</summary>
public sealed record MrzParserOptions
{
    /// <summary>The defaults.</summary>
    public static MrzParserOptions Default { get; } = new();

    /// <summary>
    /// How far in the future an expiry date may lie before its two-digit year is read as the previous
    /// century. Default 20 years (passports and cards run 10 to 15).
    /// </summary>
    public int ExpiryHorizonYears { get; init; } = 20;

    /// <summary>Whether OCR confusions confirmed by position rules or check digits are corrected. Default on.</summary>
    public bool CorrectOcrConfusions { get; init; } = true;
}
