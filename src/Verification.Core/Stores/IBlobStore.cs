namespace Verification.Core.Stores;

/// <summary>
/// Stores document files. Keys are chosen by the store (never from a client's file name); files are written
/// whole or not at all. Implementations: <see cref="FileSystemBlobStore"/>, the EF Core database store, or an
/// object store of the host's.
/// </summary>
public interface IBlobStore
{
    /// <summary>Writes <paramref name="content"/> and answers the key it is kept under.</summary>
    ValueTask<string> PutAsync(Stream content, CancellationToken cancellationToken);

    /// <summary>Opens a stored file, or answers <see langword="null"/> when there is none under <paramref name="key"/>.</summary>
    ValueTask<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes a stored file; deleting a missing one is not an error.</summary>
    ValueTask DeleteAsync(string key, CancellationToken cancellationToken);
}
