using System.Buffers.Binary;
using System.IO.Compression;

namespace ReferenceHost.EndToEnd.Tests;

/// <summary>A real, viewable PNG of an identity card lookalike, so the screenshots show what analysts see.</summary>
internal static class TestImages
{
    public static byte[] IdentityCardPng(int width = 640, int height = 404)
    {
        var raw = new byte[height * (1 + width * 3)];
        for (var y = 0; y < height; y++)
        {
            var row = y * (1 + width * 3);
            raw[row] = 0;
            for (var x = 0; x < width; x++)
            {
                var (r, g, b) = Pixel(x, y, width, height);
                raw[row + 1 + x * 3] = r;
                raw[row + 2 + x * 3] = g;
                raw[row + 3 + x * 3] = b;
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 2;
        Chunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var z = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                z.Write(raw);
            }

            Chunk(png, "IDAT", compressed.ToArray());
        }

        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static (byte R, byte G, byte B) Pixel(int x, int y, int width, int height)
    {
        if (x < 8 || y < 8 || x >= width - 8 || y >= height - 8)
        {
            return (245, 245, 245);
        }

        if (y < 70)
        {
            return (41, 82, 204);
        }

        if (x > 40 && x < 200 && y > 100 && y < 300)
        {
            return (176, 186, 204);
        }

        if (y > 320 && ((y - 320) % 28) < 16 && x > 30 && x < width - 30)
        {
            return ((x / 11) % 2 == 0 ? (byte)60 : (byte)120, 60, 70);
        }

        if (x > 230 && x < width - 40 && y > 110 && y < 290 && ((y - 110) % 36) < 12)
        {
            return (120, 128, 150);
        }

        return (232, 238, 250);
    }

    private static void Chunk(Stream stream, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        stream.Write(typeBytes);
        stream.Write(data);
        Span<byte> sum = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(sum, Crc32([.. typeBytes, .. data]));
        stream.Write(sum);
    }

    // PNG's CRC-32 (ISO 3309, reflected, polynomial 0xEDB88320).
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
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
