using System.Text.Json;
using Verification.Core.Protection;

namespace ReferenceHost.Bootstrap;

/// <summary>
/// Keys the reference host keeps in its data folder (<c>Verification:DataProtection:KeysPath</c>, default
/// <c>data/keys</c>) when none is configured, created on first use so that the server and the <c>admin</c>
/// commands share them. Production hosts configure their keys (or a key provider) instead.
/// </summary>
internal static class KeyFiles
{
    // A protected key file holds its id and the wrapped key only, no empty leftovers of the clear format.
    private static readonly JsonSerializerOptions WriteOptions = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static string Folder(IConfiguration configuration)
    {
        var folder = configuration["Verification:DataProtection:KeysPath"] ?? "data/keys";
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Reads the key file at <paramref name="path"/>, creating it with <paramref name="create"/> first if missing.</summary>
    public static T LoadOrCreate<T>(string path, Func<T> create, JsonSerializerOptions? options = null)
        where T : class
    {
        if (!File.Exists(path))
        {
            Write(path, JsonSerializer.Serialize(create(), options), overwrite: false);
        }

        return JsonSerializer.Deserialize<T>(File.ReadAllText(path))
               ?? throw new InvalidOperationException($"The key file {path} is empty.");
    }

    /// <summary>
    /// Reads a signing key kept under the master key (<see cref="VerificationProtector.ProtectSecret"/>, bound to
    /// <paramref name="purpose"/> and the key id), creating it with <paramref name="create"/> first if missing. A
    /// file an earlier version wrote in clear is still read, and rewritten protected.
    /// </summary>
    public static (string KeyId, string Secret) LoadOrCreateProtected(string path, string purpose, VerificationProtector protector, Func<(string KeyId, string Secret)> create)
    {
        var stored = LoadOrCreate(path, () =>
        {
            var (keyId, secret) = create();
            return new ProtectedKey(keyId, protector.ProtectSecret(purpose, keyId, secret));
        }, WriteOptions);
        var clear = stored.Secret ?? stored.Pem;
        if (stored.Protected is { } protectedSecret)
        {
            return (stored.KeyId, protector.UnprotectSecret(purpose, stored.KeyId, protectedSecret));
        }

        if (clear is null)
        {
            throw new InvalidOperationException($"The key file {path} holds no key.");
        }

        Write(path, JsonSerializer.Serialize(new ProtectedKey(stored.KeyId, protector.ProtectSecret(purpose, stored.KeyId, clear)), WriteOptions), overwrite: true);
        return (stored.KeyId, clear);
    }

    /// <summary>
    /// Protects the key of <paramref name="path"/> under the current master key when it is in clear or under another
    /// master key; answers whether the file was rewritten (<c>admin rewrap</c>). A missing file is left missing.
    /// </summary>
    public static bool Rewrap(string path, string purpose, VerificationProtector protector)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        var stored = JsonSerializer.Deserialize<ProtectedKey>(File.ReadAllText(path)) ?? throw new InvalidOperationException($"The key file {path} is empty.");
        var value = stored.Protected ?? stored.Secret ?? stored.Pem ?? throw new InvalidOperationException($"The key file {path} holds no key.");
        if (!protector.SecretNeedsRewrap(value))
        {
            return false;
        }

        var secret = protector.UnprotectSecret(purpose, stored.KeyId, value);
        Write(path, JsonSerializer.Serialize(new ProtectedKey(stored.KeyId, protector.ProtectSecret(purpose, stored.KeyId, secret)), WriteOptions), overwrite: true);
        return true;
    }

    /// <summary>
    /// Writes whole under a temporary name, readable by the owner only, then moves into place: a process that
    /// starts at the same moment either wins the move or reads the winner's file; a reader never sees half a file.
    /// </summary>
    private static void Write(string path, string content, bool overwrite)
    {
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temporary, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        try
        {
            File.Move(temporary, path, overwrite);
        }
        catch (IOException) when (!overwrite && File.Exists(path))
        {
            File.Delete(temporary);
        }
    }

    /// <summary>A key file: <see cref="Protected"/> today; <see cref="Secret"/> or <see cref="Pem"/> in clear from earlier versions.</summary>
    private sealed record ProtectedKey(string KeyId, string? Protected, string? Secret = null, string? Pem = null);
}
