using System.Text;

namespace Verification.Core.Documents.Mrz;

/// <summary>A run of characters of one line of a zone.</summary>
/// <param name="Line">The line, from 0.</param>
/// <param name="Start">The first column, from 0.</param>
/// <param name="Length">How many characters.</param>
public readonly record struct MrzSpan(int Line, int Start, int Length)
{
    /// <summary>Whether the span holds a position.</summary>
    public bool Contains(int line, int column) => line == Line && column >= Start && column < Start + Length;
}

/// <summary>A field covered by a check digit: its segments in the order the digit is computed over, and the digit's position.</summary>
/// <param name="Name">The check digit's name, as in <c>mrz.check_digit.{name}</c>.</param>
/// <param name="Segments">What the digit covers.</param>
/// <param name="Digit">Where the digit is printed.</param>
public sealed record MrzCheckedField(string Name, IReadOnlyList<MrzSpan> Segments, MrzSpan Digit)
{
    /// <summary>Whether the field's digit holds on the given lines.</summary>
    public bool Holds(IReadOnlyList<char[]> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var text = new StringBuilder();
        foreach (var s in Segments)
        {
            text.Append(lines[s.Line], s.Start, s.Length);
        }

        return MrzCheckDigitCalculator.IsValid(text.ToString(), lines[Digit.Line][Digit.Start]);
    }

    /// <summary>Whether a position belongs to the field or is its digit.</summary>
    public bool Covers(int line, int column) => Digit.Contains(line, column) || Segments.Any(s => s.Contains(line, column));
}

/// <summary>
/// The layout of a zone format, as one table: what each position may hold, which fields check digits cover and
/// which they do not. Readers use it to decode and correct what they read, the checker to judge how sure a
/// reading is where no check digit can confirm it. Classes per position: <c>A</c> letter or filler, <c>N</c> digit,
/// <c>D</c> digit or filler, <c>C</c> check digit or filler, <c>S</c> sex (<c>M</c>, <c>F</c>, <c>X</c>, filler),
/// <c>X</c> any zone character.
/// </summary>
/// <param name="Format">The format.</param>
/// <param name="Width">Characters per line.</param>
/// <param name="Classes">Per line, one class character per position.</param>
/// <param name="Checked">The fields check digits cover.</param>
/// <param name="Unchecked">
/// The spans no field's own check digit covers (names, codes, sex). A composite digit may cover them, but it cannot
/// see the confusion that matters most there: a filler read as <c>K</c> changes the weighted sum by a multiple of 10.
/// </param>
public sealed record MrzLayout(MrzFormat Format, int Width, IReadOnlyList<string> Classes, IReadOnlyList<MrzCheckedField> Checked, IReadOnlyList<MrzSpan> Unchecked)
{
    /// <summary>How many lines.</summary>
    public int Lines => Classes.Count;

    /// <summary>Passports (two lines of 44).</summary>
    public static MrzLayout Td3 { get; } = new(
        MrzFormat.Td3,
        44,
        [new string('A', 44), "XXXXXXXXXNAAADDDDDDNSDDDDDDNXXXXXXXXXXXXXXCN"],
        [
            Field("document_number", 1, 9, new MrzSpan(1, 0, 9)),
            Field("birth_date", 1, 19, new MrzSpan(1, 13, 6)),
            Field("expiry_date", 1, 27, new MrzSpan(1, 21, 6)),
            Field("personal_number", 1, 42, new MrzSpan(1, 28, 14)),
            Field("composite", 1, 43, new MrzSpan(1, 0, 10), new MrzSpan(1, 13, 7), new MrzSpan(1, 21, 22)),
        ],
        [new(0, 0, 44), new(1, 10, 3), new(1, 20, 1)]);

    /// <summary>Cards of two lines of 36 (ICAO TD2).</summary>
    public static MrzLayout Td2 { get; } = new(
        MrzFormat.Td2,
        36,
        [new string('A', 36), "XXXXXXXXXNAAADDDDDDNSDDDDDDNXXXXXXXN"],
        [
            Field("document_number", 1, 9, new MrzSpan(1, 0, 9)),
            Field("birth_date", 1, 19, new MrzSpan(1, 13, 6)),
            Field("expiry_date", 1, 27, new MrzSpan(1, 21, 6)),
            Field("composite", 1, 35, new MrzSpan(1, 0, 10), new MrzSpan(1, 13, 7), new MrzSpan(1, 21, 14)),
        ],
        [new(0, 0, 36), new(1, 10, 3), new(1, 20, 1)]);

    /// <summary>Cards of three lines of 30 (ICAO TD1).</summary>
    public static MrzLayout Td1 { get; } = new(
        MrzFormat.Td1,
        30,
        ["AAAAAXXXXXXXXXC" + new string('X', 15), "DDDDDDNSDDDDDDNAAAXXXXXXXXXXXN", new string('A', 30)],
        [
            Field("document_number", 0, 14, new MrzSpan(0, 5, 9)),
            Field("birth_date", 1, 6, new MrzSpan(1, 0, 6)),
            Field("expiry_date", 1, 14, new MrzSpan(1, 8, 6)),
            Field("composite", 1, 29, new MrzSpan(0, 5, 25), new MrzSpan(1, 0, 7), new MrzSpan(1, 8, 7), new MrzSpan(1, 18, 11)),
        ],
        [new(0, 0, 5), new(1, 7, 1), new(1, 15, 3), new(2, 0, 30)]);

    /// <summary>The French identity card of 1988-2021 (two lines of 36, not an ICAO layout).</summary>
    public static MrzLayout FrenchIdentityCard { get; } = new(
        MrzFormat.FrenchIdLegacy,
        36,
        [new string('A', 30) + "XXXXXX", "NNNNXXXNNNNNN" + new string('A', 14) + "DDDDDDNSN"],
        [
            Field("document_number", 1, 12, new MrzSpan(1, 0, 12)),
            Field("birth_date", 1, 33, new MrzSpan(1, 27, 6)),
            Field("composite", 1, 35, new MrzSpan(0, 0, 36), new MrzSpan(1, 0, 35)),
        ],
        [new(0, 0, 30), new(1, 13, 14), new(1, 34, 1)]);

    /// <summary>The layout of a format, or <see langword="null"/> for formats without one here (visas).</summary>
    public static MrzLayout? For(MrzFormat format) => format switch
    {
        MrzFormat.Td3 => Td3,
        MrzFormat.Td2 => Td2,
        MrzFormat.Td1 => Td1,
        MrzFormat.FrenchIdLegacy => FrenchIdentityCard,
        _ => null,
    };

    /// <summary>Whether a class allows a character.</summary>
    public static bool Allows(char positionClass, char c) => positionClass switch
    {
        'A' => c == '<' || c is >= 'A' and <= 'Z',
        'N' => c is >= '0' and <= '9',
        'D' or 'C' => c == '<' || c is >= '0' and <= '9',
        'S' => c is '<' or 'M' or 'F' or 'X',
        _ => c == '<' || c is >= '0' and <= '9' or >= 'A' and <= 'Z',
    };

    private static MrzCheckedField Field(string name, int digitLine, int digitColumn, params MrzSpan[] segments) =>
        new(name, segments, new MrzSpan(digitLine, digitColumn, 1));
}
