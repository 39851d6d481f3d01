using System.Text;

namespace Verification.Core.Documents.Names;

/// <summary>
/// Turns a name as typed or printed into a canonical form for comparison: upper-case ASCII letters and
/// single spaces between name parts. Diacritics go (<c>É</c> is <c>E</c>), letters that ICAO 9303
/// transliterates into two letters become them (<c>Ä</c>/<c>Æ</c> <c>AE</c>, <c>Ö</c>/<c>Ø</c>/<c>Œ</c>
/// <c>OE</c>, <c>Ü</c> <c>UE</c>, <c>Å</c> <c>AA</c>, <c>ß</c> <c>SS</c>, <c>Þ</c> <c>TH</c>), hyphens, fillers
/// (<c>&lt;</c>), dots and commas separate parts, apostrophes join them (<c>O'Brien</c> is <c>OBRIEN</c>).
/// Then the German and Scandinavian digraphs are folded to their base vowel (<c>AE</c> to <c>A</c>, <c>OE</c>
/// to <c>O</c>, <c>UE</c> to <c>U</c>, <c>AA</c> to <c>A</c>) on both sides of every comparison, so that
/// <c>Müller</c>, <c>MUELLER</c> and <c>MULLER</c> have one form.
/// </summary>
public static class NameNormalizer
{
    private const char First = '\u00C0';
    private const char Last = '\u017F';

    // For U+00C0..U+017F: the one or two ASCII letters the character becomes (empty: dropped).
    private static readonly string[] Latin = BuildLatin();

    /// <summary>The longest input considered; longer names are cut (no real name is longer).</summary>
    public const int MaxLength = 128;

    /// <summary>Canonical form as a string (tokens separated by single spaces), for display and tests.</summary>
    public static string Canonical(string? name)
    {
        Span<char> buffer = stackalloc char[MaxLength * 2];
        var length = Canonicalize(name, buffer);
        return new string(buffer[..length]);
    }

    /// <summary>
    /// Writes the canonical form of <paramref name="name"/> into <paramref name="output"/> (which should hold
    /// twice <see cref="MaxLength"/>) and returns its length.
    /// </summary>
    public static int Canonicalize(ReadOnlySpan<char> name, Span<char> output)
    {
        var length = 0;
        var pendingSpace = false;
        var limit = Math.Min(name.Length, MaxLength);
        for (var i = 0; i < limit; i++)
        {
            var c = name[i];
            string? letters = null;
            if (c is >= 'a' and <= 'z')
            {
                c = (char)(c - 32);
            }
            else if (c is >= 'A' and <= 'Z')
            {
                // Already canonical.
            }
            else if (c is '\'' or '\u2019' or '\u2018' or '`' or '\u02BC' or '\u00B4')
            {
                continue;
            }
            else if (c is >= First and <= Last)
            {
                letters = Latin[c - First];
            }
            else if (c > Last && char.IsLetter(c))
            {
                letters = Decompose(c);
            }
            else
            {
                // Spaces, hyphens, fillers, dots, commas, digits and anything else separate parts.
                pendingSpace = length > 0;
                continue;
            }

            if (letters is { Length: 0 })
            {
                continue;
            }

            if (pendingSpace)
            {
                output[length++] = ' ';
                pendingSpace = false;
            }

            if (letters is null)
            {
                Append(output, ref length, c);
                continue;
            }

            foreach (var letter in letters)
            {
                Append(output, ref length, letter);
            }
        }

        return length;
    }

    private static void Append(Span<char> output, ref int length, char letter)
    {
        // Fold digraphs as they are produced: the previous letter and this one.
        if (length > 0 && IsFoldable(output[length - 1], letter))
        {
            return;
        }

        output[length++] = letter;
    }

    private static bool IsFoldable(char previous, char letter) =>
        (letter == 'E' && previous is 'A' or 'O' or 'U') || (letter == 'A' && previous == 'A');

    private static string Decompose(char c)
    {
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        var b = char.ToUpperInvariant(decomposed[0]);
        return b is >= 'A' and <= 'Z' ? b.ToString() : string.Empty;
    }

    private static string[] BuildLatin()
    {
        var table = new string[Last - First + 1];
        for (var c = First; c <= Last; c++)
        {
            var upper = char.ToUpperInvariant(c);
            table[c - First] = upper switch
            {
                'Ä' or 'Æ' => "AE",
                'Ö' or 'Ø' or 'Œ' => "OE",
                'Ü' => "UE",
                'Å' => "AA",
                'Þ' => "TH",
                'Ð' or 'Đ' => "D",
                'Ł' => "L",
                'Ĳ' => "IJ",
                '×' or '÷' => string.Empty,
                _ => c switch
                {
                    'ß' => "SS",
                    'ı' => "I",
                    'ĸ' => "K",
                    'ŉ' => "N",
                    'ſ' => "S",
                    _ => Decompose(c),
                },
            };
        }

        return table;
    }

    /// <summary>Canonical form with parts joined (no spaces), e.g. for <c>Jean-Pierre</c> <c>JEANPIERRE</c>.</summary>
    public static string Joined(string? name) => Canonical(name).Replace(" ", string.Empty, StringComparison.Ordinal);
}
