using Microsoft.EntityFrameworkCore;
using Verification.Core.Audit;
using Verification.Core.Stores;
using Verification.Storage.EfCore.Stores;

namespace Verification.Storage.EfCore.Tests.Stores;

public sealed class AuditTamperingTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    [Fact]
    public async Task VerificationFindsAnEntryAlteredInTheDatabase()
    {
        await Append(5);
        await using (var context = _db.NewContext())
        {
            await context.Database.ExecuteSqlRawAsync("UPDATE AuditEntries SET TargetId = 'someone-else' WHERE Sequence = 3");
        }

        var result = await Verify();

        result.Ok.Should().BeFalse();
        result.BrokenSequence.Should().Be(3);
        result.Entries.Should().Be(2);
    }

    [Fact]
    public async Task VerificationFindsADeletedEntry()
    {
        await Append(4);
        await using (var context = _db.NewContext())
        {
            await context.Database.ExecuteSqlRawAsync("DELETE FROM AuditEntries WHERE Sequence = 2");
        }

        var result = await Verify();

        result.Ok.Should().BeFalse();
        result.BrokenSequence.Should().Be(3);
    }

    [Fact]
    public async Task AnIntactTrailVerifies()
    {
        await Append(6);

        var result = await Verify();

        result.Should().Be(new AuditVerification(true, 6, null, null));
    }

    private async Task Append(int count)
    {
        var store = new EfAuditStore<VerificationDbContext>(_db.NewContext());
        for (var i = 0; i < count; i++)
        {
            await store.AppendAsync([new AuditEntry
            {
                TenantId = "default",
                OccurredAt = DateTimeOffset.UtcNow,
                ActorType = AuditActorTypes.Analyst,
                ActorId = "01ANALYST",
                Action = "analyses.decide",
                TargetType = "analysis",
                TargetId = $"A{i}",
                Outcome = "success",
            }], CancellationToken.None);
        }
    }

    private Task<AuditVerification> Verify()
    {
        var store = new EfAuditStore<VerificationDbContext>(_db.NewContext());
        return AuditChain.VerifyAsync(store.ListAsync(new AuditQuery(), CancellationToken.None), CancellationToken.None).AsTask();
    }
}
