using System.Buffers.Binary;
using System.Text;
using Verification.Core.Documents;
using Verification.Core.Documents.Files;
using Verification.Core.Tests.Documents;
using Verification.Core.Verifications;

namespace Verification.Core.Tests.Documents.Files;

/// <summary>File fixtures are built in code: headers only, enough for the checks.</summary>
public sealed class FileTests
{
    internal static byte[] Jpeg(int width, int height, string? software = null, bool end = true)
    {
        var bytes = new List<byte> { 0xFF, 0xD8 };
        if (software is not null)
        {
            // APP1 Exif with a big-endian TIFF header and one IFD0 entry: Software (0x0131, ASCII).
            var text = Encoding.ASCII.GetBytes(software + "\0");
            var tiff = new List<byte>();
            tiff.AddRange("MM\0*"u8.ToArray());
            tiff.AddRange(BigEndian32(8));
            tiff.AddRange(BigEndian16(1));
            tiff.AddRange(BigEndian16(0x0131));
            tiff.AddRange(BigEndian16(2));
            tiff.AddRange(BigEndian32((uint)text.Length));
            tiff.AddRange(BigEndian32(8 + 2 + 12 + 4));
            tiff.AddRange(BigEndian32(0));
            tiff.AddRange(text);
            var segment = "Exif\0\0"u8.ToArray().Concat(tiff).ToArray();
            bytes.AddRange([0xFF, 0xE1]);
            bytes.AddRange(BigEndian16((ushort)(segment.Length + 2)));
            bytes.AddRange(segment);
        }

        bytes.AddRange([0xFF, 0xE0, 0x00, 0x10]);
        bytes.AddRange("JFIF\0"u8.ToArray());
        bytes.AddRange(new byte[9]);
        bytes.AddRange([0xFF, 0xC0, 0x00, 0x11, 0x08]);
        bytes.AddRange(BigEndian16((ushort)height));
        bytes.AddRange(BigEndian16((ushort)width));
        bytes.AddRange(new byte[10]);
        bytes.AddRange([0xFF, 0xDA, 0x00, 0x02, 0x12, 0x34, 0x56]);
        if (end)
        {
            bytes.AddRange([0xFF, 0xD9]);
        }

        return [.. bytes];
    }

    internal static byte[] Png(uint width, uint height, string? software = null)
    {
        var bytes = new List<byte> { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 };
        bytes.AddRange("IHDR"u8.ToArray());
        bytes.AddRange(BigEndian32(width));
        bytes.AddRange(BigEndian32(height));
        bytes.AddRange([8, 2, 0, 0, 0, 0, 0, 0, 0]);
        if (software is not null)
        {
            bytes.AddRange("\0\0\0\0tEXtSoftware\0"u8.ToArray());
            bytes.AddRange(Encoding.ASCII.GetBytes(software));
            bytes.Add(0);
        }

        bytes.AddRange([0, 0, 0, 0]);
        bytes.AddRange("IEND"u8.ToArray());
        bytes.AddRange([0xAE, 0x42, 0x60, 0x82]);
        return [.. bytes];
    }

    internal static byte[] WebPLossless(int width, int height)
    {
        var bytes = new byte[30];
        "RIFF"u8.CopyTo(bytes);
        "WEBPVP8L"u8.CopyTo(bytes.AsSpan(8));
        bytes[20] = 0x2F;
        var bits = (uint)(width - 1) | ((uint)(height - 1) << 14);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(21), bits);
        return bytes;
    }

    internal static byte[] WebPExtended(int width, int height)
    {
        var bytes = new byte[30];
        "RIFF"u8.CopyTo(bytes);
        "WEBPVP8X"u8.CopyTo(bytes.AsSpan(8));
        bytes[24] = (byte)(width - 1);
        bytes[25] = (byte)((width - 1) >> 8);
        bytes[26] = (byte)((width - 1) >> 16);
        bytes[27] = (byte)(height - 1);
        bytes[28] = (byte)((height - 1) >> 8);
        bytes[29] = (byte)((height - 1) >> 16);
        return bytes;
    }

    internal static byte[] WebPLossy(int width, int height)
    {
        var bytes = new byte[30];
        "RIFF"u8.CopyTo(bytes);
        "WEBPVP8 "u8.CopyTo(bytes.AsSpan(8));
        bytes[23] = 0x9D;
        bytes[24] = 0x01;
        bytes[25] = 0x2A;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(26), (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(28), (ushort)height);
        return bytes;
    }

    internal static byte[] Tiff(ushort width, ushort height, bool littleEndian)
    {
        var bytes = new byte[8 + 2 + (2 * 12) + 4];
        var span = bytes.AsSpan();
        if (littleEndian)
        {
            "II*\0"u8.CopyTo(span);
            BinaryPrimitives.WriteUInt32LittleEndian(span[4..], 8);
            BinaryPrimitives.WriteUInt16LittleEndian(span[8..], 2);
            WriteEntry(span[10..], 256, width);
            WriteEntry(span[22..], 257, height);
        }
        else
        {
            "MM\0*"u8.CopyTo(span);
            BinaryPrimitives.WriteUInt32BigEndian(span[4..], 8);
            BinaryPrimitives.WriteUInt16BigEndian(span[8..], 2);
            WriteEntryBig(span[10..], 256, width);
            WriteEntryBig(span[22..], 257, height);
        }

        return bytes;

        static void WriteEntry(Span<byte> e, ushort tag, ushort value)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(e, tag);
            BinaryPrimitives.WriteUInt16LittleEndian(e[2..], 3);
            BinaryPrimitives.WriteUInt32LittleEndian(e[4..], 1);
            BinaryPrimitives.WriteUInt16LittleEndian(e[8..], value);
        }

        static void WriteEntryBig(Span<byte> e, ushort tag, ushort value)
        {
            BinaryPrimitives.WriteUInt16BigEndian(e, tag);
            BinaryPrimitives.WriteUInt16BigEndian(e[2..], 3);
            BinaryPrimitives.WriteUInt32BigEndian(e[4..], 1);
            BinaryPrimitives.WriteUInt16BigEndian(e[8..], value);
        }
    }

    internal static byte[] Pdf(string body, bool end = true) =>
        Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + body + "\ntrailer\n<< /Root 1 0 R >>\n" + (end ? "%%EOF\n" : string.Empty));

    internal static byte[] Heic() => [0, 0, 0, 24, .. "ftypheic"u8.ToArray(), 0, 0, 0, 0, .. "mif1heic"u8.ToArray()];

    private static byte[] BigEndian16(ushort v) => [(byte)(v >> 8), (byte)v];

    private static byte[] BigEndian32(uint v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];

    public static TheoryData<string, byte[], FileKind, int?, int?> Images() => new()
    {
        { "jpeg", Jpeg(1280, 720), FileKind.Jpeg, 1280, 720 },
        { "png", Png(800, 600), FileKind.Png, 800, 600 },
        { "webp lossless", WebPLossless(1000, 700), FileKind.WebP, 1000, 700 },
        { "webp extended", WebPExtended(4000, 3000), FileKind.WebP, 4000, 3000 },
        { "webp lossy", WebPLossy(640, 480), FileKind.WebP, 640, 480 },
        { "tiff little", Tiff(2480, 3508, true), FileKind.Tiff, 2480, 3508 },
        { "tiff big", Tiff(1700, 2200, false), FileKind.Tiff, 1700, 2200 },
        { "pdf", Pdf("2 0 obj << /Producer (Bank statement engine) >> endobj"), FileKind.Pdf, null, null },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void RecognisesAcceptedFilesAndReadsTheirDimensions(string name, byte[] data, FileKind kind, int? width, int? height)
    {
        FileSniffer.Detect(data).Should().Be(kind, name);
        var inspection = FileInspector.Inspect(data, null).Value;
        inspection.Kind.Should().Be(kind);
        inspection.Width.Should().Be(width);
        inspection.Height.Should().Be(height);
        inspection.Controls.Should().Contain(c => c.Code == ControlCodes.FileType && c.Result == ControlOutcome.Passed);
        inspection.Controls.Should().Contain(c => c.Code == ControlCodes.FileIntegrity && c.Result == ControlOutcome.Passed);
    }

    [Fact]
    public void RecognisesHeicAndRefusesIt()
    {
        FileSniffer.Detect(Heic()).Should().Be(FileKind.Heic);
        var failure = FileInspector.Inspect(Heic(), "image/heic").Failure!;
        failure.Code.Should().Be("file.unsupported_type");
        failure.Kind.Should().Be(FailureKind.Unsupported);
    }

    [Theory]
    [InlineData("GIF89a\u0001\u0000\u0001\u0000")]
    [InlineData("PK\u0003\u0004 zip")]
    [InlineData("hello world")]
    public void RefusesUnknownTypes(string content) =>
        FileInspector.Inspect(Encoding.ASCII.GetBytes(content), null).Failure!.Code.Should().Be("file.unsupported_type");

    [Fact]
    public void RefusesEmptyFiles() => FileInspector.Inspect([], null).Failure!.Code.Should().Be("file.empty");

    [Fact]
    public void RefusesFilesOverTheLimit()
    {
        var options = new DocumentCheckOptions { MaxFileBytes = 10 };
        var failure = FileInspector.Inspect(Png(10, 10), null, options).Failure!;
        failure.Code.Should().Be("file.too_large");
        failure.Kind.Should().Be(FailureKind.TooLarge);
    }

    [Theory]
    [InlineData("image/png", true)]
    [InlineData("application/pdf", true)]
    [InlineData("image/jpg", false)]
    [InlineData("IMAGE/JPEG; charset=binary", false)]
    [InlineData("image/pjpeg", false)]
    [InlineData("application/octet-stream", false)]
    [InlineData("", false)]
    public void RefusesADeclaredMediaTypeThatContradictsTheContent(string declared, bool mismatch)
    {
        var outcome = FileInspector.Inspect(Jpeg(10, 10), declared);
        if (mismatch)
        {
            outcome.Failure!.Code.Should().Be("file.media_type_mismatch");
        }
        else
        {
            outcome.IsSuccess.Should().BeTrue();
        }
    }

    [Theory]
    [InlineData(60000, 60000)]
    [InlineData(40000, 100)]
    [InlineData(0, 100)]
    public void FailsAbsurdDimensions(int width, int height)
    {
        var inspection = FileInspector.Inspect(WebPExtended(Math.Max(width, 1), height), null).Value;
        if (width == 0)
        {
            inspection = FileInspector.Inspect(Png(0, (uint)height), null).Value;
        }

        inspection.Controls.Single(c => c.Code == ControlCodes.FileIntegrity).Result.Should().Be(ControlOutcome.Failed);
    }

    [Theory]
    [InlineData("Adobe Photoshop 25.0 (Windows)", "photoshop")]
    [InlineData("GIMP 2.10.34", "gimp")]
    [InlineData("Canva", "canva")]
    public void WarnsAboutEditingSoftwareInExif(string software, string editor)
    {
        var inspection = FileInspector.Inspect(Jpeg(100, 100, software), "image/jpeg").Value;
        inspection.Software.Should().Contain(software);
        inspection.EditingSoftware.Should().Be(editor);
        var integrity = inspection.Controls.Single(c => c.Code == ControlCodes.FileIntegrity);
        integrity.Result.Should().Be(ControlOutcome.Warning);
        integrity.Detail.Should().Contain(editor);
    }

    [Fact]
    public void DoesNotFlagCameraSoftware()
    {
        var inspection = FileInspector.Inspect(Jpeg(100, 100, "HDR+ 1.0.540104767zd"), null).Value;
        inspection.EditingSoftware.Should().BeNull();
        inspection.Controls.Single(c => c.Code == ControlCodes.FileIntegrity).Result.Should().Be(ControlOutcome.Passed);
    }

    [Fact]
    public void WarnsAboutEditingSoftwareInPngTextAndXmp()
    {
        FileInspector.Inspect(Png(10, 10, "paint.net 5.0"), null).Value.EditingSoftware.Should().Be("paint.net");
        var xmp = Jpeg(10, 10).Concat(Encoding.ASCII.GetBytes("<x:xmpmeta><xmp:CreatorTool>Adobe Photoshop Lightroom Classic</xmp:CreatorTool></x:xmpmeta>")).ToArray();
        FileMetadata.ReadSoftware(xmp, FileKind.Jpeg).Should().Contain("Adobe Photoshop Lightroom Classic");
    }

    [Theory]
    [InlineData("2 0 obj << /Producer (iLovePDF) >> endobj", "ilovepdf")]
    [InlineData("2 0 obj << /Creator (Microsoft Word for Microsoft 365) >> endobj", "microsoft word")]
    public void WarnsAboutPdfEditors(string body, string editor) =>
        FileInspector.Inspect(Pdf(body), "application/pdf").Value.EditingSoftware.Should().Be(editor);

    [Theory]
    [InlineData("<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>", ControlOutcome.Failed)]
    [InlineData("<< /OpenAction << /S /J#61vaScript >> >>", ControlOutcome.Failed)]
    [InlineData("<< /S /Launch /F (cmd.exe) >>", ControlOutcome.Failed)]
    [InlineData("<< /Names << /EmbeddedFiles 3 0 R >> >>", ControlOutcome.Warning)]
    [InlineData("<< /Type /EmbeddedFile /Length 10 >>", ControlOutcome.Warning)]
    [InlineData("<< /JSON (not a script) /JSX 1 >>", ControlOutcome.Passed)]
    public void FlagsPdfActiveContent(string body, ControlOutcome expected) =>
        FileInspector.Inspect(Pdf(body), null).Value.Controls.Single(c => c.Code == ControlCodes.FileIntegrity).Result.Should().Be(expected);

    [Fact]
    public void WarnsAboutTruncatedFiles()
    {
        FileInspector.Inspect(Jpeg(10, 10, end: false), null).Value.Truncated.Should().BeTrue();
        FileInspector.Inspect(Pdf("x", end: false), null).Value.Controls.Single(c => c.Code == ControlCodes.FileIntegrity).Result.Should().Be(ControlOutcome.Warning);
    }

    [Fact]
    public void FailsAnImageWhoseHeaderCannotBeRead()
    {
        byte[] broken = [0xFF, 0xD8, 0xFF, 0xE0, 0x00];
        FileInspector.Inspect(broken, null).Value.Controls.Single(c => c.Code == ControlCodes.FileIntegrity).Result.Should().Be(ControlOutcome.Failed);
    }
}
