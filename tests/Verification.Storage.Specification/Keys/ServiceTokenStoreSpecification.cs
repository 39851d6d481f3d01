using Bogus;
using Verification.Core.Stores;
using Verification.Core;
using Verification.Core.ServiceAccounts;

namespace Verification.Storage.Specification.Keys;

/// <summary>
/// What every <see cref="IServiceTokenStore"/> must do. Derive, implement <see cref="CreateStore"/> so that
/// every call answers a new store instance over the same storage, and run.
/// </summary>
public abstract class ServiceTokenStoreSpecification
{
    private readonly Faker _faker = new();

    /// <summary>Specimen factory and clock.</summary>
    protected SpecimenData Data { get; } = new();

    /// <summary>Bounds every call, so a deadlocked store fails the test instead of hanging it.</summary>
    protected CancellationToken Ct { get; } = new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token;

    /// <summary>A new store over the same storage as every other store this instance creates.</summary>
    protected abstract IServiceTokenStore CreateStore();

    [Fact]
    public async Task RoundTripsATokenRecordWithEveryField()
    {
        var tenant = SpecimenData.NewTenantId();
        var token = NewToken(tenant, "01JSERVICEUSER000000000001");
        token.ExpiresAt = Data.Clock.GetUtcNow().AddDays(90);
        token.ArchiveAfterExtract = TimeSpan.FromMinutes(10);
        token.LastUsedAt = Data.Clock.GetUtcNow().AddSeconds(5);
        token.RevokedAt = Data.Clock.GetUtcNow().AddSeconds(7);
        token.Enabled = false;

        (await CreateStore().CreateAsync(token, Ct)).IsSuccess.Should().BeTrue();

        var byTenant = await CreateStore().FindByIdAsync(tenant, token.Id, Ct);
        var anyTenant = await CreateStore().FindByIdAnyTenantAsync(token.Id, Ct);
        foreach (var found in new[] { byTenant, anyTenant })
        {
            found.Should().BeEquivalentTo(token, o => o
                .WithStrictOrdering()
                .Using<DateTimeOffset>(c => c.Subject.Should().BeCloseTo(c.Expectation, TimeSpan.FromMilliseconds(1))).WhenTypeIs<DateTimeOffset>());
        }
    }

    [Fact]
    public async Task RoundTripsATokenWithoutExpiryOrArchiveDelay()
    {
        var tenant = SpecimenData.NewTenantId();
        var token = NewToken(tenant, "01JSERVICEUSER000000000002");
        await CreateStore().CreateAsync(token, Ct);

        var found = (await CreateStore().FindByIdAsync(tenant, token.Id, Ct))!;

        found.ExpiresAt.Should().BeNull();
        found.ArchiveAfterExtract.Should().BeNull();
        found.RevokedAt.Should().BeNull();
        found.LastUsedAt.Should().BeNull();
        found.Enabled.Should().BeTrue();
        found.Scopes.Should().Equal(token.Scopes);
    }

    [Fact]
    public async Task AnswersAnotherTenantsTokenLikeAMissingOne()
    {
        var token = NewToken(SpecimenData.NewTenantId(), "01JSERVICEUSER000000000003");
        await CreateStore().CreateAsync(token, Ct);
        var other = SpecimenData.NewTenantId();

        (await CreateStore().FindByIdAsync(other, token.Id, Ct)).Should().BeNull();
        (await CreateStore().TouchLastUsedAsync(other, token.Id, Data.Clock.GetUtcNow(), Ct)).Should().BeFalse();
        var foreign = NewToken(other, token.ServiceUserId, token.Id);
        foreign.Enabled = false;
        (await CreateStore().UpdateAsync(foreign, Ct)).Failure!.Code.Should().Be("token.not_found");
        (await ListAsync(other)).Should().BeEmpty();
        (await CreateStore().FindByIdAnyTenantAsync(token.Id, Ct))!.Enabled.Should().BeTrue("the foreign update changed nothing");
        (await CreateStore().FindByIdAnyTenantAsync("01JNOSUCHTOKEN000000000000", Ct)).Should().BeNull();
    }

    [Fact]
    public async Task RefusesADuplicateTokenIdEvenInAnotherTenant()
    {
        var token = NewToken(SpecimenData.NewTenantId(), "01JSERVICEUSER000000000004");
        await CreateStore().CreateAsync(token, Ct);

        var elsewhere = NewToken(SpecimenData.NewTenantId(), "01JSERVICEUSER000000000005", token.Id);
        (await CreateStore().CreateAsync(elsewhere, Ct)).Failure!.Code.Should().Be("token.exists");
        (await CreateStore().FindByIdAnyTenantAsync(token.Id, Ct))!.TenantId.Should().Be(token.TenantId);
    }

    [Fact]
    public async Task SavesDisableRevokeAndScopeChanges()
    {
        var tenant = SpecimenData.NewTenantId();
        var token = NewToken(tenant, "01JSERVICEUSER000000000006");
        await CreateStore().CreateAsync(token, Ct);

        var read = (await CreateStore().FindByIdAsync(tenant, token.Id, Ct))!;
        read.Enabled = false;
        read.RevokedAt = Data.Clock.GetUtcNow();
        read.Scopes = [Scopes.ReadMetadata];
        read.Description = "rotated";
        (await CreateStore().UpdateAsync(read, Ct)).IsSuccess.Should().BeTrue();

        var saved = (await CreateStore().FindByIdAsync(tenant, token.Id, Ct))!;
        saved.Enabled.Should().BeFalse();
        saved.RevokedAt.Should().BeCloseTo(Data.Clock.GetUtcNow(), TimeSpan.FromMilliseconds(1));
        saved.Scopes.Should().Equal(Scopes.ReadMetadata);
        saved.Description.Should().Be("rotated");
    }

    [Fact]
    public async Task TouchesLastUsedWithoutMovingItBackwardsOrUndoingADisable()
    {
        var tenant = SpecimenData.NewTenantId();
        var token = NewToken(tenant, "01JSERVICEUSER000000000007");
        await CreateStore().CreateAsync(token, Ct);
        var first = Data.Clock.GetUtcNow().AddMinutes(2);

        (await CreateStore().TouchLastUsedAsync(tenant, token.Id, first, Ct)).Should().BeTrue();
        (await CreateStore().FindByIdAsync(tenant, token.Id, Ct))!.LastUsedAt.Should().BeCloseTo(first, TimeSpan.FromMilliseconds(1));

        (await CreateStore().TouchLastUsedAsync(tenant, token.Id, first.AddMinutes(-1), Ct)).Should().BeTrue();
        (await CreateStore().FindByIdAsync(tenant, token.Id, Ct))!.LastUsedAt.Should().BeCloseTo(first, TimeSpan.FromMilliseconds(1));

        var read = (await CreateStore().FindByIdAsync(tenant, token.Id, Ct))!;
        read.Enabled = false;
        await CreateStore().UpdateAsync(read, Ct);
        (await CreateStore().TouchLastUsedAsync(tenant, token.Id, first.AddMinutes(5), Ct)).Should().BeTrue();

        var saved = (await CreateStore().FindByIdAsync(tenant, token.Id, Ct))!;
        saved.Enabled.Should().BeFalse("touching only writes the last-used instant");
        saved.LastUsedAt.Should().BeCloseTo(first.AddMinutes(5), TimeSpan.FromMilliseconds(1));
        (await CreateStore().TouchLastUsedAsync(tenant, "01JNOSUCHTOKEN000000000000", first, Ct)).Should().BeFalse();
    }

    [Fact]
    public async Task ListsATenantsTokensAndOneServiceUsersTokensInMintingOrder()
    {
        var tenant = SpecimenData.NewTenantId();
        var vkyc = "01JSERVICEUSER00000000000A";
        var scan = "01JSERVICEUSER00000000000B";
        var minted = new List<ServiceToken>();
        foreach (var user in new[] { vkyc, scan, vkyc, vkyc, scan })
        {
            var token = NewToken(tenant, user);
            minted.Add(token);
        }

        // Created out of order: the list order must come from the ids, not from insertion.
        foreach (var token in minted.AsEnumerable().Reverse())
        {
            await CreateStore().CreateAsync(token, Ct);
        }

        await CreateStore().CreateAsync(NewToken(SpecimenData.NewTenantId(), vkyc), Ct);

        (await ListAsync(tenant)).Select(t => t.Id).Should().Equal(minted.Select(t => t.Id));
        var ofVkyc = new List<string>();
        await foreach (var token in CreateStore().ListByServiceUserAsync(tenant, vkyc, Ct))
        {
            ofVkyc.Add(token.Id);
        }

        ofVkyc.Should().Equal(minted.Where(t => t.ServiceUserId == vkyc).Select(t => t.Id));
    }

    [Fact]
    public async Task KeepsChangesToAReadTokenOutOfTheStoreUntilSaved()
    {
        var tenant = SpecimenData.NewTenantId();
        var token = NewToken(tenant, "01JSERVICEUSER000000000008");
        await CreateStore().CreateAsync(token, Ct);

        token.Scopes.Add(Scopes.Admin);
        var read = (await CreateStore().FindByIdAsync(tenant, token.Id, Ct))!;
        read.Scopes.Should().NotContain(Scopes.Admin);
        read.Enabled = false;
        (await CreateStore().FindByIdAsync(tenant, token.Id, Ct))!.Enabled.Should().BeTrue();
    }

    /// <summary>A token record minted now (the clock moves on, so ids follow minting order).</summary>
    protected ServiceToken NewToken(string tenantId, string serviceUserId, string? id = null)
    {
        Data.Clock.Advance(TimeSpan.FromMilliseconds(5));
        return new ServiceToken
        {
            Id = id ?? Identifiers.NewUlid(Data.Clock),
            TenantId = tenantId,
            ServiceUserId = serviceUserId,
            Description = _faker.Lorem.Sentence(4),
            Scopes = [Scopes.DocumentsSubmit, Scopes.ReadAttributes],
            CreatedAt = Data.Clock.GetUtcNow(),
            CreatedBy = "analyst:" + Identifiers.NewUlid(Data.Clock),
        };
    }

    private async Task<List<ServiceToken>> ListAsync(string tenantId)
    {
        var list = new List<ServiceToken>();
        await foreach (var token in CreateStore().ListAsync(tenantId, Ct))
        {
            list.Add(token);
        }

        return list;
    }
}
