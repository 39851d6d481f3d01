namespace Verification.Core.Protection;

/// <summary>
/// A master key: it wraps (encrypts) the data keys of verifications and never encrypts personal data itself.
/// Identified by <see cref="Id"/> so that several can coexist while the current one rotates.
/// </summary>
public sealed class MasterKey
{
    /// <summary>The key length: AES-256.</summary>
    public const int KeyLength = 32;

    private readonly byte[] _material;

    /// <summary>Creates a master key from 32 bytes of key material.</summary>
    public MasterKey(string id, ReadOnlySpan<byte> material)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        if (id.Length > 64)
        {
            throw new ArgumentException("A master key id has at most 64 characters.", nameof(id));
        }

        if (material.Length != KeyLength)
        {
            throw new ArgumentException($"A master key is {KeyLength} bytes.", nameof(material));
        }

        Id = id;
        _material = material.ToArray();
    }

    /// <summary>The key id, stored next to every data key it wraps.</summary>
    public string Id { get; }

    /// <summary>The key material.</summary>
    internal ReadOnlySpan<byte> Material => _material;
}

/// <summary>
/// The port that supplies master keys: from configuration by default (<see cref="ConfiguredMasterKeyProvider"/>);
/// a host may plug a key vault or an HSM-backed provider instead. Keys are looked up by id, so a data key
/// wrapped under a retired key stays readable as long as the provider still knows that key.
/// </summary>
public interface IMasterKeyProvider
{
    /// <summary>The key new data keys are wrapped with.</summary>
    MasterKey Current { get; }

    /// <summary>Every key the provider knows, the current one included.</summary>
    IReadOnlyList<MasterKey> All { get; }

    /// <summary>The key with <paramref name="id"/>, or <see langword="null"/> when it is unknown.</summary>
    MasterKey? Find(string id);
}
