using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace Verification.Reading.Tesseract.Pdf;

/// <summary>
/// The text layer of a PDF's first pages, read in-process with PdfPig (no process, no temporary file): the words in
/// content order, one line per text line, as the bank-details reader expects.
/// </summary>
internal static class PdfText
{
    /// <summary>The text of the first <paramref name="maxPages"/> pages; empty when the PDF has no text layer, <see langword="null"/> when it cannot be parsed.</summary>
    public static string? Extract(ReadOnlyMemory<byte> pdf, int maxPages, CancellationToken cancellationToken)
    {
        try
        {
            using var document = PdfDocument.Open(pdf);
            var pages = new List<string>();
            for (var number = 1; number <= Math.Min(maxPages, document.NumberOfPages); number++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                pages.Add(ContentOrderTextExtractor.GetText(document.GetPage(number)));
            }

            return string.Join('\n', pages);
        }
#pragma warning disable CA1031 // A damaged or hostile PDF throws whatever the parser meets; any of it means "no text layer we can trust".
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
#pragma warning restore CA1031
        {
            // A damaged or hostile PDF: the reader falls back to rendering the pages.
            return null;
        }
    }
}
