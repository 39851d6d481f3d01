using System.Globalization;
using System.Text;

namespace Verification.Hosting.Testing;

/// <summary>Documents for HTTP tests, with check digits computed here (ICAO 9303 7-3-1), independently of the product.</summary>
public static class Specimens
{
    /// <summary>The ICAO 9303 specimen passport (Anna Maria Eriksson, Utopia), expired in 2012.</summary>
    public const string IcaoPassport = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";

    /// <summary>A valid TD3 passport MRZ for the given person, expiring in 2031.</summary>
    public static string Passport(string lastName, string firstName, string number = "X12345678", string birth = "900131", string expiry = "310415", string sex = "F", string country = "FRA")
    {
        var names = (Mrz(lastName) + "<<" + Mrz(firstName)).PadRight(39, '<')[..39];
        var line1 = "P<" + country.PadRight(3, '<') + names;
        var doc = number.PadRight(9, '<');
        var personal = "<<<<<<<<<<<<<<";
        var line2 = doc + Digit(doc) + country.PadRight(3, '<') + birth + Digit(birth) + sex + expiry + Digit(expiry) + personal + Digit(personal);
        var composite = doc + Digit(doc) + birth + Digit(birth) + expiry + Digit(expiry) + personal + Digit(personal);
        return line1 + "\n" + line2 + Digit(composite);
    }

    /// <summary>ICAO 9303 transliteration of a name (Ü to UE, accents dropped, spaces and hyphens to fillers).</summary>
    public static string Mrz(string name)
    {
        var upper = name.ToUpperInvariant().Replace("Ü", "UE").Replace("Ö", "OE").Replace("Ä", "AE").Replace("ß", "SS");
        var plain = new string(upper.Normalize(NormalizationForm.FormD).Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark).ToArray());
        return new string(plain.Select(c => c is >= 'A' and <= 'Z' ? c : '<').ToArray());
    }

    /// <summary>The ICAO check digit.</summary>
    public static char Digit(string s)
    {
        int[] weights = [7, 3, 1];
        var sum = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            var v = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'A' and <= 'Z' => c - 'A' + 10,
                _ => 0,
            };
            sum += v * weights[i % 3];
        }

        return (char)('0' + (sum % 10));
    }

    /// <summary>A small well-formed JPEG (header, dimensions, end marker).</summary>
    public static byte[] Jpeg(int width = 1250, int height = 880)
    {
        var bytes = new List<byte> { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10 };
        bytes.AddRange("JFIF\0"u8.ToArray());
        bytes.AddRange(new byte[9]);
        bytes.AddRange([0xFF, 0xC0, 0x00, 0x11, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x03]);
        bytes.AddRange([0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
        bytes.AddRange(Enumerable.Range(0, 64).Select(i => (byte)(i * 7)));
        bytes.AddRange([0xFF, 0xD9]);
        return [.. bytes];
    }

    /// <summary>A small PDF with a text line.</summary>
    public static byte[] Pdf(string text = "RIB") => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
        "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\n% " + text + "\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    /// <summary>A one-page PDF whose text layer holds <paramref name="lines"/> (Helvetica), as a bank's RIB export.</summary>
    public static byte[] TextPdf(IReadOnlyList<string> lines)
    {
        var content = new StringBuilder("BT /F1 14 Tf 50 780 Td 18 TL\n");
        foreach (var line in lines)
        {
            content.Append('(').Append(line.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal)).Append(") Tj T*\n");
        }

        var stream = content.Append("ET").ToString();
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {stream.Length} >>\nstream\n{stream}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:0000000000} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    /// <summary>A data URI of <paramref name="bytes"/>.</summary>
    public static string DataUri(byte[] bytes, string mediaType = "image/jpeg") => $"data:{mediaType};base64,{Convert.ToBase64String(bytes)}";
}
