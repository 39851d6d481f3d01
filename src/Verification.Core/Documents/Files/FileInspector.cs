using Verification.Core.Verifications;
using Verification.Core.Submissions;

namespace Verification.Core.Documents.Files;

/// <summary>What <see cref="FileInspector"/> found in an accepted file.</summary>
public sealed record FileInspection
{
    /// <summary>The recognised kind.</summary>
    public required FileKind Kind { get; init; }

    /// <summary>The media type of <see cref="Kind"/>.</summary>
    public required string MediaType { get; init; }

    /// <summary>Length in bytes.</summary>
    public required long Length { get; init; }

    /// <summary>Pixel width from the header (images).</summary>
    public int? Width { get; init; }

    /// <summary>Pixel height from the header (images).</summary>
    public int? Height { get; init; }

    /// <summary>The software strings of the metadata.</summary>
    public IReadOnlyList<string> Software { get; init; } = [];

    /// <summary>The editing program found among <see cref="Software"/>, if any.</summary>
    public string? EditingSoftware { get; init; }

    /// <summary>Active-content names found in a PDF.</summary>
    public IReadOnlyList<string> ActiveContent { get; init; } = [];

    /// <summary>The file ends before its end marker.</summary>
    public bool Truncated { get; init; }

    /// <summary>The <c>file.type</c> and <c>file.integrity</c> controls.</summary>
    public required IReadOnlyList<ControlResult> Controls { get; init; }
}

/// <summary>
/// Checks a submitted file: magic bytes (JPEG, PNG, WebP, TIFF, PDF accepted; HEIC recognised and refused),
/// the declared media type against them, the size limit, image dimensions from the header (absurd or
/// unreadable ones fail), end markers (a truncated file is a warning), editing software in the metadata
/// (warning), images that also open as a PDF (polyglots fail), and PDF active content (<c>/JavaScript</c>, <c>/JS</c>, <c>/Launch</c> fail;
/// <c>/EmbeddedFile</c>, <c>/RichMedia</c> are warnings). Refusals are failures with the codes of <c>docs/api.md</c>:
/// <c>file.empty</c>, <c>file.too_large</c>, <c>file.unsupported_type</c>, <c>file.media_type_mismatch</c>,
/// <c>file.invalid_data_uri</c>.
/// </summary>
public static class FileInspector
{
    /// <summary>Decodes a data URI (limit checked before decoding) and inspects the file.</summary>
    public static Outcome<(DataUriContent Content, FileInspection Inspection)> InspectDataUri(string? uri, DocumentCheckOptions? options = null)
    {
        options ??= DocumentCheckOptions.Default;
        var parsed = DataUri.Parse(uri, options.MaxFileBytes);
        if (!parsed.TryGetValue(out var content, out var failure))
        {
            return failure;
        }

        var inspection = Inspect(content.Data, content.MediaType, options);
        return inspection.TryGetValue(out var value, out failure) ? (content, value) : failure;
    }

    /// <summary>Inspects a file's bytes against the media type its sender declared (empty or <c>application/octet-stream</c>: none).</summary>
    public static Outcome<FileInspection> Inspect(ReadOnlySpan<byte> data, string? declaredMediaType, DocumentCheckOptions? options = null)
    {
        options ??= DocumentCheckOptions.Default;
        if (data.IsEmpty)
        {
            return Failure.Invalid(SubmissionErrors.FileEmpty, "The file is empty.");
        }

        if (data.Length > options.MaxFileBytes)
        {
            return Failure.TooLarge(SubmissionErrors.FileTooLarge, $"The file is larger than the limit of {options.MaxFileBytes} bytes.");
        }

        var kind = FileSniffer.Detect(data);
        if (kind == FileKind.Heic)
        {
            return Failure.Unsupported(SubmissionErrors.FileUnsupportedType, "HEIC/HEIF images are recognised but not supported; send JPEG, PNG, WebP, TIFF or PDF.");
        }

        if (!FileSniffer.IsAccepted(kind))
        {
            return Failure.Unsupported(SubmissionErrors.FileUnsupportedType, "The file is not a JPEG, PNG, WebP, TIFF or PDF.");
        }

        if (!string.IsNullOrWhiteSpace(declaredMediaType) && !declaredMediaType.StartsWith("application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            var declared = FileSniffer.KindOfMediaType(declaredMediaType);
            if (declared != kind)
            {
                return Failure.Unsupported(SubmissionErrors.FileMediaTypeMismatch, $"The declared media type contradicts the file's content ({FileSniffer.MediaTypeOf(kind)}).");
            }
        }

        int? width = null, height = null;
        var problems = new List<string>();
        var warnings = new List<string>();
        if (kind != FileKind.Pdf)
        {
            if (ImageHeaders.TryReadDimensions(data, kind, out var w, out var h))
            {
                width = w;
                height = h;
                if (w <= 0 || h <= 0)
                {
                    problems.Add("the image header announces an empty image");
                }
                else if (w > options.MaxImageSide || h > options.MaxImageSide || (long)w * h > options.MaxImagePixels)
                {
                    problems.Add("the image header announces an implausible pixel count");
                }
            }
            else
            {
                problems.Add("the image header cannot be read");
            }

            // PDF readers accept a header anywhere in the first kilobyte: an image carrying one there opens as a
            // PDF too, so what an analyst sees is not necessarily what another program runs.
            if (data[..Math.Min(data.Length, 1024)].IndexOf("%PDF-"u8) >= 0)
            {
                problems.Add("the image also opens as a PDF (a polyglot file)");
            }
        }

        var truncated = kind switch
        {
            FileKind.Jpeg => data[^Math.Min(data.Length, 1024)..].LastIndexOf((ReadOnlySpan<byte>)[0xFF, 0xD9]) < 0,
            FileKind.Png => data[^Math.Min(data.Length, 64)..].IndexOf("IEND"u8) < 0,
            FileKind.Pdf => data[^Math.Min(data.Length, 2048)..].IndexOf("%%EOF"u8) < 0,
            _ => false,
        };
        if (truncated)
        {
            warnings.Add("the file ends before its end marker (truncated or appended to)");
        }

        var pdf = kind == FileKind.Pdf ? PdfStructure.TryRead(data) : null;
        var software = FileMetadata.ReadSoftware(data, kind, pdf);
        var editing = FileMetadata.FindEditingSoftware(software);
        if (editing is not null)
        {
            warnings.Add($"the metadata names editing software ({editing})");
        }

        if (pdf is not null)
        {
            if (pdf.IncrementalUpdates > 0)
            {
                warnings.Add($"the PDF was changed after it was made ({pdf.IncrementalUpdates} incremental update{(pdf.IncrementalUpdates > 1 ? "s" : string.Empty)})");
            }

            if (pdf.PagesWithTextOverImages.Count > 0)
            {
                warnings.Add($"visible text is drawn over an image (page {string.Join(", ", pdf.PagesWithTextOverImages)})");
            }
        }

        IReadOnlyList<string> active = [];
        if (kind == FileKind.Pdf)
        {
            active = FileMetadata.FindPdfActiveContent(data);
            foreach (var name in active)
            {
                if (name is "JavaScript" or "JS" or "Launch")
                {
                    problems.Add($"the PDF contains active content (/{name})");
                }
                else
                {
                    warnings.Add($"the PDF contains /{name}");
                }
            }
        }

        var mediaType = FileSniffer.MediaTypeOf(kind)!;
        ControlResult integrity;
        if (problems.Count > 0)
        {
            integrity = new(ControlCodes.FileIntegrity, ControlCategories.FileIntegrity, ControlOutcome.Failed, Sentence(problems.Concat(warnings)));
        }
        else if (warnings.Count > 0)
        {
            integrity = new(ControlCodes.FileIntegrity, ControlCategories.FileIntegrity, ControlOutcome.Warning, Sentence(warnings));
        }
        else
        {
            integrity = new(ControlCodes.FileIntegrity, ControlCategories.FileIntegrity, ControlOutcome.Passed,
                kind != FileKind.Pdf ? null
                : pdf is null ? "No active content found outside compressed streams; no editing software named; the PDF's structure could not be parsed."
                : "No active content found outside compressed streams; no editing software named; no incremental update; no visible text over an image.");
        }

        return new FileInspection
        {
            Kind = kind,
            MediaType = mediaType,
            Length = data.Length,
            Width = width,
            Height = height,
            Software = software,
            EditingSoftware = editing,
            ActiveContent = active,
            Truncated = truncated,
            Controls =
            [
                new(ControlCodes.FileType, ControlCategories.FileIntegrity, ControlOutcome.Passed, $"Recognised as {mediaType} from its content."),
                integrity,
            ],
        };
    }

    private static string Sentence(IEnumerable<string> parts)
    {
        var text = string.Join("; ", parts);
        return string.Concat(text[..1].ToUpperInvariant(), text.AsSpan(1), ".");
    }
}
