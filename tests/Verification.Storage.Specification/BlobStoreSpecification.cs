using System.Security.Cryptography;
using Verification.Core.Stores;

namespace Verification.Storage.Specification;

/// <summary>
/// What every <see cref="IBlobStore"/> must do. Derive, implement <see cref="CreateStore"/> so that every call
/// answers a store over the same storage, and run.
/// </summary>
public abstract class BlobStoreSpecification
{
    /// <summary>Bounds every call, so a deadlocked store fails the test instead of hanging it.</summary>
    protected CancellationToken Ct { get; } = new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token;

    /// <summary>A store over the same storage as every other store this instance creates.</summary>
    protected abstract IBlobStore CreateStore();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(16 * 1024)]
    [InlineData((700 * 1024) + 17)]
    public async Task ReadsBackExactlyWhatWasWritten(int length)
    {
        var content = RandomNumberGenerator.GetBytes(length);

        var key = await CreateStore().PutAsync(new MemoryStream(content), Ct);
        var read = await ReadAllAsync(key, bufferSize: 1000);

        read.Should().Equal(content);
    }

    [Fact]
    public async Task ChoosesANewKeyForEveryFile()
    {
        var store = CreateStore();

        var first = await store.PutAsync(new MemoryStream([1, 2, 3]), Ct);
        var second = await store.PutAsync(new MemoryStream([1, 2, 3]), Ct);

        first.Should().NotBe(second);
    }

    [Fact]
    public async Task AnswersNothingForAnUnknownOrMalformedKey()
    {
        (await CreateStore().OpenReadAsync(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), Ct)).Should().BeNull();
        (await CreateStore().OpenReadAsync("../../etc/passwd", Ct)).Should().BeNull();
    }

    [Fact]
    public async Task DeletesAFileAndDeletingItAgainIsHarmless()
    {
        var key = await CreateStore().PutAsync(new MemoryStream(RandomNumberGenerator.GetBytes(40_000)), Ct);

        await CreateStore().DeleteAsync(key, Ct);
        await CreateStore().DeleteAsync(key, Ct);

        (await CreateStore().OpenReadAsync(key, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task StoresNothingWhenTheContentFailsMidway()
    {
        var before = await CountAsync();
        var failing = new FailingStream(RandomNumberGenerator.GetBytes(300_000), failAfter: 200_000);

        var put = async () => await CreateStore().PutAsync(failing, Ct);

        await put.Should().ThrowAsync<IOException>();
        (await CountAsync()).Should().Be(before, "a file is stored whole or not at all");
    }

    /// <summary>How many files the storage holds (whole or partial), for the all-or-nothing test.</summary>
    protected abstract Task<long> CountAsync();

    /// <summary>Reads a stored file whole, with reads of at most <paramref name="bufferSize"/> bytes.</summary>
    protected async Task<byte[]> ReadAllAsync(string key, int bufferSize)
    {
        var stream = await CreateStore().OpenReadAsync(key, Ct) ?? throw new InvalidOperationException($"No file under {key}.");
        await using (stream)
        {
            using var copy = new MemoryStream();
            var buffer = new byte[bufferSize];
            int read;
            while ((read = await stream.ReadAsync(buffer, Ct)) > 0)
            {
                copy.Write(buffer, 0, read);
            }

            return copy.ToArray();
        }
    }

    /// <summary>A stream that fails after <c>failAfter</c> bytes, like a client that disconnects mid-upload.</summary>
    private sealed class FailingStream(byte[] content, int failAfter) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_position >= failAfter)
            {
                throw new IOException("The client went away.");
            }

            var length = Math.Min(buffer.Length, Math.Min(failAfter, content.Length) - _position);
            content.AsSpan(_position, length).CopyTo(buffer);
            _position += length;
            return length;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
