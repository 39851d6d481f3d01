using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Verification.Core.Protection;

namespace ReferenceHost.Bootstrap;

/// <summary>
/// When no master key is configured (<c>Verification:Protection:MasterKeys</c>), the reference host wraps the
/// data keys of verifications with a key kept in its data folder (see <see cref="KeyFiles"/>). Losing this file
/// makes every stored verification's personal data unreadable; production hosts configure their keys from a
/// secret store, separately from the database and its backups.
/// </summary>
internal sealed class MasterKeyFile(IConfiguration configuration, TimeProvider timeProvider) : IPostConfigureOptions<ProtectionOptions>
{
    public void PostConfigure(string? name, ProtectionOptions options)
    {
        if (options.MasterKeys.Count > 0 || options.EphemeralKey)
        {
            return;
        }

        var stored = KeyFiles.LoadOrCreate(
            Path.Combine(KeyFiles.Folder(configuration), "master-key.json"),
            () => new StoredKey("mk-" + timeProvider.GetUtcNow().ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3)), Convert.ToBase64String(RandomNumberGenerator.GetBytes(MasterKey.KeyLength))));
        options.MasterKeys[stored.KeyId] = stored.Secret;
        options.CurrentMasterKey = stored.KeyId;
    }

    private sealed record StoredKey(string KeyId, string Secret);
}
