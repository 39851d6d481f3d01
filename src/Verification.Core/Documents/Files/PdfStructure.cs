using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;

namespace Verification.Core.Documents.Files;

/// <summary>
/// What PdfPig reads of a PDF's structure for the <c>file.integrity</c> control: the information dictionary's
/// producer and creator, how many times the file was saved again by appending (incremental updates: one
/// cross-reference section per save), and the pages where visible text is drawn over an image (a typed-over scan).
/// </summary>
internal sealed record PdfStructure(string? Producer, string? Creator, int Revisions, bool Linearized, IReadOnlyList<int> PagesWithTextOverImages)
{
    /// <summary>How many pages are searched for text over images.</summary>
    internal const int MaxPagesSearched = 5;

    /// <summary>The saves after the first one: a linearized file has two cross-reference sections from the start.</summary>
    public int IncrementalUpdates => Math.Max(0, Revisions - (Linearized ? 2 : 1));

    /// <summary>Reads the structure, or <see langword="null"/> when PdfPig cannot parse the file.</summary>
    public static PdfStructure? TryRead(ReadOnlySpan<byte> pdf)
    {
        try
        {
            using var document = PdfDocument.Open(pdf.ToArray());
            var pages = new List<int>();
            for (var number = 1; number <= Math.Min(MaxPagesSearched, document.NumberOfPages); number++)
            {
                var page = document.GetPage(number);
                var images = page.GetImages().Select(i => i.BoundingBox).Where(b => b.Width > 1 && b.Height > 1).ToList();
                if (images.Count > 0 && page.Letters.Any(l => IsVisible(l.RenderingMode) && !string.IsNullOrWhiteSpace(l.Value)
                    && images.Any(image => Overlaps(image, l.BoundingBox))))
                {
                    pages.Add(number);
                }
            }

            var head = pdf[..Math.Min(pdf.Length, 1024)];
            return new PdfStructure(
                Clean(document.Information.Producer),
                Clean(document.Information.Creator),
                document.Structure.CrossReferenceTable.Parts.Count,
                head.IndexOf("/Linearized"u8) >= 0,
                pages);
        }
#pragma warning disable CA1031 // A damaged or hostile PDF throws whatever the parser meets: the byte-level checks still run.
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return null;
        }
    }

    // Invisible text (render mode 3, "Neither") over a scan is an OCR layer, which scanners write: not a sign of editing.
    private static bool IsVisible(TextRenderingMode mode) => mode is not (TextRenderingMode.Neither or TextRenderingMode.NeitherClip);

    private static bool Overlaps(PdfRectangle image, PdfRectangle glyph) =>
        glyph.Left < image.Right && glyph.Right > image.Left && glyph.Bottom < image.Top && glyph.Top > image.Bottom;

    private static string? Clean(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        return trimmed.Length > 128 ? trimmed[..128] : trimmed;
    }
}
