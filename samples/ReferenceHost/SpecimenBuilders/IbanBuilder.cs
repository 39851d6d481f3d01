using System.Numerics;

namespace Verification.SpecimenBuilders;

/// <summary>Builds valid IBANs with their check digits (ISO 7064 mod 97-10) and national keys computed here.</summary>
internal static class IbanBuilder
{
    public static string Iban(string country, string bban)
    {
        var rearranged = bban + country + "00";
        var digits = string.Concat(rearranged.Select(c => char.IsAsciiDigit(c) ? c.ToString() : (c - 'A' + 10).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var check = 98 - (int)(BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) % 97);
        return country + check.ToString("00", System.Globalization.CultureInfo.InvariantCulture) + bban;
    }

    /// <summary>The French RIB key over digits only (the generator uses numeric account numbers).</summary>
    public static string RibKey(string bank, string branch, string account)
    {
        var value = (89 * BigInteger.Parse(bank, System.Globalization.CultureInfo.InvariantCulture)) + (15 * BigInteger.Parse(branch, System.Globalization.CultureInfo.InvariantCulture)) + (3 * BigInteger.Parse(account, System.Globalization.CultureInfo.InvariantCulture));
        return (97 - (int)(value % 97)).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The Belgian national check: the first ten digits mod 97, 97 for zero.</summary>
    public static string BelgianKey(string ten)
    {
        var r = (int)(long.Parse(ten, System.Globalization.CultureInfo.InvariantCulture) % 97);
        return (r == 0 ? 97 : r).ToString("00", System.Globalization.CultureInfo.InvariantCulture);
    }

    public static string Grouped(string iban) => string.Join(' ', iban.Chunk(4).Select(c => new string(c)));
}
