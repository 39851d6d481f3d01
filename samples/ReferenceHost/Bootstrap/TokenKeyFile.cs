using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Verification.Core.ServiceAccounts;

namespace ReferenceHost.Bootstrap;

/// <summary>
/// When no token signing key is configured (<c>Verification:Tokens:Keys</c>), the reference host uses an
/// HS256 key kept in its data folder (see <see cref="KeyFiles"/>). Several hosts need the same keys.
/// </summary>
internal sealed class TokenKeyFile(IConfiguration configuration) : IPostConfigureOptions<TokenSigningOptions>
{
    public void PostConfigure(string? name, TokenSigningOptions options)
    {
        if (options.Keys.Count > 0 || options.ExternalKeyProvider)
        {
            return;
        }

        var stored = KeyFiles.LoadOrCreate(
            Path.Combine(KeyFiles.Folder(configuration), "token-signing-key.json"),
            () => new StoredKey("k-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        options.Keys.Add(new TokenSigningKeyOptions { KeyId = stored.KeyId, Algorithm = TokenSigningAlgorithms.HS256, Secret = stored.Secret, Current = true });
    }

    private sealed record StoredKey(string KeyId, string Secret);
}
