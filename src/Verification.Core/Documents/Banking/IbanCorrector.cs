namespace Verification.Core.Documents.Banking;

/// <summary>How an IBAN reported by a reader was obtained.</summary>
public enum IbanOrigin
{
    /// <summary>Read as printed: it passed every check without any change.</summary>
    Read,

    /// <summary>
    /// Read with OCR look-alikes (O/0, I/1, S/5, B/8, Z/2, G/6) put right: where the country's BBAN structure allows
    /// only one class of character, or the single change that makes the checksum and the national check hold.
    /// </summary>
    Corrected,

    /// <summary>Not read from an IBAN line but rebuilt from a French RIB table (bank, branch, account, key) whose key holds.</summary>
    RebuiltFromRibTable,
}

/// <summary>What <see cref="IbanCorrector.Correct"/> made of a candidate.</summary>
public enum IbanCorrectionOutcome
{
    /// <summary>The candidate is valid as it was read.</summary>
    AlreadyValid,

    /// <summary>Exactly one correction makes the candidate valid; <see cref="IbanCorrection.Iban"/> is that IBAN.</summary>
    Corrected,

    /// <summary>Several different corrections make it valid: none is reported.</summary>
    Ambiguous,

    /// <summary>No correction within the bounds makes it valid.</summary>
    NotFound,
}

/// <summary>The result of correcting an IBAN candidate.</summary>
/// <param name="Outcome">What was found.</param>
/// <param name="Iban">The valid IBAN (as read or corrected), or <see langword="null"/> when ambiguous or not found.</param>
/// <param name="Normalized">The candidate with the look-alikes its structure forces put right (digits where only digits may stand, letters where only letters may), valid or not.</param>
/// <param name="ChangedPositions">The 0-based positions changed from the candidate to <paramref name="Iban"/>.</param>
public sealed record IbanCorrection(IbanCorrectionOutcome Outcome, string? Iban, string Normalized, IReadOnlyList<int> ChangedPositions);

/// <summary>
/// Puts right the characters OCR confuses in an IBAN, guided by its checks. First, where the country's BBAN structure
/// (<see cref="IbanRegistry"/>) allows only digits (<c>n</c>) or only letters (<c>a</c>), a look-alike of the other
/// class is replaced: that change is forced. If the IBAN still fails, the look-alikes at positions that take either
/// class (<c>c</c>) are swapped with their partner (I/1, O/0, S/5, B/8, Z/2, G/6), up to <see cref="MaxChanges"/> at a
/// time, and a correction is accepted only when exactly one combination passes structure, mod-97 and the national
/// check. Two different valid corrections mean the reading cannot say which account it is: nothing is reported; so
/// does a reading valid as it stands when swapping one of its look-alikes gives another valid IBAN (a letter and a
/// digit weigh differently in mod-97, which therefore misses about one such swap in 97).
/// <para>
/// The search is also bounded by what the checks can vouch for. A reading may be wrong in a way the look-alikes do
/// not explain (a 3 read as 8); then each combination tried is a random string that passes mod-97 with odds of 1 in
/// 97 (1 in 97 x 97 with a French RIB key). The search tries only as many combinations as keep the expected number
/// of such false passes under <see cref="RiskBudget"/>: two changes on a French IBAN with few look-alikes, one otherwise, none on
/// an IBAN without a national check (only the forced changes), whose checksum alone vouches for too little.
/// </para>
/// </summary>
public static class IbanCorrector
{
    /// <summary>The most characters changed at once by the search.</summary>
    public const int MaxChanges = 2;

    /// <summary>The largest expected number of wrong IBANs passing by chance among the combinations tried.</summary>
    public const double RiskBudget = 0.004;

    /// <summary>Corrects an IBAN candidate: upper case, no spaces, of the country's length.</summary>
    /// <param name="candidate">The candidate as read.</param>
    public static IbanCorrection Correct(string candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var notFound = new IbanCorrection(IbanCorrectionOutcome.NotFound, null, candidate, []);
        if (candidate.Length < 5 || IbanRegistry.Find(candidate[0], candidate[1], out var nationalCheck) is not { } spec || candidate.Length != spec.Length)
        {
            return notFound;
        }

        // Forced changes: the class the structure demands.
        var chars = candidate.ToCharArray();
        var forced = new List<int>();
        for (var i = 2; i < chars.Length; i++)
        {
            var wanted = i < 4 ? 'n' : spec.BbanPattern[i - 4];
            var replacement = wanted switch
            {
                'n' => ToDigit(chars[i]),
                'a' => ToLetter(chars[i]),
                _ => chars[i],
            };
            if (replacement != chars[i])
            {
                chars[i] = replacement;
                forced.Add(i);
            }
        }

        var normalized = new string(chars);
        var validation = Iban.ValidateNormalized(normalized);
        if (!validation.StructureValid)
        {
            // A character that is no look-alike of the class its position demands: nothing to search.
            return notFound with { Normalized = normalized };
        }

        var swappable = new List<int>();
        for (var i = 4; i < chars.Length; i++)
        {
            if (spec.BbanPattern[i - 4] == 'c' && Partner(chars[i]) != chars[i])
            {
                swappable.Add(i);
            }
        }

        if (validation.IsValid)
        {
            // A letter and the digit it looks like weigh differently (two decimal places against one), so mod-97 does
            // not catch every such swap: where swapping one look-alike also gives a valid IBAN, the reading cannot say
            // which of the two is printed.
            foreach (var position in swappable)
            {
                var neighbour = (char[])chars.Clone();
                neighbour[position] = Partner(neighbour[position]);
                if (Iban.ValidateNormalized(neighbour).IsValid)
                {
                    return new IbanCorrection(IbanCorrectionOutcome.Ambiguous, null, normalized, []);
                }
            }

            return forced.Count == 0
                ? new IbanCorrection(IbanCorrectionOutcome.AlreadyValid, normalized, normalized, [])
                : new IbanCorrection(IbanCorrectionOutcome.Corrected, normalized, normalized, forced);
        }

        var chance = 1.0 / 97 / NationalCheckValues(nationalCheck);
        var k = swappable.Count;
        var depth = 0;
        var tried = 0.0;
        for (var d = 1; d <= MaxChanges; d++)
        {
            tried += d == 1 ? k : k * (k - 1) / 2.0;
            if (tried * chance > RiskBudget)
            {
                break;
            }

            depth = d;
        }

        string? found = null;
        List<int>? foundChanges = null;
        var ambiguous = false;
        foreach (var combination in Combinations(swappable, depth))
        {
            var attempt = (char[])chars.Clone();
            foreach (var position in combination)
            {
                attempt[position] = Partner(attempt[position]);
            }

            var text = new string(attempt);
            if (!Iban.ValidateNormalized(text).IsValid)
            {
                continue;
            }

            if (found is not null && !string.Equals(found, text, StringComparison.Ordinal))
            {
                ambiguous = true;
                break;
            }

            found = text;
            foundChanges = [.. forced, .. combination];
        }

        if (ambiguous)
        {
            return new IbanCorrection(IbanCorrectionOutcome.Ambiguous, null, normalized, []);
        }

        return found is null
            ? notFound with { Normalized = normalized }
            : new IbanCorrection(IbanCorrectionOutcome.Corrected, found, normalized, [.. foundChanges!.Order()]);
    }

    /// <summary>The digit a letter that looks like one stands for, or the character unchanged.</summary>
    internal static char ToDigit(char c) => c switch
    {
        'O' or 'D' or 'Q' => '0',
        'I' or 'L' => '1',
        'S' => '5',
        'B' => '8',
        'Z' => '2',
        'G' => '6',
        _ => c,
    };

    /// <summary>The letter a digit that looks like one stands for, or the character unchanged.</summary>
    internal static char ToLetter(char c) => c switch
    {
        '0' => 'O',
        '1' => 'I',
        '5' => 'S',
        '8' => 'B',
        '2' => 'Z',
        '6' => 'G',
        _ => c,
    };

    private static char Partner(char c) => char.IsAsciiDigit(c) ? ToLetter(c) : c is 'O' or 'I' or 'S' or 'B' or 'Z' or 'G' ? ToDigit(c) : c;

    // How many values the national check can take: a random string passes it with odds of one in that many.
    private static int NationalCheckValues(NationalCheckKind kind) => kind switch
    {
        NationalCheckKind.FrenchRibKey or NationalCheckKind.Belgian or NationalCheckKind.Mod9710Trailing => 97,
        NationalCheckKind.Spanish => 100,
        NationalCheckKind.ItalianCin => 26,
        NationalCheckKind.Norwegian => 10,
        _ => 1,
    };

    private static IEnumerable<int[]> Combinations(List<int> positions, int depth)
    {
        if (depth >= 1)
        {
            foreach (var p in positions)
            {
                yield return [p];
            }
        }

        if (depth >= 2)
        {
            for (var i = 0; i < positions.Count; i++)
            {
                for (var j = i + 1; j < positions.Count; j++)
                {
                    yield return [positions[i], positions[j]];
                }
            }
        }
    }
}
