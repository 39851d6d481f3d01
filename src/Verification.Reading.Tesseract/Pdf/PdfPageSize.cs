using System.Globalization;
using System.Text;
using Verification.Core;

namespace Verification.Reading.Tesseract.Pdf;

/// <summary>
/// The rendered size of a PDF's pages, known before rendering: every <c>/MediaBox</c> in the file's clear text
/// (page or inherited), scaled by the largest <c>/UserUnit</c> and the rendering resolution. A few hundred bytes
/// can declare a 5 x 5 m page that <c>pdftoppm</c> would try to rasterise into gigabytes; such a file is refused
/// before any process starts. Boxes inside compressed object streams are not seen here: for those the renderer
/// still runs under a crop limit, a memory limit and a time limit (see <see cref="PdfTools"/>).
/// </summary>
internal static class PdfPageSize
{
    /// <summary>The failure code of a page too large to render.</summary>
    public const string TooLargeCode = "file.page_too_large";

    private const double PointsPerInch = 72.0;
    private static readonly byte[] MediaBox = Encoding.ASCII.GetBytes("/MediaBox");
    private static readonly byte[] UserUnit = Encoding.ASCII.GetBytes("/UserUnit");

    /// <summary>A failure when a page rendered at <paramref name="dpi"/> would have more than <paramref name="maxPixels"/> pixels.</summary>
    public static Failure? Check(ReadOnlySpan<byte> pdf, int dpi, long maxPixels)
    {
        var unit = 1.0;
        foreach (var value in ValuesAfter(pdf, UserUnit, 1))
        {
            unit = Math.Max(unit, Math.Abs(value[0]));
        }

        foreach (var box in ValuesAfter(pdf, MediaBox, 4))
        {
            var width = Math.Abs(box[2] - box[0]) * unit / PointsPerInch * dpi;
            var height = Math.Abs(box[3] - box[1]) * unit / PointsPerInch * dpi;
            if (double.IsNaN(width) || double.IsNaN(height) || width * height > maxPixels)
            {
                return Failure.TooLarge(
                    TooLargeCode,
                    $"A page of the PDF is too large to render ({Math.Round(width):0} x {Math.Round(height):0} pixels at {dpi} dpi; at most {maxPixels} pixels).");
            }
        }

        return null;
    }

    /// <summary>The <paramref name="count"/> numbers after each occurrence of <paramref name="key"/> (in brackets or not); entries that are not plain numbers are skipped.</summary>
    private static List<double[]> ValuesAfter(ReadOnlySpan<byte> pdf, ReadOnlySpan<byte> key, int count)
    {
        var found = new List<double[]>();
        var offset = 0;
        while (offset < pdf.Length)
        {
            var at = pdf[offset..].IndexOf(key);
            if (at < 0)
            {
                break;
            }

            var position = offset + at + key.Length;
            offset = position;
            var values = new double[count];
            var ok = true;
            SkipSpace(pdf, ref position);
            if (count > 1)
            {
                if (position >= pdf.Length || pdf[position] != (byte)'[')
                {
                    continue;
                }

                position++;
            }

            for (var i = 0; i < count && ok; i++)
            {
                SkipSpace(pdf, ref position);
                ok = ReadNumber(pdf, ref position, out values[i]);
            }

            if (ok)
            {
                found.Add(values);
            }
        }

        return found;
    }

    private static void SkipSpace(ReadOnlySpan<byte> pdf, ref int position)
    {
        while (position < pdf.Length && pdf[position] is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or (byte)'\f' or 0)
        {
            position++;
        }
    }

    private static bool ReadNumber(ReadOnlySpan<byte> pdf, ref int position, out double value)
    {
        var start = position;
        while (position < pdf.Length && position - start < 32 && pdf[position] is (>= (byte)'0' and <= (byte)'9') or (byte)'.' or (byte)'-' or (byte)'+')
        {
            position++;
        }

        return double.TryParse(pdf[start..position], NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }
}
