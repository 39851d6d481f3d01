using Bogus;
using Verification.Core.Stores;
using Verification.Core;
using Verification.Core.ServiceAccounts;

namespace Verification.Storage.Specification.Keys;

/// <summary>
/// What every <see cref="IServiceUserStore"/> must do. Derive, implement <see cref="CreateStore"/> so that
/// every call answers a new store instance over the same storage, and run.
/// </summary>
public abstract class ServiceUserStoreSpecification
{
    private readonly Faker _faker = new();

    /// <summary>Specimen factory and clock.</summary>
    protected SpecimenData Data { get; } = new();

    /// <summary>Bounds every call, so a deadlocked store fails the test instead of hanging it.</summary>
    protected CancellationToken Ct { get; } = new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token;

    /// <summary>A new store over the same storage as every other store this instance creates.</summary>
    protected abstract IServiceUserStore CreateStore();

    [Fact]
    public async Task RoundTripsAServiceUserFoundByIdAndByName()
    {
        var tenant = SpecimenData.NewTenantId();
        var user = NewServiceUser(tenant, sourceSystem: "branch_scan");

        (await CreateStore().CreateAsync(user, Ct)).IsSuccess.Should().BeTrue();

        var byId = await CreateStore().FindByIdAsync(tenant, user.Id, Ct);
        var byName = await CreateStore().FindByNameAsync(tenant, user.Name, Ct);
        foreach (var found in new[] { byId, byName })
        {
            found.Should().BeEquivalentTo(user, o => o
                .Using<DateTimeOffset>(c => c.Subject.Should().BeCloseTo(c.Expectation, TimeSpan.FromMilliseconds(1))).WhenTypeIs<DateTimeOffset>());
        }
    }

    [Fact]
    public async Task AnswersNothingForAnotherTenantsServiceUser()
    {
        var user = NewServiceUser(SpecimenData.NewTenantId());
        await CreateStore().CreateAsync(user, Ct);
        var other = SpecimenData.NewTenantId();

        (await CreateStore().FindByIdAsync(other, user.Id, Ct)).Should().BeNull();
        (await CreateStore().FindByNameAsync(other, user.Name, Ct)).Should().BeNull();
        var foreign = NewServiceUser(other, name: user.Name, id: user.Id);
        (await CreateStore().UpdateAsync(foreign, Ct)).Failure!.Code.Should().Be("service_user.not_found");
        (await ListAsync(other)).Should().BeEmpty();
    }

    [Fact]
    public async Task RefusesASecondServiceUserWithTheSameNameInOneTenantButNotInAnother()
    {
        var tenant = SpecimenData.NewTenantId();
        var first = NewServiceUser(tenant, name: "vkyc-prod");

        (await CreateStore().CreateAsync(first, Ct)).IsSuccess.Should().BeTrue();
        (await CreateStore().CreateAsync(NewServiceUser(tenant, name: "vkyc-prod"), Ct)).Failure!.Code.Should().Be("service_user.name_taken");
        (await CreateStore().CreateAsync(NewServiceUser(SpecimenData.NewTenantId(), name: "vkyc-prod"), Ct)).IsSuccess.Should().BeTrue();
        (await ListAsync(tenant)).Select(u => u.Id).Should().Equal([first.Id], "the refused create stored nothing");
    }

    [Fact]
    public async Task RefusesASecondServiceUserWithTheSameId()
    {
        var tenant = SpecimenData.NewTenantId();
        var first = NewServiceUser(tenant);
        await CreateStore().CreateAsync(first, Ct);

        var again = NewServiceUser(tenant, id: first.Id);
        (await CreateStore().CreateAsync(again, Ct)).Failure!.Code.Should().Be("service_user.exists");
        (await CreateStore().FindByIdAsync(tenant, first.Id, Ct))!.Name.Should().Be(first.Name);
    }

    [Fact]
    public async Task SavesChangesAndRefusesARenameToATakenName()
    {
        var tenant = SpecimenData.NewTenantId();
        var doc = NewServiceUser(tenant, name: "doc-service");
        var scan = NewServiceUser(tenant, name: "branch-scan");
        await CreateStore().CreateAsync(doc, Ct);
        await CreateStore().CreateAsync(scan, Ct);

        var read = (await CreateStore().FindByIdAsync(tenant, doc.Id, Ct))!;
        read.Enabled = false;
        read.SourceSystem = "doc_service_v2";
        (await CreateStore().UpdateAsync(read, Ct)).IsSuccess.Should().BeTrue();
        var saved = (await CreateStore().FindByIdAsync(tenant, doc.Id, Ct))!;
        saved.Enabled.Should().BeFalse();
        saved.SourceSystem.Should().Be("doc_service_v2");

        saved.Name = "branch-scan";
        (await CreateStore().UpdateAsync(saved, Ct)).Failure!.Code.Should().Be("service_user.name_taken");
        (await CreateStore().FindByIdAsync(tenant, doc.Id, Ct))!.Name.Should().Be("doc-service");
    }

    [Fact]
    public async Task KeepsChangesToAReadServiceUserOutOfTheStoreUntilSaved()
    {
        var tenant = SpecimenData.NewTenantId();
        var user = NewServiceUser(tenant);
        await CreateStore().CreateAsync(user, Ct);

        user.Enabled = false;
        var read = (await CreateStore().FindByIdAsync(tenant, user.Id, Ct))!;
        read.Enabled.Should().BeTrue();
        read.Enabled = false;
        (await CreateStore().FindByIdAsync(tenant, user.Id, Ct))!.Enabled.Should().BeTrue();
    }

    [Fact]
    public async Task ListsATenantsServiceUsersByName()
    {
        var tenant = SpecimenData.NewTenantId();
        foreach (var name in new[] { "vkyc", "branch_scan", "doc_service" })
        {
            await CreateStore().CreateAsync(NewServiceUser(tenant, name: name), Ct);
        }

        await CreateStore().CreateAsync(NewServiceUser(SpecimenData.NewTenantId(), name: "alpha"), Ct);

        (await ListAsync(tenant)).Select(u => u.Name).Should().Equal("branch_scan", "doc_service", "vkyc");
    }

    /// <summary>A service user with a random name unless given.</summary>
    protected ServiceUser NewServiceUser(string tenantId, string? name = null, string sourceSystem = "vkyc", string? id = null)
    {
        Data.Clock.Advance(TimeSpan.FromMilliseconds(5));
        return new ServiceUser
        {
            Id = id ?? Identifiers.NewUlid(Data.Clock),
            TenantId = tenantId,
            Name = name ?? $"{_faker.Hacker.Noun().Replace(' ', '-')}-{_faker.Random.AlphaNumeric(6)}",
            SourceSystem = sourceSystem,
            CreatedAt = Data.Clock.GetUtcNow(),
            CreatedBy = "analyst:" + Identifiers.NewUlid(Data.Clock),
        };
    }

    private async Task<List<ServiceUser>> ListAsync(string tenantId)
    {
        var list = new List<ServiceUser>();
        await foreach (var user in CreateStore().ListAsync(tenantId, Ct))
        {
            list.Add(user);
        }

        return list;
    }
}
