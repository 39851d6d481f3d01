using System.Buffers.Binary;
using System.Text;
using Verification.Hosting.Testing;

namespace ReferenceHost.Adversarial.Tests;

/// <summary>Hostile files, as bytes and as the data URIs that carry them.</summary>
public static class HostileFiles
{
    /// <summary>A PNG with an IHDR announcing <paramref name="width"/> x <paramref name="height"/>, and an IEND.</summary>
    public static byte[] Png(uint width = 1200, uint height = 800)
    {
        var bytes = new List<byte> { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        ihdr[9] = 2;
        bytes.AddRange(Chunk("IHDR", ihdr));
        bytes.AddRange(Chunk("IDAT", new byte[32]));
        bytes.AddRange(Chunk("IEND", []));
        return [.. bytes];
    }

    /// <summary>A JPEG whose comment segment, within the first kilobyte, opens a PDF that ends the file.</summary>
    public static byte[] JpegPdfPolyglot()
    {
        var pdfHead = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction 3 0 R>>endobj\n");
        var jpeg = Specimens.Jpeg();
        var bytes = new List<byte> { 0xFF, 0xD8, 0xFF, 0xFE, (byte)((pdfHead.Length + 2) >> 8), (byte)(pdfHead.Length + 2) };
        bytes.AddRange(pdfHead);
        bytes.AddRange(jpeg.AsSpan(2).ToArray());
        bytes.AddRange(Encoding.ASCII.GetBytes("\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n3 0 obj<</S/JavaScript/JS(app.alert(1))>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"));
        return [.. bytes];
    }

    public static byte[] Pdf(string body) => Encoding.ASCII.GetBytes("%PDF-1.7\n" + body + "\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    public static byte[] PdfWithJavaScript() => Pdf("1 0 obj<</Type/Catalog/OpenAction 2 0 R>>endobj\n2 0 obj<</S/JavaScript/JS(app.alert(document.cookie))>>endobj");

    public static byte[] PdfWithEscapedJavaScript() => Pdf("1 0 obj<</Type/Catalog/OpenAction 2 0 R>>endobj\n2 0 obj<</S/J#61vaScript/J#53(app.alert(1))>>endobj");

    public static byte[] PdfWithLaunch() => Pdf("1 0 obj<</Type/Catalog/OpenAction 2 0 R>>endobj\n2 0 obj<</S/Launch/F(cmd.exe)>>endobj");

    public static byte[] PdfWithEmbeddedFile() => Pdf("1 0 obj<</Type/Catalog/Names<</EmbeddedFiles 2 0 R>>>>endobj\n2 0 obj<</Type/EmbeddedFile/Length 4>>stream\nMZ\0\0\nendstream endobj");

    public static byte[] Heic() => [0, 0, 0, 0x18, .. "ftypheic"u8, 0, 0, 0, 0, .. "mif1heic"u8, .. new byte[16]];

    public static byte[] OverLimit(long limit)
    {
        var bytes = new byte[limit + 1];
        Specimens.Jpeg().CopyTo(bytes, 0);
        return bytes;
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
