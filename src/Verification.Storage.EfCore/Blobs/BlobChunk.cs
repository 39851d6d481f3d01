using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Verification.Storage.EfCore.Blobs;

/// <summary>One piece of a stored file of <see cref="DatabaseBlobStore{TContext}"/> (table <c>BlobChunks</c>).</summary>
internal sealed class BlobChunk
{
    /// <summary>The blob's key: 32 lower-case hexadecimal characters, chosen by the store.</summary>
    public required string Key { get; init; }

    /// <summary>The piece's position, from 0.</summary>
    public required int Index { get; init; }

    /// <summary>The bytes (already encrypted by the caller: the store never sees a file in clear).</summary>
    public required byte[] Data { get; init; }
}

internal sealed class BlobChunkConfiguration : IEntityTypeConfiguration<BlobChunk>
{
    public void Configure(EntityTypeBuilder<BlobChunk> builder)
    {
        builder.ToTable("BlobChunks");
        builder.HasKey(c => new { c.Key, c.Index });
        builder.Property(c => c.Key).HasMaxLength(32);
    }
}
