using Verification.Core.Documents.Mrz;
using Verification.Core.Documents.Status;
using Verification.Core.Verifications;

namespace Verification.Core.Documents;

/// <summary>The result of checking an identity document.</summary>
public sealed record IdentityCheckResult
{
    /// <summary>One of <see cref="DocumentTypes"/>.</summary>
    public required string DocumentType { get; init; }

    /// <summary>The fields read.</summary>
    public required ExtractedFields Fields { get; init; }

    /// <summary>Every control applied, file controls first.</summary>
    public required IReadOnlyList<ControlResult> Controls { get; init; }

    /// <summary>The status from <see cref="StatusRule"/>.</summary>
    public required AnalysisStatus Status { get; init; }

    /// <summary>The characters corrected in the zone.</summary>
    public required IReadOnlyList<MrzCorrection> Corrections { get; init; }

    /// <summary>The parsed zone, when one was found.</summary>
    public MrzResult? Mrz { get; init; }

    /// <summary>The holder's age today, when the birth date is known.</summary>
    public int? Age { get; init; }
}

/// <summary>
/// Checks an identity document from its machine-readable zone: reads it with <see cref="MrzParser"/>,
/// then produces the controls <c>mrz.present</c>, <c>mrz.check_digits</c> (and one
/// <c>mrz.check_digit.*</c> per digit), <c>mrz.format</c>, <c>mrz.country_codes</c>, <c>mrz.dates_plausible</c>,
/// <c>document.validity</c>, <c>holder.name_match</c> and <c>holder.birth_date_match</c>, and the status.
/// Pure and thread-safe.
/// </summary>
public sealed class IdentityDocumentChecker
{
    private static readonly string[] DigitCodes = ["document_number", "birth_date", "expiry_date", "personal_number", "composite"];

    private readonly TimeProvider _timeProvider;
    private readonly DocumentCheckOptions _options;
    private readonly MrzParserOptions _parserOptions;

    /// <summary>Creates a checker.</summary>
    public IdentityDocumentChecker(TimeProvider timeProvider, DocumentCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        _options = options ?? DocumentCheckOptions.Default;
        _parserOptions = new MrzParserOptions { ExpiryHorizonYears = _options.ExpiryHorizonYears, CorrectOcrConfusions = _options.CorrectOcrConfusions };
    }

    /// <summary>Checks a zone as text.</summary>
    /// <param name="mrzText">The zone as a device or OCR engine gave it, or <see langword="null"/> when none was read.</param>
    /// <param name="userInput">What the user typed, if anything.</param>
    /// <param name="fileControls">Controls already produced for the file (e.g. by <see cref="Files.FileInspector"/>).</param>
    /// <param name="reading">How reading the file went; <see cref="DocumentReading.Read"/> for text sent directly.</param>
    public IdentityCheckResult Check(string? mrzText, HolderInput? userInput = null, IReadOnlyList<ControlResult>? fileControls = null, DocumentReading reading = DocumentReading.Read)
    {
        var controls = new List<ControlResult>(16);
        if (fileControls is not null)
        {
            controls.AddRange(fileControls);
        }

        var parsed = MrzParser.Parse(mrzText, _timeProvider, _parserOptions);
        if (!parsed.TryGetValue(out var mrz, out var failure))
        {
            controls.Add(new(ControlCodes.MrzPresent, ControlCategories.Readability, ControlOutcome.Failed, failure.Detail));
            return new IdentityCheckResult
            {
                DocumentType = DocumentTypes.Unknown,
                Fields = ExtractedFields.Empty,
                Controls = controls,
                Status = StatusRule.Derive(reading, controls),
                Corrections = [],
            };
        }

        var today = DateOnly.FromDateTime(_timeProvider.GetUtcNow().UtcDateTime);
        var corrected = mrz.Corrections.Count;
        controls.Add(new(ControlCodes.MrzPresent, ControlCategories.Readability, ControlOutcome.Passed,
            corrected == 0 ? $"Read as {mrz.Format}." : $"Read as {mrz.Format}; {corrected} character(s) corrected."));

        var failed = new List<string>();
        foreach (var digit in mrz.CheckDigits)
        {
            var name = DigitCodes[(int)digit.Kind];
            controls.Add(new(ControlCodes.MrzCheckDigitPrefix + name, ControlCategories.DataCoherency,
                digit.IsValid ? ControlOutcome.Passed : ControlOutcome.Failed, null));
            if (!digit.IsValid)
            {
                failed.Add(name);
            }
        }

        var longNumber = mrz.LongDocumentNumber == LongDocumentNumberConvention.FillerIncluded ? " Long document number, check digit over the field with its filler." : string.Empty;
        controls.Add(failed.Count == 0
            ? new(ControlCodes.MrzCheckDigits, ControlCategories.DataCoherency, ControlOutcome.Passed, $"{mrz.CheckDigits.Count} check digits hold.{longNumber}")
            : new(ControlCodes.MrzCheckDigits, ControlCategories.DataCoherency, ControlOutcome.Failed, $"Check digits fail: {string.Join(", ", failed)}."));

        var malformed = new List<string>();
        if (!mrz.BirthDateReadable)
        {
            malformed.Add("birth date");
        }

        if (!mrz.ExpiryDateReadable)
        {
            malformed.Add("expiry date");
        }

        if (!mrz.SexReadable)
        {
            malformed.Add("sex");
        }

        controls.Add(malformed.Count == 0
            ? new(ControlCodes.MrzFormat, ControlCategories.Readability, ControlOutcome.Passed, null)
            : new(ControlCodes.MrzFormat, ControlCategories.Readability, ControlOutcome.Failed, $"Malformed: {string.Join(", ", malformed)}."));

        var unknown = (mrz.IssuingCountryKnown, mrz.NationalityKnown) switch
        {
            (true, true) => null,
            (false, true) => "The issuing state is not a known ICAO code.",
            (true, false) => "The nationality is not a known ICAO code.",
            _ => "Issuing state and nationality are not known ICAO codes.",
        };
        controls.Add(unknown is null
            ? new(ControlCodes.MrzCountryCodes, ControlCategories.DocumentValidity, ControlOutcome.Passed, null)
            : new(ControlCodes.MrzCountryCodes, ControlCategories.DocumentValidity, ControlOutcome.Warning, unknown));

        var fields = mrz.Fields;
        controls.Add(HolderChecks.DatesPlausible(fields.BirthDate, mrz.EstimatedExpiryDate ?? fields.ExpiryDate));
        controls.Add(mrz.EstimatedExpiryDate is { } estimated
            ? HolderChecks.Validity(estimated, today, estimated: true)
            : HolderChecks.Validity(fields.ExpiryDate, today));
        controls.Add(HolderChecks.NameMatch(userInput, fields.FirstName, fields.LastName, mrz.NamesMayBeTruncated, _options.NameMatch));
        controls.Add(HolderChecks.BirthDateMatch(userInput?.BirthDate, fields.BirthDate));

        return new IdentityCheckResult
        {
            DocumentType = mrz.DocumentType,
            Fields = fields,
            Controls = controls,
            Status = StatusRule.Derive(reading, controls),
            Corrections = mrz.Corrections,
            Mrz = mrz,
            Age = fields.BirthDate is { } birth ? HolderChecks.AgeOn(birth, today) : null,
        };
    }
}
