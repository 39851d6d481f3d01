using System.Buffers;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Verification.Core.Stores;

namespace Verification.Storage.EfCore.Blobs;

/// <summary>Options of <see cref="DatabaseBlobStore{TContext}"/> (section <c>Verification:Blobs</c>).</summary>
public sealed class DatabaseBlobStoreOptions
{
    /// <summary>The size of one stored piece. Default 256 KiB; 16 KiB to 8 MiB.</summary>
    public int ChunkBytes { get; set; } = 256 * 1024;
}

/// <summary>
/// Document files in the verification database itself (table <c>BlobChunks</c>), so that hosts sharing one
/// PostgreSQL share their files without a shared disk; the default on PostgreSQL. A file is written in pieces
/// of <see cref="DatabaseBlobStoreOptions.ChunkBytes"/>, all in one transaction: until it commits no piece is
/// visible, and a host that dies mid-write leaves nothing (the transaction rolls back). Both ways are streamed:
/// writing holds one piece in memory, and the read stream fetches one piece at a time. Archiving deletes a
/// verification's pieces in the transaction that destroys its data key (see <c>EfVerificationStore</c>).
/// </summary>
/// <typeparam name="TContext">The context holding the verification model (scoped; one is created per operation).</typeparam>
public sealed class DatabaseBlobStore<TContext>(IServiceScopeFactory scopes, IOptions<DatabaseBlobStoreOptions> options) : IBlobStore
    where TContext : DbContext
{
    private readonly int _chunkBytes = Math.Clamp(options.Value.ChunkBytes, 16 * 1024, 8 * 1024 * 1024);

    /// <inheritdoc />
    public async ValueTask<string> PutAsync(Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var context = scope.ServiceProvider.GetRequiredService<TContext>();
            var buffer = ArrayPool<byte>.Shared.Rent(_chunkBytes);
            var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var index = 0;
                while (true)
                {
                    var piece = await ReadPieceAsync(content, buffer, cancellationToken).ConfigureAwait(false);
                    if (piece is null)
                    {
                        break;
                    }

                    context.Set<BlobChunk>().Add(new BlobChunk { Key = key, Index = index++, Data = piece });
                    await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                    context.ChangeTracker.Clear();
                }

                if (index == 0)
                {
                    context.Set<BlobChunk>().Add(new BlobChunk { Key = key, Index = 0, Data = [] });
                    await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        return key;
    }

    /// <inheritdoc />
    public async ValueTask<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        if (!IsKey(key))
        {
            return null;
        }

        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var context = scope.ServiceProvider.GetRequiredService<TContext>();
            var pieces = await context.Set<BlobChunk>().AsNoTracking().CountAsync(c => c.Key == key, cancellationToken).ConfigureAwait(false);
            return pieces == 0 ? null : new ChunkStream(this, key, pieces);
        }
    }

    /// <inheritdoc />
    public async ValueTask DeleteAsync(string key, CancellationToken cancellationToken)
    {
        if (!IsKey(key))
        {
            return;
        }

        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var context = scope.ServiceProvider.GetRequiredService<TContext>();
            await context.Set<BlobChunk>().Where(c => c.Key == key).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask<byte[]?> ReadPieceAsync(Stream content, byte[] buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < _chunkBytes)
        {
            var read = await content.ReadAsync(buffer.AsMemory(filled, _chunkBytes - filled), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled == 0 ? null : buffer[..filled];
    }

    private async ValueTask<byte[]> FetchAsync(string key, int index, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var context = scope.ServiceProvider.GetRequiredService<TContext>();
            return await context.Set<BlobChunk>().AsNoTracking()
                       .Where(c => c.Key == key && c.Index == index)
                       .Select(c => c.Data)
                       .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
                   ?? throw new IOException("The stored file was deleted while it was being read.");
        }
    }

    private static bool IsKey(string? key) =>
        key is { Length: 32 } && key.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    /// <summary>A read-only stream over the pieces of one blob, fetching each when the reader reaches it.</summary>
    private sealed class ChunkStream(DatabaseBlobStore<TContext> store, string key, int pieces) : Stream
    {
        private byte[] _current = [];
        private int _offset;
        private int _next;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) =>
            ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (_offset == _current.Length)
            {
                if (_next == pieces)
                {
                    return 0;
                }

                _current = await store.FetchAsync(key, _next++, cancellationToken).ConfigureAwait(false);
                _offset = 0;
            }

            var length = Math.Min(buffer.Length, _current.Length - _offset);
            _current.AsMemory(_offset, length).CopyTo(buffer);
            _offset += length;
            return length;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
