using System.Globalization;
using System.Text;

namespace Verification.SpecimenBuilders;

/// <summary>Writes minimal one-page PDFs: text in Helvetica (a text layer), or one JPEG filling the page (a scan).</summary>
internal static class MiniPdf
{
    public static byte[] WithText(IReadOnlyList<string> lines)
    {
        var content = new StringBuilder("BT /F1 14 Tf 50 780 Td 18 TL\n");
        foreach (var line in lines)
        {
            content.Append('(').Append(line.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal)).Append(") Tj T*\n");
        }

        content.Append("ET");
        var stream = Encoding.ASCII.GetBytes(content.ToString());
        return Build(
        [
            Ascii("<< /Type /Catalog /Pages 2 0 R >>"),
            Ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            Ascii("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>"),
            Stream(string.Empty, stream),
            Ascii("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"),
        ]);
    }

    public static byte[] WithJpeg(byte[] jpeg)
    {
        var (width, height) = JpegSize(jpeg);
        var pageWidth = 595.0;
        var pageHeight = pageWidth * height / width;
        var draw = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"q {pageWidth:0.##} 0 0 {pageHeight:0.##} 0 0 cm /Im1 Do Q"));
        return Build(
        [
            Ascii("<< /Type /Catalog /Pages 2 0 R >>"),
            Ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            Ascii(string.Create(CultureInfo.InvariantCulture, $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {pageWidth:0.##} {pageHeight:0.##}] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>")),
            Stream(string.Empty, draw),
            Stream(string.Create(CultureInfo.InvariantCulture, $"/Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode"), jpeg),
        ]);
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static byte[] Stream(string dictionary, byte[] data)
    {
        var head = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"<< {dictionary} /Length {data.Length} >>\nstream\n"));
        return [.. head, .. data, .. Encoding.ASCII.GetBytes("\nendstream")];
    }

    private static byte[] Build(IReadOnlyList<byte[]> objects)
    {
        using var output = new MemoryStream();
        void Write(string s) => output.Write(Encoding.ASCII.GetBytes(s));
        Write("%PDF-1.4\n");
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(output.Position);
            Write(string.Create(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n"));
            output.Write(objects[i]);
            Write("\nendobj\n");
        }

        var xref = output.Position;
        Write(string.Create(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n"));
        foreach (var offset in offsets)
        {
            Write(string.Create(CultureInfo.InvariantCulture, $"{offset:0000000000} 00000 n \n"));
        }

        Write(string.Create(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"));
        return output.ToArray();
    }

    private static (int Width, int Height) JpegSize(byte[] jpeg)
    {
        // The first start-of-frame marker holds the size.
        for (var i = 2; i + 9 < jpeg.Length;)
        {
            if (jpeg[i] != 0xFF)
            {
                i++;
                continue;
            }

            var marker = jpeg[i + 1];
            var length = (jpeg[i + 2] << 8) | jpeg[i + 3];
            if (marker is >= 0xC0 and <= 0xC3)
            {
                return ((jpeg[i + 7] << 8) | jpeg[i + 8], (jpeg[i + 5] << 8) | jpeg[i + 6]);
            }

            i += 2 + length;
        }

        throw new InvalidOperationException("Not a JPEG.");
    }
}
