using System.Buffers.Binary;

namespace Verification.Core.Documents.Files;

/// <summary>
/// Reads pixel dimensions from image headers (JPEG SOF segment, PNG IHDR, WebP VP8/VP8L/VP8X, TIFF IFD0)
/// without decoding pixels, and the EXIF <c>Software</c> tag of JPEG and TIFF files.
/// </summary>
internal static class ImageHeaders
{
    private const ushort TagWidth = 256;
    private const ushort TagHeight = 257;
    private const ushort TagSoftware = 305;

    /// <summary>Reads width and height; <see langword="false"/> when the header is missing or malformed.</summary>
    public static bool TryReadDimensions(ReadOnlySpan<byte> data, FileKind kind, out int width, out int height)
    {
        width = 0;
        height = 0;
        return kind switch
        {
            FileKind.Png => TryPng(data, out width, out height),
            FileKind.Jpeg => TryJpeg(data, out width, out height, out _),
            FileKind.WebP => TryWebP(data, out width, out height),
            FileKind.Tiff => TryTiff(data, out width, out height, out _),
            _ => false,
        };
    }

    /// <summary>The EXIF <c>Software</c> tag of a JPEG or TIFF file, or <see langword="null"/>.</summary>
    public static string? ReadExifSoftware(ReadOnlySpan<byte> data, FileKind kind)
    {
        if (kind == FileKind.Tiff)
        {
            TryTiff(data, out _, out _, out var software);
            return software;
        }

        if (kind == FileKind.Jpeg)
        {
            TryJpeg(data, out _, out _, out var software);
            return software;
        }

        return null;
    }

    private static bool TryPng(ReadOnlySpan<byte> data, out int width, out int height)
    {
        width = height = 0;
        if (data.Length < 24 || !data.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            return false;
        }

        width = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(data[16..]), int.MaxValue);
        height = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(data[20..]), int.MaxValue);
        return true;
    }

    private static bool TryJpeg(ReadOnlySpan<byte> data, out int width, out int height, out string? software)
    {
        width = height = 0;
        software = null;
        var found = false;
        var i = 2;
        while (i + 4 <= data.Length)
        {
            if (data[i] != 0xFF)
            {
                return found;
            }

            var marker = data[i + 1];
            if (marker == 0xFF)
            {
                // Fill byte.
                i++;
                continue;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                i += 2;
                continue;
            }

            if (marker is 0xD9 or 0xDA)
            {
                // End of image or start of scan: the headers are over.
                return found;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(i + 2)..]);
            if (length < 2 || i + 2 + length > data.Length)
            {
                return found;
            }

            var segment = data.Slice(i + 4, length - 2);
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC && segment.Length >= 5 && !found)
            {
                height = BinaryPrimitives.ReadUInt16BigEndian(segment[1..]);
                width = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
                found = true;
            }
            else if (marker == 0xE1 && segment.StartsWith("Exif\0\0"u8) && software is null)
            {
                TryTiff(segment[6..], out _, out _, out software);
            }

            i += 2 + length;
        }

        return found;
    }

    private static bool TryWebP(ReadOnlySpan<byte> data, out int width, out int height)
    {
        width = height = 0;
        if (data.Length < 30)
        {
            return false;
        }

        var chunk = data.Slice(12, 4);
        if (chunk.SequenceEqual("VP8X"u8))
        {
            width = 1 + (data[24] | (data[25] << 8) | (data[26] << 16));
            height = 1 + (data[27] | (data[28] << 8) | (data[29] << 16));
            return true;
        }

        if (chunk.SequenceEqual("VP8L"u8))
        {
            if (data[20] != 0x2F)
            {
                return false;
            }

            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[21..]);
            width = 1 + (int)(bits & 0x3FFF);
            height = 1 + (int)((bits >> 14) & 0x3FFF);
            return true;
        }

        if (chunk.SequenceEqual("VP8 "u8))
        {
            if (data[23] != 0x9D || data[24] != 0x01 || data[25] != 0x2A)
            {
                return false;
            }

            width = BinaryPrimitives.ReadUInt16LittleEndian(data[26..]) & 0x3FFF;
            height = BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) & 0x3FFF;
            return true;
        }

        return false;
    }

    private static bool TryTiff(ReadOnlySpan<byte> data, out int width, out int height, out string? software)
    {
        width = height = 0;
        software = null;
        if (data.Length < 8)
        {
            return false;
        }

        var little = data[0] == (byte)'I';
        var ifd = ReadUInt32(data[4..], little);
        // In 64 bits: an offset near uint.MaxValue must not wrap round to a small one.
        if (ifd < 8 || (long)ifd + 2 > data.Length)
        {
            return false;
        }

        var entries = ReadUInt16(data[(int)ifd..], little);
        var foundWidth = false;
        var foundHeight = false;
        for (var e = 0; e < entries; e++)
        {
            var at = (int)ifd + 2 + (e * 12);
            if (at + 12 > data.Length)
            {
                break;
            }

            var entry = data.Slice(at, 12);
            var tag = ReadUInt16(entry, little);
            var type = ReadUInt16(entry[2..], little);
            var count = ReadUInt32(entry[4..], little);
            var value = type == 3 ? ReadUInt16(entry[8..], little) : ReadUInt32(entry[8..], little);
            switch (tag)
            {
                case TagWidth:
                    width = (int)Math.Min(value, int.MaxValue);
                    foundWidth = true;
                    break;
                case TagHeight:
                    height = (int)Math.Min(value, int.MaxValue);
                    foundHeight = true;
                    break;
                case TagSoftware when type == 2 && count is > 0 and < 256:
                    var text = count <= 4 ? entry.Slice(8, (int)count) : ((long)value + count <= data.Length ? data.Slice((int)value, (int)count) : default);
                    software = FileMetadata.Printable(text);
                    break;
            }
        }

        return foundWidth && foundHeight;
    }

    private static ushort ReadUInt16(ReadOnlySpan<byte> data, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(data) : BinaryPrimitives.ReadUInt16BigEndian(data);

    private static uint ReadUInt32(ReadOnlySpan<byte> data, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(data) : BinaryPrimitives.ReadUInt32BigEndian(data);
}
