using System.Buffers;

namespace Verification.Core.Documents.Banking;

/// <summary>What, if anything, is wrong with an IBAN. Ordered from the first thing checked.</summary>
public enum IbanProblem
{
    /// <summary>The IBAN is valid.</summary>
    None,

    /// <summary>Nothing was given.</summary>
    Empty,

    /// <summary>A character other than a letter, a digit or a space.</summary>
    InvalidCharacters,

    /// <summary>The country prefix is not in the IBAN registry.</summary>
    UnknownCountry,

    /// <summary>The length differs from the registry length of the country.</summary>
    WrongLength,

    /// <summary>The BBAN does not follow the structure of the country.</summary>
    WrongStructure,

    /// <summary>The check digits are outside 02 to 98, which no valid IBAN can carry.</summary>
    CheckDigitsOutOfRange,

    /// <summary>The mod-97 checksum fails.</summary>
    WrongChecksum,

    /// <summary>The national check (e.g. French RIB key) fails although the IBAN checksum holds.</summary>
    WrongNationalCheck,
}

/// <summary>The result of a national check inside a BBAN.</summary>
public enum NationalCheckResult
{
    /// <summary>The country has no national check this library knows.</summary>
    NotApplicable,

    /// <summary>The national check holds.</summary>
    Passed,

    /// <summary>The national check fails.</summary>
    Failed,
}

/// <summary>The result of <see cref="Iban.Validate"/>; a value type so that validating allocates nothing.</summary>
/// <param name="Problem">The first problem found, or <see cref="IbanProblem.None"/>.</param>
/// <param name="Country">The registry entry of the country, when known.</param>
/// <param name="StructureValid">Country known, length and BBAN structure right.</param>
/// <param name="ChecksumValid">Check digits in range and mod-97 equal to 1.</param>
/// <param name="NationalCheck">The national check, when the country has one.</param>
public readonly record struct IbanValidation(
    IbanProblem Problem,
    IbanCountrySpec? Country,
    bool StructureValid,
    bool ChecksumValid,
    NationalCheckResult NationalCheck)
{
    /// <summary>Whether the IBAN passed every check.</summary>
    public bool IsValid => Problem == IbanProblem.None;
}

/// <summary>
/// IBAN validation (ISO 13616): normalisation of spaces and case, registry length and BBAN structure,
/// check digits in the range 02 to 98, mod-97 (ISO 7064) equal to 1, and the national checks of
/// <see cref="NationalBankChecks"/>. No allocation on the validation path.
/// </summary>
public static class Iban
{
    /// <summary>The longest IBAN of the registry is 34 characters.</summary>
    public const int MaxLength = 34;

    // 10^i mod 97 for every decimal position of an IBAN of MaxLength letters.
    private static readonly int[] PowersOfTenMod97 = BuildPowersOfTenMod97();

    // The value of '0'-'9' and 'A'-'Z' in the checksum (0 to 35), -1 for any other ASCII character.
    private static readonly sbyte[] DigitValues = BuildDigitValues();

    /// <summary>'0'-'9' and 'A'-'Z': what normalised IBANs and BICs are made of.</summary>
    internal static readonly SearchValues<char> UpperAlphanumerics = SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ");

    /// <summary>
    /// Upper-cases and removes separators (spaces, tabs, no-break spaces, line breaks and hyphens, as printed
    /// or pasted), or returns <see langword="null"/> when other characters remain or the result is longer than
    /// <see cref="MaxLength"/>.
    /// </summary>
    public static string? Normalize(ReadOnlySpan<char> input)
    {
        Span<char> buffer = stackalloc char[MaxLength];
        var length = Normalize(input, buffer);
        return length <= 0 ? null : new string(buffer[..length]);
    }

    /// <summary>Validates an IBAN as typed or printed (separators as in <see cref="Normalize(ReadOnlySpan{char})"/> and lower case allowed).</summary>
    public static IbanValidation Validate(ReadOnlySpan<char> input)
    {
        // Most input arrives already normalised (stored, or from a form that cleans it): validate it in place.
        // Normalising such input would copy it unchanged, so the result is the same.
        // The copy lives in its own method: a stackalloc keeps a method out of tiered compilation (and so
        // out of profile-guided optimisation), and this one should get it.
        return input.Length is > 0 and <= MaxLength && !input.ContainsAnyExcept(UpperAlphanumerics)
            ? ValidateNormalized(input)
            : NormalizeAndValidate(input);
    }

    private static IbanValidation NormalizeAndValidate(ReadOnlySpan<char> input)
    {
        Span<char> buffer = stackalloc char[MaxLength];
        var length = Normalize(input, buffer);
        if (length == 0)
        {
            return new(IbanProblem.Empty, null, false, false, NationalCheckResult.NotApplicable);
        }

        if (length < 0)
        {
            return new(length == -2 ? IbanProblem.WrongLength : IbanProblem.InvalidCharacters, null, false, false, NationalCheckResult.NotApplicable);
        }

        return ValidateNormalized(buffer[..length]);
    }

    /// <summary>Validates an IBAN already upper case without spaces.</summary>
    public static IbanValidation ValidateNormalized(ReadOnlySpan<char> iban)
    {
        if (iban.Length < 5)
        {
            return new(IbanProblem.WrongLength, null, false, false, NationalCheckResult.NotApplicable);
        }

        var spec = IbanRegistry.Find(iban[0], iban[1], out var nationalCheck);
        if (spec is null)
        {
            return new(IbanProblem.UnknownCountry, null, false, false, NationalCheckResult.NotApplicable);
        }

        var checkInRange = char.IsAsciiDigit(iban[2]) && char.IsAsciiDigit(iban[3])
                           && ((iban[2] - '0') * 10) + (iban[3] - '0') is >= 2 and <= 98;
        var checksum = checkInRange && Mod97(iban) == 1;
        if (iban.Length != spec.Length)
        {
            return new(IbanProblem.WrongLength, spec, false, checksum, NationalCheckResult.NotApplicable);
        }

        var structure = MatchesPattern(iban[4..], spec.BbanPattern);
        var national = structure ? NationalBankChecks.CheckStructured(nationalCheck, iban[4..]) : NationalCheckResult.NotApplicable;
        var problem = !structure ? IbanProblem.WrongStructure
            : !checkInRange ? IbanProblem.CheckDigitsOutOfRange
            : !checksum ? IbanProblem.WrongChecksum
            : national == NationalCheckResult.Failed ? IbanProblem.WrongNationalCheck
            : IbanProblem.None;
        return new(problem, spec, structure, checksum, national);
    }

    /// <summary>
    /// The ISO 7064 mod-97 remainder of the IBAN with its first four characters moved to the end and letters
    /// as 10 to 35; -1 when a character is not a letter or digit.
    /// </summary>
    public static int Mod97(ReadOnlySpan<char> iban)
    {
        if (iban.Length < 4)
        {
            return -1;
        }

        if (iban.Length <= MaxLength)
        {
            return Mod97Weighted(iban);
        }

        // The first four characters go to the end: two passes instead of an index modulo per character.
        ulong remainder = 0;
        if (!Accumulate(iban[4..], ref remainder) || !Accumulate(iban[..4], ref remainder))
        {
            return -1;
        }

        return (int)(remainder % 97);
    }

    // The same remainder as the Horner form of Accumulate, computed as a sum of value x 10^position mod 97
    // over the rearranged IBAN read from its last digit. Horner's rule chains a multiply and an add per
    // character; here the multiplies are independent and only a running add and the position are carried,
    // which is what makes the usual 15 to 34 characters several times faster. Used up to MaxLength
    // characters, where the weights fit a small table and the sum an int (34 x 35 x 96).
    private static int Mod97Weighted(ReadOnlySpan<char> iban)
    {
        var sum = 0;
        var position = 0;

        // Rearranged, the first four characters come last: they are the lowest digits.
        for (var i = 3; i >= 0; i--)
        {
            if (!AddDigitValue(iban[i], ref sum, ref position))
            {
                return -1;
            }
        }

        for (var i = iban.Length - 1; i >= 4; i--)
        {
            if (!AddDigitValue(iban[i], ref sum, ref position))
            {
                return -1;
            }
        }

        return sum % 97;
    }

    private static bool AddDigitValue(char c, ref int sum, ref int position)
    {
        // A table rather than two range tests: the same input then costs the same whatever its mix of
        // letters and digits, with no branch to mispredict.
        var values = DigitValues;
        if (c >= (uint)values.Length)
        {
            return false;
        }

        int value = values[c];
        if (value < 0)
        {
            return false;
        }

        // Digits are one decimal digit, letters (10 to 35) two.
        sum += value * PowersOfTenMod97[position];
        position += value >= 10 ? 2 : 1;
        return true;
    }

    private static bool Accumulate(ReadOnlySpan<char> part, ref ulong remainder)
    {
        foreach (var c in part)
        {
            if (c is >= '0' and <= '9')
            {
                remainder = (remainder * 10) + (ulong)(c - '0');
            }
            else if (c is >= 'A' and <= 'Z')
            {
                remainder = (remainder * 100) + (ulong)(c - 'A' + 10);
            }
            else
            {
                return false;
            }

            // Reduce only when the next step could overflow: far fewer divisions than one per character.
            if (remainder >= 100_000_000_000_000_000UL)
            {
                remainder %= 97;
            }
        }

        return true;
    }

    /// <summary>Computes the two check digits for a country code and a BBAN (for building test data and fixing OCR reads).</summary>
    public static string ComputeCheckDigits(string country, string bban)
    {
        ArgumentNullException.ThrowIfNull(country);
        ArgumentNullException.ThrowIfNull(bban);
        var probe = string.Concat(country, "00", bban);
        var mod = Mod97(probe);
        if (mod < 0)
        {
            throw new ArgumentException("The country code and BBAN must be letters and digits.", nameof(bban));
        }

        return (98 - mod).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static sbyte[] BuildDigitValues()
    {
        var table = new sbyte[128];
        table.AsSpan().Fill(-1);
        for (var c = '0'; c <= '9'; c++)
        {
            table[c] = (sbyte)(c - '0');
        }

        for (var c = 'A'; c <= 'Z'; c++)
        {
            table[c] = (sbyte)(c - 'A' + 10);
        }

        return table;
    }

    private static int[] BuildPowersOfTenMod97()
    {
        var table = new int[MaxLength * 2];
        var power = 1;
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = power;
            power = power * 10 % 97;
        }

        return table;
    }

    internal static bool MatchesPattern(ReadOnlySpan<char> bban, string pattern)
    {
        if (bban.Length != pattern.Length)
        {
            return false;
        }

        for (var i = 0; i < bban.Length; i++)
        {
            var c = bban[i];
            var ok = pattern[i] switch
            {
                'n' => c is >= '0' and <= '9',
                'a' => c is >= 'A' and <= 'Z',
                _ => c is (>= '0' and <= '9') or (>= 'A' and <= 'Z'),
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    // Returns the normalised length, 0 when empty, -1 for a bad character, -2 when too long.
    private static int Normalize(ReadOnlySpan<char> input, Span<char> output)
    {
        var length = 0;
        foreach (var ch in input)
        {
            char c;
            if (ch is >= 'A' and <= 'Z' or >= '0' and <= '9')
            {
                c = ch;
            }
            else if (ch is >= 'a' and <= 'z')
            {
                c = (char)(ch - 32);
            }
            else if (ch is ' ' or '\t' or '\u00A0' or '\u202F' or '-' or '\r' or '\n')
            {
                continue;
            }
            else
            {
                return -1;
            }

            if (length == output.Length)
            {
                return -2;
            }

            output[length++] = c;
        }

        return length;
    }
}
