using System.Globalization;
using System.Text;

namespace Verification.SpecimenBuilders;

/// <summary>Builds zones with their check digits computed here (ICAO 9303 weights 7, 3, 1), independently of the core.</summary>
internal static class MrzBuilder
{
    public static char CheckDigit(string field)
    {
        int[] weights = [7, 3, 1];
        var sum = 0;
        for (var i = 0; i < field.Length; i++)
        {
            var c = field[i];
            var value = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'A' and <= 'Z' => c - 'A' + 10,
                _ => 0,
            };
            sum += value * weights[i % 3];
        }

        return (char)('0' + (sum % 10));
    }

    public static string Pad(string value, int length) =>
        value.Length >= length ? value[..length] : value + new string('<', length - value.Length);

    public static string NameField(string surname, IReadOnlyList<string> given, int length) =>
        Pad(MrzName(surname) + "<<" + string.Join('<', given.Select(MrzName)), length);

    /// <summary>Upper case A-Z, accents stripped, spaces and hyphens as fillers, other marks dropped.</summary>
    public static string MrzName(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD).ToUpperInvariant())
        {
            if (c is >= 'A' and <= 'Z')
            {
                builder.Append(c);
            }
            else if (c is ' ' or '-')
            {
                builder.Append('<');
            }
        }

        return builder.ToString();
    }

    public static string Date(DateOnly date) => date.ToString("yyMMdd", CultureInfo.InvariantCulture);

    public static string[] Td3(string issuer, string surname, IReadOnlyList<string> given, string number, string nationality, DateOnly birth, char sex, DateOnly expiry, string personal)
    {
        var line1 = "P<" + issuer + NameField(surname, given, 39);
        var doc = Pad(number, 9);
        var personalField = Pad(personal, 14);
        var personalDigit = personal.Length == 0 ? '<' : CheckDigit(personalField);
        var part = doc + CheckDigit(doc) + nationality + Date(birth) + CheckDigit(Date(birth)) + sex + Date(expiry) + CheckDigit(Date(expiry)) + personalField + personalDigit;
        var composite = CheckDigit(part[..10] + part[13..20] + part[21..43]);
        return [line1, part + composite];
    }

    public static string[] Td1(string issuer, string surname, IReadOnlyList<string> given, string number, string nationality, DateOnly birth, char sex, DateOnly expiry, string optional)
    {
        var doc = Pad(number, 9);
        var line1 = "ID" + issuer + doc + CheckDigit(doc) + Pad(optional, 15);
        var line2Start = Date(birth) + CheckDigit(Date(birth)) + sex + Date(expiry) + CheckDigit(Date(expiry)) + nationality + Pad(string.Empty, 11);
        var composite = CheckDigit(line1[5..30] + line2Start[..7] + line2Start[8..15] + line2Start[18..29]);
        return [line1, line2Start + composite, NameField(surname, given, 30)];
    }

    /// <summary>The French identity card of 1988-2021: two lines of 36.</summary>
    public static string[] French(string surname, IReadOnlyList<string> given, string office, string number12, DateOnly birth, char sex)
    {
        var line1 = "IDFRA" + Pad(MrzName(surname), 25) + office;
        var givenField = Pad(string.Join("<<", given.Select(MrzName)), 14);
        var start = number12 + CheckDigit(number12) + givenField + Date(birth) + CheckDigit(Date(birth)) + sex;
        var composite = CheckDigit(line1 + start);
        return [line1, start + composite];
    }
}
