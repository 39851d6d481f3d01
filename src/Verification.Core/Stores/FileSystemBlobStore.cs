using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Verification.Core.Stores;

/// <summary>Options of <see cref="FileSystemBlobStore"/> (section <c>Verification:Blobs</c>).</summary>
public sealed class FileSystemBlobStoreOptions
{
    /// <summary>The folder the files are kept in. Default <c>data/blobs</c>.</summary>
    public string Path { get; set; } = "data/blobs";
}

/// <summary>
/// Document files as files in a folder. Names are random (128 bits), fanned out over 256 sub-folders; a file
/// is written under a temporary name and renamed, so a crash never leaves a half-written blob under a key.
/// Keys are checked before use, so a key can never point outside the folder.
/// </summary>
public sealed class FileSystemBlobStore(IOptions<FileSystemBlobStoreOptions> options) : IBlobStore
{
    private readonly string _root = System.IO.Path.GetFullPath(options.Value.Path);

    /// <inheritdoc />
    public async ValueTask<string> PutAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var path = PathOf(key);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var temporary = path + ".partial";
        try
        {
            var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await using (file.ConfigureAwait(false))
            {
                await content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path);
            return key;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!IsKey(key) || !File.Exists(PathOf(key)))
        {
            return ValueTask.FromResult<Stream?>(null);
        }

        return ValueTask.FromResult<Stream?>(new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true));
    }

    /// <inheritdoc />
    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (IsKey(key))
        {
            File.Delete(PathOf(key));
        }

        return ValueTask.CompletedTask;
    }

    private string PathOf(string key) => System.IO.Path.Combine(_root, key[..2], key);

    private static bool IsKey(string? key) =>
        key is { Length: 32 } && key.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
