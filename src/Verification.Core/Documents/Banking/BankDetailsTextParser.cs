using System.Text;

namespace Verification.Core.Documents.Banking;

/// <summary>The values picked from the text of a bank-details sheet.</summary>
/// <param name="Iban">The IBAN that passed every check, or <see langword="null"/>.</param>
/// <param name="IbanOrigin">How <paramref name="Iban"/> was obtained (read, corrected, rebuilt from the RIB table).</param>
/// <param name="IbanCandidates">Every IBAN-like string found, look-alikes forced by the structure put right, the reported one first.</param>
/// <param name="Bic">The first BIC that passed its format check, or <see langword="null"/>.</param>
/// <param name="BicCandidates">Every valid BIC found.</param>
/// <param name="HolderName">The account holder, when a labelled line gives it.</param>
/// <param name="BankName">The bank, when a labelled line gives it.</param>
public sealed record BankDetailsText(
    string? Iban,
    IbanOrigin IbanOrigin,
    IReadOnlyList<string> IbanCandidates,
    string? Bic,
    IReadOnlyList<string> BicCandidates,
    string? HolderName,
    string? BankName);

/// <summary>
/// Picks IBAN, BIC, holder and bank name out of the text a reader (any OCR engine, or a PDF's text layer) got from a
/// bank-details sheet. An IBAN candidate starts with a registered country code and check digits and is cut to the
/// country's length; it is put right by <see cref="IbanCorrector"/> (look-alikes forced by the structure, then a
/// bounded search guided by the checks that refuses ambiguity). The IBAN is the first candidate valid as read; else
/// the one correction all candidates agree on; else the IBAN a French RIB table gives (<see cref="FrenchRibTable"/>).
/// A correction and a RIB table that disagree give no IBAN.
/// </summary>
public static class BankDetailsTextParser
{
    private static readonly string[] HolderLabels = ["TITULAIRE DU COMPTE", "TITULAIRE", "ACCOUNT HOLDER", "ACCOUNT NAME", "HOLDER", "KONTOINHABER", "INTESTATARIO", "TITULAR", "BENEFICIARY", "BENEFICIAIRE", "NAME", "NOM"];
    private static readonly string[] BankLabels = ["DOMICILIATION", "BANQUE", "BANK NAME", "BANK", "KREDITINSTITUT", "BANCA", "BANCO"];
    private static readonly string[] BicLabels = ["BIC", "SWIFT"];

    /// <summary>Parses the text of a bank-details sheet (personal data: the caller must not log it).</summary>
    /// <param name="text">The text, lines separated by <c>\n</c>.</param>
    /// <param name="exactText">
    /// Whether the text is exact (a PDF's text layer) rather than recognised by OCR: an exact IBAN is taken as it
    /// stands, with no correction and no doubt about look-alikes.
    /// </param>
    public static BankDetailsText Parse(string text, bool exactText = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var candidates = new List<string>();
        string? read = null;
        var corrected = new List<string>();
        var ambiguous = false;
        foreach (var line in lines)
        {
            foreach (var raw in IbanCandidates(line.ToUpperInvariant()))
            {
                var correction = exactText
                    ? new IbanCorrection(Banking.Iban.ValidateNormalized(raw).IsValid ? IbanCorrectionOutcome.AlreadyValid : IbanCorrectionOutcome.NotFound, raw, raw, [])
                    : IbanCorrector.Correct(raw);
                if (!candidates.Contains(correction.Normalized, StringComparer.Ordinal))
                {
                    candidates.Add(correction.Normalized);
                }

                switch (correction.Outcome)
                {
                    case IbanCorrectionOutcome.AlreadyValid:
                        read ??= correction.Iban;
                        break;
                    case IbanCorrectionOutcome.Corrected when !corrected.Contains(correction.Iban!, StringComparer.Ordinal):
                        corrected.Add(correction.Iban!);
                        break;
                    case IbanCorrectionOutcome.Ambiguous:
                        ambiguous = true;
                        break;
                }
            }
        }

        var bics = FindBics(lines, read ?? (corrected.Count == 1 ? corrected[0] : null));
        string? iban;
        IbanOrigin origin;
        if (read is not null)
        {
            (iban, origin) = (read, IbanOrigin.Read);
        }
        else
        {
            var rebuilt = FrenchRibTable.FindIban(text, RibCountry(candidates, bics));
            if (corrected.Count == 1 && !ambiguous && (rebuilt is null || string.Equals(rebuilt, corrected[0], StringComparison.Ordinal)))
            {
                (iban, origin) = (corrected[0], IbanOrigin.Corrected);
            }
            else if (rebuilt is not null && (corrected.Count == 0 || corrected.Contains(rebuilt, StringComparer.Ordinal)))
            {
                (iban, origin) = (rebuilt, IbanOrigin.RebuiltFromRibTable);
            }
            else
            {
                (iban, origin) = (null, IbanOrigin.Read);
            }

            if (rebuilt is not null && !candidates.Contains(rebuilt, StringComparer.Ordinal))
            {
                candidates.Add(rebuilt);
            }
        }

        if (iban is not null)
        {
            candidates.Remove(iban);
            candidates.Insert(0, iban);
            if (bics.Count == 0 && read is null)
            {
                bics = FindBics(lines, iban);
            }
        }

        return new BankDetailsText(iban, origin, candidates, bics.FirstOrDefault(), bics, LabelledValue(lines, HolderLabels), LabelledValue(lines, BankLabels));
    }

    // A RIB table does not print its country: Monaco and the French territories share France's RIB, and the sheet's
    // IBAN line (even garbled) or BIC tells which.
    private static string RibCountry(List<string> candidates, List<string> bics)
    {
        foreach (var candidate in candidates)
        {
            if (IbanRegistry.Countries.TryGetValue(candidate[..2], out var spec) && spec.BbanStructure == "5n5n11c2n")
            {
                return spec.Country;
            }
        }

        foreach (var bic in bics)
        {
            if (IbanRegistry.Countries.TryGetValue(bic.Substring(4, 2), out var spec) && spec.BbanStructure == "5n5n11c2n")
            {
                return spec.Country;
            }
        }

        return "FR";
    }

    private static List<string> FindBics(string[] lines, string? iban)
    {
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

        return bics;
    }

    private static IEnumerable<string> IbanCandidates(string line)
    {
        for (var i = 0; i + 4 <= line.Length; i++)
        {
            // A candidate starts a word, or follows the label glued to it ("IBANFR76...", as OCR drops spaces).
            if (i > 0 && char.IsAsciiLetterOrDigit(line[i - 1]) && !(i >= 4 && line.AsSpan(i - 4, 4).SequenceEqual("IBAN")))
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

            if (builder.Length == spec.Length)
            {
                yield return builder.ToString();
            }
        }
    }

    private static string FixBic(string token)
    {
        // Bank and country codes are letters.
        var chars = token.ToCharArray();
        for (var i = 0; i < 6; i++)
        {
            chars[i] = IbanCorrector.ToLetter(chars[i]);
        }

        return new string(chars);
    }

    private static bool IsDigitLike(char c) => char.IsAsciiDigit(c) || c is 'O' or 'I' or 'L' or 'S' or 'B' or 'Z' or 'G';

    // Where the label ends in the line when the line starts with it (spaces in either ignored), or -1.
    private static int LabelEnd(string line, string label)
    {
        var at = 0;
        foreach (var c in label)
        {
            if (c == ' ')
            {
                continue;
            }

            while (at < line.Length && line[at] == ' ')
            {
                at++;
            }

            if (at >= line.Length || line[at] != c)
            {
                return -1;
            }

            at++;
        }

        return at;
    }

    private static string? LabelledValue(string[] lines, string[] labels)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            var upper = lines[i].ToUpperInvariant();
            foreach (var label in labels)
            {
                // OCR of small print drops spaces ("ACCOUNTHOLDER:"): the label matches with or without them.
                var end = LabelEnd(upper, label);
                if (end < 0)
                {
                    continue;
                }

                var rest = lines[i][end..].TrimStart(' ', ':', '.', '-', '\t').Trim();
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
