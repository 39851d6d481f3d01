using System.Text.Json;

namespace ReferenceHost.Bootstrap;

/// <summary>
/// Keys the reference host keeps in its data folder (<c>Verification:DataProtection:KeysPath</c>, default
/// <c>data/keys</c>) when none is configured, created on first use so that the server and the <c>admin</c>
/// commands share them. Production hosts configure their keys (or a key provider) instead.
/// </summary>
internal static class KeyFiles
{
    public static string Folder(IConfiguration configuration)
    {
        var folder = configuration["Verification:DataProtection:KeysPath"] ?? "data/keys";
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Reads the key file at <paramref name="path"/>, creating it with <paramref name="create"/> first if missing.</summary>
    public static T LoadOrCreate<T>(string path, Func<T> create)
        where T : class
    {
        if (!File.Exists(path))
        {
            // Written whole under a temporary name, readable by the owner only, then moved into place without
            // overwriting: a process that starts at the same moment either wins the move or reads the winner's file.
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(create()));
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

        return JsonSerializer.Deserialize<T>(File.ReadAllText(path))
               ?? throw new InvalidOperationException($"The key file {path} is empty.");
    }
}
