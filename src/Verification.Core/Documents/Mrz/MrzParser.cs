using Verification.Core.Verifications;

namespace Verification.Core.Documents.Mrz;

/// <summary>
/// Reads a machine-readable zone (ICAO 9303 TD1, TD2, TD3, MRV-A, MRV-B, and the French identity card of
/// 1988-2021) from text as a device or an OCR engine gives it, and checks it.
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
    private const int Stride = 64;
    private const int MaxCandidates = 8;

    // Per-position character classes. A: letters or filler; N: digit; D: date digit or filler (unknown part);
    // C: check digit or filler; X: letters, digits or filler; S: sex.
    private static readonly string Td3Line2 = "XXXXXXXXXNAAADDDDDDNSDDDDDDNXXXXXXXXXXXXXXCN";
    private static readonly string MrvALine2 = "XXXXXXXXXNAAADDDDDDNSDDDDDDN" + new string('X', 16);
    private static readonly string Td2Line2 = "XXXXXXXXXNAAADDDDDDNSDDDDDDNXXXXXXXN";
    private static readonly string MrvBLine2 = "XXXXXXXXXNAAADDDDDDNSDDDDDDNXXXXXXXX";
    private static readonly string Td1Line1 = "AAAAAXXXXXXXXXC" + new string('X', 15);
    private static readonly string Td1Line2 = "DDDDDDNSDDDDDDNAAAXXXXXXXXXXXN";
    private static readonly string FrLine1 = new string('A', 30) + "XXXXXX";
    // Check-digit results have ten possible values: share them instead of allocating one per parse.
    private static readonly MrzCheckDigit[] Digits =
        [.. Enum.GetValues<MrzCheckDigitKind>().SelectMany(k => new[] { new MrzCheckDigit(k, false), new MrzCheckDigit(k, true) })];

    private static readonly string Alpha30 = new('A', 30);
    private static readonly string Alpha36 = new('A', 36);
    private static readonly string Alpha44 = new('A', 44);
    private static readonly string FrLine2 = "NNNNXXXNNNNNN" + new string('A', 14) + "DDDDDDNSN";

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

        Span<int> starts = stackalloc int[MaxCandidates];
        Span<int> ends = stackalloc int[MaxCandidates];
        var count = FindCandidateLines(text, starts, ends);

        int lineCount, width;
        // The name line may have lost its trailing fillers (read as spaces, then trimmed): it only has to fit.
        if (count >= 3 && Near(text, starts, ends, count - 3, 30) && Near(text, starts, ends, count - 2, 30) && Fits(text, starts, ends, count - 1, 30))
        {
            (lineCount, width) = (3, 30);
        }
        else if (count >= 2 && Fits(text, starts, ends, count - 2, 44) && Near(text, starts, ends, count - 1, 44))
        {
            (lineCount, width) = (2, 44);
        }
        else if (count >= 2 && Fits(text, starts, ends, count - 2, 36) && Near(text, starts, ends, count - 1, 36))
        {
            (lineCount, width) = (2, 36);
        }
        else
        {
            return Failure.Invalid("mrz.not_found", "The text holds no two lines of 36 or 44 characters nor three of 30.");
        }

        Span<char> buffer = stackalloc char[Stride * 3];
        var corrections = new CorrectionLog();
        var first = count - lineCount;
        for (var i = 0; i < lineCount; i++)
        {
            var line = buffer.Slice(i * Stride, Stride);
            var nameLine = (width == 30 && i == 2) || (width != 30 && i == 0);
            if (!NormalizeLine(text.AsSpan(starts[first + i], ends[first + i] - starts[first + i]), line, width, nameLine, i, ref corrections))
            {
                return Failure.Invalid("mrz.not_found", "A line of the zone is too far from its expected length.");
            }
        }

        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        var l1 = buffer[..width];
        var l2 = buffer.Slice(Stride, width);
        var fix = options.CorrectOcrConfusions;

        if (width == 30)
        {
            var l3 = buffer.Slice(Stride * 2, width);
            if (fix)
            {
                ApplyPositionRules(l1, Td1Line1, 0, ref corrections);
                ApplyPositionRules(l2, Td1Line2, 1, ref corrections);
                ApplyPositionRules(l3, Alpha30, 2, ref corrections);
                CleanNameTail(l3, 2, 0, ref corrections);
            }

            return ParseTd1(l1, l2, l3, today, options, fix, ref corrections);
        }

        if (fix)
        {
            ApplyPositionRules(l1[..5], "AAAAA", 0, ref corrections);
        }

        if (width == 44)
        {
            var visa = l1[0] == 'V';
            if (fix)
            {
                ApplyPositionRules(l1, Alpha44, 0, ref corrections);
                CleanNameTail(l1[5..], 0, 5, ref corrections);
                ApplyPositionRules(l2, visa ? MrvALine2 : Td3Line2, 1, ref corrections);
            }

            return ParseLong(l1, l2, visa ? MrzFormat.MrvA : MrzFormat.Td3, today, options, fix, ref corrections);
        }

        if (l1.StartsWith("IDFRA"))
        {
            // The French layout and TD2 share the first five characters; keep the reading whose check digits hold.
            Span<char> copy = stackalloc char[Stride * 2];
            buffer[..(Stride * 2)].CopyTo(copy);
            var saved = corrections.Clone();
            var french = ParseFrench(l1, l2, today, options, fix, ref corrections);
            if (french.IsSuccess && !french.Value.AllCheckDigitsValid)
            {
                var c1 = copy[..width];
                var c2 = copy.Slice(Stride, width);
                if (fix)
                {
                    ApplyPositionRules(c1, Alpha36, 0, ref saved);
                    CleanNameTail(c1[5..], 0, 5, ref saved);
                    ApplyPositionRules(c2, Td2Line2, 1, ref saved);
                }

                var td2 = ParseShort(c1, c2, MrzFormat.Td2, today, options, fix, ref saved);
                if (td2.IsSuccess && td2.Value.AllCheckDigitsValid)
                {
                    return td2;
                }
            }

            return french;
        }

        var isVisa = l1[0] == 'V';
        if (fix)
        {
            ApplyPositionRules(l1, Alpha36, 0, ref corrections);
            CleanNameTail(l1[5..], 0, 5, ref corrections);
            ApplyPositionRules(l2, isVisa ? MrvBLine2 : Td2Line2, 1, ref corrections);
        }

        return ParseShort(l1, l2, isVisa ? MrzFormat.MrvB : MrzFormat.Td2, today, options, fix, ref corrections);
    }

    private static Outcome<MrzResult> ParseLong(Span<char> l1, Span<char> l2, MrzFormat format, DateOnly today, MrzParserOptions options, bool fix, ref CorrectionLog corrections)
    {
        if (fix)
        {
            var td3 = format == MrzFormat.Td3;
            if (td3)
            {
                CorrectFillerRunByCheckDigit(l2.Slice(28, 14), l2[42], 1, 28, ref corrections);
                var personal = CorrectByCheckDigit(l2.Slice(28, 14), l2[42]);
                if (personal >= 0)
                {
                    Confirm(l2.Slice(28, 14), personal, CompositeValid(l2[..10], l2.Slice(13, 7), l2.Slice(21, 22), default, l2[43]), 1, 28, ref corrections);
                }

            }

            var number = CorrectByCheckDigit(l2[..9], l2[9]);
            if (number >= 0)
            {
                Confirm(l2[..9], number, !td3 || CompositeValid(l2[..10], l2.Slice(13, 7), l2.Slice(21, 22), default, l2[43]), 1, 0, ref corrections);
            }

        }

        var digits = new List<MrzCheckDigit>(5)
        {
            Digit(MrzCheckDigitKind.DocumentNumber, MrzCheckDigitCalculator.IsValid(l2[..9], l2[9])),
            Digit(MrzCheckDigitKind.BirthDate, MrzCheckDigitCalculator.IsValid(l2.Slice(13, 6), l2[19])),
            Digit(MrzCheckDigitKind.ExpiryDate, MrzCheckDigitCalculator.IsValid(l2.Slice(21, 6), l2[27])),
        };
        if (format == MrzFormat.Td3)
        {
            digits.Add(Digit(MrzCheckDigitKind.PersonalNumber, MrzCheckDigitCalculator.IsValid(l2.Slice(28, 14), l2[42])));
            digits.Add(Digit(MrzCheckDigitKind.Composite, CompositeValid(l2[..10], l2.Slice(13, 7), l2.Slice(21, 22), default, l2[43])));
        }

        return Build(format, l1[..2], l1.Slice(2, 3), l1[5..], l2.Slice(10, 3), l2[..9], default, l2.Slice(13, 6), l2[20], l2.Slice(21, 6),
            digits, [new string(l1), new string(l2)], LongDocumentNumberConvention.None, today, options, ref corrections);
    }

    private static Outcome<MrzResult> ParseShort(Span<char> l1, Span<char> l2, MrzFormat format, DateOnly today, MrzParserOptions options, bool fix, ref CorrectionLog corrections)
    {
        var longNumber = LongDocumentNumberConvention.None;
        ReadOnlySpan<char> overflow = default;
        var digits = new List<MrzCheckDigit>(4);
        if (format == MrzFormat.Td2 && l2[9] == '<' && l2[8] != '<')
        {
            longNumber = ReadLongNumber(l2[..9], l2.Slice(28, 7), out overflow, out var valid);
            digits.Add(Digit(MrzCheckDigitKind.DocumentNumber, valid));
        }
        else
        {
            if (fix)
            {
                var index = CorrectByCheckDigit(l2[..9], l2[9]);
                if (index >= 0)
                {
                    Confirm(l2[..9], index, format != MrzFormat.Td2 || CompositeValid(l2[..10], l2.Slice(13, 7), l2.Slice(21, 14), default, l2[35]), 1, 0, ref corrections);
                }

            }

            digits.Add(Digit(MrzCheckDigitKind.DocumentNumber, MrzCheckDigitCalculator.IsValid(l2[..9], l2[9])));
        }

        digits.Add(Digit(MrzCheckDigitKind.BirthDate, MrzCheckDigitCalculator.IsValid(l2.Slice(13, 6), l2[19])));
        digits.Add(Digit(MrzCheckDigitKind.ExpiryDate, MrzCheckDigitCalculator.IsValid(l2.Slice(21, 6), l2[27])));
        if (format == MrzFormat.Td2)
        {
            digits.Add(Digit(MrzCheckDigitKind.Composite, CompositeValid(l2[..10], l2.Slice(13, 7), l2.Slice(21, 14), default, l2[35])));
        }

        return Build(format, l1[..2], l1.Slice(2, 3), l1[5..], l2.Slice(10, 3), l2[..9], overflow, l2.Slice(13, 6), l2[20], l2.Slice(21, 6),
            digits, [new string(l1), new string(l2)], longNumber, today, options, ref corrections);
    }

    private static Outcome<MrzResult> ParseTd1(Span<char> l1, Span<char> l2, Span<char> l3, DateOnly today, MrzParserOptions options, bool fix, ref CorrectionLog corrections)
    {
        var longNumber = LongDocumentNumberConvention.None;
        ReadOnlySpan<char> overflow = default;
        var digits = new List<MrzCheckDigit>(4);
        if (l1[14] == '<' && l1[13] != '<')
        {
            longNumber = ReadLongNumber(l1.Slice(5, 9), l1.Slice(15, 15), out overflow, out var valid);
            digits.Add(Digit(MrzCheckDigitKind.DocumentNumber, valid));
        }
        else
        {
            if (fix)
            {
                var index = CorrectByCheckDigit(l1.Slice(5, 9), l1[14]);
                if (index >= 0)
                {
                    Confirm(l1.Slice(5, 9), index, CompositeValid(l1.Slice(5, 25), l2[..7], l2.Slice(8, 7), l2.Slice(18, 11), l2[29]), 0, 5, ref corrections);
                }

            }

            digits.Add(Digit(MrzCheckDigitKind.DocumentNumber, MrzCheckDigitCalculator.IsValid(l1.Slice(5, 9), l1[14])));
        }

        digits.Add(Digit(MrzCheckDigitKind.BirthDate, MrzCheckDigitCalculator.IsValid(l2[..6], l2[6])));
        digits.Add(Digit(MrzCheckDigitKind.ExpiryDate, MrzCheckDigitCalculator.IsValid(l2.Slice(8, 6), l2[14])));
        digits.Add(Digit(MrzCheckDigitKind.Composite, CompositeValid(l1.Slice(5, 25), l2[..7], l2.Slice(8, 7), l2.Slice(18, 11), l2[29])));

        return Build(MrzFormat.Td1, l1[..2], l1.Slice(2, 3), l3, l2.Slice(15, 3), l1.Slice(5, 9), overflow, l2[..6], l2[7], l2.Slice(8, 6),
            digits, [new string(l1), new string(l2), new string(l3)], longNumber, today, options, ref corrections);
    }

    private static Outcome<MrzResult> ParseFrench(Span<char> l1, Span<char> l2, DateOnly today, MrzParserOptions options, bool fix, ref CorrectionLog corrections)
    {
        if (fix)
        {
            ApplyPositionRules(l1, FrLine1, 0, ref corrections);
            ApplyPositionRules(l2, FrLine2, 1, ref corrections);

            // The composite digit of this card covers both name fields: a tail that reads like stray fillers but
            // makes a holding composite fail is a genuine initial (e.g. CHRISTOPHER<<C), and stays.
            var compositeHeld = MrzCheckDigitCalculator.IsValidComposite(l1, l2[..35], l2[35]);
            Span<char> saved1 = stackalloc char[l1.Length];
            Span<char> saved2 = stackalloc char[l2.Length];
            l1.CopyTo(saved1);
            l2.CopyTo(saved2);
            var cleaned = corrections.Clone();
            CleanNameTail(l1.Slice(5, 25), 0, 5, ref cleaned);
            CleanNameTail(l2.Slice(13, 14), 1, 13, ref cleaned);
            if (compositeHeld && !MrzCheckDigitCalculator.IsValidComposite(l1, l2[..35], l2[35]))
            {
                saved1.CopyTo(l1);
                saved2.CopyTo(l2);
            }
            else
            {
                corrections = cleaned;
            }

            var index = CorrectByCheckDigit(l2[..12], l2[12]);
            if (index >= 0)
            {
                Confirm(l2[..12], index, MrzCheckDigitCalculator.IsValidComposite(l1, l2[..35], l2[35]), 1, 0, ref corrections);
            }

        }

        var composite = MrzCheckDigitCalculator.IsValidComposite(l1, l2[..35], l2[35]);
        List<MrzCheckDigit> digits =
        [
            Digit(MrzCheckDigitKind.DocumentNumber, MrzCheckDigitCalculator.IsValid(l2[..12], l2[12])),
            Digit(MrzCheckDigitKind.BirthDate, MrzCheckDigitCalculator.IsValid(l2.Slice(27, 6), l2[33])),
            Digit(MrzCheckDigitKind.Composite, composite),
        ];

        var birth = ReadDate(l2.Slice(27, 6), today, pastOnly: true, options.ExpiryHorizonYears, out var birthReadable);
        var sex = ReadSex(l2[34], out var sexReadable);
        DateOnly? issueMonth = null;
        DateOnly? estimatedExpiry = null;
        if (TwoDigits(l2[..2], out var yy) && TwoDigits(l2.Slice(2, 2), out var mm) && mm is >= 1 and <= 12)
        {
            var month = new DateOnly(2000 + yy, mm, 1);
            if (month > today)
            {
                month = month.AddYears(-100);
            }

            issueMonth = month;
            var adultAtIssue = birth is { } b && b.AddYears(18) <= month;
            var years = adultAtIssue && month.Year is >= 2004 and <= 2013 ? 15 : 10;
            estimatedExpiry = month.AddYears(years).AddMonths(1).AddDays(-1);
        }

        var surnameField = l1.Slice(5, 25);
        var givenField = l2.Slice(13, 14);
        var fields = new ExtractedFields
        {
            DocumentNumber = Trimmed(l2[..12]),
            LastName = NameText(surnameField),
            FirstName = NameText(givenField),
            BirthDate = birth,
            ExpiryDate = null,
            Sex = sex,
            Nationality = "FRA",
            IssuingCountry = "FRA",
            Mrz = [new string(l1), new string(l2)],
        };

        return new MrzResult
        {
            Format = MrzFormat.FrenchIdLegacy,
            DocumentCode = "ID",
            DocumentType = DocumentTypes.FrenchIdLegacy,
            Fields = fields,
            CheckDigits = digits,
            Corrections = corrections.ToList(),
            NamesMayBeTruncated = surnameField[^1] != '<' || givenField[^1] != '<',
            IssuingCountryKnown = true,
            NationalityKnown = true,
            BirthDateReadable = birthReadable,
            ExpiryDateReadable = true,
            SexReadable = sexReadable,
            IssueMonth = issueMonth,
            EstimatedExpiryDate = estimatedExpiry,
        };
    }

    private static MrzResult Build(
        MrzFormat format,
        ReadOnlySpan<char> code,
        ReadOnlySpan<char> issuer,
        ReadOnlySpan<char> names,
        ReadOnlySpan<char> nationality,
        ReadOnlySpan<char> number,
        ReadOnlySpan<char> overflow,
        ReadOnlySpan<char> birthText,
        char sexChar,
        ReadOnlySpan<char> expiryText,
        List<MrzCheckDigit> digits,
        string[] lines,
        LongDocumentNumberConvention longNumber,
        DateOnly today,
        MrzParserOptions options,
        ref CorrectionLog corrections)
    {
        var documentCode = Trimmed(code);
        var birth = ReadDate(birthText, today, pastOnly: true, options.ExpiryHorizonYears, out var birthReadable);
        var expiry = ReadDate(expiryText, today, pastOnly: false, options.ExpiryHorizonYears, out var expiryReadable);
        var sex = ReadSex(sexChar, out var sexReadable);
        SplitNames(names, out var lastName, out var firstName);
        var issuerCode = issuer.TrimEnd('<');
        var nationalityCode = nationality.TrimEnd('<');

        string documentNumber;
        if (overflow.IsEmpty)
        {
            documentNumber = Trimmed(number);
        }
        else
        {
            Span<char> joined = stackalloc char[number.Length + overflow.Length];
            number.CopyTo(joined);
            overflow.CopyTo(joined[number.Length..]);
            documentNumber = new string(joined);
        }

        var fields = new ExtractedFields
        {
            DocumentNumber = documentNumber,
            LastName = lastName,
            FirstName = firstName,
            BirthDate = birth,
            ExpiryDate = expiry,
            Sex = sex,
            Nationality = nationalityCode.IsEmpty ? null : new string(nationalityCode),
            IssuingCountry = issuerCode.IsEmpty ? null : new string(issuerCode),
            Mrz = lines,
        };

        return new MrzResult
        {
            Format = format,
            DocumentCode = documentCode,
            DocumentType = TypeOf(format, documentCode),
            Fields = fields,
            CheckDigits = digits,
            Corrections = corrections.ToList(),
            NamesMayBeTruncated = names[^1] != '<',
            LongDocumentNumber = longNumber,
            IssuingCountryKnown = CountryCodes.IsKnownIcao(issuerCode),
            NationalityKnown = CountryCodes.IsKnownIcao(nationalityCode),
            BirthDateReadable = birthReadable,
            ExpiryDateReadable = expiryReadable,
            SexReadable = sexReadable,
        };
    }

    private static MrzCheckDigit Digit(MrzCheckDigitKind kind, bool valid) => Digits[((int)kind * 2) + (valid ? 1 : 0)];

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

    private static LongDocumentNumberConvention ReadLongNumber(ReadOnlySpan<char> first9, ReadOnlySpan<char> optional, out ReadOnlySpan<char> overflow, out bool valid)
    {
        var end = optional.IndexOf('<');
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
        Span<char> full = stackalloc char[first9.Length + 1 + overflow.Length];
        first9.CopyTo(full);
        overflow.CopyTo(full[first9.Length..]);
        if (MrzCheckDigitCalculator.IsValid(full[..(first9.Length + overflow.Length)], check))
        {
            valid = true;
            return LongDocumentNumberConvention.Icao;
        }

        full[first9.Length] = '<';
        overflow.CopyTo(full[(first9.Length + 1)..]);
        if (MrzCheckDigitCalculator.IsValid(full, check))
        {
            valid = true;
            return LongDocumentNumberConvention.FillerIncluded;
        }

        return LongDocumentNumberConvention.Icao;
    }

    private static bool CompositeValid(ReadOnlySpan<char> a, ReadOnlySpan<char> b, ReadOnlySpan<char> c, ReadOnlySpan<char> d, char check)
    {
        Span<char> joined = stackalloc char[a.Length + b.Length + c.Length + d.Length];
        a.CopyTo(joined);
        b.CopyTo(joined[a.Length..]);
        c.CopyTo(joined[(a.Length + b.Length)..]);
        d.CopyTo(joined[(a.Length + b.Length + c.Length)..]);
        return check is >= '0' and <= '9' && MrzCheckDigitCalculator.Compute(joined) == check - '0';
    }

    private static DateOnly? ReadDate(ReadOnlySpan<char> text, DateOnly today, bool pastOnly, int horizonYears, out bool readable)
    {
        readable = true;
        if (text.Contains('<'))
        {
            // Unknown parts are printed as fillers (ICAO): no date, but nothing unreadable either.
            foreach (var c in text)
            {
                if (c != '<' && !char.IsAsciiDigit(c))
                {
                    readable = false;
                }
            }

            return null;
        }

        if (!TwoDigits(text[..2], out var yy) || !TwoDigits(text.Slice(2, 2), out var mm) || !TwoDigits(text.Slice(4, 2), out var dd)
            || mm is < 1 or > 12 || dd < 1 || dd > DateTime.DaysInMonth(2000 + yy, mm))
        {
            readable = false;
            return null;
        }

        // 29 February of a year 00 exists in 2000 but not in 1900: fall back to the other century when needed.
        var limit = pastOnly ? today : today.AddYears(horizonYears);
        var year = 2000 + yy;
        if (new DateOnly(year, mm, Math.Min(dd, DateTime.DaysInMonth(year, mm))) > limit)
        {
            year -= 100;
        }

        if (dd > DateTime.DaysInMonth(year, mm))
        {
            readable = false;
            return null;
        }

        return new DateOnly(year, mm, dd);
    }

    private static bool TwoDigits(ReadOnlySpan<char> text, out int value)
    {
        if (char.IsAsciiDigit(text[0]) && char.IsAsciiDigit(text[1]))
        {
            value = ((text[0] - '0') * 10) + (text[1] - '0');
            return true;
        }

        value = 0;
        return false;
    }

    private static string? ReadSex(char c, out bool readable)
    {
        readable = true;
        switch (c)
        {
            case 'M':
                return "M";
            case 'F':
                return "F";
            case 'X' or '<':
                return "X";
            default:
                readable = false;
                return null;
        }
    }

    private static string Trimmed(ReadOnlySpan<char> field) => new(field.TrimEnd('<'));

    private static void SplitNames(ReadOnlySpan<char> names, out string? lastName, out string? firstName)
    {
        var separator = names.IndexOf("<<");
        if (separator < 0)
        {
            lastName = NameText(names);
            firstName = null;
            return;
        }

        lastName = NameText(names[..separator]);
        firstName = NameText(names[(separator + 2)..]);
    }

    // Fillers become single spaces; leading and trailing fillers go.
    private static string? NameText(ReadOnlySpan<char> field)
    {
        field = field.Trim('<');
        if (field.IsEmpty)
        {
            return null;
        }

        Span<char> text = stackalloc char[field.Length];
        var length = 0;
        var space = false;
        foreach (var c in field)
        {
            if (c == '<')
            {
                space = true;
                continue;
            }

            if (space)
            {
                text[length++] = ' ';
                space = false;
            }

            text[length++] = c;
        }

        return new string(text[..length]);
    }

    private static int FindCandidateLines(string text, Span<int> starts, Span<int> ends)
    {
        var count = 0;
        var position = 0;
        while (position <= text.Length)
        {
            var lineEnd = text.AsSpan(position).IndexOfAny('\r', '\n');
            var end = lineEnd < 0 ? text.Length : position + lineEnd;
            var s = position;
            var e = end;
            while (s < e && char.IsWhiteSpace(text[s]))
            {
                s++;
            }

            while (e > s && char.IsWhiteSpace(text[e - 1]))
            {
                e--;
            }

            if (e > s && IsCandidate(text.AsSpan(s, e - s)))
            {
                if (count == starts.Length)
                {
                    // Keep the last lines: the zone is at the bottom of a document.
                    starts[1..].CopyTo(starts);
                    ends[1..].CopyTo(ends);
                    count--;
                }

                starts[count] = s;
                ends[count] = e;
                count++;
            }

            if (lineEnd < 0)
            {
                break;
            }

            position = end + 1;
        }

        return count;
    }

    private static bool IsCandidate(ReadOnlySpan<char> line)
    {
        var characters = 0;
        var fillersOrDigits = 0;
        foreach (var c in line)
        {
            if (c == ' ' || c == '\t')
            {
                continue;
            }

            if (!char.IsAsciiLetterOrDigit(c) && c != '<')
            {
                return false;
            }

            characters++;
            if (c == '<' || char.IsAsciiDigit(c))
            {
                fillersOrDigits++;
            }
        }

        return characters is >= 20 and <= 52 && fillersOrDigits > 0;
    }

    private static bool Near(string text, Span<int> starts, Span<int> ends, int index, int width)
    {
        var line = text.AsSpan(starts[index], ends[index] - starts[index]);
        var withSpaces = line.Length;
        var withoutSpaces = withSpaces - line.Count(' ') - line.Count('\t');
        return Math.Abs(withoutSpaces - width) <= 3 || Math.Abs(withSpaces - width) <= 3;
    }

    private static bool Fits(string text, Span<int> starts, Span<int> ends, int index, int width)
    {
        var line = text.AsSpan(starts[index], ends[index] - starts[index]);
        var withoutSpaces = line.Length - line.Count(' ') - line.Count('\t');
        return withoutSpaces <= width + 3 && (Near(text, starts, ends, index, width) || line.Contains("<<", StringComparison.Ordinal) || line.Contains("  ", StringComparison.Ordinal));
    }

    private static bool NormalizeLine(ReadOnlySpan<char> raw, Span<char> line, int width, bool nameLine, int lineIndex, ref CorrectionLog corrections)
    {
        var spaces = raw.Count(' ') + raw.Count('\t');
        var withoutSpaces = raw.Length - spaces;

        // Spaces are stray unless keeping them as fillers brings the line closer to its width.
        var spacesAreFillers = spaces > 0 && Math.Abs(raw.Length - width) < Math.Abs(withoutSpaces - width);
        var length = 0;
        foreach (var ch in raw)
        {
            if (ch is ' ' or '\t')
            {
                if (!spacesAreFillers)
                {
                    continue;
                }

                line[length++] = '<';
                continue;
            }

            line[length++] = ch is >= 'a' and <= 'z' ? (char)(ch - 32) : ch;
        }

        if (length == width)
        {
            return true;
        }

        if (length > width + 6 || (!nameLine && length < width - 6))
        {
            return false;
        }

        if (length < width)
        {
            var missing = width - length;
            int at;
            if (nameLine || line[length - 1] == '<')
            {
                at = length;
            }
            else
            {
                (at, _) = LongestFillerRun(line[..length]);
                if (at < 0)
                {
                    at = length;
                }
            }

            line[at..length].CopyTo(line[(at + missing)..]);
            line.Slice(at, missing).Fill('<');
            for (var i = 0; i < missing; i++)
            {
                corrections.Add(new MrzCorrection(lineIndex, at + i, '\0', '<', MrzCorrectionReason.LineLength));
            }

            return true;
        }

        var extra = length - width;
        while (extra > 0)
        {
            int start, runLength;
            if (nameLine && line[length - 1] == '<')
            {
                start = length - 1;
                while (start > 0 && line[start - 1] == '<')
                {
                    start--;
                }

                runLength = length - start;
            }
            else
            {
                (start, runLength) = LongestFillerRun(line[..length]);
            }

            // Keep at least one filler of an inner run; a trailing run may go entirely.
            var removable = start + runLength == length ? runLength : runLength - 1;
            if (start < 0 || removable <= 0)
            {
                return false;
            }

            var remove = Math.Min(extra, removable);
            line[(start + remove)..length].CopyTo(line[start..]);
            length -= remove;
            extra -= remove;
            for (var i = 0; i < remove; i++)
            {
                corrections.Add(new MrzCorrection(lineIndex, start, '<', '\0', MrzCorrectionReason.LineLength));
            }
        }

        return true;
    }

    private static (int Start, int Length) LongestFillerRun(ReadOnlySpan<char> line)
    {
        var bestStart = -1;
        var bestLength = 0;
        var i = 0;
        while (i < line.Length)
        {
            if (line[i] != '<')
            {
                i++;
                continue;
            }

            var start = i;
            while (i < line.Length && line[i] == '<')
            {
                i++;
            }

            // Ties go to the later run: optional data sits after the fixed fields.
            if (i - start >= bestLength)
            {
                bestStart = start;
                bestLength = i - start;
            }
        }

        return (bestStart, bestLength);
    }

    private static void ApplyPositionRules(Span<char> line, string classes, int lineIndex, ref CorrectionLog corrections)
    {
        for (var i = 0; i < line.Length && i < classes.Length; i++)
        {
            var c = line[i];
            var replacement = classes[i] switch
            {
                'A' => ToLetter(c),
                'N' or 'D' or 'C' => ToDigit(c),
                _ => c,
            };
            if (replacement != c)
            {
                line[i] = replacement;
                corrections.Add(new MrzCorrection(lineIndex, i, c, replacement, MrzCorrectionReason.PositionRule));
            }
        }
    }

    private static readonly char[] DigitOf = BuildMap(ToDigitSlow);
    private static readonly char[] LetterOf = BuildMap(ToLetterSlow);

    private static char[] BuildMap(Func<char, char> map)
    {
        var table = new char[128];
        for (var c = 0; c < 128; c++)
        {
            table[c] = map((char)c);
        }

        return table;
    }

    private static char ToDigit(char c) => c < 128 ? DigitOf[c] : c;

    private static char ToLetter(char c) => c < 128 ? LetterOf[c] : c;

    private static char ToDigitSlow(char c) => c switch
    {
        'O' => '0',
        'I' => '1',
        'B' => '8',
        'S' => '5',
        'Z' => '2',
        'G' => '6',
        _ => c,
    };

    private static char ToLetterSlow(char c) => c switch
    {
        '0' => 'O',
        '1' => 'I',
        '8' => 'B',
        '5' => 'S',
        '2' => 'Z',
        '6' => 'G',
        _ => c,
    };

    private static char Swap(char c)
    {
        var digit = ToDigit(c);
        return digit != c ? digit : ToLetter(c);
    }

    // Characters read instead of the trailing fillers of a name field become fillers: a K, C, S or X standing
    // alone between fillers, or a run of three or more of them after a filler or of one repeated letter.
    private static void CleanNameTail(Span<char> field, int lineIndex, int offset, ref CorrectionLog corrections)
    {
        var end = field.Length;
        while (true)
        {
            while (end > 0 && field[end - 1] == '<')
            {
                end--;
            }

            if (end == 0)
            {
                return;
            }

            var start = end;
            while (start > 0 && field[start - 1] is 'K' or 'C' or 'S' or 'X')
            {
                start--;
            }

            var run = end - start;
            if (run == 0)
            {
                return;
            }

            var precededByFiller = start > 0 && field[start - 1] == '<';

            // A lone letter at the very end of a full field may be a truncated initial: it must follow two fillers.
            var isolated = run == 1 && precededByFiller && (end < field.Length || (start > 1 && field[start - 2] == '<'));
            var repeated = run >= 3 && !field[start..end].ContainsAnyExcept(field[start]);
            if (!isolated && !(run >= 3 && precededByFiller) && !repeated)
            {
                return;
            }

            if (start == 0 || (repeated && !precededByFiller && start < 2))
            {
                // A name cannot be only fillers.
                return;
            }

            for (var i = start; i < end; i++)
            {
                corrections.Add(new MrzCorrection(lineIndex, offset + i, field[i], '<', MrzCorrectionReason.FillerRun));
                field[i] = '<';
            }

            end = start;
        }
    }

    private static void CorrectFillerRunByCheckDigit(Span<char> field, char check, int lineIndex, int offset, ref CorrectionLog corrections)
    {
        var start = field.Length;
        while (start > 0 && field[start - 1] is '<' or 'K' or 'C' or 'S' or 'X')
        {
            start--;
        }

        if (field.Length - start < 2 || !field[start..].ContainsAnyExcept('<'))
        {
            return;
        }

        // K counts 20, a multiple of ten: a K read for a filler leaves the check digit holding, so a valid
        // field is changed only for a run of three or more K at its end.
        if (MrzCheckDigitCalculator.IsValid(field, check)
            && (field[start..].ContainsAnyExcept('<', 'K') || field[start..].Count('K') < 3))
        {
            return;
        }

        Span<char> probe = stackalloc char[field.Length];
        field.CopyTo(probe);
        probe[start..].Fill('<');
        if (!MrzCheckDigitCalculator.IsValid(probe, check))
        {
            return;
        }

        for (var i = start; i < field.Length; i++)
        {
            if (field[i] != '<')
            {
                corrections.Add(new MrzCorrection(lineIndex, offset + i, field[i], '<', MrzCorrectionReason.FillerRun));
                field[i] = '<';
            }
        }
    }

    // Changes one ambiguous character of an alphanumeric field when exactly one such change satisfies the
    // check digit; returns its index (the caller confirms it with the composite digit or reverts it), or -1.
    private static int CorrectByCheckDigit(Span<char> field, char check)
    {
        if (check is < '0' or > '9' || MrzCheckDigitCalculator.IsValid(field, check))
        {
            return -1;
        }

        var found = -1;
        for (var i = 0; i < field.Length; i++)
        {
            var original = field[i];
            var swapped = Swap(original);
            if (swapped == original)
            {
                continue;
            }

            field[i] = swapped;
            var valid = MrzCheckDigitCalculator.IsValid(field, check);
            field[i] = original;
            if (valid)
            {
                if (found >= 0)
                {
                    // Two candidates: nothing is confirmed.
                    return -1;
                }

                found = i;
            }
        }

        if (found >= 0)
        {
            field[found] = Swap(field[found]);
        }

        return found;
    }

    // Keeps a check-digit correction only when the composite digit (if the layout has one) holds with it.
    private static void Confirm(Span<char> field, int index, bool compositeHolds, int lineIndex, int offset, ref CorrectionLog corrections)
    {
        if (index < 0)
        {
            return;
        }

        var corrected = field[index];
        var original = Swap(corrected);
        if (!compositeHolds)
        {
            field[index] = original;
            return;
        }

        corrections.Add(new MrzCorrection(lineIndex, offset + index, original, corrected, MrzCorrectionReason.CheckDigit));
    }

    // A list created only when the first correction arrives: a clean zone allocates none.
    private struct CorrectionLog
    {
        private List<MrzCorrection>? _items;

        public void Add(MrzCorrection correction) => (_items ??= []).Add(correction);

        public readonly CorrectionLog Clone() => new() { _items = _items is null ? null : [.. _items] };

        public readonly MrzCorrection[] ToList() => _items is null ? [] : [.. _items];
    }
}
