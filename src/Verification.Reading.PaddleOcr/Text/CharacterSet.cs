namespace Verification.Reading.PaddleOcr.Text;

/// <summary>
/// The recogniser's classes: 0 is the CTC blank, 1..n the lines of the dictionary (<c>ppocr_keys_v1.txt</c>), and
/// the last a space. For the machine-readable zone the 37 characters of its alphabet each gather the classes
/// that look like them (full-width forms, lower case, angle brackets for the filler), so the zone is decoded
/// over its own alphabet rather than over 6,625 classes.
/// </summary>
internal sealed class CharacterSet
{
    public const string MrzAlphabet = "<0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private static readonly Dictionary<char, string> Lookalikes = new()
    {
        ['<'] = "＜〈《«‹く",
        ['0'] = "０〇",
        ['O'] = "Ｏｏ",
        ['1'] = "１",
        ['I'] = "Ｉ|",
    };

    private readonly string[] _classes;

    public CharacterSet(IEnumerable<string> dictionaryLines)
    {
        var classes = new List<string> { string.Empty };
        classes.AddRange(dictionaryLines);
        classes.Add(" ");
        _classes = [.. classes];
        var groups = new List<int>[MrzAlphabet.Length];
        for (var i = 0; i < groups.Length; i++)
        {
            groups[i] = [];
        }

        for (var index = 1; index < _classes.Length; index++)
        {
            var text = _classes[index];
            if (text.Length != 1)
            {
                continue;
            }

            var c = text[0];
            var upper = char.ToUpperInvariant(c);
            var slot = upper <= 'Z' ? MrzAlphabet.IndexOf(upper, StringComparison.Ordinal) : -1;
            if (slot < 0)
            {
                foreach (var (target, looks) in Lookalikes)
                {
                    if (looks.Contains(c, StringComparison.Ordinal))
                    {
                        slot = MrzAlphabet.IndexOf(target, StringComparison.Ordinal);
                    }
                }
            }

            if (slot >= 0)
            {
                groups[slot].Add(index);
            }
        }

        MrzGroups = [.. groups.Select(g => g.ToArray())];
    }

    /// <summary>Per character of <see cref="MrzAlphabet"/>, the classes that count for it.</summary>
    public int[][] MrzGroups { get; }

    public int Count => _classes.Length;

    public string this[int index] => _classes[index];

    public static CharacterSet Load(string path) => new(File.ReadLines(path));
}
