using Microsoft.EntityFrameworkCore;
using Verification.Core.Audit;
using Verification.Core.Protection;
using Verification.Storage.EfCore.Stores;
using Verification.Storage.Specification;

namespace Verification.Storage.EfCore.Tests.Stores;

/// <summary>Pruning the audit trail leaves a signed checkpoint; the kept chain verifies from it, and tampering still shows.</summary>
public abstract class AuditCheckpointTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly ITestDatabase _db;
    private static readonly string OldKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private static readonly string NewKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    private readonly IMasterKeyProvider _keys = Keys(("old", OldKey));
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 12, 5, 0, 0, 0, TimeSpan.Zero));

    protected AuditCheckpointTests(ITestDatabase db) => _db = db;

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task TheKeptTrailVerifiesFromTheSignedCheckpointAndGoesOnFromIt()
    {
        await AppendAsync(0, 10);

        var checkpoint = await Trail().PruneAsync(Start.AddMinutes(5), CancellationToken.None);
        var verified = await Trail().VerifyAsync(CancellationToken.None);
        await AppendAsync(10, 2);
        var again = await Trail().VerifyAsync(CancellationToken.None);

        checkpoint!.Sequence.Should().Be(5);
        checkpoint.PrunedEntries.Should().Be(5);
        checkpoint.KeyId.Should().Be("old");
        verified.Should().Be(new AuditVerification(true, 5, null, null, 5));
        again.Ok.Should().BeTrue();
        again.Entries.Should().Be(7);
        (await Trail().PruneAsync(Start.AddMinutes(1), CancellationToken.None)).Should().BeNull("nothing kept is that old");
    }

    [Fact]
    public async Task AfterEverythingIsPrunedTheChainContinuesFromTheCheckpoint()
    {
        await AppendAsync(0, 4);
        await Trail().PruneAsync(Start.AddDays(1), CancellationToken.None);

        await AppendAsync(4, 3);
        var verified = await Trail().VerifyAsync(CancellationToken.None);

        verified.Ok.Should().BeTrue(verified.Reason);
        verified.Entries.Should().Be(3);
        await using var context = _db.NewContext();
        (await context.Set<AuditEntry>().MinAsync(e => e.Sequence)).Should().Be(5);
    }

    [Fact]
    public async Task AForgedCheckpointOrADeletedKeptEntryFailsTheCheck()
    {
        await AppendAsync(0, 8);
        await Trail().PruneAsync(Start.AddMinutes(3), CancellationToken.None);
        await ExecuteAsync("UPDATE \"AuditCheckpoints\" SET \"Sequence\" = 4");

        var forged = await Trail().VerifyAsync(CancellationToken.None);

        forged.Ok.Should().BeFalse();
        forged.Reason.Should().Contain("checkpoint");
        await ExecuteAsync("UPDATE \"AuditCheckpoints\" SET \"Sequence\" = 3");
        (await Trail().VerifyAsync(CancellationToken.None)).Ok.Should().BeTrue();
        await ExecuteAsync("DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = 4");
        var deleted = await Trail().VerifyAsync(CancellationToken.None);
        deleted.Ok.Should().BeFalse();
        deleted.BrokenSequence.Should().Be(5);
        var otherKeys = await new AuditTrail(new EfAuditStore<VerificationDbContext>(_db.NewContext()), new EphemeralMasterKeyProvider(), _clock).VerifyAsync(CancellationToken.None);
        otherKeys.Ok.Should().BeFalse("a checkpoint verifies only with the master key that signed it");
    }

    [Fact]
    public async Task AMasterKeyRotationSignsTheCheckpointAgainSoTheOldKeyCanGo()
    {
        await AppendAsync(0, 6);
        await Trail().PruneAsync(Start.AddMinutes(2), CancellationToken.None);
        var rotated = Keys(("old", OldKey), ("new", NewKey));

        (await new AuditTrail(new EfAuditStore<VerificationDbContext>(_db.NewContext()), rotated, _clock).ResignCheckpointAsync(CancellationToken.None)).Should().BeTrue();
        var onlyNew = await new AuditTrail(new EfAuditStore<VerificationDbContext>(_db.NewContext()), Keys(("new", NewKey)), _clock).VerifyAsync(CancellationToken.None);

        onlyNew.Ok.Should().BeTrue(onlyNew.Reason);
        onlyNew.CheckpointSequence.Should().Be(2);
    }

    /// <summary>Master keys by id; the last one is current.</summary>
    private static ConfiguredMasterKeyProvider Keys(params (string Id, string Key)[] keys)
    {
        var options = new ProtectionOptions { CurrentMasterKey = keys[^1].Id };
        foreach (var (id, key) in keys)
        {
            options.MasterKeys[id] = key;
        }

        return new ConfiguredMasterKeyProvider(Microsoft.Extensions.Options.Options.Create(options));
    }

    private AuditTrail Trail() => new(new EfAuditStore<VerificationDbContext>(_db.NewContext()), _keys, _clock);

    private async Task AppendAsync(int from, int count)
    {
        var store = new EfAuditStore<VerificationDbContext>(_db.NewContext());
        for (var i = from; i < from + count; i++)
        {
            await store.AppendAsync([new AuditEntry
            {
                TenantId = "default",
                OccurredAt = Start.AddMinutes(i),
                ActorType = AuditActorTypes.Analyst,
                ActorId = "01ANALYST",
                Action = "analyses.decide",
                TargetType = "analysis",
                TargetId = $"A{i}",
                Outcome = "success",
            }], CancellationToken.None);
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var context = _db.NewContext();
        await context.Database.ExecuteSqlRawAsync(sql);
    }
}

public sealed class SqliteAuditCheckpointTests() : AuditCheckpointTests(new SqliteTestDatabase());

public sealed class PostgreSqlAuditCheckpointTests() : AuditCheckpointTests(new PostgreSqlTestDatabase());
