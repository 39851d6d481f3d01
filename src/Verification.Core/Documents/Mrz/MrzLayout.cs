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
/// <param name="Kind">Which check digit.</param>
/// <param name="Name">The check digit's name, as in <c>mrz.check_digit.{name}</c>.</param>
/// <param name="Segments">What the digit covers.</param>
/// <param name="Digit">Where the digit is printed.</param>
public sealed record MrzCheckedField(MrzCheckDigitKind Kind, string Name, IReadOnlyList<MrzSpan> Segments, MrzSpan Digit)
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

/// <summary>The data fields of a zone, by what they hold.</summary>
public enum MrzField
{
    /// <summary>The document code (<c>P</c>, <c>ID</c>, <c>IR</c>, <c>V</c>...).</summary>
    DocumentCode,

    /// <summary>The issuing state or organisation.</summary>
    IssuingState,

    /// <summary>The names (ICAO: surname, <c>&lt;&lt;</c>, given names); the surname alone where given names have their own field.</summary>
    Names,

    /// <summary>The given names, where they have a field of their own (French card of 1988-2021).</summary>
    GivenNames,

    /// <summary>The document number.</summary>
    DocumentNumber,

    /// <summary>The optional data where the rest of a document number longer than its field goes (TD1, TD2).</summary>
    OptionalData,

    /// <summary>The personal number (TD3).</summary>
    PersonalNumber,

    /// <summary>The holder's nationality.</summary>
    Nationality,

    /// <summary>The date of birth (YYMMDD).</summary>
    BirthDate,

    /// <summary>The sex.</summary>
    Sex,

    /// <summary>The date of expiry (YYMMDD).</summary>
    ExpiryDate,

    /// <summary>The year and month of issue (YYMM) at the start of the document number (French card of 1988-2021).</summary>
    IssueMonth,
}

/// <summary>
/// The layout of a zone format, as one table: where each field stands, what each position may hold, which fields
/// check digits cover and which they do not. The parser reads and corrects a zone from it, readers decode what they
/// read with it, the checker judges how sure a reading is where no check digit can confirm it. Classes per position:
/// <c>L</c> letter (the first of the document code and of the issuing state; a nationality may be left blank), <c>A</c> letter or filler, <c>N</c> digit, <c>D</c> digit or filler, <c>C</c> check digit or filler, <c>S</c> sex
/// (<c>M</c>, <c>F</c>, <c>X</c>, filler), <c>X</c> any zone character.
/// </summary>
/// <param name="Format">The format.</param>
/// <param name="Width">Characters per line.</param>
/// <param name="Classes">Per line, one class character per position.</param>
/// <param name="Checked">The fields check digits cover, in the order of <see cref="MrzCheckDigitKind"/>.</param>
/// <param name="Unchecked">
/// The spans no field's own check digit covers (names, codes, sex). A composite digit may cover them, but it cannot
/// see the confusion that matters most there: a filler read as <c>K</c> changes the weighted sum by a multiple of 10.
/// </param>
/// <param name="Fields">Where each data field stands.</param>
public sealed record MrzLayout(
    MrzFormat Format,
    int Width,
    IReadOnlyList<string> Classes,
    IReadOnlyList<MrzCheckedField> Checked,
    IReadOnlyList<MrzSpan> Unchecked,
    IReadOnlyDictionary<MrzField, MrzSpan> Fields)
{
    /// <summary>How many lines.</summary>
    public int Lines => Classes.Count;

    /// <summary>Passports (two lines of 44).</summary>
    public static MrzLayout Td3 { get; } = new(
        MrzFormat.Td3,
        44,
        ["LAL" + new string('A', 41), "XXXXXXXXXNAAADDDDDDNSDDDDDDNXXXXXXXXXXXXXXCN"],
        [
            Field(MrzCheckDigitKind.DocumentNumber, 1, 9, new MrzSpan(1, 0, 9)),
            Field(MrzCheckDigitKind.BirthDate, 1, 19, new MrzSpan(1, 13, 6)),
            Field(MrzCheckDigitKind.ExpiryDate, 1, 27, new MrzSpan(1, 21, 6)),
            Field(MrzCheckDigitKind.PersonalNumber, 1, 42, new MrzSpan(1, 28, 14)),
            Field(MrzCheckDigitKind.Composite, 1, 43, new MrzSpan(1, 0, 10), new MrzSpan(1, 13, 7), new MrzSpan(1, 21, 22)),
        ],
        [new(0, 0, 44), new(1, 10, 3), new(1, 20, 1)],
        IcaoFields(44, (MrzField.PersonalNumber, new MrzSpan(1, 28, 14))));

    /// <summary>Cards of two lines of 36 (ICAO TD2).</summary>
    public static MrzLayout Td2 { get; } = new(
        MrzFormat.Td2,
        36,
        ["LAL" + new string('A', 33), "XXXXXXXXXNAAADDDDDDNSDDDDDDNXXXXXXXN"],
        [
            Field(MrzCheckDigitKind.DocumentNumber, 1, 9, new MrzSpan(1, 0, 9)),
            Field(MrzCheckDigitKind.BirthDate, 1, 19, new MrzSpan(1, 13, 6)),
            Field(MrzCheckDigitKind.ExpiryDate, 1, 27, new MrzSpan(1, 21, 6)),
            Field(MrzCheckDigitKind.Composite, 1, 35, new MrzSpan(1, 0, 10), new MrzSpan(1, 13, 7), new MrzSpan(1, 21, 14)),
        ],
        [new(0, 0, 36), new(1, 10, 3), new(1, 20, 1)],
        IcaoFields(36, (MrzField.OptionalData, new MrzSpan(1, 28, 7))));

    /// <summary>Cards of three lines of 30 (ICAO TD1).</summary>
    public static MrzLayout Td1 { get; } = new(
        MrzFormat.Td1,
        30,
        ["LALAAXXXXXXXXXC" + new string('X', 15), "DDDDDDNSDDDDDDNAAAXXXXXXXXXXXN", new string('A', 30)],
        [
            Field(MrzCheckDigitKind.DocumentNumber, 0, 14, new MrzSpan(0, 5, 9)),
            Field(MrzCheckDigitKind.BirthDate, 1, 6, new MrzSpan(1, 0, 6)),
            Field(MrzCheckDigitKind.ExpiryDate, 1, 14, new MrzSpan(1, 8, 6)),
            Field(MrzCheckDigitKind.Composite, 1, 29, new MrzSpan(0, 5, 25), new MrzSpan(1, 0, 7), new MrzSpan(1, 8, 7), new MrzSpan(1, 18, 11)),
        ],
        [new(0, 0, 5), new(1, 7, 1), new(1, 15, 3), new(2, 0, 30)],
        new Dictionary<MrzField, MrzSpan>
        {
            [MrzField.DocumentCode] = new(0, 0, 2),
            [MrzField.IssuingState] = new(0, 2, 3),
            [MrzField.DocumentNumber] = new(0, 5, 9),
            [MrzField.OptionalData] = new(0, 15, 15),
            [MrzField.BirthDate] = new(1, 0, 6),
            [MrzField.Sex] = new(1, 7, 1),
            [MrzField.ExpiryDate] = new(1, 8, 6),
            [MrzField.Nationality] = new(1, 15, 3),
            [MrzField.Names] = new(2, 0, 30),
        });

    /// <summary>The French identity card of 1988-2021 (two lines of 36, not an ICAO layout).</summary>
    public static MrzLayout FrenchIdentityCard { get; } = new(
        MrzFormat.FrenchIdLegacy,
        36,
        ["LAL" + new string('A', 27) + "XXXXXX", "NNNNXXXNNNNNN" + new string('A', 14) + "DDDDDDNSN"],
        [
            Field(MrzCheckDigitKind.DocumentNumber, 1, 12, new MrzSpan(1, 0, 12)),
            Field(MrzCheckDigitKind.BirthDate, 1, 33, new MrzSpan(1, 27, 6)),
            Field(MrzCheckDigitKind.Composite, 1, 35, new MrzSpan(0, 0, 36), new MrzSpan(1, 0, 35)),
        ],
        [new(0, 0, 30), new(1, 13, 14), new(1, 34, 1)],
        new Dictionary<MrzField, MrzSpan>
        {
            [MrzField.DocumentCode] = new(0, 0, 2),
            [MrzField.IssuingState] = new(0, 2, 3),
            [MrzField.Names] = new(0, 5, 25),
            [MrzField.DocumentNumber] = new(1, 0, 12),
            [MrzField.IssueMonth] = new(1, 0, 4),
            [MrzField.GivenNames] = new(1, 13, 14),
            [MrzField.BirthDate] = new(1, 27, 6),
            [MrzField.Sex] = new(1, 34, 1),
        });

    /// <summary>Machine-readable visas, full size (two lines of 44, MRV-A).</summary>
    internal static MrzLayout MrvA { get; } = Visa(MrzFormat.MrvA, 44);

    /// <summary>Machine-readable visas, small (two lines of 36, MRV-B).</summary>
    internal static MrzLayout MrvB { get; } = Visa(MrzFormat.MrvB, 36);

    /// <summary>The layout of a format, or <see langword="null"/> for visas (which readers and the checker do not decode by layout).</summary>
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
        'L' => c is >= 'A' and <= 'Z',
        'N' => c is >= '0' and <= '9',
        'D' or 'C' => c == '<' || c is >= '0' and <= '9',
        'S' => c is '<' or 'M' or 'F' or 'X',
        _ => c == '<' || c is >= '0' and <= '9' or >= 'A' and <= 'Z',
    };

    /// <summary>The name fields (<see cref="MrzField.Names"/>, then <see cref="MrzField.GivenNames"/> where there is one).</summary>
    internal MrzSpan[] NameFields { get; } = [.. new[] { MrzField.Names, MrzField.GivenNames }.Where(Fields.ContainsKey).Select(f => Fields[f])];

    /// <summary>Whether the composite digit covers a name field (the French card): then it can tell an initial from stray fillers.</summary>
    internal bool CompositeCoversNames { get; } =
        Checked.FirstOrDefault(f => f.Kind == MrzCheckDigitKind.Composite) is { } composite
        && Fields.Where(f => f.Key is MrzField.Names or MrzField.GivenNames)
            .Any(n => Enumerable.Range(n.Value.Start, n.Value.Length).Any(c => composite.Covers(n.Value.Line, c)));

    // Per position, whether a field's own digit covers it or it is a check digit (computed once per layout).
    private readonly bool[][] _confirmedByOwnDigit = [.. Classes.Select((line, l) => Enumerable.Range(0, line.Length)
        .Select(i => Checked.Any(f => f.Digit.Contains(l, i) || (f.Kind != MrzCheckDigitKind.Composite && f.Covers(l, i)))).ToArray())];

    // The table indexed by kind and by field, so that parsing looks positions up without searching.
    private readonly MrzCheckedField?[] _checkedByKind = ByIndex(Checked.Select(f => ((int)f.Kind, f)));
    private readonly MrzSpan?[] _spanByField = ByIndex(Fields.Select(f => ((int)f.Key, (MrzSpan?)f.Value)));

    /// <summary>The field covered by a check digit, or <see langword="null"/> when the layout has no such digit.</summary>
    public MrzCheckedField? CheckedField(MrzCheckDigitKind kind) => (int)kind < _checkedByKind.Length ? _checkedByKind[(int)kind] : null;

    /// <summary>
    /// Whether a field's own check digit covers the position, or it is a check digit: a composite digit spread over
    /// several fields confirms none of them on its own (the positions it alone covers are as sure as they were read).
    /// </summary>
    internal bool IsConfirmedByOwnDigit(int line, int column) => _confirmedByOwnDigit[line][column];

    /// <summary>The span of a data field, or <see langword="null"/> when the layout has no such field.</summary>
    public MrzSpan? Span(MrzField field) => (int)field < _spanByField.Length ? _spanByField[(int)field] : null;

    private static T?[] ByIndex<T>(IEnumerable<(int Index, T Value)> items)
    {
        var list = items.ToList();
        var table = new T?[list.Count == 0 ? 0 : list.Max(i => i.Index) + 1];
        foreach (var (index, value) in list)
        {
            table[index] = value;
        }

        return table;
    }

    private static MrzCheckedField Field(MrzCheckDigitKind kind, int digitLine, int digitColumn, params MrzSpan[] segments) =>
        new(kind, NameOf(kind), segments, new MrzSpan(digitLine, digitColumn, 1));

    private static string NameOf(MrzCheckDigitKind kind) => kind switch
    {
        MrzCheckDigitKind.DocumentNumber => "document_number",
        MrzCheckDigitKind.BirthDate => "birth_date",
        MrzCheckDigitKind.ExpiryDate => "expiry_date",
        MrzCheckDigitKind.PersonalNumber => "personal_number",
        _ => "composite",
    };

    // TD2, TD3 and both visas share their fixed fields: code, issuer and names on the upper line, the rest on the lower.
    private static Dictionary<MrzField, MrzSpan> IcaoFields(int width, params (MrzField Field, MrzSpan Span)[] more)
    {
        var fields = new Dictionary<MrzField, MrzSpan>
        {
            [MrzField.DocumentCode] = new(0, 0, 2),
            [MrzField.IssuingState] = new(0, 2, 3),
            [MrzField.Names] = new(0, 5, width - 5),
            [MrzField.DocumentNumber] = new(1, 0, 9),
            [MrzField.Nationality] = new(1, 10, 3),
            [MrzField.BirthDate] = new(1, 13, 6),
            [MrzField.Sex] = new(1, 20, 1),
            [MrzField.ExpiryDate] = new(1, 21, 6),
        };
        foreach (var (field, span) in more)
        {
            fields[field] = span;
        }

        return fields;
    }

    // Visas have no composite digit and keep their optional data free (no long document numbers read there).
    private static MrzLayout Visa(MrzFormat format, int width) => new(
        format,
        width,
        [new string('A', width), "XXXXXXXXXNAAADDDDDDNSDDDDDDN" + new string('X', width - 28)],
        [
            Field(MrzCheckDigitKind.DocumentNumber, 1, 9, new MrzSpan(1, 0, 9)),
            Field(MrzCheckDigitKind.BirthDate, 1, 19, new MrzSpan(1, 13, 6)),
            Field(MrzCheckDigitKind.ExpiryDate, 1, 27, new MrzSpan(1, 21, 6)),
        ],
        [new(0, 0, width), new(1, 10, 3), new(1, 20, 1)],
        IcaoFields(width));
}
