using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Verification.Hosting.Testing;

namespace ReferenceHost.Tests.Bootstrap;

/// <summary>The signing keys the reference host keeps in its keys folder are wrapped under the master key.</summary>
public sealed class ProtectedKeyFileTests : IAsyncLifetime
{
    private readonly ReferenceHostFactory _factory = new();

    public Task InitializeAsync() => _factory.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    [Fact]
    public async Task AKeyFileWrittenInClearByAnEarlierVersionKeepsSigningAndIsRewrittenUnderTheMasterKey()
    {
        var folder = KeysFolder();
        Directory.CreateDirectory(folder);
        var legacySecret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await File.WriteAllTextAsync(Path.Combine(folder, "token-signing-key.json"), JsonSerializer.Serialize(new { KeyId = "k-legacy01", Secret = legacySecret }));

        var (_, token) = await _factory.MintAsync("documents:submit");

        var parts = token.Split('.');
        var header = JsonDocument.Parse(Base64UrlDecode(parts[0])).RootElement;
        header.GetProperty("kid").GetString().Should().Be("k-legacy01");
        var expected = HMACSHA256.HashData(Convert.FromBase64String(legacySecret), Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        Base64UrlDecode(parts[2]).Should().Equal(expected, "tokens are still signed with the key the file held in clear");
        var file = await File.ReadAllTextAsync(Path.Combine(folder, "token-signing-key.json"));
        file.Should().NotContain(legacySecret);
        JsonDocument.Parse(file).RootElement.GetProperty("Protected").GetString().Should().StartWith("mk1:");
        JsonDocument.Parse(file).RootElement.GetProperty("KeyId").GetString().Should().Be("k-legacy01");
    }

    [Fact]
    public async Task NewKeyFilesHoldNoKeyInClear()
    {
        await _factory.MintAsync("documents:submit");
        await _factory.CreateClient().GetStringAsync("/.well-known/verification-keys");

        foreach (var name in new[] { "token-signing-key.json", "certificate-signing-key.json" })
        {
            var file = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(KeysFolder(), name))).RootElement;
            file.GetProperty("Protected").GetString().Should().StartWith("mk1:");
            file.TryGetProperty("Secret", out _).Should().BeFalse();
            file.TryGetProperty("Pem", out _).Should().BeFalse();
        }
    }

    private string KeysFolder() =>
        _factory.ConfigurationArguments().Single(a => a.StartsWith("--Verification:DataProtection:KeysPath=", StringComparison.Ordinal)).Split('=', 2)[1];

    private static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }
}
