using Verification.Core;
using Verification.Core.Analysts;
using Verification.Core.Stores;
using Verification.Core.Tenants;

namespace Verification.Storage.Specification;

/// <summary>What every <see cref="IAnalystStore"/> and <see cref="ITenantStore"/> must do.</summary>
public abstract class AccountStoreSpecification
{
    /// <summary>Specimen factory.</summary>
    protected SpecimenData Data { get; } = new();

    /// <summary>Bounds every call.</summary>
    protected CancellationToken Ct { get; } = new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token;

    /// <summary>A new analyst store over the shared storage.</summary>
    protected abstract IAnalystStore CreateAnalystStore();

    /// <summary>A new tenant store over the shared storage.</summary>
    protected abstract ITenantStore CreateTenantStore();

    [Fact]
    public async Task CreatesAndFindsTenantsAndRefusesADuplicateId()
    {
        var id = SpecimenData.NewTenantId();
        var tenant = new Tenant { Id = id, Name = "Banque Exemple", CreatedAt = Data.Clock.GetUtcNow() };

        (await CreateTenantStore().CreateAsync(tenant, Ct)).IsSuccess.Should().BeTrue();
        (await CreateTenantStore().CreateAsync(new Tenant { Id = id, Name = "Other", CreatedAt = Data.Clock.GetUtcNow() }, Ct))
            .Failure!.Code.Should().Be("tenant.exists");
        (await CreateTenantStore().FindByIdAsync(id, Ct))!.Name.Should().Be("Banque Exemple");
        (await CreateTenantStore().FindByIdAsync("no-such-tenant", Ct)).Should().BeNull();
    }

    [Fact]
    public async Task FindsAccountsByIdAndEmailWithinTheirTenantOnly()
    {
        var tenant = SpecimenData.NewTenantId();
        var analyst = NewAnalyst(tenant, "Élodie.Dupré@banque.example", departments: ["retail", "corporate"]);
        (await CreateAnalystStore().CreateAsync(analyst, Ct)).IsSuccess.Should().BeTrue();

        var byEmail = await CreateAnalystStore().FindByEmailAsync(tenant, Analyst.Normalize("élodie.dupré@BANQUE.example"), Ct);
        byEmail!.Id.Should().Be(analyst.Id);
        byEmail.Departments.Should().Equal("retail", "corporate");
        byEmail.Email.Should().Be("Élodie.Dupré@banque.example");
        (await CreateAnalystStore().FindByIdAsync(tenant, analyst.Id, Ct)).Should().NotBeNull();
        (await CreateAnalystStore().FindByIdAsync(SpecimenData.NewTenantId(), analyst.Id, Ct)).Should().BeNull();
        (await CreateAnalystStore().FindByEmailAsync(SpecimenData.NewTenantId(), analyst.NormalizedEmail, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task RefusesASecondAccountWithTheSameEmailInOneTenant()
    {
        var tenant = SpecimenData.NewTenantId();
        (await CreateAnalystStore().CreateAsync(NewAnalyst(tenant, "anna@example.org"), Ct)).IsSuccess.Should().BeTrue();
        (await CreateAnalystStore().CreateAsync(NewAnalyst(tenant, "ANNA@example.org"), Ct)).Failure!.Code.Should().Be("analyst.email_taken");
        (await CreateAnalystStore().CreateAsync(NewAnalyst(SpecimenData.NewTenantId(), "anna@example.org"), Ct)).IsSuccess.Should().BeTrue();
        (await CreateAnalystStore().CountAsync(tenant, Ct)).Should().Be(1);
    }

    [Fact]
    public async Task UpdatesListsAndCountsAccounts()
    {
        var tenant = SpecimenData.NewTenantId();
        var zoe = NewAnalyst(tenant, "zoe@example.org");
        var bruno = NewAnalyst(tenant, "bruno@example.org");
        await CreateAnalystStore().CreateAsync(zoe, Ct);
        await CreateAnalystStore().CreateAsync(bruno, Ct);

        var store = CreateAnalystStore();
        var read = (await store.FindByIdAsync(tenant, zoe.Id, Ct))!;
        read.Enabled = false;
        read.LastLoginAt = Data.Clock.GetUtcNow();
        (await store.UpdateAsync(read, Ct)).IsSuccess.Should().BeTrue();

        (await CreateAnalystStore().FindByIdAsync(tenant, zoe.Id, Ct))!.Enabled.Should().BeFalse();
        var listed = new List<string>();
        await foreach (var a in CreateAnalystStore().ListAsync(tenant, Ct))
        {
            listed.Add(a.Email);
        }

        listed.Should().Equal("bruno@example.org", "zoe@example.org");
        (await CreateAnalystStore().CountAsync(tenant, Ct)).Should().Be(2);
        var ghost = NewAnalyst(tenant, "ghost@example.org");
        (await CreateAnalystStore().UpdateAsync(ghost, Ct)).Failure!.Code.Should().Be("analyst.not_found");
    }

    private Analyst NewAnalyst(string tenant, string email, List<string>? departments = null) => new()
    {
        Id = Identifiers.NewUlid(Data.Clock),
        TenantId = tenant,
        Email = email,
        NormalizedEmail = Analyst.Normalize(email),
        PasswordHash = "v1$100000$c2FsdA==$aGFzaA==",
        Role = AnalystRoles.Analyst,
        Departments = departments ?? [],
        CreatedAt = Data.Clock.GetUtcNow(),
    };
}
