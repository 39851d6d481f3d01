using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Verification.Core.Keys;

namespace ReferenceHost.Bootstrap;

/// <summary>
/// When no token signing key is configured (<c>Verification:Tokens:Keys</c>), the reference host uses an
/// HS256 key kept in its data folder, created on first use, so the server and the <c>admin</c> commands
/// share it. Production hosts configure their keys (or a key provider) instead; several hosts need the same keys.
/// </summary>
internal sealed class TokenKeyFile(IConfiguration configuration) : IPostConfigureOptions<TokenSigningOptions>
{
    public void PostConfigure(string? name, TokenSigningOptions options)
    {
        if (options.Keys.Count > 0 || options.ExternalKeyProvider)
        {
            return;
        }

        var folder = configuration["Verification:DataProtection:KeysPath"] ?? "data/keys";
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "token-signing-key.json");
        options.Keys.Add(LoadOrCreate(path));
    }

    private static TokenSigningKeyOptions LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            // Written whole under a temporary name, then moved into place without overwriting: a process that
            // starts at the same moment either wins the move or reads the winner's complete file.
            var created = new StoredKey("k-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(created));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary);
            }
        }

        var stored = JsonSerializer.Deserialize<StoredKey>(File.ReadAllText(path))
            ?? throw new InvalidOperationException($"The token key file {path} is empty.");
        return new TokenSigningKeyOptions { KeyId = stored.KeyId, Algorithm = TokenSigningAlgorithms.HS256, Secret = stored.Secret, Current = true };
    }

    private sealed record StoredKey(string KeyId, string Secret);
}
