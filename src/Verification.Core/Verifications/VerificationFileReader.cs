using Verification.Core.Protection;
using Verification.Core.Stores;

namespace Verification.Core.Verifications;

/// <summary>Reads the stored bytes of a document file, decrypting them with the verification's keys.</summary>
public sealed class VerificationFileReader(IBlobStore blobs, VerificationProtector protector)
{
    /// <summary>Files are at most this long once decrypted (the submission limit is far below).</summary>
    private const int MaxStoredLength = 512 * 1024 * 1024;

    /// <summary>
    /// The file's bytes, or <see langword="null"/> when they are gone: the verification was archived, or the blob
    /// store lost them.
    /// </summary>
    public async ValueTask<byte[]?> ReadAsync(VerificationFolder folder, DocumentFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(file);
        if (folder.ArchivedAt is not null || file.BlobKey is null || file.WrappedKey is null)
        {
            return null;
        }

        var stream = await blobs.OpenReadAsync(file.BlobKey, cancellationToken).ConfigureAwait(false);
        if (stream is null)
        {
            return null;
        }

        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream(checked((int)Math.Min(file.Length + 64, MaxStoredLength)));
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return protector.OpenFile(folder, file, buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
    }
}
