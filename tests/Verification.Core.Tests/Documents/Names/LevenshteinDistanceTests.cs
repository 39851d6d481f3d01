using Bogus;
using Verification.Core.Documents.Names;
using Verification.Core.Tests.Documents;

namespace Verification.Core.Tests.Documents.Names;

/// <summary>
/// The bit-parallel Levenshtein distance behind <see cref="NameMatcher.Similarity"/> must equal the plain
/// dynamic programme on every input it accepts, and decline the inputs it cannot handle.
/// </summary>
public sealed class LevenshteinDistanceTests
{
    public static TheoryData<string, int> Alphabets() => new()
    {
        // Two and four letters give long runs of matches, which stress the carries of the bit vectors.
        { "AB", 1 },
        { "ACGT", 2 },
        { "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 3 },
    };

    [Theory]
    [MemberData(nameof(Alphabets))]
    public void EqualsTheDynamicProgrammeOnRandomStringsUpToSixtyFourLetters(string alphabet, int seed)
    {
        var random = new Randomizer(seed);
        for (var round = 0; round < 3000; round++)
        {
            var a = random.String2(random.Int(0, 64), alphabet);
            var b = random.String2(random.Int(0, 64), alphabet);
            AssertSameDistance(a, b);
        }
    }

    [Theory]
    [MemberData(nameof(Alphabets))]
    public void EqualsTheDynamicProgrammeAroundTheWordSize(string alphabet, int seed)
    {
        var random = new Randomizer(seed * 64);
        int[] lengths = [0, 1, 2, 31, 32, 33, 62, 63, 64, 65, 66, 100, 130];
        foreach (var la in lengths)
        {
            foreach (var lb in lengths)
            {
                for (var round = 0; round < 5; round++)
                {
                    AssertSameDistance(random.String2(la, alphabet), random.String2(lb, alphabet));
                }
            }
        }
    }

    [Theory]
    [InlineData(63)]
    [InlineData(64)]
    public void HandlesPatternsThatFillTheWord(int length)
    {
        var a = new string('A', length);
        var shifted = "B" + a[1..];
        AssertSameDistance(a, a);
        AssertSameDistance(a, shifted);
        AssertSameDistance(a, a[1..] + "B");
        AssertSameDistance(a, new string('B', length));
        AssertSameDistance(a, new string('B', 200));
        AssertSameDistance(a, "");
        AssertSameDistance(a, a + a);
        Distance(a, new string('B', length)).Should().Be(length);
    }

    [Fact]
    public void DeclinesPatternsLongerThanTheWord()
    {
        var a = new string('A', 65);
        NameMatcher.TryBitParallelDistance(a, a + "B", out _).Should().BeFalse();

        // The shorter string is the pattern: 64 against 65 is still within the word.
        NameMatcher.TryBitParallelDistance(a.AsSpan(1), a, out var distance).Should().BeTrue();
        distance.Should().Be(1);
    }

    [Theory]
    [InlineData("JEAN PIERRE", "JEANPIERRES")]
    [InlineData("ÉLODIE", "ELODIE")]
    [InlineData("O'BRIEN", "OBRIENNE")]
    [InlineData("jean", "JEAN")]
    public void DeclinesPatternsWithOtherThanCapitalLettersButTheSimilarityStaysExact(string a, string b)
    {
        var shorter = a.Length <= b.Length ? a : b;
        NameMatcher.TryBitParallelDistance(shorter, shorter == a ? b : a, out _).Should().BeFalse();
        NameMatcher.Similarity(a, b).Should().Be(1.0 - ((double)Independent(a, b) / Math.Max(a.Length, b.Length)));
    }

    [Theory]
    [InlineData("JEAN", "JEAN PIERRE")]
    [InlineData("ANNA", "ANNA-MARIA")]
    [InlineData("ELODIE", "ÉLODIES")]
    public void TreatsOtherCharactersOfTheLongerStringAsMismatches(string pattern, string text) =>
        AssertSameDistance(pattern, text);

    [Fact]
    public void ScoresRandomCanonicalNamesExactlyAsTheDynamicProgramme()
    {
        var random = new Randomizer(2001);
        for (var round = 0; round < 2000; round++)
        {
            var a = random.String2(random.Int(1, 70), "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
            var b = random.String2(random.Int(1, 70), "AEIOULNRST");
            var expected = 1.0 - ((double)Independent(a, b) / Math.Max(a.Length, b.Length));
            NameMatcher.Similarity(a, b).Should().Be(expected, $"{a} / {b}");
        }
    }

    private static void AssertSameDistance(string a, string b)
    {
        var expected = Independent(a, b);
        NameMatcher.DynamicProgrammingDistance(a, b).Should().Be(expected, $"{a} / {b}");
        if (Math.Min(a.Length, b.Length) <= 64)
        {
            NameMatcher.TryBitParallelDistance(a, b, out var forward).Should().BeTrue($"{a} / {b}");
            forward.Should().Be(expected, $"{a} / {b}");
            NameMatcher.TryBitParallelDistance(b, a, out var backward).Should().BeTrue();
            backward.Should().Be(expected, $"{b} / {a}");
        }
        else
        {
            NameMatcher.TryBitParallelDistance(a, b, out _).Should().BeFalse();
        }
    }

    private static int Distance(string a, string b) =>
        NameMatcher.TryBitParallelDistance(a, b, out var distance) ? distance : throw new InvalidOperationException("Not applicable.");

    // Full matrix, written independently of both implementations under test.
    private static int Independent(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                d[i, j] = Math.Min(substitution, Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1));
            }
        }

        return d[a.Length, b.Length];
    }
}
