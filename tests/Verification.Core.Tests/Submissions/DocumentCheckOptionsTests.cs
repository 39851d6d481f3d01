using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Verification.Core.Submissions;
using Verification.Core.Documents;

namespace Verification.Core.Tests.Submissions;

public sealed class DocumentCheckOptionsTests
{
    private static ServiceProvider Services(Action<VerificationBuilder> configure, Dictionary<string, string?>? settings = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build());
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        var builder = services.AddVerification().UseInMemoryStores();
        services.Configure<Verification.Core.Protection.ProtectionOptions>(o => o.EphemeralKey = true);
        configure(builder);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AHostSetsTheDocumentChecksThroughIOptions()
    {
        using var provider = Services(b => b.ConfigureDocumentChecks(o =>
        {
            o.ExpiryHorizonYears = 5;
            o.CorrectOcrConfusions = false;
        }));
        using var scope = provider.CreateScope();

        var service = scope.ServiceProvider.GetRequiredService<DocumentAnalysisService>();

        service.CheckOptions.ExpiryHorizonYears.Should().Be(5);
        service.CheckOptions.CorrectOcrConfusions.Should().BeFalse();
        service.CheckOptions.MaxFileBytes.Should().Be(provider.GetRequiredService<IOptions<VerificationOptions>>().Value.Limits.MaxFileBytes,
            "the file limit has one setting, Verification:Limits:MaxFileBytes");
    }

    [Fact]
    public void AHostSetsTheDocumentChecksInConfiguration()
    {
        using var provider = Services(_ => { }, new() { ["Verification:DocumentChecks:ExpiryHorizonYears"] = "7", ["Verification:DocumentChecks:MaxImageSide"] = "8000" });

        var options = provider.GetRequiredService<IOptions<DocumentCheckOptions>>().Value;

        options.ExpiryHorizonYears.Should().Be(7);
        options.MaxImageSide.Should().Be(8000);
    }

    [Fact]
    public void RefusesAnImpossibleSettingNamingIt()
    {
        using var provider = Services(b => b.ConfigureDocumentChecks(o => o.ExpiryHorizonYears = 99));

        var read = () => provider.GetRequiredService<IOptions<DocumentCheckOptions>>().Value;

        read.Should().Throw<OptionsValidationException>().WithMessage("*Verification:DocumentChecks:ExpiryHorizonYears*");
    }

    [Fact]
    public void TheDefaultsAreAFreshInstanceEachTime()
    {
        var first = DocumentCheckOptions.Default;
        first.ExpiryHorizonYears = 1;

        DocumentCheckOptions.Default.ExpiryHorizonYears.Should().Be(20);
    }
}
