using Verification.Core.Verifications;

namespace Verification.Core.Documents.Mrz;

/// <summary>
/// Reads a machine-readable zone (ICAO 9303 TD1, TD2, TD3, MRV-A, MRV-B, and the French identity card of
/// 1988-2021) from text as a device or an OCR engine gives it, and checks it. Every position it reads or corrects
/// comes from the format's <see cref="MrzLayout"/>.
/// <para>
/// Input handling: lines are split on CR/LF, blank lines and lines that cannot be MRZ lines (other text
/// around the zone) are skipped, case is ignored, and the last two or three candidate lines are used.
/// Spaces inside a line are either stray (removed) or fillers read as spaces (each becomes <c>&lt;</c>),
/// whichever gives the expected length. A line one or a few fillers short or long has its longest filler
/// run lengthened or shortened (for name lines: the trailing run, or padding at the end).
/// </para>
/// <para>
/// OCR corrections are made only where they are confirmed: a letter in a numeric position (dates, check
/// digits) or a digit in an alphabetic one (codes, names) is mapped along the confusion pairs O/0, I/1,
/// B/8, S/5, Z/2, G/6; an alphanumeric field (document number, personal number) is changed only when
/// exactly one change of its ambiguous characters satisfies its check digit; characters read instead of
/// the fillers at the end of a name (<c>K</c>, <c>C</c>, <c>S</c>, <c>X</c>, alone between fillers or in
/// runs of three or more) become fillers. Each change is listed in <see cref="MrzResult.Corrections"/>.
/// </para>
/// </summary>
public static class MrzParser
{
    /// <summary>Parses and checks a zone; a failure (<c>mrz.not_found</c>) when no zone can be found in the text.</summary>
    /// <param name="text">The zone, lines separated by line breaks.</param>
    /// <param name="timeProvider">Gives today's date for the century of two-digit years.</param>
    /// <param name="options">Options, or the defaults.</param>
    public static Outcome<MrzResult> Parse(string? text, TimeProvider timeProvider, MrzParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        options ??= MrzParserOptions.Default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return Failure.Invalid("mrz.not_found", "No machine-readable zone was given.");
        }

        var found = MrzZoneText.Find(text);
        if (!found.IsSuccess)
        {
            return found.Failure;
        }

        var (lines, corrections) = found.Value;
        var fix = options.CorrectOcrConfusions;
        if (fix)
        {
            // The document code and issuer are letters in every layout, and they decide which layout applies.
            MrzCorrector.ApplyPositionRules(lines, new MrzSpan(0, 0, 5), MrzLayout.Td3, corrections);
        }

        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        var candidates = LayoutsFor(lines);
        MrzResult? first = null;
        foreach (var layout in candidates)
        {
            // Each reading corrects its own copy when another layout may still be tried.
            var result = candidates.Length == 1
                ? Read(layout, lines, corrections, today, options)
                : Read(layout, Copy(lines), [.. corrections], today, options);
            if (result.AllCheckDigitsValid)
            {
                return result;
            }

            first ??= result;
        }

        return first!;
    }

    /// <summary>Maps a layout and document code to one of <see cref="DocumentTypes"/>.</summary>
    public static string TypeOf(MrzFormat format, string documentCode)
    {
        ArgumentNullException.ThrowIfNull(documentCode);
        if (format == MrzFormat.FrenchIdLegacy)
        {
            return DocumentTypes.FrenchIdLegacy;
        }

        if (format is MrzFormat.MrvA or MrzFormat.MrvB)
        {
            return DocumentTypes.Visa;
        }

        if (documentCode.Length == 0)
        {
            return DocumentTypes.Unknown;
        }

        // Residence permits: IR (e.g. British and French permits), AR (German eAT), RP/RT and other R codes.
        if (documentCode is "IR" or "AR" or "RP" or "RT" || documentCode[0] == 'R')
        {
            return DocumentTypes.ResidencePermit;
        }

        return documentCode[0] switch
        {
            'P' => DocumentTypes.Passport,
            'V' => DocumentTypes.Visa,
            'I' or 'A' or 'C' => DocumentTypes.IdCard,
            _ => DocumentTypes.Unknown,
        };
    }

    // The layouts a zone may follow, most likely first. The French card and TD2 share their width and their first
    // five characters: the French reading is kept unless only the TD2 reading has every check digit holding.
    private static MrzLayout[] LayoutsFor(char[][] lines)
    {
        var upper = lines[0];
        var visa = upper[0] == 'V';
        return upper.Length switch
        {
            30 => [MrzLayout.Td1],
            44 => [visa ? MrzLayout.MrvA : MrzLayout.Td3],
            _ when upper.AsSpan().StartsWith("IDFRA") => [MrzLayout.FrenchIdentityCard, MrzLayout.Td2],
            _ => [visa ? MrzLayout.MrvB : MrzLayout.Td2],
        };
    }

    private static MrzResult Read(MrzLayout layout, char[][] lines, List<MrzCorrection> corrections, DateOnly today, MrzParserOptions options)
    {
        var longNumber = LongNumberAt(layout, lines);
        if (options.CorrectOcrConfusions)
        {
            MrzCorrector.Correct(layout, lines, correctNumber: longNumber is null, corrections);
        }

        var digits = new List<MrzCheckDigit>(layout.Checked.Count);
        var convention = LongDocumentNumberConvention.None;
        var documentNumber = Trimmed(Text(lines, layout.Span(MrzField.DocumentNumber)));
        foreach (var field in layout.Checked)
        {
            var valid = MrzCorrector.Holds(field, lines);
            if (field.Kind == MrzCheckDigitKind.DocumentNumber && longNumber is { } optional)
            {
                convention = ReadLongNumber(Text(lines, field.Segments[0]), Text(lines, optional), out var overflow, out valid);
                documentNumber = string.Concat(Text(lines, field.Segments[0]), overflow);
            }

            digits.Add(new MrzCheckDigit(field.Kind, valid));
        }

        var documentCode = Trimmed(Text(lines, layout.Span(MrzField.DocumentCode)));
        var issuer = Trimmed(Text(lines, layout.Span(MrzField.IssuingState)));
        // The French card has no nationality field: it is issued to French citizens only.
        var nationality = layout.Span(MrzField.Nationality) is { } nationalitySpan ? Trimmed(Text(lines, nationalitySpan)) : issuer;
        var issuerKnown = CountryCodes.TryGetKnownIcao(issuer, out var issuerCode);
        var nationalityKnown = CountryCodes.TryGetKnownIcao(nationality, out var nationalityCode);

        var birth = ReadDate(Text(lines, layout.Span(MrzField.BirthDate)), today, out var birthReadable);
        DateOnly? expiry = null;
        var expiryReadable = true;
        if (layout.Span(MrzField.ExpiryDate) is { } expirySpan)
        {
            expiry = ReadDate(Text(lines, expirySpan), ExpiryHorizon(today, options.ExpiryHorizonYears), out expiryReadable);
        }

        var sex = ReadSex(Text(lines, layout.Span(MrzField.Sex))[0], out var sexReadable);

        var names = Text(lines, layout.Span(MrzField.Names));
        string? lastName, firstName;
        var namesMayBeTruncated = names[^1] != '<';
        if (layout.Span(MrzField.GivenNames) is { } givenSpan)
        {
            var given = Text(lines, givenSpan);
            (lastName, firstName) = (NameText(names), NameText(given));
            namesMayBeTruncated |= given[^1] != '<';
        }
        else
        {
            (lastName, firstName) = SplitNames(names);
        }

        var (issueMonth, estimatedExpiry) = layout.Span(MrzField.IssueMonth) is { } issueSpan
            ? IssueAndEstimatedExpiry(Text(lines, issueSpan), birth, today)
            : (null, null);

        return new MrzResult
        {
            Format = layout.Format,
            DocumentCode = documentCode,
            DocumentType = TypeOf(layout.Format, documentCode),
            Fields = new ExtractedFields
            {
                DocumentNumber = documentNumber,
                LastName = lastName,
                FirstName = firstName,
                BirthDate = birth,
                ExpiryDate = expiry,
                Sex = sex,
                Nationality = nationality.Length == 0 ? null : nationalityCode ?? nationality,
                IssuingCountry = issuer.Length == 0 ? null : issuerCode ?? issuer,
                Mrz = [.. lines.Select(l => new string(l))],
            },
            CheckDigits = digits,
            Corrections = [.. corrections],
            NamesMayBeTruncated = namesMayBeTruncated,
            LongDocumentNumber = convention,
            IssuingCountryKnown = issuerKnown,
            NationalityKnown = nationalityKnown,
            BirthDateReadable = birthReadable,
            ExpiryDateReadable = expiryReadable,
            SexReadable = sexReadable,
            IssueMonth = issueMonth,
            EstimatedExpiryDate = estimatedExpiry,
        };
    }

    // ICAO 9303: a document number longer than its field has a filler where its check digit would be, and goes on in
    // the optional data. Returns where it goes on, or null when the number fits its field (or the layout has no room).
    private static MrzSpan? LongNumberAt(MrzLayout layout, char[][] lines)
    {
        if (layout.Span(MrzField.OptionalData) is not { } optional || layout.CheckedField(MrzCheckDigitKind.DocumentNumber) is not { } number)
        {
            return null;
        }

        var field = number.Segments[0];
        var digit = lines[number.Digit.Line][number.Digit.Start];
        var last = lines[field.Line][field.Start + field.Length - 1];
        return digit == '<' && last != '<' ? optional : null;
    }

    // The optional data holds the rest of the number, then its check digit, then fillers. Issuers compute the digit
    // over the whole number (ICAO) or over the field as printed, filler included.
    private static LongDocumentNumberConvention ReadLongNumber(string first, string optional, out string overflow, out bool valid)
    {
        var end = optional.IndexOf('<', StringComparison.Ordinal);
        if (end < 0)
        {
            end = optional.Length;
        }

        valid = false;
        if (end < 2)
        {
            overflow = optional[..Math.Max(0, end - 1)];
            return LongDocumentNumberConvention.Icao;
        }

        overflow = optional[..(end - 1)];
        var check = optional[end - 1];
        if (MrzCheckDigitCalculator.IsValid(first + overflow, check))
        {
            valid = true;
            return LongDocumentNumberConvention.Icao;
        }

        if (MrzCheckDigitCalculator.IsValid(first + "<" + overflow, check))
        {
            valid = true;
            return LongDocumentNumberConvention.FillerIncluded;
        }

        return LongDocumentNumberConvention.Icao;
    }

    // Décret n° 2013-1188: cards issued to adults from 2 January 2014 are valid 15 years, and those issued to adults
    // from 2 January 2004 to 31 December 2013 were extended to 15 years. Minors' cards keep 10 years. The zone gives
    // only the month of issue, so January 2004 counts as extended.
    private static (DateOnly? IssueMonth, DateOnly? EstimatedExpiry) IssueAndEstimatedExpiry(string yymm, DateOnly? birth, DateOnly today)
    {
        if (!TwoDigits(yymm, 0, out var yy) || !TwoDigits(yymm, 2, out var mm) || mm is < 1 or > 12)
        {
            return (null, null);
        }

        var month = new DateOnly(2000 + yy, mm, 1);
        if (month > today)
        {
            month = month.AddYears(-100);
        }

        var adultAtIssue = birth is { } b && b.AddYears(18) <= month;
        var years = adultAtIssue && month.Year >= 2004 ? 15 : 10;
        return (month, month.AddYears(years).AddMonths(1).AddDays(-1));
    }

    // How far ahead an expiry date may lie: the same day that many years on (28 February for a 29th in a common year).
    private static DateOnly ExpiryHorizon(DateOnly today, int years)
    {
        var year = today.Year + Math.Clamp(years, -9_999, 9_999);
        return year > DateOnly.MaxValue.Year ? DateOnly.MaxValue
            : year < DateOnly.MinValue.Year ? DateOnly.MinValue
            : new DateOnly(year, today.Month, Math.Min(today.Day, DateTime.DaysInMonth(year, today.Month)));
    }

    // A two-digit year is in this century unless that puts the date after the limit (today for births, the horizon for
    // expiry dates); then it is in the previous one. Unknown parts are printed as fillers (ICAO): no date, but nothing
    // unreadable either.
    private static DateOnly? ReadDate(string text, DateOnly limit, out bool readable)
    {
        if (!TwoDigits(text, 0, out var yy) || !TwoDigits(text, 2, out var mm) || !TwoDigits(text, 4, out var dd))
        {
            readable = text.All(c => c == '<' || char.IsAsciiDigit(c));
            return null;
        }

        readable = mm is >= 1 and <= 12 && dd >= 1 && dd <= DateTime.DaysInMonth(2000 + yy, mm);
        if (!readable)
        {
            return null;
        }

        var year = 2000 + yy;
        if (new DateOnly(year, mm, dd) > limit)
        {
            year -= 100;
        }

        // 29 February of a year 00 exists in 2000 but not in 1900.
        readable = dd <= DateTime.DaysInMonth(year, mm);
        return readable ? new DateOnly(year, mm, dd) : null;
    }

    private static bool TwoDigits(string text, int start, out int value)
    {
        if (char.IsAsciiDigit(text[start]) && char.IsAsciiDigit(text[start + 1]))
        {
            value = ((text[start] - '0') * 10) + (text[start + 1] - '0');
            return true;
        }

        value = 0;
        return false;
    }

    private static string? ReadSex(char c, out bool readable)
    {
        readable = c is 'M' or 'F' or 'X' or '<';
        return c switch
        {
            'M' => "M",
            'F' => "F",
            'X' or '<' => "X",
            _ => null,
        };
    }

    // ICAO names: surname, a double filler, given names; a name without a double filler is all surname.
    private static (string? LastName, string? FirstName) SplitNames(string names)
    {
        var separator = names.IndexOf("<<", StringComparison.Ordinal);
        return separator < 0
            ? (NameText(names), null)
            : (NameText(names[..separator]), NameText(names[(separator + 2)..]));
    }

    // Fillers become single spaces; leading and trailing fillers go.
    private static string? NameText(string field)
    {
        var parts = field.Split('<', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 0 ? null : string.Join(' ', parts);
    }

    private static string Trimmed(string field) => field.TrimEnd('<');

    private static string Text(char[][] lines, MrzSpan? span) =>
        span is { } s ? new string(lines[s.Line], s.Start, s.Length) : string.Empty;

    private static char[][] Copy(char[][] lines) => [.. lines.Select(l => (char[])l.Clone())];
}
