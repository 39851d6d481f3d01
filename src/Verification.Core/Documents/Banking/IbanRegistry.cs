using System.Collections.Frozen;

namespace Verification.Core.Documents.Banking;

/// <summary>
/// The countries of the SWIFT IBAN registry with their IBAN length and BBAN structure, written as in the
/// registry: <c>n</c> digits, <c>a</c> upper-case letters, <c>c</c> letters or digits.
/// <para>
/// Follows release <see cref="Release"/> (December 2025), checked country by country: 89 countries, plus the
/// territories the registry lists under France (GF, GP, MQ, RE, PF, TF, YT, NC, BL, MF, PM, WF) and Finland (AX),
/// with their parent's structure. Release 99 added Honduras (HN) and Yemen (YE); release 101 rewrote Estonia's
/// BBAN as <c>2n14n</c> (the same positions, all digits).
/// </para>
/// <para>
/// Deliberate deviations, each more tolerant than the registry so that real accounts are never refused by the
/// structure control (mod-97 still guards them): the bank code of GE (<c>2a</c>), IE, PK, PS and VG (<c>4a</c>)
/// is accepted as letters or digits.
/// </para>
/// </summary>
public static class IbanRegistry
{
    /// <summary>The release of the SWIFT IBAN registry this table follows (release 101, December 2025).</summary>
    public const int Release = 101;

    // Country, total IBAN length, BBAN structure.
    private static readonly (string Country, int Length, string Bban)[] Entries =
    [
        ("AD", 24, "4n4n12c"), ("AE", 23, "3n16n"), ("AL", 28, "8n16c"), ("AT", 20, "5n11n"),
        ("AX", 18, "3n11n"), ("AZ", 28, "4a20c"), ("BA", 20, "3n3n8n2n"), ("BE", 16, "3n7n2n"),
        ("BG", 22, "4a4n2n8c"), ("BH", 22, "4a14c"), ("BI", 27, "5n5n11n2n"), ("BL", 27, "5n5n11c2n"),
        ("BR", 29, "8n5n10n1a1c"), ("BY", 28, "4c4n16c"), ("CH", 21, "5n12c"), ("CR", 22, "4n14n"),
        ("CY", 28, "3n5n16c"), ("CZ", 24, "4n6n10n"), ("DE", 22, "8n10n"), ("DJ", 27, "5n5n11n2n"),
        ("DK", 18, "4n9n1n"), ("DO", 28, "4c20n"), ("EE", 20, "2n14n"), ("EG", 29, "4n4n17n"),
        ("ES", 24, "4n4n1n1n10n"), ("FI", 18, "3n11n"), ("FK", 18, "2a12n"), ("FO", 18, "4n9n1n"),
        ("FR", 27, "5n5n11c2n"), ("GB", 22, "4a6n8n"), ("GE", 22, "2c16n"), ("GF", 27, "5n5n11c2n"),
        ("GI", 23, "4a15c"), ("GL", 18, "4n9n1n"), ("GP", 27, "5n5n11c2n"), ("GR", 27, "3n4n16c"),
        ("GT", 28, "4c20c"), ("HN", 28, "4a20n"), ("HR", 21, "7n10n"), ("HU", 28, "3n4n1n15n1n"), ("IE", 22, "4c6n8n"),
        ("IL", 23, "3n3n13n"), ("IQ", 23, "4a3n12n"), ("IS", 26, "4n2n6n10n"), ("IT", 27, "1a5n5n12c"),
        ("JO", 30, "4a4n18c"), ("KW", 30, "4a22c"), ("KZ", 20, "3n13c"), ("LB", 28, "4n20c"),
        ("LC", 32, "4a24c"), ("LI", 21, "5n12c"), ("LT", 20, "5n11n"), ("LU", 20, "3n13c"),
        ("LV", 21, "4a13c"), ("LY", 25, "3n3n15n"), ("MC", 27, "5n5n11c2n"), ("MD", 24, "2c18c"),
        ("ME", 22, "3n13n2n"), ("MF", 27, "5n5n11c2n"), ("MK", 19, "3n10c2n"), ("MN", 20, "4n12n"),
        ("MQ", 27, "5n5n11c2n"), ("MR", 27, "5n5n11n2n"), ("MT", 31, "4a5n18c"), ("MU", 30, "4a2n2n12n3n3a"),
        ("NC", 27, "5n5n11c2n"), ("NI", 28, "4a20n"), ("NL", 18, "4a10n"), ("NO", 15, "4n6n1n"),
        ("OM", 23, "3n16c"), ("PF", 27, "5n5n11c2n"), ("PK", 24, "4c16c"), ("PL", 28, "8n16n"),
        ("PM", 27, "5n5n11c2n"), ("PS", 29, "4c21c"), ("PT", 25, "4n4n11n2n"), ("QA", 29, "4a21c"),
        ("RE", 27, "5n5n11c2n"), ("RO", 24, "4a16c"), ("RS", 22, "3n13n2n"), ("RU", 33, "9n5n15c"),
        ("SA", 24, "2n18c"), ("SC", 31, "4a2n2n16n3a"), ("SD", 18, "2n12n"), ("SE", 24, "3n16n1n"),
        ("SI", 19, "5n8n2n"), ("SK", 24, "4n6n10n"), ("SM", 27, "1a5n5n12c"), ("SO", 23, "4n3n12n"),
        ("ST", 25, "4n4n11n2n"), ("SV", 28, "4a20n"), ("TF", 27, "5n5n11c2n"), ("TL", 23, "3n14n2n"),
        ("TN", 24, "2n3n13n2n"), ("TR", 26, "5n1n16c"), ("UA", 29, "6n19c"), ("VA", 22, "3n15n"),
        ("VG", 24, "4c16n"), ("WF", 27, "5n5n11c2n"), ("XK", 20, "4n10n2n"), ("YE", 30, "4a4n18c"),
        ("YT", 27, "5n5n11c2n"),
    ];

    // Indexed by (first letter * 26 + second letter) so that a lookup costs no hashing.
    private static readonly IbanCountrySpec?[] ByIndex = Build();

    // The national check of each entry, same index. Kept beside the public record rather than on it so that
    // the record's equality and `with` copies stay exactly as they were.
    private static readonly NationalCheckKind[] NationalCheckByIndex = BuildNationalChecks();

    /// <summary>Every registered country, by its two-letter code.</summary>
    public static FrozenDictionary<string, IbanCountrySpec> Countries { get; } =
        ByIndex.Where(s => s is not null).ToFrozenDictionary(s => s!.Country, s => s!, StringComparer.Ordinal);

    /// <summary>Finds the specification of a country, or <see langword="null"/>.</summary>
    public static IbanCountrySpec? Find(char first, char second)
    {
        if (first is < 'A' or > 'Z' || second is < 'A' or > 'Z')
        {
            return null;
        }

        return ByIndex[((first - 'A') * 26) + (second - 'A')];
    }

    /// <summary>
    /// Finds the specification of a country and the national check its BBAN carries, so that validation can
    /// dispatch without hashing the country code.
    /// </summary>
    internal static IbanCountrySpec? Find(char first, char second, out NationalCheckKind nationalCheck)
    {
        if (first is < 'A' or > 'Z' || second is < 'A' or > 'Z')
        {
            nationalCheck = NationalCheckKind.None;
            return null;
        }

        var index = ((first - 'A') * 26) + (second - 'A');
        nationalCheck = NationalCheckByIndex[index];
        return ByIndex[index];
    }

    private static NationalCheckKind[] BuildNationalChecks()
    {
        var table = new NationalCheckKind[26 * 26];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = ByIndex[i] is { } spec ? NationalBankChecks.KindOf(spec.Country) : NationalCheckKind.None;
        }

        return table;
    }

    private static IbanCountrySpec?[] Build()
    {
        var table = new IbanCountrySpec?[26 * 26];
        foreach (var (country, length, bban) in Entries)
        {
            var pattern = new char[length - 4];
            var at = 0;
            var count = 0;
            foreach (var ch in bban)
            {
                if (char.IsAsciiDigit(ch))
                {
                    count = (count * 10) + (ch - '0');
                    continue;
                }

                pattern.AsSpan(at, count).Fill(ch);
                at += count;
                count = 0;
            }

            if (at != length - 4)
            {
                throw new InvalidOperationException($"The BBAN structure of {country} does not add up to its length.");
            }

            table[((country[0] - 'A') * 26) + (country[1] - 'A')] = new IbanCountrySpec(country, length, bban, new string(pattern));
        }

        return table;
    }
}

/// <summary>One country of the IBAN registry.</summary>
/// <param name="Country">ISO 3166 two-letter code.</param>
/// <param name="Length">Total IBAN length.</param>
/// <param name="BbanStructure">The BBAN structure as the registry writes it, e.g. <c>5n5n11c2n</c>.</param>
/// <param name="BbanPattern">One class letter (<c>n</c>, <c>a</c>, <c>c</c>) per BBAN position.</param>
public sealed record IbanCountrySpec(string Country, int Length, string BbanStructure, string BbanPattern);
