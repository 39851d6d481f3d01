using System.Globalization;
using System.Numerics;
using Verification.Storage.Specification;

namespace Verification.Core.Tests.Documents;

/// <summary>Independent implementations used to build expected values (not shared with the code under test).</summary>
internal static class Independent
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static readonly DateTimeOffset Now = new(2026, 11, 21, 10, 0, 0, TimeSpan.Zero);

    public static ManualClock Clock() => new(Now);

    public static int CheckDigit(string s)
    {
        int[] weights = [7, 3, 1];
        var total = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            var v = c == '<' ? 0 : char.IsDigit(c) ? c - '0' : c - 'A' + 10;
            total += v * weights[i % 3];
        }

        return total % 10;
    }

    public static char Digit(string s) => (char)('0' + CheckDigit(s));

    public static string IbanCheck(string country, string bban)
    {
        var rearranged = bban + country + "00";
        var digits = string.Concat(rearranged.Select(c => char.IsLetter(c) ? (c - 'A' + 10).ToString(Inv) : c.ToString()));
        var mod = (int)(BigInteger.Parse(digits, Inv) % 97);
        return (98 - mod).ToString("00", Inv);
    }

    public static bool IbanValid(string iban)
    {
        var rearranged = iban[4..] + iban[..4];
        var digits = string.Concat(rearranged.Select(c => char.IsLetter(c) ? (c - 'A' + 10).ToString(Inv) : c.ToString()));
        return BigInteger.Parse(digits, Inv) % 97 == 1;
    }
}
