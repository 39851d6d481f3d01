using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Verification.Core.Protection;

namespace Verification.Core.Audit;

/// <summary>
/// Where the kept audit trail starts once older entries were pruned: the sequence and hash of the last entry pruned,
/// signed, so that <c>admin verify-audit</c> checks the remaining chain from it and a forged starting point (or a
/// checkpoint moved to hide a deletion) is refused. Only the latest checkpoint matters.
/// </summary>
public sealed class AuditCheckpoint
{
    /// <summary>The sequence of the last entry pruned; the kept chain starts at the next one.</summary>
    public required long Sequence { get; init; }

    /// <summary>The hash of that entry: the next entry's previous hash.</summary>
    public required string Hash { get; init; }

    /// <summary>How many entries this cut pruned.</summary>
    public required long PrunedEntries { get; init; }

    /// <summary>When the cut was made.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The master key whose derived key signed it.</summary>
    public string KeyId { get; set; } = string.Empty;

    /// <summary>HMAC-SHA256 (hex) of the fields above under a key derived from <see cref="KeyId"/>'s master key.</summary>
    public string Signature { get; set; } = string.Empty;

    /// <summary>Signs the checkpoint with a key derived from <paramref name="master"/>.</summary>
    public void Sign(MasterKey master)
    {
        ArgumentNullException.ThrowIfNull(master);
        KeyId = master.Id;
        Signature = Compute(master);
    }

    /// <summary>Whether the signature holds under the master key it names; false when <paramref name="keys"/> no longer knows it.</summary>
    public bool HasValidSignature(IMasterKeyProvider keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var master = keys.Find(KeyId);
        return master is not null
               && Signature.Length == 64
               && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Compute(master)), Encoding.ASCII.GetBytes(Signature));
    }

    private string Compute(MasterKey master)
    {
        var key = HMACSHA256.HashData(master.Material, "verification/audit-checkpoint/v1"u8);
        var text = string.Create(CultureInfo.InvariantCulture, $"{Sequence}:{Hash}:{PrunedEntries}:{CreatedAt.UtcTicks / 10}");
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));
    }
}
