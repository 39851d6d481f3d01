using Microsoft.EntityFrameworkCore;
using Verification.Core.Tenants;

namespace Verification.Storage.EfCore.Tests;

public sealed class SqliteWriteGateTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _db = new();

    public Task InitializeAsync() => _db.InitializeAsync();

    public Task DisposeAsync() => _db.DisposeAsync();

    private SqliteVerificationDbContext Gated() => new(new DbContextOptionsBuilder<SqliteVerificationDbContext>()
        .UseSqlite(_db.ConnectionString).AddInterceptors(SqliteWriteGate.Instance).Options);

    private static Tenant NewTenant() => new() { Id = "t-" + Guid.NewGuid().ToString("N")[..10], Name = "x", CreatedAt = DateTimeOffset.UtcNow };

    [Fact]
    public async Task ATransactionDisposedWithoutCommitReleasesTheGate()
    {
        await using (var first = Gated())
        {
            var transaction = await first.Database.BeginTransactionAsync();
            await transaction.DisposeAsync();
        }

        await using var second = Gated();
        second.Add(NewTenant());
        var save = second.SaveChangesAsync();

        (await Task.WhenAny(save, Task.Delay(TimeSpan.FromSeconds(10)))).Should().Be(save, "the gate must not stay held by a dead transaction");
    }

    [Fact]
    public async Task ManyConcurrentWritersAllSucceed()
    {
        await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            await using var context = Gated();
            context.Add(NewTenant());
            await context.SaveChangesAsync();
        }));

        await using var check = Gated();
        (await check.Set<Tenant>().CountAsync()).Should().Be(40);
    }

    [Fact]
    public async Task AFailedSaveReleasesTheGate()
    {
        var tenant = NewTenant();
        await using (var first = Gated())
        {
            first.Add(tenant);
            await first.SaveChangesAsync();
        }

        await using (var duplicate = Gated())
        {
            duplicate.Add(new Tenant { Id = tenant.Id, Name = "dup", CreatedAt = DateTimeOffset.UtcNow });
            await FluentActions.Awaiting(() => duplicate.SaveChangesAsync()).Should().ThrowAsync<DbUpdateException>();
        }

        await using var next = Gated();
        next.Add(NewTenant());
        var save = next.SaveChangesAsync();
        (await Task.WhenAny(save, Task.Delay(TimeSpan.FromSeconds(10)))).Should().Be(save);
    }
}
