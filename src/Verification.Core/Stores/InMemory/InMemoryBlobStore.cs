using System.Collections.Concurrent;

namespace Verification.Core.Stores.InMemory;

/// <summary>Document files kept in memory, for tests and demos.</summary>
public sealed class InMemoryBlobStore : IBlobStore
{
    private readonly ConcurrentDictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);

    /// <summary>How many files are stored.</summary>
    public int Count => _blobs.Count;

    /// <inheritdoc />
    public async ValueTask<string> PutAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var key = Guid.NewGuid().ToString("N");
        _blobs[key] = buffer.ToArray();
        return key;
    }

    /// <inheritdoc />
    public ValueTask<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken) =>
        ValueTask.FromResult<Stream?>(_blobs.TryGetValue(key, out var bytes) ? new MemoryStream(bytes, writable: false) : null);

    /// <inheritdoc />
    public ValueTask DeleteAsync(string key, CancellationToken cancellationToken)
    {
        _blobs.TryRemove(key, out _);
        return ValueTask.CompletedTask;
    }
}
