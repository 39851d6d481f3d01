namespace Verification.Core.Verifications;

/// <summary>
/// A file of a submitted document. Its bytes live in a blob store under <see cref="BlobKey"/>, a name the
/// product chose; the client's file name is kept for display only and never used as a path.
/// </summary>
public sealed class DocumentFile
{
    /// <summary>The file id (a ULID).</summary>
    public required string Id { get; init; }

    /// <summary>The analysis it belongs to.</summary>
    public required string AnalysisId { get; init; }

    /// <summary>The media type recognised from the file's magic bytes.</summary>
    public required string MediaType { get; init; }

    /// <summary>Length in bytes.</summary>
    public required long Length { get; init; }

    /// <summary>Lower-case hexadecimal SHA-256 of the bytes; empty once the verification is archived.</summary>
    public required string Sha256 { get; set; }

    /// <summary>Where the blob store keeps the bytes; <see langword="null"/> once erased.</summary>
    public string? BlobKey { get; set; }

    /// <summary>
    /// The key the stored bytes are encrypted with, wrapped by the verification's data key;
    /// <see langword="null"/> once erased (or for a file stored without protection).
    /// </summary>
#pragma warning disable CA1819 // An opaque key blob persisted as is.
    public byte[]? WrappedKey { get; set; }
#pragma warning restore CA1819

    /// <summary>The client's file name, for display only.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Pixel width, where known from the header.</summary>
    public int? Width { get; init; }

    /// <summary>Pixel height, where known from the header.</summary>
    public int? Height { get; init; }

    /// <summary>When it was stored.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}
