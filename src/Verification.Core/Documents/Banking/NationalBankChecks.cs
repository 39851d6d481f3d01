namespace Verification.Core.Documents.Banking;

/// <summary>
/// National check digits carried inside the BBAN, verified after the IBAN checksum: they catch a BBAN
/// that was assembled by hand and given a recomputed IBAN checksum. Countries: France and the French
/// territories, Monaco (RIB key), Belgium, Spain, Italy and San Marino (CIN), Portugal (NIB), Norway,
/// and the ISO 7064 mod 97-10 pair of Slovenia, Bosnia and Herzegovina, Montenegro, Serbia and North
/// Macedonia.
/// </summary>
public static class NationalBankChecks
{
    private static readonly int[] FrenchRibWeights = BuildFrenchRibWeights();

    // RibDigit for '0' to 'Z', indexed from '0' (the punctuation between digits and letters is never read).
    private static readonly int[] RibDigits = [.. Enumerable.Range('0', 'Z' - '0' + 1).Select(c => RibDigit((char)c))];

    private static readonly int[] SpainWeights = [1, 2, 4, 8, 5, 10, 9, 7, 3, 6];
    private static readonly int[] NorwayWeights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

    // CIN: value of a character in an odd position (1st, 3rd, ...), indexed by digit or letter.
    private static readonly int[] ItalyOdd = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

    /// <summary>
    /// Runs the national check of <paramref name="country"/> on an upper-case BBAN; a BBAN that does not have
    /// the country's registered structure is <see cref="NationalCheckResult.NotApplicable"/>.
    /// </summary>
    public static NationalCheckResult Check(string country, ReadOnlySpan<char> bban)
    {
        ArgumentNullException.ThrowIfNull(country);

        // The checks below index and parse by position: they only run on the structure they were written for.
        if (!IbanRegistry.Countries.TryGetValue(country, out var spec) || !Iban.MatchesPattern(bban, spec.BbanPattern))
        {
            return NationalCheckResult.NotApplicable;
        }

        return CheckStructured(KindOf(country), bban);
    }

    /// <summary>
    /// The national check for a BBAN whose registered structure the caller has already verified; the
    /// validation path calls it with the kind stored on the country's spec, so that it neither looks the
    /// country up again nor re-reads the pattern.
    /// </summary>
    internal static NationalCheckResult CheckStructured(NationalCheckKind kind, ReadOnlySpan<char> bban) => kind switch
    {
        NationalCheckKind.FrenchRibKey => Result(FrenchRibKeyValid(bban)),
        NationalCheckKind.Belgian => Result(BelgianValid(bban)),
        NationalCheckKind.Spanish => Result(SpanishValid(bban)),
        NationalCheckKind.ItalianCin => Result(ItalianCinValid(bban)),
        NationalCheckKind.Mod9710Trailing => Mod9710Trailing(bban),
        NationalCheckKind.Norwegian => Result(NorwegianValid(bban)),
        _ => NationalCheckResult.NotApplicable,
    };

    /// <summary>Which national check a country's BBAN carries; computed once per registry entry.</summary>
    internal static NationalCheckKind KindOf(string country) => country switch
    {
        "FR" or "MC" or "GF" or "GP" or "MQ" or "RE" or "PF" or "TF" or "YT" or "NC" or "BL" or "MF" or "PM" or "WF" => NationalCheckKind.FrenchRibKey,
        "BE" => NationalCheckKind.Belgian,
        "ES" => NationalCheckKind.Spanish,
        "IT" or "SM" => NationalCheckKind.ItalianCin,
        "PT" or "SI" or "BA" or "ME" or "RS" or "MK" => NationalCheckKind.Mod9710Trailing,
        "NO" => NationalCheckKind.Norwegian,
        _ => NationalCheckKind.None,
    };

    /// <summary>The French RIB key of a bank code (5), branch code (5) and account number (11, letters allowed).</summary>
    public static int FrenchRibKey(ReadOnlySpan<char> bank, ReadOnlySpan<char> branch, ReadOnlySpan<char> account)
    {
        // 89 x bank + 15 x branch + 3 x account, with letters replaced by the digit of their RIB group.
        var remainder = 0L;
        remainder = Accumulate(remainder, bank, 89);
        remainder = Accumulate(remainder, branch, 15);
        remainder = Accumulate(remainder, account, 3);
        return 97 - (int)(remainder % 97);

        static long Accumulate(long remainder, ReadOnlySpan<char> part, int weight)
        {
            // At most 11 digits: fits a long, one division per part.
            var value = 0L;
            foreach (var c in part)
            {
                value = (value * 10) + RibDigit(c);
            }

            return (remainder + (value % 97 * weight)) % 97;
        }
    }

    /// <summary>The Italian CIN letter of ABI (5), CAB (5) and account number (12).</summary>
    public static char ItalianCin(ReadOnlySpan<char> abiCabAccount)
    {
        var sum = 0;
        for (var i = 0; i < abiCabAccount.Length; i++)
        {
            var c = abiCabAccount[i];
            var index = c is >= '0' and <= '9' ? c - '0' : c - 'A';
            sum += i % 2 == 0 ? ItalyOdd[index] : index;
        }

        return (char)('A' + (sum % 26));
    }

    /// <summary>One Spanish control digit over ten digits.</summary>
    public static int SpanishDigit(ReadOnlySpan<char> tenDigits)
    {
        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            sum += (tenDigits[i] - '0') * SpainWeights[i];
        }

        var d = 11 - (sum % 11);
        return d switch { 11 => 0, 10 => 1, _ => d };
    }

    private static NationalCheckResult Result(bool valid) => valid ? NationalCheckResult.Passed : NationalCheckResult.Failed;

    private static int RibDigit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        // A-I -> 1-9, J-R -> 1-9, S-Z -> 2-9: the historical letter-to-digit table of the RIB.
        >= 'A' and <= 'I' => c - 'A' + 1,
        >= 'J' and <= 'R' => c - 'J' + 1,
        >= 'S' and <= 'Z' => c - 'S' + 2,
        _ => 0,
    };

    // The structure 5n5n11c2n is verified, so every character is a digit or an upper-case letter. The key is
    // the one FrenchRibKey computes, summed as digit x (part weight x 10^place mod 97) per position: the
    // multiplies are independent instead of a chain of multiply-adds through each part.
    private static bool FrenchRibKeyValid(ReadOnlySpan<char> bban)
    {
        var weights = FrenchRibWeights;
        var digits = RibDigits;
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += digits[bban[i] - '0'] * weights[i];
        }

        var key = ((bban[21] - '0') * 10) + (bban[22] - '0');
        return 97 - (sum % 97) == key;
    }

    // (89 for the bank code, 15 for the branch, 3 for the account) x 10^place mod 97, for the 21 positions.
    private static int[] BuildFrenchRibWeights()
    {
        var weights = new int[21];
        Fill(weights.AsSpan(0, 5), 89);
        Fill(weights.AsSpan(5, 5), 15);
        Fill(weights.AsSpan(10, 11), 3);
        return weights;

        static void Fill(Span<int> part, int weight)
        {
            var place = weight % 97;
            for (var i = part.Length - 1; i >= 0; i--)
            {
                part[i] = place;
                place = place * 10 % 97;
            }
        }
    }

    private static bool BelgianValid(ReadOnlySpan<char> bban)
    {
        var value = long.Parse(bban[..10], provider: System.Globalization.CultureInfo.InvariantCulture);
        var check = ((bban[10] - '0') * 10) + (bban[11] - '0');
        var expected = (int)(value % 97);
        return check == (expected == 0 ? 97 : expected);
    }

    private static bool SpanishValid(ReadOnlySpan<char> bban)
    {
        Span<char> first = stackalloc char[10];
        first[0] = '0';
        first[1] = '0';
        bban[..8].CopyTo(first[2..]);
        return SpanishDigit(first) == bban[8] - '0' && SpanishDigit(bban.Slice(10, 10)) == bban[9] - '0';
    }

    private static bool ItalianCinValid(ReadOnlySpan<char> bban) => ItalianCin(bban[1..]) == bban[0];

    private static bool NorwegianValid(ReadOnlySpan<char> bban)
    {
        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            sum += (bban[i] - '0') * NorwayWeights[i];
        }

        var r = sum % 11;
        var check = r == 0 ? 0 : 11 - r;
        return check != 10 && check == bban[10] - '0';
    }

    // ISO 7064 mod 97-10 over the BBAN without its last two digits, which must equal 98 - (value x 100 mod 97).
    private static NationalCheckResult Mod9710Trailing(ReadOnlySpan<char> bban)
    {
        var body = bban[..^2];
        var remainder = 0;
        foreach (var c in body)
        {
            if (c is < '0' or > '9')
            {
                return NationalCheckResult.NotApplicable;
            }

            remainder = ((remainder * 10) + (c - '0')) % 97;
        }

        var expected = 98 - (remainder * 100 % 97);
        var check = ((bban[^2] - '0') * 10) + (bban[^1] - '0');
        return Result(check == expected);
    }
}

/// <summary>The national check of a country's BBAN, stored on its <see cref="IbanCountrySpec"/>.</summary>
internal enum NationalCheckKind : byte
{
    /// <summary>No national check known.</summary>
    None,

    /// <summary>French RIB key (France, Monaco and the French territories).</summary>
    FrenchRibKey,

    /// <summary>Belgian mod-97 pair.</summary>
    Belgian,

    /// <summary>Spanish two control digits.</summary>
    Spanish,

    /// <summary>Italian and San Marino CIN letter.</summary>
    ItalianCin,

    /// <summary>ISO 7064 mod 97-10 over the BBAN with the two trailing digits (Portugal, Slovenia, Bosnia, Montenegro, Serbia, North Macedonia).</summary>
    Mod9710Trailing,

    /// <summary>Norwegian mod-11 digit.</summary>
    Norwegian,
}
