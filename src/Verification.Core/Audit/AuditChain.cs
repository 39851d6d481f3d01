using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Verification.Core.Audit;

/// <summary>The hash chain of the audit trail.</summary>
public static class AuditChain
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>
    /// Links <paramref name="entry"/> after an entry whose hash is <paramref name="previousHash"/>:
    /// sets its sequence, previous hash and hash.
    /// </summary>
    public static void Link(AuditEntry entry, long sequence, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(entry);
        entry.Sequence = sequence;
        entry.PreviousHash = previousHash;
        entry.Hash = ComputeHash(entry);
    }

    /// <summary>
    /// SHA-256 (hex) over an unambiguous encoding of every field of the entry and its previous hash: each
    /// field is written as its UTF-8 length and bytes, so no two different entries encode alike.
    /// </summary>
    public static string ComputeHash(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var buffer = new ArrayBufferWriter<byte>(512);
        Write(buffer, entry.Sequence.ToString(CultureInfo.InvariantCulture));
        Write(buffer, entry.TenantId);
        // Microseconds: the finest precision every supported database keeps (PostgreSQL drops the rest).
        Write(buffer, (entry.OccurredAt.UtcTicks / 10).ToString(CultureInfo.InvariantCulture));
        Write(buffer, entry.ActorType);
        Write(buffer, entry.ActorId);
        Write(buffer, entry.TokenId);
        Write(buffer, entry.Action);
        Write(buffer, entry.Route);
        Write(buffer, entry.TargetType);
        Write(buffer, entry.TargetId);
        Write(buffer, entry.Outcome);
        Write(buffer, entry.ClientAddress);
        Write(buffer, entry.UserAgent);
        Write(buffer, entry.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(buffer.WrittenSpan));
    }

    /// <summary>
    /// Checks a chain read in sequence order. Answers the number of entries, or the first entry that is
    /// out of place or whose hash does not match.
    /// </summary>
    public static ValueTask<AuditVerification> VerifyAsync(IAsyncEnumerable<AuditEntry> entries, CancellationToken cancellationToken) =>
        VerifyAsync(entries, null, cancellationToken);

    /// <summary>
    /// Checks a chain read in sequence order, starting after <paramref name="checkpoint"/> (whose signature the caller
    /// checked) instead of the genesis when older entries were pruned.
    /// </summary>
    public static async ValueTask<AuditVerification> VerifyAsync(IAsyncEnumerable<AuditEntry> entries, AuditCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var expectedPrevious = checkpoint?.Hash ?? GenesisHash;
        long expectedSequence = (checkpoint?.Sequence ?? 0) + 1;
        long count = 0;
        await foreach (var entry in entries.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (entry.Sequence != expectedSequence)
            {
                return new AuditVerification(false, count, entry.Sequence, $"Expected sequence {expectedSequence}, found {entry.Sequence}: an entry is missing or was inserted.");
            }

            if (!string.Equals(entry.PreviousHash, expectedPrevious, StringComparison.Ordinal))
            {
                return new AuditVerification(false, count, entry.Sequence, "The previous-hash link does not match the entry before it.");
            }

            if (!string.Equals(ComputeHash(entry), entry.Hash, StringComparison.Ordinal))
            {
                return new AuditVerification(false, count, entry.Sequence, "The entry's content does not match its hash: it was altered.");
            }

            expectedPrevious = entry.Hash;
            expectedSequence++;
            count++;
        }

        return new AuditVerification(true, count, null, null, checkpoint?.Sequence);
    }

    private static void Write(ArrayBufferWriter<byte> buffer, string? value)
    {
        if (value is null)
        {
            Encoding.UTF8.GetBytes("-1:", buffer);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        Encoding.UTF8.GetBytes(length.ToString(CultureInfo.InvariantCulture) + ":", buffer);
        Encoding.UTF8.GetBytes(value, buffer);
    }
}

/// <summary>The result of checking the audit chain.</summary>
/// <param name="Ok">Whether the whole chain is intact.</param>
/// <param name="Entries">Entries checked and found intact.</param>
/// <param name="BrokenSequence">The first entry that is not, if any.</param>
/// <param name="Reason">Why, if not.</param>
/// <param name="CheckpointSequence">The signed checkpoint the check started after, when older entries were pruned.</param>
public sealed record AuditVerification(bool Ok, long Entries, long? BrokenSequence, string? Reason, long? CheckpointSequence = null);
