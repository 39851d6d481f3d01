using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Verification.Core.Protection;
using Verification.Core.ServiceAccounts;

namespace ReferenceHost.Bootstrap;

/// <summary>
/// When no token signing key is configured (<c>Verification:Tokens:Keys</c>), the reference host uses an
/// HS256 key kept in its data folder (see <see cref="KeyFiles"/>). Several hosts need the same keys.
/// </summary>
/// <remarks>The key is kept wrapped under the master key (a file written in clear by an earlier version is rewritten).</remarks>
internal sealed class TokenKeyFile(IConfiguration configuration, VerificationProtector protector) : IPostConfigureOptions<TokenSigningOptions>
{
    public void PostConfigure(string? name, TokenSigningOptions options)
    {
        if (options.Keys.Count > 0 || options.ExternalKeyProvider)
        {
            return;
        }

        var (keyId, secret) = KeyFiles.LoadOrCreateProtected(
            PathOf(configuration),
            Purpose,
            protector,
            () => ("k-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        options.Keys.Add(new TokenSigningKeyOptions { KeyId = keyId, Algorithm = TokenSigningAlgorithms.HS256, Secret = secret, Current = true });
    }

    /// <summary>The purpose the key is bound to under the master key.</summary>
    public const string Purpose = "token-signing-key";

    /// <summary>Where the key is kept.</summary>
    public static string PathOf(IConfiguration configuration) => Path.Combine(KeyFiles.Folder(configuration), "token-signing-key.json");
}
