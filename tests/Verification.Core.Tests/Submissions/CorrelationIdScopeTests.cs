using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verification.Core.Submissions;
using Verification.Core.ServiceAccounts;
using Verification.Core.Stores;

namespace Verification.Core.Tests.Submissions;

/// <summary>Issue 23, finding 1: who shares a correlation id is a documented option.</summary>
public sealed class CorrelationIdScopeTests
{
    private const string Mrz = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";

    [Theory]
    [InlineData(CorrelationIdScope.Tenant, true)]
    [InlineData(CorrelationIdScope.SourceSystem, false)]
    public async Task AnotherSourceSystemJoinsTheVerificationOnlyWhenTheTenantShares(CorrelationIdScope scope, bool joins)
    {
        await using var provider = Services(scope);
        using var services = provider.CreateScope();
        var users = services.ServiceProvider.GetRequiredService<IServiceUserStore>();
        var crm = await CreateAsync(users, "crm-app", "crm");
        var crmBatch = await CreateAsync(users, "crm-batch", "crm");
        var shop = await CreateAsync(users, "shop-app", "shop");
        var analysis = services.ServiceProvider.GetRequiredService<DocumentAnalysisService>();

        (await analysis.AnalyzeAsync(Submission(crm), CancellationToken.None)).IsSuccess.Should().BeTrue();
        var sameSystem = await analysis.AnalyzeAsync(Submission(crmBatch), CancellationToken.None);
        var otherSystem = await analysis.AnalyzeAsync(Submission(shop), CancellationToken.None);

        sameSystem.IsSuccess.Should().BeTrue("service users of one source system share its correlation ids");
        otherSystem.IsSuccess.Should().Be(joins);
        if (!joins)
        {
            otherSystem.Failure!.Code.Should().Be("correlation_id.taken");
        }

        var folder = await services.ServiceProvider.GetRequiredService<IVerificationStore>().FindByIdAsync("default", "CUSTOMER-1", CancellationToken.None);
        folder!.Analyses.Should().HaveCount(joins ? 3 : 2);
    }

    private static async Task<ServiceUser> CreateAsync(IServiceUserStore users, string name, string sourceSystem) =>
        (await users.CreateAsync(
            new ServiceUser { Id = name, TenantId = "default", Name = name, SourceSystem = sourceSystem, CreatedAt = DateTimeOffset.UnixEpoch, CreatedBy = "test" },
            CancellationToken.None)).Value;

    private static DocumentSubmission Submission(ServiceUser user) => new()
    {
        Kind = SubmissionKind.Mrz,
        MrzText = Mrz,
        Save = true,
        CorrelationId = "CUSTOMER-1",
        Source = new SubmissionSource("default", "reco", "service:" + user.Id, user.Id, "token", user.SourceSystem, user.SourceSystem),
    };

    private static ServiceProvider Services(CorrelationIdScope scope)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddVerification(o => o.CorrelationIdScope = scope).UseInMemoryStores().UseInMemoryKeyStores();
        return services.BuildServiceProvider();
    }
}
