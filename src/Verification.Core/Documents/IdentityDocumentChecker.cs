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
/// How a zone's text came from a picture, so that an uncertain reading is never taken for a forgery. Without it
/// (text sent by a device or typed), a failing check digit is the document contradicting itself.
/// </summary>
public sealed record MrzReadingEvidence
{
    /// <summary>Per line and character, the engine's confidence from 0 to 1, aligned with the lines read; <see langword="null"/> when the engine gives none.</summary>
    public IReadOnlyList<IReadOnlyList<float>>? CharacterConfidence { get; init; }

    /// <summary>Below this confidence a character is doubtful. Default 0.6.</summary>
    public float Threshold { get; init; } = 0.6f;
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

    // Look-alikes whose values differ by a multiple of ten: no check digit tells them apart.
    private static readonly string[] DigitBlindLookalikes = ["<KAU", "6G"];

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
    public IdentityCheckResult Check(string? mrzText, HolderInput? userInput = null, IReadOnlyList<ControlResult>? fileControls = null, DocumentReading reading = DocumentReading.Read) =>
        Check(mrzText, userInput, fileControls, reading, evidence: null);

    /// <summary>
    /// Checks a zone read from a picture. A check digit that fails where the engine was sure of every character
    /// it covers is the document contradicting itself (<c>data_coherency</c>, <c>5.0</c>); where some were
    /// doubtful, or the engine gives no confidence, it is an uncertain reading (<c>readability</c>, <c>2.2</c>).
    /// Doubtful characters that no check digit covers give <c>mrz.reading_confidence</c> a <c>warning</c> (<c>4.0</c>).
    /// </summary>
    /// <param name="mrzText">The zone as read, or <see langword="null"/> when none was read.</param>
    /// <param name="userInput">What the user typed, if anything.</param>
    /// <param name="fileControls">Controls already produced for the file.</param>
    /// <param name="reading">How reading the file went.</param>
    /// <param name="evidence">How the text came from the picture; <see langword="null"/> for text sent as text.</param>
    public IdentityCheckResult Check(string? mrzText, HolderInput? userInput, IReadOnlyList<ControlResult>? fileControls, DocumentReading reading, MrzReadingEvidence? evidence)
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

        var layout = MrzLayout.For(mrz.Format);
        var confidence = Aligned(evidence, layout);
        var failed = new List<string>();
        var doubtful = new List<string>();
        // From a picture, a failing digit accuses the document only when every character it covers was read surely,
        // in a zone read surely as a whole (a zone with many doubtful characters is a poor reading: its characters
        // may sit in the wrong columns, sure as each looks); once one does, the document contradicts itself and the
        // other failing digits follow from it.
        var contradicted = evidence is null
            || (ReadSurelyAsAWhole(confidence, evidence.Threshold)
                && mrz.CheckDigits.Any(d => !d.IsValid && SurelyRead(layout, confidence, DigitCodes[(int)d.Kind], evidence.Threshold)));
        foreach (var digit in mrz.CheckDigits)
        {
            var name = DigitCodes[(int)digit.Kind];
            var uncertain = !digit.IsValid && !contradicted;
            controls.Add(new(ControlCodes.MrzCheckDigitPrefix + name, uncertain ? ControlCategories.Readability : ControlCategories.DataCoherency,
                digit.IsValid ? ControlOutcome.Passed : ControlOutcome.Failed, uncertain ? "Fails on characters read with low confidence: an uncertain reading, not a contradiction of the document." : null));
            if (!digit.IsValid)
            {
                (uncertain ? doubtful : failed).Add(name);
            }
        }

        var longNumber = mrz.LongDocumentNumber == LongDocumentNumberConvention.FillerIncluded ? " Long document number, check digit over the field with its filler." : string.Empty;
        controls.Add(failed.Count == 0 && doubtful.Count == 0
            ? new(ControlCodes.MrzCheckDigits, ControlCategories.DataCoherency, ControlOutcome.Passed, $"{mrz.CheckDigits.Count} check digits hold.{longNumber}")
            : failed.Count > 0
                ? new(ControlCodes.MrzCheckDigits, ControlCategories.DataCoherency, ControlOutcome.Failed, $"Check digits fail: {string.Join(", ", failed.Concat(doubtful))}.")
                : new(ControlCodes.MrzCheckDigits, ControlCategories.Readability, ControlOutcome.Failed, $"Check digits fail on an uncertain reading: {string.Join(", ", doubtful)}. Send a sharper picture."));
        if (evidence is not null
            && ReadingConfidence(layout, confidence, evidence.Threshold, MrzZoneText.Find(mrzText!).TryGetValue(out var zone, out _) ? zone.Lines : null) is { } sure)
        {
            controls.Add(sure);
        }

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

    /// <summary>The confidences, when they line up with the layout's lines; otherwise none.</summary>
    private static IReadOnlyList<IReadOnlyList<float>>? Aligned(MrzReadingEvidence? evidence, MrzLayout? layout)
    {
        if (evidence?.CharacterConfidence is not { } confidence || layout is null || confidence.Count != layout.Lines)
        {
            return null;
        }

        return confidence.All(line => line.Count == layout.Width) ? confidence : null;
    }

    /// <summary>
    /// Whether at most one character in twenty of the whole zone was read with doubt: beyond that the reading as a
    /// whole is uncertain (typically characters shifted by a misjudged pitch), and no failing check digit in it can
    /// accuse the document.
    /// </summary>
    private static bool ReadSurelyAsAWhole(IReadOnlyList<IReadOnlyList<float>>? confidence, float threshold)
    {
        if (confidence is null)
        {
            return false;
        }

        var total = confidence.Sum(line => line.Count);
        var doubtful = confidence.Sum(line => line.Count(c => c < threshold));
        return doubtful * 20 <= total;
    }

    private static bool SurelyRead(MrzLayout? layout, IReadOnlyList<IReadOnlyList<float>>? confidence, string digitName, float threshold)
    {
        if (layout is null || confidence is null || layout.Checked.FirstOrDefault(f => f.Name == digitName) is not { } field)
        {
            return false;
        }

        foreach (var span in field.Segments.Append(field.Digit))
        {
            for (var i = span.Start; i < span.Start + span.Length; i++)
            {
                if (confidence[span.Line][i] < threshold)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The confidence control; none when the engine gives no confidence (nothing to report either way).</summary>
    /// <remarks>
    /// Besides the characters read with low confidence, a run of three fillers or more followed by more letters in a
    /// name field is doubtful however sure the engine was: names hold one separator (<c>&lt;&lt;</c>) and single
    /// fillers between their parts, so such a run is a letter read as a filler (<c>VADIS&lt;&lt;&lt;UO</c> for
    /// <c>VADIS&lt;&lt;QUO</c>), and names carry no check digit to show it.
    /// </remarks>
    private static ControlResult? ReadingConfidence(MrzLayout? layout, IReadOnlyList<IReadOnlyList<float>>? confidence, float threshold, char[][]? lines)
    {
        if (layout is null || confidence is null)
        {
            return null;
        }

        var doubtful = new SortedSet<(int Line, int Column)>();
        var known = lines is not null && lines.Length == layout.Lines && lines.All(l => l.Length == layout.Width) ? lines : null;
        for (var l = 0; l < layout.Lines; l++)
        {
            for (var i = 0; i < layout.Width; i++)
            {
                // A check digit cannot tell apart characters whose values differ by a multiple of ten: read with doubt
                // where the position allows such a look-alike, a character is doubtful however its field's digit came out.
                if (confidence[l][i] < threshold && (!layout.IsConfirmedByOwnDigit(l, i) || (known is not null && HasTwinDigitsCannotTell(layout.Classes[l][i], known[l][i]))))
                {
                    doubtful.Add((l, i));
                }
            }
        }

        if (known is not null)
        {
            foreach (var span in layout.NameFields)
            {
                foreach (var column in FillersBeforeMoreNames(known[span.Line].AsSpan(span.Start, span.Length)))
                {
                    doubtful.Add((span.Line, span.Start + column));
                }
            }
        }

        return doubtful.Count == 0
            ? new(ControlCodes.MrzReadingConfidence, ControlCategories.Readability, ControlOutcome.Passed, null)
            : new(ControlCodes.MrzReadingConfidence, ControlCategories.Readability, ControlOutcome.Warning,
                $"{doubtful.Count} character(s) that no check digit can confirm were read with low confidence (line:column {string.Join(", ", doubtful.Take(12).Select(d => $"{d.Line + 1}:{d.Column + 1}"))}): compare the names and codes with the document.");
    }

    /// <summary>
    /// Whether the position allows a look-alike of <paramref name="read"/> that weighs the same modulo ten, which no
    /// check digit can tell from it: a filler and <c>K</c>, <c>A</c>, <c>U</c> (0, 20, 10, 30), and <c>6</c> and
    /// <c>G</c> (6, 16).
    /// </summary>
    private static bool HasTwinDigitsCannotTell(char positionClass, char read)
    {
        foreach (var twins in DigitBlindLookalikes)
        {
            if (twins.Contains(read, StringComparison.Ordinal))
            {
                foreach (var other in twins)
                {
                    if (other != read && MrzLayout.Allows(positionClass, other))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>The columns of every run of three fillers or more that more letters follow in a name field.</summary>
    private static List<int> FillersBeforeMoreNames(ReadOnlySpan<char> field)
    {
        var columns = new List<int>();
        var lastLetter = field.LastIndexOfAnyExcept('<');
        for (var i = 0; i < lastLetter; i++)
        {
            if (field[i] != '<')
            {
                continue;
            }

            var end = i;
            while (end < lastLetter && field[end] == '<')
            {
                end++;
            }

            if (end - i >= 3)
            {
                columns.AddRange(Enumerable.Range(i, end - i));
            }

            i = end;
        }

        return columns;
    }
}
