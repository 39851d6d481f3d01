using Verification.Core.ServiceAccounts;

namespace Verification.Core.Tests.ServiceAccounts;

public sealed class ServiceTokenManagerTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly KeysHost _host = new(new SharedStorage(), KeysHost.OptionsWith(TestKeys.Hs("hs-1", TestKeys.NewSecret(), current: true)));
    private readonly string _tenant = Names.Tenant();

    [Fact]
    public async Task CreatesAServiceUserAndRefusesItsNameTwiceInATenant()
    {
        var name = Names.ServiceUser();
        var created = await _host.Manager.CreateServiceUserAsync(_tenant, name, "branch_scan", "system", Ct);

        created.Value.Name.Should().Be(name);
        created.Value.SourceSystem.Should().Be("branch_scan");
        created.Value.Enabled.Should().BeTrue();
        created.Value.CreatedAt.Should().Be(_host.Clock.GetUtcNow());
        created.Value.Id.Should().HaveLength(26);
        (await _host.Manager.CreateServiceUserAsync(_tenant, name, "vkyc", "system", Ct)).Failure!.Code.Should().Be("service_user.name_taken");
        (await _host.Manager.CreateServiceUserAsync(Names.Tenant(), name, "vkyc", "system", Ct)).IsSuccess.Should().BeTrue();
    }

    [Theory]
    [InlineData("", "vkyc", "service_user.invalid_name")]
    [InlineData("has space", "vkyc", "service_user.invalid_name")]
    [InlineData("vkyc", "", "service_user.invalid_source_system")]
    [InlineData("vkyc", "doc/service", "service_user.invalid_source_system")]
    public async Task RefusesInvalidServiceUserNames(string name, string sourceSystem, string code)
    {
        (await _host.Manager.CreateServiceUserAsync(_tenant, name, sourceSystem, "system", Ct)).Failure!.Code.Should().Be(code);
    }

    [Fact]
    public async Task MintsForAServiceUserNamedByIdOrByName()
    {
        var user = (await _host.Manager.CreateServiceUserAsync(_tenant, Names.ServiceUser(), "vkyc", "system", Ct)).Value;

        var byName = await _host.Manager.MintTokenAsync(_tenant, Request(user.Name), Ct);
        var byId = await _host.Manager.MintTokenAsync(_tenant, Request(user.Id), Ct);

        byName.Value.Record.ServiceUserId.Should().Be(user.Id);
        byId.Value.Record.ServiceUserId.Should().Be(user.Id);
        byName.Value.TokenId.Should().NotBe(byId.Value.TokenId);
        var stored = (await _host.Manager.FindTokenAsync(_tenant, byName.Value.TokenId, Ct))!;
        stored.Scopes.Should().Equal(Scopes.DocumentsSubmit);
        stored.CreatedBy.Should().Be("analyst:01JANALYST0000000000000000");
        stored.Description.Should().Be("vkyc production");
    }

    [Fact]
    public async Task StoresExpiryAndArchiveDelay()
    {
        var user = (await _host.Manager.CreateServiceUserAsync(_tenant, Names.ServiceUser(), "vkyc", "system", Ct)).Value;

        var minted = await _host.Manager.MintTokenAsync(_tenant, Request(user.Id) with { ExpiresIn = TimeSpan.FromDays(30), ArchiveAfterExtract = TimeSpan.FromMinutes(10) }, Ct);

        minted.Value.Record.ExpiresAt.Should().Be(_host.Clock.GetUtcNow().AddDays(30));
        minted.Value.Record.ArchiveAfterExtract.Should().Be(TimeSpan.FromMinutes(10));
    }

    [Fact]
    public async Task RefusesToMintForAnUnknownOrForeignServiceUser()
    {
        var foreign = (await _host.Manager.CreateServiceUserAsync(Names.Tenant(), Names.ServiceUser(), "vkyc", "system", Ct)).Value;

        (await _host.Manager.MintTokenAsync(_tenant, Request("nobody"), Ct)).Failure!.Code.Should().Be("service_user.not_found");
        (await _host.Manager.MintTokenAsync(_tenant, Request(foreign.Id), Ct)).Failure!.Code.Should().Be("service_user.not_found");
        (await _host.Manager.MintTokenAsync(_tenant, Request(foreign.Name), Ct)).Failure!.Code.Should().Be("service_user.not_found");
    }

    public static TheoryData<MintTokenRequest, string> InvalidRequests() => new()
    {
        { Request("x") with { Scopes = [] }, "token.invalid_scope" },
        { Request("x") with { Scopes = ["documents:submit", "superuser"] }, "token.invalid_scope" },
        { Request("x") with { ExpiresIn = TimeSpan.Zero }, "token.invalid_expiry" },
        { Request("x") with { ExpiresIn = TimeSpan.FromDays(-1) }, "token.invalid_expiry" },
        { Request("x") with { ExpiresIn = TimeSpan.FromDays(4000) }, "token.invalid_expiry" },
        { Request("x") with { ArchiveAfterExtract = TimeSpan.FromSeconds(-1) }, "token.invalid_archive_delay" },
        { Request("x") with { ArchiveAfterExtract = TimeSpan.FromDays(400) }, "token.invalid_archive_delay" },
        { Request("x") with { Description = new string('d', 257) }, "token.invalid_description" },
        { Request("x") with { Description = "line\nbreak" }, "token.invalid_description" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task RefusesInvalidMintRequestsAndStoresNothing(MintTokenRequest request, string code)
    {
        var user = (await _host.Manager.CreateServiceUserAsync(_tenant, Names.ServiceUser(), "vkyc", "system", Ct)).Value;

        (await _host.Manager.MintTokenAsync(_tenant, request with { ServiceUser = user.Id }, Ct)).Failure!.Code.Should().Be(code);

        (await ListAsync(null)).Should().BeEmpty();
    }

    [Fact]
    public async Task ListsTokensOfTheTenantOrOfOneServiceUser()
    {
        var vkyc = (await _host.Manager.CreateServiceUserAsync(_tenant, "vkyc", "vkyc", "system", Ct)).Value;
        var scan = (await _host.Manager.CreateServiceUserAsync(_tenant, "branch-scan", "branch_scan", "system", Ct)).Value;
        // Ids order tokens by minting millisecond; within one millisecond the order is arbitrary but stable.
        var first = (await _host.Manager.MintTokenAsync(_tenant, Request("vkyc"), Ct)).Value;
        _host.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var second = (await _host.Manager.MintTokenAsync(_tenant, Request("branch-scan"), Ct)).Value;
        _host.Clock.Advance(TimeSpan.FromMilliseconds(1));
        var third = (await _host.Manager.MintTokenAsync(_tenant, Request(vkyc.Id), Ct)).Value;

        (await ListAsync(null)).Should().Equal(first.TokenId, second.TokenId, third.TokenId);
        (await ListAsync("vkyc")).Should().Equal(first.TokenId, third.TokenId);
        (await ListAsync(scan.Id)).Should().Equal(second.TokenId);
        (await ListAsync("nobody")).Should().BeEmpty();

        var users = new List<string>();
        await foreach (var user in _host.Manager.ListServiceUsersAsync(_tenant, Ct))
        {
            users.Add(user.Name);
        }

        users.Should().Equal("branch-scan", "vkyc");
    }

    [Fact]
    public async Task AnswersNotFoundForMissingTokensAndServiceUsers()
    {
        (await _host.Manager.DisableTokenAsync(_tenant, "01JNOSUCHTOKEN000000000000", Ct)).Failure!.Code.Should().Be("token.not_found");
        (await _host.Manager.EnableTokenAsync(_tenant, "", Ct)).Failure!.Code.Should().Be("token.not_found");
        (await _host.Manager.SetServiceUserEnabledAsync(_tenant, "01JNOSUCHUSER0000000000000", false, Ct)).Failure!.Code.Should().Be("service_user.not_found");
    }

    private static MintTokenRequest Request(string serviceUser) => new()
    {
        ServiceUser = serviceUser,
        Scopes = [Scopes.DocumentsSubmit],
        Description = "vkyc production",
        CreatedBy = "analyst:01JANALYST0000000000000000",
    };

    private async Task<List<string>> ListAsync(string? serviceUser)
    {
        var ids = new List<string>();
        await foreach (var token in _host.Manager.ListTokensAsync(_tenant, serviceUser, Ct))
        {
            ids.Add(token.Id);
        }

        return ids;
    }
}
