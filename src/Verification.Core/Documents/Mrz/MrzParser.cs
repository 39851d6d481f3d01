using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
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
    private static readonly PositionClasses Td3Line2 = new("XXXXXXXXXNAAADDDDDDNSDDDDDDNXXXXXXXXXXXXXXCN");
    private static readonly PositionClasses MrvALine2 = new("XXXXXXXXXNAAADDDDDDNSDDDDDDN" + new string('X', 16));
    private static readonly PositionClasses Td2Line2 = new("XXXXXXXXXNAAADDDDDDNSDDDDDDNXXXXXXXN");
    private static readonly PositionClasses MrvBLine2 = new("XXXXXXXXXNAAADDDDDDNSDDDDDDNXXXXXXXX");
    private static readonly PositionClasses Td1Line1 = new("AAAAAXXXXXXXXXC" + new string('X', 15));
    private static readonly PositionClasses Td1Line2 = new("DDDDDDNSDDDDDDNAAAXXXXXXXXXXXN");
    private static readonly PositionClasses FrLine1 = new(new string('A', 30) + "XXXXXX");
    private static readonly PositionClasses FrLine2 = new("NNNNXXXNNNNNN" + new string('A', 14) + "DDDDDDNSN");
    private static readonly PositionClasses Alpha5 = new(new string('A', 5));
    private static readonly PositionClasses Alpha30 = new(new string('A', 30));
    private static readonly PositionClasses Alpha36 = new(new string('A', 36));
    private static readonly PositionClasses Alpha44 = new(new string('A', 44));

    // The digits of each layout, in the order of MrzCheckDigitKind (indexed by MrzFormat).
    private static readonly MrzCheckDigitKind[][] DigitKinds =
    [
        [MrzCheckDigitKind.DocumentNumber, MrzCheckDigitKind.BirthDate, MrzCheckDigitKind.ExpiryDate, MrzCheckDigitKind.Composite],
        [MrzCheckDigitKind.DocumentNumber, MrzCheckDigitKind.BirthDate, MrzCheckDigitKind.ExpiryDate, MrzCheckDigitKind.Composite],
        [MrzCheckDigitKind.DocumentNumber, MrzCheckDigitKind.BirthDate, MrzCheckDigitKind.ExpiryDate, MrzCheckDigitKind.PersonalNumber, MrzCheckDigitKind.Composite],
        [MrzCheckDigitKind.DocumentNumber, MrzCheckDigitKind.BirthDate, MrzCheckDigitKind.ExpiryDate],
        [MrzCheckDigitKind.DocumentNumber, MrzCheckDigitKind.BirthDate, MrzCheckDigitKind.ExpiryDate],
        [MrzCheckDigitKind.DocumentNumber, MrzCheckDigitKind.BirthDate, MrzCheckDigitKind.Composite],
    ];

    // A layout has at most five digits, so 32 combinations of results each: the read-only lists are made once and shared.
    private static readonly CheckDigitList?[] SharedDigitLists = new CheckDigitList?[DigitKinds.Length * 32];

    private static readonly SearchValues<char> FillerLookalikes = SearchValues.Create("<CKSX");
    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");
    private static readonly SearchValues<char> FillerOrDigit = SearchValues.Create("<0123456789");
    private static readonly SearchValues<char> UpperLineCharacters = SearchValues.Create("<0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    private static readonly SearchValues<char> LineCharacters =
        SearchValues.Create("<0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz \t");

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

        // Inline arrays rather than stackalloc: this method loops, and a method with both is compiled without tiering.
        var candidateLines = default(CandidateLines);
        Span<CandidateLine> candidates = candidateLines;
        var count = FindCandidateLines(text, candidates);

        int lineCount, width;
        // The name line may have lost its trailing fillers (read as spaces, then trimmed): it only has to fit.
        if (count >= 3 && Near(candidates[count - 3], 30) && Near(candidates[count - 2], 30) && Fits(text, candidates[count - 1], 30))
        {
            (lineCount, width) = (3, 30);
        }
        else if (count >= 2 && Fits(text, candidates[count - 2], 44) && Near(candidates[count - 1], 44))
        {
            (lineCount, width) = (2, 44);
        }
        else if (count >= 2 && Fits(text, candidates[count - 2], 36) && Near(candidates[count - 1], 36))
        {
            (lineCount, width) = (2, 36);
        }
        else
        {
            return Failure.Invalid("mrz.not_found", "The text holds no two lines of 36 or 44 characters nor three of 30.");
        }

        var zone = default(ZoneBuffer);
        Span<char> buffer = ((Span<char>)zone)[..(Stride * lineCount)];
        var corrections = new CorrectionLog();
        var first = count - lineCount;
        for (var i = 0; i < lineCount; i++)
        {
            var line = buffer.Slice(i * Stride, Stride);
            var nameLine = (width == 30 && i == 2) || (width != 30 && i == 0);
            var candidate = candidates[first + i];
            if (!NormalizeLine(text.AsSpan(candidate.Start, candidate.Length), candidate.Blanks, candidate.UpperCase, line, width, nameLine, i, ref corrections))
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

        if (fix)
        {
            // The document code and issuer decide between the French layout and TD2.
            ApplyPositionRules(l1[..5], Alpha5, 0, ref corrections);
        }

        if (l1.StartsWith("IDFRA"))
        {
            return ParseFrenchOrTd2(l1, l2, today, options, fix, ref corrections);
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

    // The French layout and TD2 share the first five characters; keep the reading whose check digits hold. Apart from
    // Parse, so that the copy of the zone it needs is not cleared on every parse of every layout.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Outcome<MrzResult> ParseFrenchOrTd2(Span<char> l1, Span<char> l2, DateOnly today, MrzParserOptions options, bool fix, ref CorrectionLog corrections)
    {
        var copyOfZone = default(ZoneBuffer);
        Span<char> copy = copyOfZone;
        l1.CopyTo(copy);
        l2.CopyTo(copy[Stride..]);
        var saved = corrections.Clone();
        var french = ParseFrench(l1, l2, today, options, fix, ref corrections);
        if (french.IsSuccess && !french.Value.AllCheckDigitsValid)
        {
            var c1 = copy[..l1.Length];
            var c2 = copy.Slice(Stride, l2.Length);
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

    private static Outcome<MrzResult> ParseLong(Span<char> l1, Span<char> l2, MrzFormat format, DateOnly today, MrzParserOptions options, bool fix, ref CorrectionLog corrections)
    {
        var td3 = format == MrzFormat.Td3;
        if (td3 && fix)
        {
            CorrectFillerRunByCheckDigit(l2.Slice(28, 14), l2[42], 1, 28, ref corrections);
        }

        // Each field is read once: its sums by phase give its own digit and its part of the composite.
        var number = MrzCheckDigitCalculator.SumByPhase(l2[..9]);
        var personal = td3 ? MrzCheckDigitCalculator.SumByPhase(l2.Slice(28, 14)) : default;
        var numberValid = number.Holds(l2[..9], l2[9]);
        var personalValid = td3 && personal.Holds(l2.Slice(28, 14), l2[42]);
        if (fix && (!numberValid || (td3 && !personalValid)))
        {
            return ParseLongCorrecting(l1, l2, format, today, options, ref corrections);
        }

        var birth = MrzCheckDigitCalculator.SumByPhase(l2.Slice(13, 6));
        var expiry = MrzCheckDigitCalculator.SumByPhase(l2.Slice(21, 6));
        var digits = default(DigitResults);
        digits.Add(numberValid);
        digits.Add(birth.Holds(l2.Slice(13, 6), l2[19]));
        digits.Add(expiry.Holds(l2.Slice(21, 6), l2[27]));
        if (td3)
        {
            digits.Add(personalValid);
            digits.Add(Td3CompositeHolds(l2, number, birth, expiry, personal));
        }

        return Build(format, l1[..2], l1.Slice(2, 3), l1[5..], l2.Slice(10, 3), l2[..9], default, l2.Slice(13, 6), l2[20], l2.Slice(21, 6),
            digits.Of(format), [new string(l1), new string(l2)], LongDocumentNumberConvention.None, today, options, ref corrections);
    }

    // The TD3 composite covers positions 0-9, 13-19 and 21-42 of the second line. Relative to the cycle of weights there,
    // the document number and the personal number start at phase 0, the birth date at phase 1 and the expiry date at 2.
    private static bool Td3CompositeHolds(ReadOnlySpan<char> l2, PhaseSums number, PhaseSums birth, PhaseSums expiry, PhaseSums personal)
    {
        var check = l2[43];
        if (check is < '0' or > '9' || !(number.Valid && birth.Valid && expiry.Valid && personal.Valid))
        {
            return false;
        }

        int numberCheck = MrzCheckDigitCalculator.ValueOf(l2[9]), birthCheck = MrzCheckDigitCalculator.ValueOf(l2[19]);
        int expiryCheck = MrzCheckDigitCalculator.ValueOf(l2[27]), personalCheck = MrzCheckDigitCalculator.ValueOf(l2[42]);
        if ((numberCheck | birthCheck | expiryCheck | personalCheck) < 0)
        {
            return false;
        }

        var sum = number.Weighted(0) + (7 * numberCheck) + birth.Weighted(1) + (3 * birthCheck) + expiry.Weighted(2) + expiryCheck
                  + personal.Weighted(0) + personalCheck;
        return sum % 10 == check - '0';
    }

    // A document or personal number fails its digit: try the corrections the check digits confirm, one digit at a time.
    private static Outcome<MrzResult> ParseLongCorrecting(Span<char> l1, Span<char> l2, MrzFormat format, DateOnly today, MrzParserOptions options, ref CorrectionLog corrections)
    {
        var td3 = format == MrzFormat.Td3;
        var personalValid = false;
        if (td3)
        {
            personalValid = MrzCheckDigitCalculator.IsValid(l2.Slice(28, 14), l2[42]);
            if (!personalValid)
            {
                var personal = CorrectByCheckDigit(l2.Slice(28, 14), l2[42]);
                if (personal >= 0)
                {
                    Confirm(l2.Slice(28, 14), personal, CompositeValid(l2[..10], l2.Slice(13, 7), l2.Slice(21, 22), default, l2[43]), 1, 28, ref corrections);
                    personalValid = MrzCheckDigitCalculator.IsValid(l2.Slice(28, 14), l2[42]);
                }
            }
        }

        var numberValid = MrzCheckDigitCalculator.IsValid(l2[..9], l2[9]);
        if (!numberValid)
        {
            var number = CorrectByCheckDigit(l2[..9], l2[9]);
            if (number >= 0)
            {
                Confirm(l2[..9], number, !td3 || CompositeValid(l2[..10], l2.Slice(13, 7), l2.Slice(21, 22), default, l2[43]), 1, 0, ref corrections);
                numberValid = MrzCheckDigitCalculator.IsValid(l2[..9], l2[9]);
            }
        }

        var digits = default(DigitResults);
        digits.Add(numberValid);
        digits.Add(MrzCheckDigitCalculator.IsValid(l2.Slice(13, 6), l2[19]));
        digits.Add(MrzCheckDigitCalculator.IsValid(l2.Slice(21, 6), l2[27]));
        if (td3)
        {
            digits.Add(personalValid);
            digits.Add(CompositeValid(l2[..10], l2.Slice(13, 7), l2.Slice(21, 22), default, l2[43]));
        }

        return Build(format, l1[..2], l1.Slice(2, 3), l1[5..], l2.Slice(10, 3), l2[..9], default, l2.Slice(13, 6), l2[20], l2.Slice(21, 6),
            digits.Of(format), [new string(l1), new string(l2)], LongDocumentNumberConvention.None, today, options, ref corrections);
    }

    private static Outcome<MrzResult> ParseShort(Span<char> l1, Span<char> l2, MrzFormat format, DateOnly today, MrzParserOptions options, bool fix, ref CorrectionLog corrections)
    {
        var longNumber = LongDocumentNumberConvention.None;
        ReadOnlySpan<char> overflow = default;
        var digits = default(DigitResults);
        if (format == MrzFormat.Td2 && l2[9] == '<' && l2[8] != '<')
        {
            longNumber = ReadLongNumber(l2[..9], l2.Slice(28, 7), out overflow, out var valid);
            digits.Add(valid);
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

            digits.Add(MrzCheckDigitCalculator.IsValid(l2[..9], l2[9]));
        }

        digits.Add(MrzCheckDigitCalculator.IsValid(l2.Slice(13, 6), l2[19]));
        digits.Add(MrzCheckDigitCalculator.IsValid(l2.Slice(21, 6), l2[27]));
        if (format == MrzFormat.Td2)
        {
            digits.Add(CompositeValid(l2[..10], l2.Slice(13, 7), l2.Slice(21, 14), default, l2[35]));
        }

        return Build(format, l1[..2], l1.Slice(2, 3), l1[5..], l2.Slice(10, 3), l2[..9], overflow, l2.Slice(13, 6), l2[20], l2.Slice(21, 6),
            digits.Of(format), [new string(l1), new string(l2)], longNumber, today, options, ref corrections);
    }

    private static Outcome<MrzResult> ParseTd1(Span<char> l1, Span<char> l2, Span<char> l3, DateOnly today, MrzParserOptions options, bool fix, ref CorrectionLog corrections)
    {
        var longNumber = LongDocumentNumberConvention.None;
        ReadOnlySpan<char> overflow = default;
        var digits = default(DigitResults);
        if (l1[14] == '<' && l1[13] != '<')
        {
            longNumber = ReadLongNumber(l1.Slice(5, 9), l1.Slice(15, 15), out overflow, out var valid);
            digits.Add(valid);
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

            digits.Add(MrzCheckDigitCalculator.IsValid(l1.Slice(5, 9), l1[14]));
        }

        digits.Add(MrzCheckDigitCalculator.IsValid(l2[..6], l2[6]));
        digits.Add(MrzCheckDigitCalculator.IsValid(l2.Slice(8, 6), l2[14]));
        digits.Add(CompositeValid(l1.Slice(5, 25), l2[..7], l2.Slice(8, 7), l2.Slice(18, 11), l2[29]));

        return Build(MrzFormat.Td1, l1[..2], l1.Slice(2, 3), l3, l2.Slice(15, 3), l1.Slice(5, 9), overflow, l2[..6], l2[7], l2.Slice(8, 6),
            digits.Of(MrzFormat.Td1), [new string(l1), new string(l2), new string(l3)], longNumber, today, options, ref corrections);
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
        var digits = default(DigitResults);
        digits.Add(MrzCheckDigitCalculator.IsValid(l2[..12], l2[12]));
        digits.Add(MrzCheckDigitCalculator.IsValid(l2.Slice(27, 6), l2[33]));
        digits.Add(composite);

        var birth = ReadDate(l2.Slice(27, 6), DateKey(today), out var birthReadable);
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
            // Décret n° 2013-1188: cards issued to adults from 2 January 2014 are valid 15 years, and those issued to
            // adults from 2 January 2004 to 31 December 2013 were extended to 15 years. Minors' cards keep 10 years. The
            // zone gives only the month of issue, so January 2004 counts as extended.
            var adultAtIssue = birth is { } b && b.AddYears(18) <= month;
            var years = adultAtIssue && month.Year >= 2004 ? 15 : 10;
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
            CheckDigits = digits.Of(MrzFormat.FrenchIdLegacy),
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
        IReadOnlyList<MrzCheckDigit> digits,
        string[] lines,
        LongDocumentNumberConvention longNumber,
        DateOnly today,
        MrzParserOptions options,
        ref CorrectionLog corrections)
    {
        var documentCode = DocumentCodeText(code.TrimEnd('<'));
        // The horizon is the same day that many years on. As a key, 29 February of a common year stands after the 28th
        // and before 1 March, which is all a comparison with a real date needs.
        var todayKey = DateKey(today);
        var birth = ReadDate(birthText, todayKey, out var birthReadable);
        var expiry = ReadDate(expiryText, todayKey + (Math.Clamp(options.ExpiryHorizonYears, -9_999, 9_999) * 10_000), out var expiryReadable);
        var sex = ReadSex(sexChar, out var sexReadable);
        SplitNames(names, out var lastName, out var firstName);
        var issuerCode = issuer.TrimEnd('<');
        var nationalityCode = nationality.TrimEnd('<');

        // Known codes come back as the registry's own strings: nothing allocated for them.
        CountryCodes.TryGetKnownIcao(issuerCode, out var issuerText);
        CountryCodes.TryGetKnownIcao(nationalityCode, out var nationalityText);

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
            Nationality = nationalityCode.IsEmpty ? null : nationalityText ?? new string(nationalityCode),
            IssuingCountry = issuerCode.IsEmpty ? null : issuerText ?? new string(issuerCode),
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
            IssuingCountryKnown = issuerText is not null,
            NationalityKnown = nationalityText is not null,
            BirthDateReadable = birthReadable,
            ExpiryDateReadable = expiryReadable,
            SexReadable = sexReadable,
        };
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

    private static bool CompositeValid(ReadOnlySpan<char> a, ReadOnlySpan<char> b, ReadOnlySpan<char> c, ReadOnlySpan<char> d, char check) =>
        MrzCheckDigitCalculator.IsValidComposite(a, b, c, d, check);

    // A date as yyyymmdd: dates compare as integers, without building a DateOnly per comparison.
    private static int DateKey(DateOnly date)
    {
        var (year, month, day) = date;
        return (year * 10_000) + (month * 100) + day;
    }

    // A two-digit year is in this century unless that puts the date after the limit (today for births, the
    // horizon for expiry dates); then it is in the previous one.
    private static DateOnly? ReadDate(ReadOnlySpan<char> text, int limitKey, out bool readable)
    {
        if (!TwoDigits(text[..2], out var yy) || !TwoDigits(text.Slice(2, 2), out var mm) || !TwoDigits(text.Slice(4, 2), out var dd))
        {
            // Unknown parts are printed as fillers (ICAO): no date, but nothing unreadable either.
            readable = !text.ContainsAnyExcept(FillerOrDigit);
            return null;
        }

        if (mm is < 1 or > 12 || dd < 1 || dd > DaysInMonth(2000 + yy, mm))
        {
            readable = false;
            return null;
        }

        readable = true;
        // 29 February of a year 00 exists in 2000 but not in 1900: fall back to the other century when needed.
        var year = 2000 + yy;
        if ((year * 10_000) + (mm * 100) + dd > limitKey)
        {
            year -= 100;
        }

        if (dd > DaysInMonth(year, mm))
        {
            readable = false;
            return null;
        }

        return DateOnly.FromDayNumber(DayNumber(year, mm, dd));
    }

    // Calendar arithmetic on numbers already checked (months 1-12, years 1900-2099): no validation, no exception paths.
    private static bool IsLeapYear(int year) => (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);

    private static int DaysInMonth(int year, int month) => month == 2 ? (IsLeapYear(year) ? 29 : 28) : DaysOfMonth[month];

    internal static int DayNumber(int year, int month, int day)
    {
        var before = year - 1;
        return (before * 365) + (before / 4) - (before / 100) + (before / 400) + DaysBeforeMonth[month]
               + (month > 2 && IsLeapYear(year) ? 1 : 0) + day - 1;
    }

    private static ReadOnlySpan<byte> DaysOfMonth => [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

    private static ReadOnlySpan<short> DaysBeforeMonth => [0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

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

    // The codes printed on nearly every document are shared strings.
    private static string DocumentCodeText(ReadOnlySpan<char> code) => code switch
    {
        "P" => "P",
        "I" => "I",
        "ID" => "ID",
        "IR" => "IR",
        "V" => "V",
        "A" => "A",
        "C" => "C",
        "PP" => "PP",
        "" => string.Empty,
        _ => new string(code),
    };

    private static void SplitNames(ReadOnlySpan<char> names, out string? lastName, out string? firstName)
    {
        var separator = IndexOfDoubleFiller(names);
        if (separator < 0)
        {
            lastName = NameText(names);
            firstName = null;
            return;
        }

        lastName = NameText(names[..separator]);
        firstName = NameText(names[(separator + 2)..]);
    }

    // Fillers become single spaces; leading and trailing fillers go. The text is written straight into the string.
    private static string? NameText(ReadOnlySpan<char> field)
    {
        var end = field.LastIndexOfAnyExcept('<');
        if (end < 0)
        {
            return null;
        }

        var start = 0;
        while (field[start] == '<')
        {
            start++;
        }

        field = field[start..(end + 1)];
        var dropped = 0;
        for (var i = 1; i < field.Length; i++)
        {
            if (field[i] == '<' && field[i - 1] == '<')
            {
                dropped++;
            }
        }

        // Parts separated by single fillers (the usual case): one vectorised replacement.
        return dropped == 0
            ? string.Create(field.Length, field, static (text, field) => field.Replace(text, '<', ' '))
            : string.Create(field.Length - dropped, field, static (text, field) => SpacedNameText(field, text));
    }

    // IndexOf("<<") without the set-up of a substring search, which costs more than the search in a name field.
    private static int IndexOfDoubleFiller(ReadOnlySpan<char> text)
    {
        var offset = 0;
        while (true)
        {
            var at = text[offset..].IndexOf('<');
            if (at < 0 || offset + at + 1 >= text.Length)
            {
                return -1;
            }

            offset += at;
            if (text[offset + 1] == '<')
            {
                return offset;
            }

            offset++;
        }
    }

    // A run of fillers becomes one space; the field neither starts nor ends with a filler.
    private static void SpacedNameText(ReadOnlySpan<char> field, Span<char> text)
    {
        var length = 0;
        for (var i = 0; i < field.Length; i++)
        {
            var c = field[i];
            if (c == '<')
            {
                if (field[i - 1] == '<')
                {
                    continue;
                }

                c = ' ';
            }

            text[length++] = c;
        }
    }

    private static int FindCandidateLines(string text, Span<CandidateLine> candidates)
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

            if (e > s && IsCandidate(text.AsSpan(s, e - s), out var blanks, out var upperCase))
            {
                if (count == candidates.Length)
                {
                    // Keep the last lines: the zone is at the bottom of a document.
                    candidates[1..].CopyTo(candidates);
                    count--;
                }

                candidates[count++] = new CandidateLine(s, e - s, blanks, upperCase);
            }

            if (lineEnd < 0)
            {
                break;
            }

            position = end + 1;
        }

        return count;
    }

    private static bool IsCandidate(ReadOnlySpan<char> line, out int blanks, out bool upperCase)
    {
        // 20 to 52 letters, digits or fillers (spaces and tabs aside), at least one filler or digit: prose fails early.
        blanks = 0;
        upperCase = false;
        if (line.Length < 20)
        {
            return false;
        }

        // The usual case, a line as a reader prints it: nothing to upper-case, no blank to count.
        if (!line.ContainsAnyExcept(UpperLineCharacters))
        {
            upperCase = true;
            return line.Length <= 52 && (line.ContainsAny(FillerOrDigit) || IsFullNameLine(line));
        }

        if (line.ContainsAnyExcept(LineCharacters))
        {
            return false;
        }

        blanks = line.ContainsAny(' ', '\t') ? line.Count(' ') + line.Count('\t') : 0;
        return line.Length - blanks is >= 20 and <= 52 && line.ContainsAny(FillerOrDigit);
    }

    // ICAO 9303 part 5 lets a truncated name fill every position of its field, so a name line may hold no filler and no
    // digit: a TD1 third line, or a TD2/TD3 first line with a two-letter document code. Only upper-case letters at exactly
    // a layout's width count, which ordinary text around a zone almost never is.
    private static bool IsFullNameLine(ReadOnlySpan<char> line) =>
        line.Length is 30 or 36 or 44 && !line.ContainsAnyExceptInRange('A', 'Z');

    private static bool Near(CandidateLine line, int width) =>
        Math.Abs(line.Length - line.Blanks - width) <= 3 || Math.Abs(line.Length - width) <= 3;

    private static bool Fits(string text, CandidateLine line, int width)
    {
        var span = text.AsSpan(line.Start, line.Length);
        return line.Length - line.Blanks <= width + 3
               && (Near(line, width) || span.Contains("<<", StringComparison.Ordinal) || span.Contains("  ", StringComparison.Ordinal));
    }

    private static bool NormalizeLine(ReadOnlySpan<char> raw, int spaces, bool upperCase, Span<char> line, int width, bool nameLine, int lineIndex, ref CorrectionLog corrections)
    {
        var withoutSpaces = raw.Length - spaces;

        // Spaces are stray unless keeping them as fillers brings the line closer to its width.
        var spacesAreFillers = spaces > 0 && Math.Abs(raw.Length - width) < Math.Abs(withoutSpaces - width);
        var length = 0;
        if (upperCase && raw.Length <= line.Length)
        {
            raw.CopyTo(line);
            length = raw.Length;
        }
        else if (spaces == 0 && raw.Length <= line.Length)
        {
            // The usual case: candidate lines hold only ASCII letters, digits and fillers, upper-cased in one vectorised pass.
            Ascii.ToUpper(raw, line, out length);
        }
        else
        {
            length = CopyUpper(raw, line, spacesAreFillers);
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

    private static int CopyUpper(ReadOnlySpan<char> raw, Span<char> line, bool spacesAreFillers)
    {
        var length = 0;
        foreach (var ch in raw)
        {
            if (ch is ' ' or '\t' && !spacesAreFillers)
            {
                continue;
            }

            if (length == line.Length)
            {
                // Many spaces kept as fillers: longer than any layout, whatever else the line holds.
                return int.MaxValue;
            }

            line[length++] = ch switch
            {
                ' ' or '\t' => '<',
                >= 'a' and <= 'z' => (char)(ch - 32),
                _ => ch,
            };
        }

        return length;
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

    private static void ApplyPositionRules(Span<char> line, PositionClasses classes, int lineIndex, ref CorrectionLog corrections)
    {
        // A zone read cleanly has no digit in a letters-only line: one vectorised look instead of a pass per character.
        if (classes.LettersOnly && !line.ContainsAny(Digits))
        {
            return;
        }

        var map = Remap;
        foreach (var (start, end, kind) in classes.Runs)
        {
            // Only positions with a rule are visited: letters and digits of free fields stay as read.
            for (var i = start; i < end && i < line.Length; i++)
            {
                var c = line[i];
                if (c >= 128)
                {
                    continue;
                }

                var replacement = map[(kind << 7) | c];
                if (replacement != c)
                {
                    line[i] = replacement;
                    corrections.Add(new MrzCorrection(lineIndex, i, c, replacement, MrzCorrectionReason.PositionRule));
                }
            }
        }
    }

    private static readonly char[] DigitOf = BuildMap(ToDigitSlow);
    private static readonly char[] LetterOf = BuildMap(ToLetterSlow);

    // Three tables of 128 one after the other, indexed by (position kind << 7 | character): unchanged, as a letter, as a digit.
    private static readonly char[] Remap = [.. BuildMap(c => c), .. LetterOf, .. DigitOf];

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
            end = field[..end].LastIndexOfAnyExcept('<') + 1;
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
        var start = field.LastIndexOfAnyExcept(FillerLookalikes) + 1;

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

        if (!HoldsWithFillersFrom(field, start, check))
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

    // Apart from the caller's loop: a method with both a loop and stackalloc is compiled once, without tiering and profile-guided
    // optimisation, and this one runs on every parse.
    private static bool HoldsWithFillersFrom(ReadOnlySpan<char> field, int start, char check)
    {
        Span<char> probe = stackalloc char[field.Length];
        field.CopyTo(probe);
        probe[start..].Fill('<');
        return MrzCheckDigitCalculator.IsValid(probe, check);
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

    // Which check digits of a layout hold, in the layout's order; the list handed out is shared between parses.
    private struct DigitResults
    {
        private int _valid;
        private int _count;

        public void Add(bool valid)
        {
            if (valid)
            {
                _valid |= 1 << _count;
            }

            _count++;
        }

        public readonly IReadOnlyList<MrzCheckDigit> Of(MrzFormat format)
        {
            var kinds = DigitKinds[(int)format];
            if (_count != kinds.Length)
            {
                throw new InvalidOperationException($"The {format} layout has {kinds.Length} check digits, not {_count}.");
            }

            // Two threads may build the same list at once: either copy is right, and one of them stays.
            var valid = _valid;
            ref var shared = ref SharedDigitLists[((int)format * 32) + valid];
            return shared ??= new CheckDigitList([.. kinds.Select((kind, i) => new MrzCheckDigit(kind, (valid & (1 << i)) != 0))]);
        }
    }

    [InlineArray(MaxCandidates)]
    private struct CandidateLines
    {
        private CandidateLine _first;
    }

    [InlineArray(Stride * 3)]
    private struct ZoneBuffer
    {
        private char _first;
    }

    // A line of the input that may belong to the zone: where it is (trimmed) and how many spaces or tabs it holds.
    // UpperCase: the line holds only upper-case letters, digits and fillers, as a reader prints it.
    private readonly record struct CandidateLine(int Start, int Length, int Blanks, bool UpperCase);

    // The class of each position of a line, as the kind of replacement the position rules make there.
    private sealed class PositionClasses
    {
        public PositionClasses(string classes)
        {
            // Runs of positions that share a rule: 1 makes letters of digits, 2 digits of letters (0: no rule).
            static int KindOf(char c) => c switch
            {
                'A' => 1,
                'N' or 'D' or 'C' => 2,
                _ => 0,
            };

            var runs = new List<(int, int, int)>();
            for (var start = 0; start < classes.Length;)
            {
                var kind = KindOf(classes[start]);
                var end = start + 1;
                while (end < classes.Length && KindOf(classes[end]) == kind)
                {
                    end++;
                }

                if (kind != 0)
                {
                    runs.Add((start, end, kind));
                }

                start = end;
            }

            Runs = [.. runs];
            LettersOnly = classes.All(c => c == 'A');
        }

        public (int Start, int End, int Kind)[] Runs { get; }

        public bool LettersOnly { get; }
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
