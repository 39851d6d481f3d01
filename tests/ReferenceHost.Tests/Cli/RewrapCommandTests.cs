using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReferenceHost.Cli;
using Verification.Core.ServiceAccounts;
using Verification.Core.Protection;
using Verification.Core.Stores;
using Verification.Hosting.Testing;

namespace ReferenceHost.Tests.Cli;

public sealed class SqliteRewrapCommandTests(ReferenceHostFactory factory) : RewrapCommandSpecification(factory), IClassFixture<ReferenceHostFactory>;

public sealed class PostgreSqlRewrapCommandTests(PostgreSqlReferenceHostFactory factory) : RewrapCommandSpecification(factory), IClassFixture<PostgreSqlReferenceHostFactory>;

/// <summary><c>admin rewrap</c> on the reference host: a master-key rotation ends with the old key removed.</summary>
public abstract class RewrapCommandSpecification(ReferenceHostFactory factory)
{
    [Fact]
    public async Task PrunesOnlyAuditEntriesOlderThanAskedAndRefusesANonsensicalAge()
    {
        await factory.MintAsync("documents:submit");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var refused = await AdminCommandLine.RunAsync(["admin", "prune-audit", "--older-than-days", "0", .. factory.ConfigurationArguments()], new StringWriter(), stderr);
        var exit = await AdminCommandLine.RunAsync(["admin", "prune-audit", "--older-than-days", "1", .. factory.ConfigurationArguments()], stdout, new StringWriter());

        refused.Should().Be(1);
        JsonDocument.Parse(stderr.ToString()).RootElement.GetProperty("code").GetString().Should().Be("cli.invalid_option");
        exit.Should().Be(0);
        var result = JsonDocument.Parse(stdout.ToString()).RootElement;
        result.GetProperty("pruned").GetInt64().Should().Be(0, "every entry of this fresh host is recent");
        result.GetProperty("checkpoint").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task ReWrapsEveryDataKeyAndKeyFileSoTheOldMasterKeyCanBeRemoved()
    {
        await factory.MintAsync("documents:submit"); // the demo data is seeded and the key files exist
        var keysFolder = factory.ConfigurationArguments().Single(a => a.StartsWith("--Verification:DataProtection:KeysPath=", StringComparison.Ordinal)).Split('=', 2)[1];
        var old = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(keysFolder, "master-key.json"))).RootElement;
        var oldId = old.GetProperty("KeyId").GetString()!;
        var newKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        string[] rotated =
        [
            $"--Verification:Protection:MasterKeys:{oldId}={old.GetProperty("Secret").GetString()}",
            $"--Verification:Protection:MasterKeys:new-key={newKey}",
            "--Verification:Protection:CurrentMasterKey=new-key",
        ];
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exit = await AdminCommandLine.RunAsync(["admin", "rewrap", "--batch-size", "5", .. factory.ConfigurationArguments(), .. rotated], stdout, stderr);

        exit.Should().Be(0, stderr.ToString());
        var result = JsonDocument.Parse(stdout.ToString()).RootElement;
        result.GetProperty("currentMasterKey").GetString().Should().Be("new-key");
        result.GetProperty("dataKeys").GetProperty("rewrapped").GetInt64().Should().BeGreaterThan(0, "the demo data was wrapped under the old key");
        result.GetProperty("keyFiles").GetInt32().Should().Be(2, "the token and certificate keys are wrapped under the master key too");
        result.GetProperty("remaining").GetInt64().Should().Be(0);
        stderr.ToString().Should().Contain("data keys re-wrapped").And.Contain("resume with --after");

        // Only the new key now: everything reads.
        await using var app = HostSetup.CreateBuilder([.. factory.ConfigurationArguments(), $"--Verification:Protection:MasterKeys:new-key={newKey}"]).Build();
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<IOptions<TokenSigningOptions>>().Value.Keys.Should().ContainSingle();
        var store = scope.ServiceProvider.GetRequiredService<IVerificationStore>();
        var read = 0;
        var entries = new List<WrappedDataKeyEntry>();
        await foreach (var entry in store.ListWrappedDataKeysAsync(null, 5000, CancellationToken.None))
        {
            entries.Add(entry);
        }

        foreach (var entry in entries)
        {
            VerificationProtector.MasterKeyIdOf(entry.WrappedDataKey).Should().Be("new-key");
            var folder = await store.FindByIdAsync(entry.TenantId, entry.VerificationId, CancellationToken.None);
            folder!.Analyses.Should().NotBeEmpty();
            read++;
        }

        read.Should().BeGreaterThan(0);
    }
}
