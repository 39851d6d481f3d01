using System.Text.RegularExpressions;
using Verification.Core.Documents.Mrz;

namespace Verification.Reading.Tesseract.Mrz;

/// <summary>
/// What each position of the layouts the glyph reader meets may hold, which positions no check digit covers,
/// and whether a parsed zone looks like a real one where no check digit can tell.
/// </summary>
internal static partial class ZoneLayout
{
    // L: a letter; A: a letter or a filler; N: a digit or a filler; X: anything.
    private static readonly CharacterClass[] Td1Line1 = Classes("LAAAA" + new string('X', 9) + "N" + new string('X', 15));
    private static readonly CharacterClass[] Td1Line2 = Classes("NNNNNNNANNNNNNNAAA" + new string('X', 11) + "N");
    private static readonly CharacterClass[] Td1Line3 = Classes("L" + new string('A', 29));
    private static readonly CharacterClass[] Td3Line1 = Classes("LAAAAL" + new string('A', 38));
    private static readonly CharacterClass[] Td3Line2 = Classes("XXXXXXXXXNAAANNNNNNNANNNNNNN" + new string('X', 14) + "NN");
    private static readonly CharacterClass[] ShortLine1 = Classes("LAAAAL" + new string('A', 30));
    // The French card ends its first line with the issuing department (3 characters, Corsica's hold a letter)
    // and the office (3 digits).
    private static readonly CharacterClass[] FrenchLine1 = Classes("LAAAAL" + new string('A', 24) + "XXXNNN");
    private static readonly CharacterClass[] Td2Line2 = Classes("XXXXXXXXXNAAANNNNNNNANNNNNNNXXXXXXXN");
    private static readonly CharacterClass[] FrenchLine2 = Classes("NNNNXXXNNNNNNL" + new string('A', 13) + "NNNNNNNAN");

    /// <summary>The classes of each line of a zone of <paramref name="lineCount"/> lines of <paramref name="length"/>.</summary>
    /// <param name="lineCount">2 or 3.</param>
    /// <param name="length">30, 36 or 44.</param>
    /// <param name="french">For lines of 36: whether the first line starts with <c>IDFRA</c> (the French card of 1988-2021).</param>
    public static CharacterClass[][] Of(int lineCount, int length, bool french) => (lineCount, length) switch
    {
        (3, 30) => [Td1Line1, Td1Line2, Td1Line3],
        (2, 44) => [Td3Line1, Td3Line2],
        (2, 36) => french ? [FrenchLine1, FrenchLine2] : [ShortLine1, Td2Line2],
        _ => [.. Enumerable.Repeat(Classes(new string('X', length)), lineCount)],
    };

    /// <summary>The first line's classes before the French card and TD2 are told apart.</summary>
    public static CharacterClass[] FirstLine(int lineCount, int length) => Of(lineCount, length, french: false)[0];

    /// <summary>The letters a document code may start with.</summary>
    public static string DocumentCodeStarts(int lineCount, int length) => (lineCount, length) switch
    {
        (3, 30) => "IAC",
        (2, 44) => "PV",
        _ => "IACPV",
    };

    /// <summary>The three-letter country codes of a layout: (line, column) of the issuing state and the nationality.</summary>
    public static (int Line, int Column)[] CountryFields(int lineCount, int length, bool french) => (lineCount, length, french) switch
    {
        (3, 30, _) => [(0, 2), (1, 15)],
        (2, _, false) => [(0, 2), (1, 10)],
        _ => [],
    };

    /// <summary>
    /// Whether a check digit of its own (not only the French card's composite over everything) covers a position:
    /// readings may be combined only where none does.
    /// </summary>
    public static bool Covered(int lineCount, int length, bool french, int line, int column) => (lineCount, length, french, line) switch
    {
        (3, 30, _, 0) => column >= 5,
        (3, 30, _, 1) => column is not (7 or 15 or 16 or 17),
        (3, 30, _, _) => false,
        (2, 36, true, 0) => column >= 30,
        (2, 36, true, _) => column is < 13 or >= 27 and not 34,
        (2, _, false, 0) => false,
        _ => column is not (10 or 11 or 12 or 20),
    };

    /// <summary>
    /// Whether the fields that no check digit covers look like a real zone's: a document code of the layout,
    /// known country codes, a readable sex, and names of letters separated by single fillers, the primary and
    /// secondary identifiers by two. A reading whose check digits hold can still have a garbled name line.
    /// </summary>
    public static bool IsPlausible(MrzResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var lines = result.Fields.Mrz;
        if (lines is null || !result.SexReadable)
        {
            return false;
        }

        return result.Format switch
        {
            MrzFormat.Td1 => "IAC".Contains(lines[0][0], StringComparison.Ordinal) && Known(result) && Name(lines[2]),
            MrzFormat.Td3 => lines[0][0] == 'P' && Known(result) && Name(lines[0][5..]),
            MrzFormat.MrvA => lines[0][0] == 'V' && Known(result) && Name(lines[0][5..]),
            MrzFormat.FrenchIdLegacy => Name(lines[0][5..30]) && GivenNames(lines[1][13..27]),
            _ => "IACPV".Contains(lines[0][0], StringComparison.Ordinal) && Known(result) && Name(lines[0][5..]),
        };

        static bool Known(MrzResult r) => r.IssuingCountryKnown && r.NationalityKnown && IsAlpha(r.Fields.Mrz![0][1]);

        static bool IsAlpha(char c) => c is '<' or (>= 'A' and <= 'Z');
    }

    private static bool Name(string field) => NamePattern().IsMatch(field);

    private static bool GivenNames(string field) => GivenNamesPattern().IsMatch(field);

    // Primary identifier, then optionally two fillers and the secondary one; components split by one filler.
    [GeneratedRegex("^[A-Z]+(<[A-Z]+)*(<<[A-Z]+(<[A-Z]+)*)?<*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    // The French card separates given names by two fillers.
    [GeneratedRegex("^[A-Z]+(<{1,2}[A-Z]+)*<*$", RegexOptions.CultureInvariant)]
    private static partial Regex GivenNamesPattern();

    private static CharacterClass[] Classes(string pattern) =>
        [.. pattern.Select(c => c switch
        {
            'L' => CharacterClass.Letter,
            'A' => CharacterClass.Alpha,
            'N' => CharacterClass.Numeric,
            _ => CharacterClass.Any,
        })];
}
