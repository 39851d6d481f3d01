namespace Verification.Core.Documents.Mrz;

/// <summary>
/// The ICAO 9303 Part 3 check digit: weights 7, 3, 1 repeated; digits count as themselves, letters A to Z
/// as 10 to 35 and the filler <c>&lt;</c> as 0; the result is the sum modulo 10.
/// </summary>
public static class MrzCheckDigitCalculator
{
    /// <summary>The value of one MRZ character, or -1 when it may not appear in an MRZ.</summary>
    public static int ValueOf(char c) => ValueAt(c);

    /// <summary>Computes the check digit (0 to 9) of <paramref name="field"/>, or -1 when it holds a character an MRZ cannot.</summary>
    public static int Compute(ReadOnlySpan<char> field)
    {
        var sums = SumByPhase(field);
        return sums.Valid ? sums.Weighted(0) % 10 : -1;
    }

    /// <summary>
    /// Adds the weighted values of <paramref name="field"/> to <paramref name="sum"/>, the weights continuing from
    /// <paramref name="position"/> (which advances): a composite digit is summed part by part, nothing copied.
    /// False when a character may not appear in an MRZ.
    /// </summary>
    internal static bool TryAccumulate(ReadOnlySpan<char> field, ref int position, ref int sum)
    {
        var sums = SumByPhase(field);
        if (!sums.Valid)
        {
            return false;
        }

        sum += sums.Weighted(position % 3);
        position += field.Length;
        return true;
    }

    /// <summary>
    /// Sums the values of <paramref name="field"/> by position modulo 3. One pass serves both a field's own check digit
    /// and its part of a composite digit, whatever phase of the 7, 3, 1 cycle the field starts at there.
    /// </summary>
    internal static PhaseSums SumByPhase(ReadOnlySpan<char> field)
    {
        int s0 = 0, s1 = 0, s2 = 0, invalid = 0, i = 0;
        for (; i + 2 < field.Length; i += 3)
        {
            int a = ValueAt(field[i]), b = ValueAt(field[i + 1]), c = ValueAt(field[i + 2]);
            invalid |= a | b | c;
            s0 += a;
            s1 += b;
            s2 += c;
        }

        if (i < field.Length)
        {
            var v = ValueAt(field[i]);
            invalid |= v;
            s0 += v;
            if (i + 1 < field.Length)
            {
                v = ValueAt(field[i + 1]);
                invalid |= v;
                s1 += v;
            }
        }

        return new PhaseSums(s0, s1, s2, invalid >= 0);
    }

    private static int ValueAt(char c) => c < 128u ? Values[c] : -1;

    // Digits as themselves, A-Z as 10 to 35, the filler as 0, anything else -1: the one table of values (ValueOf reads it too).
    private static ReadOnlySpan<sbyte> Values =>
    [
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, -1, -1, 0, -1, -1, -1,
        -1, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
        25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
    ];

    /// <summary>
    /// Whether <paramref name="checkDigit"/> is the check digit of <paramref name="field"/>. A filler is accepted as
    /// a zero only when the whole field is fillers (ICAO: an empty optional field may carry <c>&lt;</c>).
    /// </summary>
    public static bool IsValid(ReadOnlySpan<char> field, char checkDigit) => SumByPhase(field).Holds(field, checkDigit);

    /// <summary>Whether <paramref name="checkDigit"/> is the check digit of <paramref name="first"/> followed by <paramref name="second"/>.</summary>
    public static bool IsValidComposite(ReadOnlySpan<char> first, ReadOnlySpan<char> second, char checkDigit) =>
        IsValidComposite(first, second, default, default, checkDigit);

    /// <summary>Whether <paramref name="checkDigit"/> is the check digit of the four parts one after the other (a composite digit).</summary>
    internal static bool IsValidComposite(ReadOnlySpan<char> a, ReadOnlySpan<char> b, ReadOnlySpan<char> c, ReadOnlySpan<char> d, char checkDigit)
    {
        if (checkDigit is < '0' or > '9')
        {
            return false;
        }

        var sum = 0;
        var position = 0;
        return TryAccumulate(a, ref position, ref sum)
               && TryAccumulate(b, ref position, ref sum)
               && TryAccumulate(c, ref position, ref sum)
               && TryAccumulate(d, ref position, ref sum)
               && sum % 10 == checkDigit - '0';
    }
}

/// <summary>
/// The values of a field summed by position modulo 3 (<see cref="MrzCheckDigitCalculator.SumByPhase"/>); <see cref="Valid"/>
/// is false when a character may not appear in an MRZ.
/// </summary>
internal readonly record struct PhaseSums(int S0, int S1, int S2, bool Valid)
{
    /// <summary>The weighted sum when the field's first character takes weight 7 (phase 0), 3 (phase 1) or 1 (phase 2).</summary>
    public int Weighted(int phase) => phase switch
    {
        0 => (7 * S0) + (3 * S1) + S2,
        1 => (3 * S0) + S1 + (7 * S2),
        _ => S0 + (7 * S1) + (3 * S2),
    };

    /// <summary>
    /// Whether <paramref name="checkDigit"/> is the check digit of <paramref name="field"/>, the field these sums were
    /// taken from (<see cref="MrzCheckDigitCalculator.IsValid"/>). A filler is accepted as a zero only when the whole
    /// field is fillers.
    /// </summary>
    public bool Holds(ReadOnlySpan<char> field, char checkDigit)
    {
        if (checkDigit == '<')
        {
            return !field.ContainsAnyExcept('<');
        }

        return Valid && checkDigit is >= '0' and <= '9' && Weighted(0) % 10 == checkDigit - '0';
    }
}
