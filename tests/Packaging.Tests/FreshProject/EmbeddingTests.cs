using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verification.Core.Submissions;
using Verification.Core.Stores;
using Xunit;

namespace FreshConsumer;

/// <summary>What a team writes first after `dotnet add package Verification.Core`.</summary>
public sealed class EmbeddingTests
{
    private const string SpecimenMrz =
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10";

    [Fact]
    public async Task AnalysesAndSavesTheIcaoSpecimenMrzWithTheInMemoryStores()
    {
        // Outside a host (which registers configuration itself), the options binding needs a configuration.
        var services = new ServiceCollection().AddLogging()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddVerification().UseInMemoryStores();
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        await using var scope = provider.CreateAsyncScope();
        var analysis = scope.ServiceProvider.GetRequiredService<DocumentAnalysisService>();

        var outcome = await analysis.AnalyzeAsync(new DocumentSubmission
        {
            Kind = SubmissionKind.Mrz,
            MrzText = SpecimenMrz,
            Save = true,
            Source = new SubmissionSource("default", "package-test", "app:package-test"),
        }, CancellationToken.None);

        Assert.True(outcome.IsSuccess, outcome.Failure?.Code);
        Assert.Equal("passport", outcome.Value.DocumentType);
        Assert.Equal("ERIKSSON", outcome.Value.Fields.LastName);
        Assert.Equal("L898902C3", outcome.Value.Fields.DocumentNumber);
        Assert.Contains(outcome.Value.Controls, c => c.Code == "mrz.check_digits");
        var saved = await scope.ServiceProvider.GetRequiredService<IVerificationStore>()
            .FindByIdAsync("default", outcome.Value.VerificationId!, CancellationToken.None);
        Assert.NotNull(saved);
    }

    [Fact]
    public void EveryAdapterPackageLoads()
    {
        Assert.Equal("Verification.AspNetCore", typeof(Verification.AspNetCore.Authentication.ServiceTokenAuthenticationHandler).Assembly.GetName().Name);
        Assert.Equal("Verification.Storage.EfCore", typeof(Verification.Storage.EfCore.VerificationDbContext).Assembly.GetName().Name);
        Assert.Equal("Verification.Storage.EfCore.Sqlite", typeof(Verification.Storage.EfCore.SqliteVerificationDbContext).Assembly.GetName().Name);
        Assert.Equal("Verification.Storage.EfCore.PostgreSql", typeof(Verification.Storage.EfCore.PostgreSqlVerificationDbContext).Assembly.GetName().Name);
        Assert.Equal("Verification.Reading.Tesseract", typeof(Verification.Reading.Tesseract.TesseractReaderOptions).Assembly.GetName().Name);
        Assert.Equal("Verification.Reading.PaddleOcr", typeof(Verification.Reading.PaddleOcr.PaddleOcrReaderOptions).Assembly.GetName().Name);
    }
}
