using System.Text;
using Verification.Core.Documents.Banking;

namespace Verification.Reading.Tesseract.Banking;

/// <summary>The values picked from a bank-details text.</summary>
internal sealed record BankDetailsCandidates(
    string? Iban,
    IReadOnlyList<string> IbanCandidates,
    string? Bic,
    IReadOnlyList<string> BicCandidates,
    string? HolderName,
    string? BankName);

/// <summary>
/// Picks IBAN, BIC, holder and bank name out of the text of a bank-details sheet. An IBAN candidate starts
/// with a registered country code and check digits and is cut to the country's length; characters that OCR
/// confuses (O/0, I/1, S/5, B/8, Z/2, G/6) are mapped only where the registry's structure demands digits,
/// never searched, so that a misread fails mod-97 instead of being "repaired" into another valid number.
/// The IBAN is the first candidate that passes every check.
/// </summary>
internal static class BankDetailsExtractor
{
    private static readonly string[] HolderLabels = ["TITULAIRE DU COMPTE", "TITULAIRE", "ACCOUNT HOLDER", "ACCOUNT NAME", "HOLDER", "KONTOINHABER", "INTESTATARIO", "TITULAR", "BENEFICIARY", "BENEFICIAIRE", "NAME", "NOM"];
    private static readonly string[] BankLabels = ["DOMICILIATION", "BANQUE", "BANK NAME", "BANK", "KREDITINSTITUT", "BANCA", "BANCO"];
    private static readonly string[] BicLabels = ["BIC", "SWIFT"];

    public static BankDetailsCandidates Extract(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var ibans = new List<string>();
        string? iban = null;
        foreach (var line in lines)
        {
            foreach (var candidate in IbanCandidates(line.ToUpperInvariant()))
            {
                if (ibans.Contains(candidate, StringComparer.Ordinal))
                {
                    continue;
                }

                if (iban is null && Iban.ValidateNormalized(candidate).IsValid)
                {
                    iban = candidate;
                    ibans.Insert(0, candidate);
                }
                else
                {
                    ibans.Add(candidate);
                }
            }
        }

        var bics = new List<string>();
        foreach (var line in lines)
        {
            var upper = line.ToUpperInvariant();
            var labelled = BicLabels.Any(label => upper.Contains(label, StringComparison.Ordinal));
            foreach (var token in upper.Split([' ', ':', ',', ';', '(', ')', '/', '|'], StringSplitOptions.RemoveEmptyEntries))
            {
                if (token.Length is not (8 or 11) || BicLabels.Contains(token))
                {
                    continue;
                }

                var fixedToken = FixBic(token);
                var validation = Bic.Validate(fixedToken);
                // Unlabelled tokens count only when their country agrees with the IBAN's: words of 8 letters abound.
                if (validation.IsValid && (labelled || (iban is not null && Bic.CountriesAgree(validation.Country!, iban[..2]))) && !bics.Contains(fixedToken))
                {
                    bics.Add(fixedToken);
                }
            }
        }

        return new BankDetailsCandidates(
            iban,
            ibans,
            bics.FirstOrDefault(),
            bics,
            LabelledValue(lines, HolderLabels),
            LabelledValue(lines, BankLabels));
    }

    private static IEnumerable<string> IbanCandidates(string line)
    {
        for (var i = 0; i + 4 <= line.Length; i++)
        {
            if (i > 0 && char.IsAsciiLetterOrDigit(line[i - 1]))
            {
                continue;
            }

            var spec = IbanRegistry.Find(line[i], line[i + 1]);
            if (spec is null || !IsDigitLike(line[i + 2]) || !IsDigitLike(line[i + 3]))
            {
                continue;
            }

            // Collect the country's length of letters and digits, skipping the spaces that group them.
            var builder = new StringBuilder(spec.Length);
            var j = i;
            while (j < line.Length && builder.Length < spec.Length)
            {
                var c = line[j];
                if (char.IsAsciiLetterOrDigit(c))
                {
                    builder.Append(c);
                }
                else if (c is not (' ' or '-' or '.'))
                {
                    break;
                }

                j++;
            }

            if (builder.Length != spec.Length)
            {
                continue;
            }

            yield return FixDigits(builder.ToString(), spec.BbanStructure);
        }
    }

    /// <summary>Maps confusable letters to digits where the structure says digits (check digits and <c>n</c> groups).</summary>
    private static string FixDigits(string iban, string bbanStructure)
    {
        var chars = iban.ToCharArray();
        chars[2] = ToDigit(chars[2]);
        chars[3] = ToDigit(chars[3]);
        var position = 4;
        var number = 0;
        foreach (var c in bbanStructure)
        {
            if (char.IsAsciiDigit(c))
            {
                number = (number * 10) + (c - '0');
                continue;
            }

            for (var k = 0; k < number && position < chars.Length; k++, position++)
            {
                if (c == 'n')
                {
                    chars[position] = ToDigit(chars[position]);
                }
            }

            number = 0;
        }

        return new string(chars);
    }

    private static string FixBic(string token)
    {
        // Bank and country codes are letters.
        var chars = token.ToCharArray();
        for (var i = 0; i < 6; i++)
        {
            chars[i] = chars[i] switch { '0' => 'O', '1' => 'I', '5' => 'S', '8' => 'B', '2' => 'Z', '6' => 'G', _ => chars[i] };
        }

        return new string(chars);
    }

    private static bool IsDigitLike(char c) => char.IsAsciiDigit(c) || c is 'O' or 'I' or 'L' or 'S' or 'B' or 'Z' or 'G';

    private static char ToDigit(char c) => c switch
    {
        'O' or 'D' or 'Q' => '0',
        'I' or 'L' => '1',
        'S' => '5',
        'B' => '8',
        'Z' => '2',
        'G' => '6',
        _ => c,
    };

    private static string? LabelledValue(string[] lines, string[] labels)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            var upper = lines[i].ToUpperInvariant();
            foreach (var label in labels)
            {
                if (!upper.StartsWith(label, StringComparison.Ordinal))
                {
                    continue;
                }

                var rest = lines[i][label.Length..].TrimStart(' ', ':', '.', '-', '\t').Trim();
                if (rest.Length > 0 && char.IsLetter(rest[0]))
                {
                    return rest;
                }

                if (rest.Length == 0 && i + 1 < lines.Length && lines[i + 1].Any(char.IsLetter) && !lines[i + 1].Contains(':', StringComparison.Ordinal))
                {
                    return lines[i + 1].Trim();
                }
            }
        }

        return null;
    }
}
