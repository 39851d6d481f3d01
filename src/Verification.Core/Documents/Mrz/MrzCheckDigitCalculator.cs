namespace Verification.Core.Documents.Mrz;

/// <summary>
/// The ICAO 9303 Part 3 check digit: weights 7, 3, 1 repeated; digits count as themselves, letters A to Z
/// as 10 to 35 and the filler <c>&lt;</c> as 0; the result is the sum modulo 10.
/// </summary>
public static class MrzCheckDigitCalculator
{
    /// <summary>The value of one MRZ character, or -1 when it may not appear in an MRZ.</summary>
    public static int ValueOf(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'Z' => c - 'A' + 10,
        '<' => 0,
        _ => -1,
    };

    /// <summary>Computes the check digit (0 to 9) of <paramref name="field"/>, or -1 when it holds a character an MRZ cannot.</summary>
    public static int Compute(ReadOnlySpan<char> field)
    {
        var sum = 0;
        var weight = 0;
        foreach (var c in field)
        {
            var v = c < 128 ? Values[c] : -1;
            if (v < 0)
            {
                return -1;
            }

            // Weights cycle 7, 3, 1.
            sum += v * (weight switch { 0 => 7, 1 => 3, _ => 1 });
            weight = weight == 2 ? 0 : weight + 1;
        }

        return sum % 10;
    }

    private static readonly sbyte[] Values = BuildValues();

    private static sbyte[] BuildValues()
    {
        var table = new sbyte[128];
        for (var c = 0; c < 128; c++)
        {
            table[c] = (sbyte)ValueOf((char)c);
        }

        return table;
    }

    /// <summary>
    /// Whether <paramref name="checkDigit"/> is the check digit of <paramref name="field"/>. A filler is accepted as
    /// a zero only when the whole field is fillers (ICAO: an empty optional field may carry <c>&lt;</c>).
    /// </summary>
    public static bool IsValid(ReadOnlySpan<char> field, char checkDigit)
    {
        if (checkDigit == '<')
        {
            return !field.ContainsAnyExcept('<');
        }

        if (checkDigit is < '0' or > '9')
        {
            return false;
        }

        return Compute(field) == checkDigit - '0';
    }

    /// <summary>Whether <paramref name="checkDigit"/> is the check digit of <paramref name="first"/> followed by <paramref name="second"/>.</summary>
    public static bool IsValidComposite(ReadOnlySpan<char> first, ReadOnlySpan<char> second, char checkDigit)
    {
        if (checkDigit is < '0' or > '9')
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < first.Length + second.Length; i++)
        {
            var v = ValueOf(i < first.Length ? first[i] : second[i - first.Length]);
            if (v < 0)
            {
                return false;
            }

            sum += v * (i % 3) switch { 0 => 7, 1 => 3, _ => 1 };
        }

        return sum % 10 == checkDigit - '0';
    }
}
