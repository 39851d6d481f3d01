namespace Verification.Core.Documents.Files;

/// <summary>A file type recognised from its magic bytes.</summary>
public enum FileKind
{
    /// <summary>Not recognised.</summary>
    Unknown,

    /// <summary>JPEG (<c>FF D8 FF</c>).</summary>
    Jpeg,

    /// <summary>PNG (<c>89 50 4E 47 0D 0A 1A 0A</c>).</summary>
    Png,

    /// <summary>WebP (<c>RIFF</c> .... <c>WEBP</c>).</summary>
    WebP,

    /// <summary>TIFF (<c>II*\0</c> or <c>MM\0*</c>).</summary>
    Tiff,

    /// <summary>PDF (<c>%PDF-</c> within the first kilobyte, as readers accept).</summary>
    Pdf,

    /// <summary>HEIC/HEIF (ISO BMFF <c>ftyp</c> with a HEIF brand): recognised but not accepted.</summary>
    Heic,
}

/// <summary>Magic-byte recognition and the media types of the accepted file kinds.</summary>
public static class FileSniffer
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Recognises the kind of a file from its first bytes.</summary>
    public static FileKind Detect(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        {
            return FileKind.Jpeg;
        }

        if (data.StartsWith(PngSignature))
        {
            return FileKind.Png;
        }

        if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return FileKind.WebP;
        }

        if (data.Length >= 4 && (data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8)))
        {
            return FileKind.Tiff;
        }

        if (data.Length >= 12 && data.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            var brand = data.Slice(8, 4);
            if (brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("hevc"u8)
                || brand.SequenceEqual("heim"u8) || brand.SequenceEqual("heis"u8) || brand.SequenceEqual("mif1"u8)
                || brand.SequenceEqual("msf1"u8) || brand.SequenceEqual("avif"u8))
            {
                return FileKind.Heic;
            }
        }

        // Readers accept a PDF header anywhere in the first 1024 bytes; so do we, but it must be there.
        var head = data[..Math.Min(data.Length, 1024)];
        if (head.IndexOf("%PDF-"u8) >= 0)
        {
            return FileKind.Pdf;
        }

        return FileKind.Unknown;
    }

    /// <summary>The media type of a kind, e.g. <c>image/jpeg</c>; <see langword="null"/> for <see cref="FileKind.Unknown"/>.</summary>
    public static string? MediaTypeOf(FileKind kind) => kind switch
    {
        FileKind.Jpeg => "image/jpeg",
        FileKind.Png => "image/png",
        FileKind.WebP => "image/webp",
        FileKind.Tiff => "image/tiff",
        FileKind.Pdf => "application/pdf",
        FileKind.Heic => "image/heic",
        _ => null,
    };

    /// <summary>Whether the product accepts files of this kind (HEIC is recognised, not accepted).</summary>
    public static bool IsAccepted(FileKind kind) => kind is FileKind.Jpeg or FileKind.Png or FileKind.WebP or FileKind.Tiff or FileKind.Pdf;

    /// <summary>
    /// The kind a declared media type names (parameters and case ignored; common aliases such as
    /// <c>image/jpg</c>, <c>image/pjpeg</c>, <c>image/x-png</c>, <c>image/tif</c>, <c>application/x-pdf</c>,
    /// <c>image/heif</c> understood), or <see cref="FileKind.Unknown"/>.
    /// </summary>
    public static FileKind KindOfMediaType(ReadOnlySpan<char> mediaType)
    {
        var semicolon = mediaType.IndexOf(';');
        if (semicolon >= 0)
        {
            mediaType = mediaType[..semicolon];
        }

        mediaType = mediaType.Trim();
        Span<char> lower = stackalloc char[Math.Min(mediaType.Length, 64)];
        var length = mediaType[..lower.Length].ToLowerInvariant(lower);
        return lower[..length] switch
        {
            "image/jpeg" or "image/jpg" or "image/pjpeg" => FileKind.Jpeg,
            "image/png" or "image/x-png" => FileKind.Png,
            "image/webp" => FileKind.WebP,
            "image/tiff" or "image/tif" or "image/x-tiff" => FileKind.Tiff,
            "application/pdf" or "application/x-pdf" => FileKind.Pdf,
            "image/heic" or "image/heif" or "image/heic-sequence" or "image/heif-sequence" or "image/avif" => FileKind.Heic,
            _ => FileKind.Unknown,
        };
    }
}
