namespace Verification.Core.Documents.Names;

/// <summary>The verdict of a name comparison.</summary>
public enum NameMatchVerdict
{
    /// <summary>The names designate the same person.</summary>
    Passed,

    /// <summary>Close, swapped or partial: an analyst should look.</summary>
    Warning,

    /// <summary>Different names.</summary>
    Failed,

    /// <summary>Nothing to compare (no name typed, or none on the document).</summary>
    NotApplicable,
}

/// <summary>
/// Thresholds of <see cref="NameMatcher"/>. A score at or above <see cref="PassThreshold"/> passes, at or
/// above <see cref="WarningThreshold"/> is a warning, below fails.
/// </summary>
public sealed record NameMatchOptions
{
    /// <summary>The defaults: pass at 0.90, warning at 0.70.</summary>
    public static NameMatchOptions Default { get; } = new();

    /// <summary>
    /// Lowest score that passes. Default 0.90: exact and partial forms (typed first given name only, MRZ
    /// truncation, first of two surnames) pass; a later part of a compound surname (0.85) and any typo (at most
    /// 0.875 for an eight-letter name) are warnings, so a near-namesake never passes unseen.
    /// </summary>
    public double PassThreshold { get; init; } = 0.90;

    /// <summary>Lowest score that is a warning rather than a failure. Default 0.70: one or two typos in a name of seven or more letters.</summary>
    public double WarningThreshold { get; init; } = 0.70;
}

/// <summary>The result of a name comparison.</summary>
/// <param name="Score">0 to 1; see <see cref="NameMatcher"/> for how it is built.</param>
/// <param name="Verdict">The verdict from the thresholds.</param>
/// <param name="Swapped">Surname and given names match only when swapped (always a warning).</param>
/// <param name="Partial">Matched on a subset or a prefix of the names (typed first given name only, MRZ truncation, one of two surnames).</param>
public readonly record struct NameMatchResult(double Score, NameMatchVerdict Verdict, bool Swapped, bool Partial);

/// <summary>
/// Compares the name a user typed with the name a document carries, after <see cref="NameNormalizer"/>.
/// Surname and given names are scored separately and the lower score counts:
/// <list type="bullet">
/// <item>1.0: equal once parts are joined (<c>Jean-Pierre</c> = <c>JEAN PIERRE</c> = <c>JEANPIERRE</c>), or the
/// typed given names are the first given names of the document (typing only the first one matches).</item>
/// <item>0.95: the document's name is cut (MRZ field full) and is a prefix of the typed one.</item>
/// <item>0.90: the typed names are other given names of the document, in order, or the document's names
/// are a subset of the typed ones; for surnames, the typed surname is the first of the document's surnames.</item>
/// <item>0.85: the typed surname is a later part of the document's surname (e.g. a married name).</item>
/// <item>otherwise 1 - (Levenshtein distance / longer length) on the joined forms: one typo in <c>ERIKSSON</c>
/// scores 0.875, <c>SMITH</c>/<c>SMYTH</c> 0.8, <c>JOHN</c>/<c>JEAN</c> 0.5.</item>
/// </list>
/// When the direct comparison does not pass but surname and given names match swapped, the result is a
/// warning with <see cref="NameMatchResult.Swapped"/> set. No allocation.
/// </summary>
public static class NameMatcher
{
    /// <summary>Compares typed names with a document's names.</summary>
    /// <param name="typedFirstName">Given names typed by the user, or <see langword="null"/>.</param>
    /// <param name="typedLastName">Surname typed by the user, or <see langword="null"/>.</param>
    /// <param name="documentFirstName">Given names on the document (space separated), or <see langword="null"/>.</param>
    /// <param name="documentLastName">Surname on the document, or <see langword="null"/>.</param>
    /// <param name="documentMayBeTruncated">Whether the document's name field was full (MRZ truncation possible).</param>
    /// <param name="options">Thresholds, or the defaults.</param>
    public static NameMatchResult Match(
        ReadOnlySpan<char> typedFirstName,
        ReadOnlySpan<char> typedLastName,
        ReadOnlySpan<char> documentFirstName,
        ReadOnlySpan<char> documentLastName,
        bool documentMayBeTruncated = false,
        NameMatchOptions? options = null)
    {
        options ??= NameMatchOptions.Default;

        // One buffer sized from the inputs: four fixed 256-character buffers cost 2 KB of zeroing per call.
        Span<char> buffer = stackalloc char[CanonicalCapacity(typedFirstName) + CanonicalCapacity(typedLastName)
                                            + CanonicalCapacity(documentFirstName) + CanonicalCapacity(documentLastName)];
        var typedFirst = Canonicalize(typedFirstName, ref buffer);
        var typedLast = Canonicalize(typedLastName, ref buffer);
        var docFirst = Canonicalize(documentFirstName, ref buffer);
        var docLast = Canonicalize(documentLastName, ref buffer);
        return MatchCanonical(typedFirst, typedLast, docFirst, docLast, documentMayBeTruncated, options);
    }

    // Match on canonical forms; apart from Match so that the comparisons get tiered compilation, which a
    // method with a stackalloc does not.
    private static NameMatchResult MatchCanonical(
        ReadOnlySpan<char> typedFirst,
        ReadOnlySpan<char> typedLast,
        ReadOnlySpan<char> docFirst,
        ReadOnlySpan<char> docLast,
        bool documentMayBeTruncated,
        NameMatchOptions options)
    {
        if ((typedFirst.IsEmpty && typedLast.IsEmpty) || (docFirst.IsEmpty && docLast.IsEmpty))
        {
            return new(0, NameMatchVerdict.NotApplicable, false, false);
        }

        var direct = Combine(typedFirst, typedLast, docFirst, docLast, documentMayBeTruncated, out var partial);
        if (direct >= options.PassThreshold)
        {
            return new(direct, NameMatchVerdict.Passed, false, partial);
        }

        if (!typedFirst.IsEmpty && !typedLast.IsEmpty)
        {
            // The swapped score is only used when it passes: give up as soon as one part cannot.
            var swapped = Combine(typedLast, typedFirst, docFirst, docLast, documentMayBeTruncated, out var swappedPartial, giveUpBelow: options.PassThreshold);
            if (swapped >= options.PassThreshold)
            {
                return new(swapped, NameMatchVerdict.Warning, true, swappedPartial);
            }
        }

        var verdict = direct >= options.WarningThreshold ? NameMatchVerdict.Warning : NameMatchVerdict.Failed;
        return new(direct, verdict, false, partial);
    }

    /// <summary>
    /// Compares a holder name written in one field (e.g. a bank account holder <c>M. JEAN DUPONT</c>, surname
    /// and given names in either order, titles ignored) with typed or document names. Every part of the
    /// surname must appear; given names score like <see cref="Match"/>.
    /// </summary>
    public static NameMatchResult MatchFullName(
        ReadOnlySpan<char> fullName,
        ReadOnlySpan<char> firstName,
        ReadOnlySpan<char> lastName,
        NameMatchOptions? options = null)
    {
        options ??= NameMatchOptions.Default;
        Span<char> buffer = stackalloc char[CanonicalCapacity(fullName) + CanonicalCapacity(firstName) + CanonicalCapacity(lastName)];
        var full = Canonicalize(fullName, ref buffer);
        var f = Canonicalize(firstName, ref buffer);
        var l = Canonicalize(lastName, ref buffer);
        if (full.IsEmpty || l.IsEmpty)
        {
            return new(0, NameMatchVerdict.NotApplicable, false, false);
        }

        // Remove titles and joint-account words, then look for the surname's parts among the holder's parts.
        Span<char> cleaned = stackalloc char[full.Length];
        var length = 0;
        foreach (var range in full.Split(' '))
        {
            var token = full[range];
            if (IsTitle(token))
            {
                continue;
            }

            if (length > 0)
            {
                cleaned[length++] = ' ';
            }

            token.CopyTo(cleaned[length..]);
            length += token.Length;
        }

        var holder = cleaned[..length];
        var best = 0.0;
        var partial = false;

        // Try every split of the holder's parts into surname and given names, both orders.
        var spaces = holder.Count(' ');
        for (var split = 0; split <= spaces + 1; split++)
        {
            var cut = IndexOfNthSpace(holder, split);
            var head = cut < 0 ? holder : holder[..cut];
            var tail = cut < 0 ? [] : holder[(cut + 1)..];
            Try(f, l, head, tail, ref best, ref partial);
            Try(f, l, tail, head, ref best, ref partial);
        }

        var verdict = best >= options.PassThreshold ? NameMatchVerdict.Passed
            : best >= options.WarningThreshold ? NameMatchVerdict.Warning
            : NameMatchVerdict.Failed;
        return new(best, verdict, false, partial);
    }

    private static void Try(ReadOnlySpan<char> first, ReadOnlySpan<char> last, ReadOnlySpan<char> docLast, ReadOnlySpan<char> docFirst, ref double best, ref bool partial)
    {
        if (docLast.IsEmpty)
        {
            return;
        }

        var score = first.IsEmpty || docFirst.IsEmpty
            ? Component(last, docLast, isGiven: false, truncated: false, out var p)
            : Combine(first, last, docFirst, docLast, truncated: false, out p);
        if (score > best)
        {
            best = score;
            partial = p;
        }
    }

    private static int IndexOfNthSpace(ReadOnlySpan<char> text, int n)
    {
        if (n == 0)
        {
            return -1;
        }

        var seen = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == ' ' && ++seen == n)
            {
                return i;
            }
        }

        return -1;
    }

    // The canonical form never exceeds two characters per input character considered: a letter gives at most
    // two (Ä is AE), a separator none but the single space it may place before the next letter.
    private static int CanonicalCapacity(ReadOnlySpan<char> name) => 2 * Math.Min(name.Length, NameNormalizer.MaxLength);

    // Canonicalises into the front of the buffer and moves the buffer past what was written.
    private static ReadOnlySpan<char> Canonicalize(ReadOnlySpan<char> name, ref Span<char> buffer)
    {
        var length = NameNormalizer.Canonicalize(name, buffer[..CanonicalCapacity(name)]);
        var canonical = buffer[..length];
        buffer = buffer[CanonicalCapacity(name)..];
        return canonical;
    }

    private static bool IsTitle(ReadOnlySpan<char> token) =>
        token is "M" or "MR" or "MM" or "MME" or "MMES" or "MLLE" or "MRS" or "MS" or "MISS" or "DR" or "HERR" or "FRAU"
            or "SR" or "SRA" or "SIG" or "SIGRA" or "OU" or "ET" or "AND" or "OR" or "UND" or "Y" or "E" or "EPOUSE" or "EP" or "NEE" or "VEUVE" or "VVE";

    // giveUpBelow: the caller only uses a score at or above it; once the surname scores lower, the combined
    // score (a minimum) is lower too and the given names need not be compared. The score returned then is
    // below giveUpBelow but not the combined one.
    private static double Combine(ReadOnlySpan<char> typedFirst, ReadOnlySpan<char> typedLast, ReadOnlySpan<char> docFirst, ReadOnlySpan<char> docLast, bool truncated, out bool partial, double giveUpBelow = 0)
    {
        partial = false;
        var score = 1.0;
        var compared = false;
        if (!typedLast.IsEmpty)
        {
            score = Math.Min(score, Component(typedLast, docLast, isGiven: false, truncated, out var p));
            partial |= p;
            compared = true;
            if (score < giveUpBelow)
            {
                return score;
            }
        }

        if (!typedFirst.IsEmpty && !docFirst.IsEmpty)
        {
            score = Math.Min(score, Component(typedFirst, docFirst, isGiven: true, truncated, out var p));
            partial |= p;
            compared = true;
        }

        return compared ? score : 0;
    }

    private static double Component(ReadOnlySpan<char> typed, ReadOnlySpan<char> doc, bool isGiven, bool truncated, out bool partial)
    {
        partial = false;
        if (doc.IsEmpty || typed.IsEmpty)
        {
            return 0;
        }

        // Most names are one part: then the joined form is the name itself and nothing needs copying (nor a
        // stackalloc, which would keep this method out of tiered compilation).
        return typed.Contains(' ') || doc.Contains(' ')
            ? ComponentOfCompoundNames(typed, doc, isGiven, truncated, out partial)
            : ComponentJoined(typed, doc, typed, doc, isGiven, truncated, out partial);
    }

    private static double ComponentOfCompoundNames(ReadOnlySpan<char> typed, ReadOnlySpan<char> doc, bool isGiven, bool truncated, out bool partial)
    {
        Span<char> tj = stackalloc char[typed.Length];
        Span<char> dj = stackalloc char[doc.Length];
        return ComponentJoined(typed, doc, Join(typed, tj), Join(doc, dj), isGiven, truncated, out partial);
    }

    // typedJoined and docJoined: the names with their parts joined (no spaces).
    private static double ComponentJoined(ReadOnlySpan<char> typed, ReadOnlySpan<char> doc, ReadOnlySpan<char> typedJoined, ReadOnlySpan<char> docJoined, bool isGiven, bool truncated, out bool partial)
    {
        partial = false;
        if (typedJoined.SequenceEqual(docJoined))
        {
            return 1.0;
        }

        partial = true;
        if (IsTokenSubsequence(typed, doc, out var startsWithFirst))
        {
            if (isGiven)
            {
                return startsWithFirst ? 1.0 : 0.9;
            }

            return startsWithFirst ? 0.9 : 0.85;
        }

        if (truncated && docJoined.Length >= 2 && typedJoined.StartsWith(docJoined))
        {
            return 0.95;
        }

        if (IsTokenSubsequence(doc, typed, out _))
        {
            return 0.9;
        }

        partial = false;
        return Similarity(typedJoined, docJoined);
    }

    private static Span<char> Join(ReadOnlySpan<char> tokens, Span<char> output)
    {
        var length = 0;
        foreach (var c in tokens)
        {
            if (c != ' ')
            {
                output[length++] = c;
            }
        }

        return output[..length];
    }

    // Whether every token of `part` appears in `whole`, in order.
    private static bool IsTokenSubsequence(ReadOnlySpan<char> part, ReadOnlySpan<char> whole, out bool startsWithFirst)
    {
        startsWithFirst = false;
        var wholeTokens = whole.Split(' ');
        var first = true;
        var wholeIndex = 0;
        foreach (var partRange in part.Split(' '))
        {
            var token = part[partRange];
            var found = false;
            while (wholeTokens.MoveNext())
            {
                var candidate = whole[wholeTokens.Current];
                var index = wholeIndex++;
                if (candidate.SequenceEqual(token))
                {
                    if (first)
                    {
                        startsWithFirst = index == 0;
                    }

                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }

            first = false;
        }

        return true;
    }

    /// <summary>1 - Levenshtein distance / longer length, on canonical forms.</summary>
    public static double Similarity(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.IsEmpty || b.IsEmpty)
        {
            return 0;
        }

        var distance = TryBitParallelDistance(a, b, out var fast) ? fast : DynamicProgrammingDistance(a, b);
        return 1.0 - ((double)distance / Math.Max(a.Length, b.Length));
    }

    /// <summary>
    /// The Levenshtein distance by the bit-vector algorithm of Myers (1999) in the formulation of Hyyrö (2001),
    /// when the shorter string (the pattern) has at most 64 characters, all of them 'A'-'Z' as in canonical
    /// names; otherwise <see langword="false"/>. One column of the distance matrix is one pair of 64-bit words
    /// (vertical deltas +1 and -1), updated per character of the longer string in a handful of word
    /// operations instead of one cell at a time.
    /// </summary>
    internal static bool TryBitParallelDistance(ReadOnlySpan<char> a, ReadOnlySpan<char> b, out int distance)
    {
        // The distance is symmetric: the shorter string is the pattern, held in the bit vectors.
        var pattern = a.Length <= b.Length ? a : b;
        var text = a.Length <= b.Length ? b : a;
        distance = 0;
        if (pattern.Length > 64)
        {
            return false;
        }

        if (pattern.IsEmpty)
        {
            distance = text.Length;
            return true;
        }

        // Bit i of the mask of a letter: pattern[i] is that letter. An inline array rather than a stackalloc,
        // which would keep this method out of tiered compilation.
        var masks = default(LetterMasks);
        for (var i = 0; i < pattern.Length; i++)
        {
            var letter = (uint)(pattern[i] - 'A');
            if (letter >= LetterMasks.Count)
            {
                return false;
            }

            masks[(int)letter] |= 1UL << i;
        }

        // Column 0 of the matrix is 0, 1, ..., m: every vertical delta is +1. Bits above the pattern's last
        // position are never read and never carry downwards, so no masking is needed.
        var plusVertical = ulong.MaxValue;
        var minusVertical = 0UL;
        var lastRow = 1UL << (pattern.Length - 1);
        var score = pattern.Length;
        foreach (var c in text)
        {
            var letter = (uint)(c - 'A');

            // A character outside 'A'-'Z' equals no pattern character.
            var equal = letter < LetterMasks.Count ? masks[(int)letter] : 0UL;
            var diagonalZero = (((equal & plusVertical) + plusVertical) ^ plusVertical) | equal | minusVertical;
            var plusHorizontal = minusVertical | ~(diagonalZero | plusVertical);
            var minusHorizontal = plusVertical & diagonalZero;

            // The bottom cell of the column moves with the horizontal delta of the last row.
            if ((plusHorizontal & lastRow) != 0)
            {
                score++;
            }
            else if ((minusHorizontal & lastRow) != 0)
            {
                score--;
            }

            // Row 0 is 0, 1, ..., n (a global distance, not a search): its horizontal delta is always +1,
            // shifted in as the lowest bit.
            plusHorizontal = (plusHorizontal << 1) | 1;
            minusHorizontal <<= 1;
            plusVertical = minusHorizontal | ~(diagonalZero | plusHorizontal);
            minusVertical = plusHorizontal & diagonalZero;
        }

        distance = score;
        return true;
    }

    /// <summary>The Levenshtein distance by the textbook two-row dynamic programme, for any characters and lengths.</summary>
    internal static int DynamicProgrammingDistance(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        Span<int> previous = stackalloc int[b.Length + 1];
        Span<int> current = stackalloc int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            var swap = previous;
            previous = current;
            current = swap;
        }

        return previous[b.Length];
    }

    /// <summary>One 64-bit position mask per letter 'A'-'Z'.</summary>
    [System.Runtime.CompilerServices.InlineArray(Count)]
    private struct LetterMasks
    {
        public const int Count = 26;

        private ulong _element;
    }
}
