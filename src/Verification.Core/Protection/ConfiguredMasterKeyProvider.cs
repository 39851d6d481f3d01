using Microsoft.Extensions.Options;

namespace Verification.Core.Protection;

/// <summary>Master keys from <see cref="ProtectionOptions"/> (configuration), read once.</summary>
public sealed class ConfiguredMasterKeyProvider : IMasterKeyProvider
{
    private readonly Lazy<(MasterKey Current, IReadOnlyList<MasterKey> All)> _keys;

    /// <summary>Creates the provider; the keys are decoded on first use.</summary>
    public ConfiguredMasterKeyProvider(IOptions<ProtectionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _keys = new(() => Build(options.Value), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <inheritdoc />
    public MasterKey Current => _keys.Value.Current;

    /// <inheritdoc />
    public IReadOnlyList<MasterKey> All => _keys.Value.All;

    /// <inheritdoc />
    public MasterKey? Find(string id)
    {
        foreach (var key in _keys.Value.All)
        {
            if (string.Equals(key.Id, id, StringComparison.Ordinal))
            {
                return key;
            }
        }

        return null;
    }

    internal static MasterKey? TryDecode(string id, string? value)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 64 || string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        Span<byte> buffer = stackalloc byte[48];
        return Convert.TryFromBase64String(value.Trim(), buffer, out var written) && written == MasterKey.KeyLength
            ? new MasterKey(id, buffer[..written])
            : null;
    }

    private static (MasterKey, IReadOnlyList<MasterKey>) Build(ProtectionOptions options)
    {
        var all = options.MasterKeys
            .OrderBy(k => k.Key, StringComparer.Ordinal)
            .Select(k => TryDecode(k.Key, k.Value) ?? throw new InvalidOperationException($"{ProtectionOptions.SectionName}:MasterKeys:{k.Key} is not a 32-byte base64 key."))
            .ToList();
        if (all.Count == 0)
        {
            throw new InvalidOperationException($"{ProtectionOptions.SectionName}:MasterKeys holds no key.");
        }

        var currentId = options.CurrentMasterKey ?? (all.Count == 1 ? all[0].Id : null);
        var current = all.Find(k => string.Equals(k.Id, currentId, StringComparison.Ordinal))
                      ?? throw new InvalidOperationException($"{ProtectionOptions.SectionName}:CurrentMasterKey must name a configured key.");
        return (current, all);
    }
}

/// <summary>
/// One random master key held in memory: for tests and in-memory demos only, since nothing it protected
/// can be read after a restart.
/// </summary>
public sealed class EphemeralMasterKeyProvider : IMasterKeyProvider
{
    private readonly MasterKey _key = new("ephemeral", System.Security.Cryptography.RandomNumberGenerator.GetBytes(MasterKey.KeyLength));

    /// <inheritdoc />
    public MasterKey Current => _key;

    /// <inheritdoc />
    public IReadOnlyList<MasterKey> All => [_key];

    /// <inheritdoc />
    public MasterKey? Find(string id) => string.Equals(id, _key.Id, StringComparison.Ordinal) ? _key : null;
}
