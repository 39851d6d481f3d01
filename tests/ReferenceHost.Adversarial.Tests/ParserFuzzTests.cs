using System.Text;
using Verification.Core.Documents.Banking;
using Verification.Core.Documents.Files;
using Verification.Core.Documents.Mrz;
using Verification.Hosting.Testing;

namespace ReferenceHost.Adversarial.Tests;

/// <summary>
/// The parsers under a seeded random input generator, a bounded number of iterations each: no exception
/// escapes, no input hangs. A failure names the seed, the iteration and the input, so it replays exactly.
/// </summary>
public sealed class ParserFuzzTests
{
    private const string Base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/= \r\n\t-_,;:%\0\u00e9\ud800";
    private const string MrzAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<<<<<<\n\n\r \t0OI1|«";
    private const string IbanAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789   -_\t\u00a0\u200b\u0000";

    private static readonly byte[] Jpeg = Specimens.Jpeg();

    private static readonly IReadOnlyList<string> DataUris =
    [
        Specimens.DataUri(Jpeg), Specimens.DataUri(Specimens.Pdf(), "application/pdf"), "data:image/png;base64,iVBORw0KGgo=",
        "data:;base64,QUJD", "DATA:image/jpeg;charset=utf-8;name=a.jpg;base64,/9j/4AAQ\r\nSkZJRg==", "data:image/jpeg,abc",
    ];

    private static readonly IReadOnlyList<string> Mrzs =
    [
        Specimens.IcaoPassport,
        Specimens.Passport("Dupont", "Jean Pierre"),
        "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<",
        "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<\nD231458907UTO7408122F1204159<<<<<<<6",
        "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL8988901C4XXX4009078F96121096ZE184226B<<<<<<",
        "IDFRADOUEL<<<<<<<<<<<<<<<<<<<<932013\n0506932020438CHRISTIANE<<NI2906209F3",
        "garbage before\n" + Specimens.IcaoPassport + "\nand after",
    ];

    private static readonly IReadOnlyList<string> Ibans =
    [
        "FR1420041010050500013M02606", "FR76 3000 6000 0112 3456 7890 189", "DE89370400440532013000", "GB82WEST12345698765432",
        "IT60X0542811101000000123456", "ES9121000418450200051332", "NL91ABNA0417164300", "BE68539007547034", "MT84MALT011000012345MTLCAST001S",
        "LC55HEMM000100010012001200023015", "XX00", "fr14 2004 1010 0505 0001 3m02 606",
    ];

    private static readonly IReadOnlyList<string> Bics = ["BNPAFRPP", "BNPAFRPPXXX", "DEUTDEFF500", "AAAABBCC", "bnpafrpp", "BNPA FR PP"];

    private static IReadOnlyList<byte[]> Images { get; } =
    [
        Jpeg,
        JpegWithExif(),
        HostileFiles.Png(),
        [.. HostileFiles.Png(), .. "tEXtSoftware\0Adobe Photoshop\0"u8],
        Tiff(littleEndian: true),
        Tiff(littleEndian: false),
        [.. "RIFF"u8, 0x40, 0, 0, 0, .. "WEBPVP8X"u8, 10, 0, 0, 0, 0, 0, 0, 0, 0x7F, 0x04, 0, 0x2F, 0x03, 0, .. new byte[16]],
        [.. "RIFF"u8, 0x40, 0, 0, 0, .. "WEBPVP8L"u8, 10, 0, 0, 0, 0x2F, 0xFF, 0x3F, 0x00, 0x00, .. new byte[16]],
        [.. "RIFF"u8, 0x40, 0, 0, 0, .. "WEBPVP8 "u8, 10, 0, 0, 0, 0, 0, 0, 0x9D, 0x01, 0x2A, 0x80, 0x02, 0xE0, 0x01, .. new byte[16]],
        Specimens.Pdf(),
        HostileFiles.PdfWithJavaScript(),
        HostileFiles.PdfWithEscapedJavaScript(),
        [.. HostileFiles.Pdf("1 0 obj<</Producer(Adobe Photoshop)/Creator (Microsoft Word)>>endobj <x:xmpmeta CreatorTool=\"GIMP 2.10\"/>")],
        HostileFiles.JpegPdfPolyglot(),
        HostileFiles.Heic(),
    ];

    [Fact]
    public void DataUriParserNeverThrowsNorHangs() =>
        Fuzz.Run(seed: 1, iterations: 20_000,
            random => random.Next(4) == 0 ? RandomText(random, Base64Alphabet, 300) : Fuzz.MutateText(random, DataUris, Base64Alphabet),
            uri =>
            {
                var parsed = DataUri.Parse(uri, 1024 * 1024);
                var length = DataUri.DecodedLength(uri);
                if (parsed.IsSuccess)
                {
                    length.IsSuccess.Should().BeTrue();
                    length.Value.Should().Be(parsed.Value.Data.Length);
                    FileInspector.Inspect(parsed.Value.Data, parsed.Value.MediaType);
                }
                else
                {
                    parsed.Failure!.Code.Should().BeOneOf("file.invalid_data_uri", "file.empty", "file.too_large");
                }
            },
            Fuzz.Escape);

    [Fact]
    public void MrzParserNeverThrowsNorHangs() =>
        Fuzz.Run(seed: 2, iterations: 4_000,
            random => random.Next(5) switch
            {
                0 => RandomText(random, MrzAlphabet, 120),
                1 => BlankOut(random, Mrzs[random.Next(Mrzs.Count)]),
                _ => Fuzz.MutateText(random, Mrzs, MrzAlphabet),
            },
            text =>
            {
                var parsed = MrzParser.Parse(text, TimeProvider.System);
                if (!parsed.IsSuccess)
                {
                    parsed.Failure!.Code.Should().StartWith("mrz.");
                }
            },
            Fuzz.Escape);

    [Fact]
    public void IbanAndBicParsersNeverThrowNorHang() =>
        Fuzz.Run(seed: 3, iterations: 40_000,
            random => random.Next(4) == 0 ? RandomText(random, IbanAlphabet, 60) : Fuzz.MutateText(random, random.Next(3) == 0 ? Bics : Ibans, IbanAlphabet),
            text =>
            {
                var iban = Iban.Validate(text);
                var normalized = Iban.Normalize(text);
                if (normalized is not null)
                {
                    Iban.Mod97(normalized);
                    if (normalized.Length >= 4)
                    {
                        NationalBankChecks.Check(normalized[..2], normalized.AsSpan(4));
                    }
                }

                Bic.Validate(text);
                Bic.Normalize(text);
                if (iban.IsValid)
                {
                    normalized.Should().NotBeNull();
                }
            },
            Fuzz.Escape);

    [Fact]
    public void ImageHeaderReadersNeverThrowNorHang() =>
        Fuzz.Run(seed: 4, iterations: 12_000,
            random => random.Next(10) == 0 ? RandomBytes(random, 200) : Fuzz.Mutate(random, Images),
            data =>
            {
                foreach (var kind in Enum.GetValues<FileKind>())
                {
                    // Reads the EXIF software tag through the (internal) header readers, whatever the real kind.
                    FileMetadata.ReadSoftware(data, kind);
                }

                // Reads the dimensions of whatever kind the bytes are sniffed as.
                FileInspector.Inspect(data, null);

                FileMetadata.FindPdfActiveContent(data);
                FileSniffer.Detect(data);
            },
            Fuzz.Hex);

    [Fact]
    public void FileInspectorNeverThrowsNorHangs() =>
        Fuzz.Run(seed: 5, iterations: 20_000,
            random => (Fuzz.Mutate(random, Images), random.Next(6) switch
            {
                0 => "image/jpeg",
                1 => "application/pdf",
                2 => null,
                3 => "image/png; charset=\"\u0000",
                4 => new string('x', random.Next(200)),
                _ => "application/octet-stream",
            }),
            input =>
            {
                var inspected = FileInspector.Inspect(input.Item1, input.Item2);
                if (!inspected.IsSuccess)
                {
                    inspected.Failure!.Code.Should().StartWith("file.");
                }
            },
            input => $"{input.Item2}: {Fuzz.Hex(input.Item1)}");

    // A smudge or a glare read as blanks: a run of characters inside one line becomes a run of spaces, a little shorter
    // or much longer; half the time the run takes most of the line (just enough characters left to look like a zone line).
    private static string BlankOut(Random random, string text)
    {
        var lines = text.Split('\n');
        var index = random.Next(lines.Length);
        var line = lines[index];
        if (line.Length < 3)
        {
            return text;
        }

        var length = random.Next(2) == 0 ? random.Next(line.Length - 1) : Math.Max(0, line.Length - 20 - random.Next(4));
        var at = 1 + random.Next(line.Length - length - 1);
        var blanks = Math.Max(0, length + random.Next(-4, 30));
        lines[index] = string.Concat(line.AsSpan(0, at), new string(' ', blanks), line.AsSpan(at + length));
        return string.Join('\n', lines);
    }

    private static string RandomText(Random random, string alphabet, int maxLength)
    {
        var chars = new char[random.Next(maxLength)];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = random.Next(8) == 0 ? (char)random.Next(0, 0xFFFF) : alphabet[random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    private static byte[] RandomBytes(Random random, int maxLength)
    {
        var bytes = new byte[random.Next(maxLength)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] JpegWithExif()
    {
        var tiff = Tiff(littleEndian: true);
        var segment = new List<byte> { 0xFF, 0xE1, (byte)((tiff.Length + 8) >> 8), (byte)(tiff.Length + 8) };
        segment.AddRange("Exif\0\0"u8.ToArray());
        segment.AddRange(tiff);
        return [0xFF, 0xD8, .. segment, .. Jpeg.AsSpan(2)];
    }

    // A TIFF with width, height and a Software tag pointing to text after the directory.
    private static byte[] Tiff(bool littleEndian)
    {
        var software = Encoding.ASCII.GetBytes("Adobe Photoshop 25.0\0");
        var bytes = new byte[8 + 2 + (3 * 12) + 4 + software.Length];
        void U16(int at, int v)
        {
            if (littleEndian)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at), (ushort)v);
            }
            else
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(at), (ushort)v);
            }
        }

        void U32(int at, uint v)
        {
            if (littleEndian)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), v);
            }
            else
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(at), v);
            }
        }

        bytes[0] = bytes[1] = (byte)(littleEndian ? 'I' : 'M');
        U16(2, 42);
        U32(4, 8);
        U16(8, 3);
        var entry = 10;
        foreach (var (tag, type, count, value) in new (int, int, uint, uint)[] { (256, 4, 1, 1200), (257, 4, 1, 800), (305, 2, (uint)software.Length, 50) })
        {
            U16(entry, tag);
            U16(entry + 2, type);
            U32(entry + 4, count);
            U32(entry + 8, value);
            entry += 12;
        }

        software.CopyTo(bytes, 50);
        return bytes;
    }
}
