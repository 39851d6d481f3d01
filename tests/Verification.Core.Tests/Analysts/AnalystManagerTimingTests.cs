using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verification.Core.Analysts;

namespace Verification.Core.Tests.Analysts;

/// <summary>Finding 11 of issue 23: a sign-in of an unknown e-mail costs what a wrong password costs, whatever the iterations.</summary>
public sealed class AnalystManagerTimingTests
{
    [Fact]
    public async Task AnUnknownEmailCostsTheSameHashingAsAWrongPasswordAtTheConfiguredIterations()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddVerification(o => o.PasswordIterations = 100_000).UseInMemoryStores();
        await using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();
        var manager = scope.ServiceProvider.GetRequiredService<AnalystManager>();
        (await manager.CreateAsync("default", "known@bank.example", "a long enough password", AnalystRoles.Analyst, null, CancellationToken.None)).IsSuccess.Should().BeTrue();
        await manager.CheckPasswordAsync("default", "nobody@bank.example", "warm up the dummy", CancellationToken.None);

        var known = await MedianAsync(() => manager.CheckPasswordAsync("default", "known@bank.example", "wrong password!", CancellationToken.None));
        var unknown = await MedianAsync(() => manager.CheckPasswordAsync("default", "nobody@bank.example", "wrong password!", CancellationToken.None));

        (unknown / known).Should().BeInRange(0.4, 2.5, "unknown {0} ms vs known {1} ms: the dummy hash uses the configured iterations", unknown, known);
    }

    private static async Task<double> MedianAsync(Func<ValueTask<Outcome<Analyst>>> signIn)
    {
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            (await signIn()).IsSuccess.Should().BeFalse();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return times.Order().ElementAt(2);
    }
}
