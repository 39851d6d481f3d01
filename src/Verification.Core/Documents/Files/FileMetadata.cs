using System.Text;

namespace Verification.Core.Documents.Files;

/// <summary>
/// Metadata that tells how a file was made: the software named in EXIF, XMP (<c>CreatorTool</c>,
/// <c>softwareAgent</c>), PNG text chunks (<c>Software</c>) or the PDF information dictionary
/// (<c>/Producer</c>, <c>/Creator</c>), and active content in PDFs (names <c>/JavaScript</c>, <c>/JS</c>,
/// <c>/Launch</c>, <c>/EmbeddedFile</c>, <c>/EmbeddedFiles</c>, <c>/RichMedia</c>, decoded from <c>#xx</c>
/// escapes so that <c>/J#61vaScript</c> is found too). Content inside compressed object streams is not
/// inflated: such names are missed, which the control's detail says.
/// </summary>
public static class FileMetadata
{
    // Editing software, matched case-insensitively inside the software strings. Scanners, cameras and the
    // PDF libraries banks generate statements with are deliberately absent.
    private static readonly string[] EditingSoftware =
    [
        "photoshop", "gimp", "paint.net", "pixelmator", "affinity photo", "affinity designer", "canva", "snapseed",
        "lightroom", "picsart", "illustrator", "inkscape", "paintshop", "coreldraw", "corel photo", "facetune", "fotor",
        "pixlr", "photoscape", "photopea", "krita", "pdfescape", "sejda", "ilovepdf", "smallpdf", "pdf-xchange editor",
        "phantompdf", "foxit pdf editor", "nitro pro", "pdfelement", "pdf editor", "microsoft word", "libreoffice",
        "openoffice", "pages",
    ];

    private static readonly string[] ActiveNames = ["JavaScript", "JS", "Launch", "EmbeddedFile", "EmbeddedFiles", "RichMedia"];
    private static readonly byte[][] ActiveNameBytes = [.. ActiveNames.Select(Encoding.ASCII.GetBytes)];

    /// <summary>The software strings found in the file's metadata (at most a few, each at most 128 characters).</summary>
    public static IReadOnlyList<string> ReadSoftware(ReadOnlySpan<byte> data, FileKind kind) => ReadSoftware(data, kind, null);

    /// <summary>As <see cref="ReadSoftware(ReadOnlySpan{byte}, FileKind)"/>, the PDF information dictionary taken from <paramref name="pdf"/> when PdfPig could read it.</summary>
    internal static IReadOnlyList<string> ReadSoftware(ReadOnlySpan<byte> data, FileKind kind, PdfStructure? pdf)
    {
        var found = new List<string>();
        var exif = ImageHeaders.ReadExifSoftware(data, kind);
        if (exif is not null)
        {
            found.Add(exif);
        }

        // Metadata sits near the start of images and anywhere in PDFs (the information dictionary is often last).
        var region = kind == FileKind.Pdf || data.Length <= 1 << 20 ? data : data[..(1 << 20)];
        AddAfter(region, "CreatorTool>"u8, "<"u8, found);
        AddAfter(region, "CreatorTool=\""u8, "\""u8, found);
        AddAfter(region, "softwareAgent>"u8, "<"u8, found);
        AddAfter(region, "softwareAgent=\""u8, "\""u8, found);
        if (kind == FileKind.Png)
        {
            AddAfter(region, "Software\0"u8, "\0"u8, found);
        }

        if (pdf is not null)
        {
            foreach (var name in new[] { pdf.Producer, pdf.Creator })
            {
                if (name is not null && !found.Contains(name) && found.Count < 8)
                {
                    found.Add(name);
                }
            }
        }
        else if (kind == FileKind.Pdf)
        {
            // PdfPig could not parse the file: the dictionary is looked for in the bytes.
            AddAfter(region, "/Producer("u8, ")"u8, found);
            AddAfter(region, "/Producer ("u8, ")"u8, found);
            AddAfter(region, "/Creator("u8, ")"u8, found);
            AddAfter(region, "/Creator ("u8, ")"u8, found);
        }

        return found;
    }

    /// <summary>The first editing program named among <paramref name="software"/>, or <see langword="null"/>.</summary>
    public static string? FindEditingSoftware(IReadOnlyList<string> software)
    {
        ArgumentNullException.ThrowIfNull(software);
        foreach (var name in software)
        {
            foreach (var editor in EditingSoftware)
            {
                var at = name.IndexOf(editor, StringComparison.OrdinalIgnoreCase);
                if (at < 0)
                {
                    continue;
                }

                // "pages" and similar short words must stand alone.
                var before = at == 0 || !char.IsLetter(name[at - 1]);
                var after = at + editor.Length == name.Length || !char.IsLetter(name[at + editor.Length]);
                if (before && after)
                {
                    return editor;
                }
            }
        }

        return null;
    }

    /// <summary>The active-content names found in a PDF (distinct, in the order of <c>JavaScript, JS, Launch, EmbeddedFile, EmbeddedFiles, RichMedia</c>).</summary>
    public static IReadOnlyList<string> FindPdfActiveContent(ReadOnlySpan<byte> pdf)
    {
        var seen = 0;
        Span<byte> name = stackalloc byte[32];
        var i = 0;
        while (i < pdf.Length)
        {
            var slash = pdf[i..].IndexOf((byte)'/');
            if (slash < 0)
            {
                break;
            }

            i += slash + 1;
            var length = 0;
            while (i < pdf.Length && length < name.Length)
            {
                var b = pdf[i];
                if (b is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t' or (byte)'\f' or 0 or (byte)'/' or (byte)'(' or (byte)')'
                    or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}' or (byte)'%')
                {
                    break;
                }

                if (b == (byte)'#' && i + 2 < pdf.Length && IsHex(pdf[i + 1]) && IsHex(pdf[i + 2]))
                {
                    name[length++] = (byte)((Hex(pdf[i + 1]) << 4) | Hex(pdf[i + 2]));
                    i += 3;
                    continue;
                }

                name[length++] = b;
                i++;
            }

            for (var n = 0; n < ActiveNames.Length; n++)
            {
                if (name[..length].SequenceEqual(ActiveNameBytes[n]))
                {
                    seen |= 1 << n;
                }
            }
        }

        var result = new List<string>();
        for (var n = 0; n < ActiveNames.Length; n++)
        {
            if ((seen & (1 << n)) != 0)
            {
                result.Add(ActiveNames[n]);
            }
        }

        return result;
    }

    internal static string? Printable(ReadOnlySpan<byte> text)
    {
        var end = text.IndexOf((byte)0);
        if (end >= 0)
        {
            text = text[..end];
        }

        if (text.Length > 128)
        {
            text = text[..128];
        }

        Span<char> chars = stackalloc char[text.Length];
        var length = 0;
        foreach (var b in text)
        {
            if (b is >= 0x20 and < 0x7F)
            {
                chars[length++] = (char)b;
            }
        }

        var value = chars[..length].Trim();
        return value.IsEmpty ? null : new string(value);
    }

    private static void AddAfter(ReadOnlySpan<byte> data, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> terminator, List<string> found)
    {
        var at = data.IndexOf(prefix);
        if (at < 0 || found.Count >= 8)
        {
            return;
        }

        var rest = data[(at + prefix.Length)..];
        var end = rest[..Math.Min(rest.Length, 256)].IndexOf(terminator);
        if (end <= 0)
        {
            return;
        }

        var text = Printable(rest[..end]);
        if (text is not null && !found.Contains(text))
        {
            found.Add(text);
        }
    }

    private static bool IsHex(byte b) => b is (>= (byte)'0' and <= (byte)'9') or (>= (byte)'a' and <= (byte)'f') or (>= (byte)'A' and <= (byte)'F');

    private static int Hex(byte b) => b <= (byte)'9' ? b - '0' : (b | 0x20) - 'a' + 10;
}
