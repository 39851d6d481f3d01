namespace Verification.Core.Documents.Banking;

/// <summary>What, if anything, is wrong with a BIC.</summary>
public enum BicProblem
{
    /// <summary>The BIC is well formed.</summary>
    None,

    /// <summary>Nothing was given.</summary>
    Empty,

    /// <summary>Not 8 or 11 characters.</summary>
    WrongLength,

    /// <summary>A character outside A-Z and 0-9, or a digit where ISO 9362 wants a letter.</summary>
    InvalidCharacters,

    /// <summary>The country part is not an ISO 3166 country (Kosovo's <c>XK</c> is accepted).</summary>
    UnknownCountry,
}

/// <summary>The result of <see cref="Bic.Validate"/>.</summary>
/// <param name="Problem">The problem, or <see cref="BicProblem.None"/>.</param>
/// <param name="Country">The country part when the BIC is long enough to have one.</param>
/// <param name="IsTestBic">The location code's second character is <c>0</c>: a test BIC, not used for payments.</param>
public readonly record struct BicValidation(BicProblem Problem, string? Country, bool IsTestBic)
{
    /// <summary>Whether the BIC is well formed.</summary>
    public bool IsValid => Problem == BicProblem.None;
}

/// <summary>
/// BIC (ISO 9362): 4 characters of party prefix (letters; ISO 9362:2014 allows digits too, so they are
/// accepted), 2 letters of country, 2 letters or digits of location, and optionally 3 of branch.
/// </summary>
public static class Bic
{
    // Territories whose banks carry their own BIC country while their accounts use the IBAN prefix of another.
    private static readonly Dictionary<string, string> IbanCountryOfTerritory = new(StringComparer.Ordinal)
    {
        ["GF"] = "FR", ["GP"] = "FR", ["MQ"] = "FR", ["RE"] = "FR", ["PF"] = "FR", ["TF"] = "FR", ["YT"] = "FR",
        ["NC"] = "FR", ["BL"] = "FR", ["MF"] = "FR", ["PM"] = "FR", ["WF"] = "FR",
        ["GG"] = "GB", ["JE"] = "GB", ["IM"] = "GB", ["AX"] = "FI",
    };

    /// <summary>Upper-cases and removes spaces; <see langword="null"/> for nothing.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        Span<char> buffer = stackalloc char[Math.Min(input.Length, 64)];
        var length = 0;
        foreach (var ch in input)
        {
            if (char.IsWhiteSpace(ch))
            {
                continue;
            }

            if (length == buffer.Length)
            {
                break;
            }

            buffer[length++] = char.ToUpperInvariant(ch);
        }

        return new string(buffer[..length]);
    }

    /// <summary>Validates a BIC (already normalised or as typed: spaces and lower case are tolerated).</summary>
    public static BicValidation Validate(ReadOnlySpan<char> input)
    {
        // Most BICs arrive normalised: then the loop below would copy them unchanged and find nothing
        // invalid, so they go straight to the country check without the copy.
        // The copy lives in its own method: a stackalloc keeps a method out of tiered compilation, and
        // this one should get it.
        return input.Length is 8 or 11 && !input.ContainsAnyExcept(Iban.UpperAlphanumerics)
            ? ValidateWellFormed(input)
            : ValidateTyped(input);
    }

    private static BicValidation ValidateTyped(ReadOnlySpan<char> input)
    {
        // One pass: drop spaces, upper-case ASCII letters, note any character outside A-Z 0-9; the length is
        // judged before the characters, as a reader of the problem expects.
        Span<char> bic = stackalloc char[11];
        var length = 0;
        var invalid = false;
        foreach (var ch in input)
        {
            if (ch == ' ')
            {
                continue;
            }

            if (length == 11)
            {
                return new(BicProblem.WrongLength, null, false);
            }

            var c = char.IsAsciiLetterLower(ch) ? (char)(ch - ('a' - 'A')) : ch;
            invalid |= !char.IsAsciiLetterUpper(c) && !char.IsAsciiDigit(c);
            bic[length++] = c;
        }

        if (length == 0)
        {
            return new(BicProblem.Empty, null, false);
        }

        if (length is not (8 or 11))
        {
            return new(BicProblem.WrongLength, null, false);
        }

        if (invalid)
        {
            return new(BicProblem.InvalidCharacters, null, false);
        }

        return ValidateWellFormed(bic[..length]);
    }

    // 8 or 11 characters of A-Z and 0-9: only the country part remains to be checked.
    private static BicValidation ValidateWellFormed(ReadOnlySpan<char> bic)
    {
        if (!char.IsAsciiLetterUpper(bic[4]) || !char.IsAsciiLetterUpper(bic[5]))
        {
            return new(BicProblem.InvalidCharacters, null, false);
        }

        if (!Mrz.CountryCodes.TryGetIso3166Alpha2(bic.Slice(4, 2), out var country))
        {
            return new(BicProblem.UnknownCountry, new string(bic.Slice(4, 2)), false);
        }

        return new(BicProblem.None, country, bic[7] == '0');
    }

    /// <summary>
    /// Whether a bank with a BIC of <paramref name="bicCountry"/> can hold an IBAN of <paramref name="ibanCountry"/>:
    /// the same country, or a territory whose accounts use the other's IBAN prefix.
    /// </summary>
    public static bool CountriesAgree(string bicCountry, string ibanCountry)
    {
        ArgumentNullException.ThrowIfNull(bicCountry);
        ArgumentNullException.ThrowIfNull(ibanCountry);
        if (string.Equals(bicCountry, ibanCountry, StringComparison.Ordinal))
        {
            return true;
        }

        var bicAsIban = IbanCountryOfTerritory.GetValueOrDefault(bicCountry, bicCountry);
        var ibanAsIban = IbanCountryOfTerritory.GetValueOrDefault(ibanCountry, ibanCountry);

        // Monaco's banks are often French banks with FR BICs.
        return string.Equals(bicAsIban, ibanAsIban, StringComparison.Ordinal)
               || (bicAsIban is "FR" && ibanAsIban is "MC");
    }
}
