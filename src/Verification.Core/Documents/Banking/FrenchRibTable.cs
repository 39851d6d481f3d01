using System.Text;

namespace Verification.Core.Documents.Banking;

/// <summary>
/// Rebuilds a French IBAN from the RIB table of a French bank-details sheet: code banque (5 digits), code guichet
/// (5 digits), numéro de compte (11 letters or digits) and clé RIB (2 digits), usually printed under those headings.
/// The IBAN is <c>FR</c>, the check digits computed over the BBAN, and the BBAN; it is given only when the RIB key
/// holds, which is what vouches for the reading (the IBAN check digits are computed, so they prove nothing).
/// </summary>
internal static class FrenchRibTable
{
    // Words of a RIB table's headings, any one of which must be in the text: a key that holds by chance (1 in 97)
    // on four numbers of the right lengths in another kind of document is not enough.
    private static readonly string[] Headings = ["GUICHET", "RIB", "BANQUE", "COMPTE", "BANK", "CLE"];

    /// <summary>
    /// Finds a RIB table in a text read from a document and returns the IBAN it gives, or <see langword="null"/>
    /// when there is none, its key fails, or two tables give different accounts.
    /// </summary>
    /// <param name="text">The text as read, any case, lines separated by line breaks.</param>
    /// <param name="country">
    /// The IBAN country of the account: <c>FR</c>, or Monaco or a French territory that uses the same RIB
    /// (<c>MC</c>, <c>GP</c>, <c>RE</c>...), as the sheet's BIC or IBAN line may tell.
    /// </param>
    public static string? FindIban(string text, string country = "FR")
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(country);
        if (!IbanRegistry.Countries.TryGetValue(country, out var spec) || spec.BbanStructure != "5n5n11c2n")
        {
            return null;
        }

        var upper = RemoveAccents(text.ToUpperInvariant());
        if (!Headings.Any(h => upper.Contains(h, StringComparison.Ordinal)))
        {
            return null;
        }

        // The numbers of the table, in reading order; the words of the headings carry no digit and are skipped,
        // so that a table read column by column or row by row gives the same sequence.
        var tokens = Tokens(upper).Where(t => t.Any(char.IsAsciiDigit)).ToList();
        string? found = null;
        for (var start = 0; start < tokens.Count; start++)
        {
            // One to four consecutive numbers that make the 23 characters of a BBAN, cut only where the table's cells end.
            var length = 0;
            var cuts = new List<int>();
            for (var end = start; end < tokens.Count && end < start + 4; end++)
            {
                length += tokens[end].Length;
                if (length > 23)
                {
                    break;
                }

                cuts.Add(length);
                if (length == 23 && cuts.All(c => c is 5 or 10 or 21 or 23) && Rebuild(string.Concat(tokens.Skip(start).Take(end - start + 1)), country) is { } iban)
                {
                    if (found is not null && !string.Equals(found, iban, StringComparison.Ordinal))
                    {
                        return null;
                    }

                    found = iban;
                }
            }
        }

        return found;
    }

    /// <summary>The IBAN of bank, branch, account and key as printed (23 characters), or <see langword="null"/> when the key fails.</summary>
    private static string? Rebuild(string bban, string country)
    {
        var chars = bban.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            // Bank, branch and key are digits: a letter there is a look-alike (O for 0).
            if (i is < 10 or >= 21)
            {
                chars[i] = IbanCorrector.ToDigit(chars[i]);
                if (!char.IsAsciiDigit(chars[i]))
                {
                    return null;
                }
            }
        }

        var fixedBban = new string(chars);
        var key = ((fixedBban[21] - '0') * 10) + (fixedBban[22] - '0');
        if (NationalBankChecks.FrenchRibKey(fixedBban.AsSpan(0, 5), fixedBban.AsSpan(5, 5), fixedBban.AsSpan(10, 11)) != key)
        {
            return null;
        }

        var iban = string.Concat(country, Iban.ComputeCheckDigits(country, fixedBban), fixedBban);
        return Iban.ValidateNormalized(iban).IsValid ? iban : null;
    }

    private static IEnumerable<string> Tokens(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inside = i < text.Length && char.IsAsciiLetterOrDigit(text[i]);
            if (inside && start < 0)
            {
                start = i;
            }
            else if (!inside && start >= 0)
            {
                yield return text[start..i];
                start = -1;
            }
        }
    }

    private static string RemoveAccents(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
