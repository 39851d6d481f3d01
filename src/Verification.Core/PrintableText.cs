using System.Globalization;

namespace Verification.Core;

/// <summary>
/// Rules for short labels integrators and analysts type (departments, source tags): printable characters only.
/// Control characters forge log lines and break exports; bidirectional overrides and zero-width characters make
/// two different labels look the same on screen, so a department could be spoofed in the back office.
/// </summary>
public static class PrintableText
{
    // Zero-width characters that Unicode files under other categories.
    private static readonly System.Buffers.SearchValues<char> NonBreakingLookalikes = System.Buffers.SearchValues.Create("\u115F\u1160\u3164\uFFA0\u180E");

    /// <summary>Whether every character of <paramref name="value"/> is visible text or an ordinary space.</summary>
    public static bool IsPrintable(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.Control:
                case UnicodeCategory.Format: // bidi embeddings/overrides/isolates, LRM/RLM, zero-width space/joiners, BOM
                case UnicodeCategory.LineSeparator:
                case UnicodeCategory.ParagraphSeparator:
                case UnicodeCategory.PrivateUse:
                case UnicodeCategory.OtherNotAssigned:
                    return false;
            }
        }

        return !value.ContainsAny(NonBreakingLookalikes);
    }
}

/// <summary>The department a document is reviewed by: 1 to 64 printable characters (see <see cref="PrintableText"/>).</summary>
public static class Department
{
    /// <summary>The longest accepted department.</summary>
    public const int MaxLength = 64;

    /// <summary>The failure code for an invalid department.</summary>
    public const string InvalidCode = "department.invalid";

    /// <summary>The department, trimmed, or a failure with <see cref="InvalidCode"/>.</summary>
    public static Outcome<string> Validate(string? value)
    {
        var trimmed = value?.Trim();
        return trimmed is { Length: > 0 and <= MaxLength } && PrintableText.IsPrintable(trimmed)
            ? trimmed
            : Failure.Invalid(InvalidCode, $"A department is 1 to {MaxLength} printable characters (no control, bidirectional or zero-width characters).");
    }
}
