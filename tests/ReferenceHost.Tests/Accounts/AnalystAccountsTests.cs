using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ReferenceHost.Accounts;
using Verification.Core;
using Verification.Core.Analysts;
using Verification.Hosting.Testing;

namespace ReferenceHost.Tests.Accounts;

/// <summary>The back office's accounts on Identity, through the host's services.</summary>
public sealed class AnalystAccountsTests(ReferenceHostFactory factory) : IClassFixture<ReferenceHostFactory>
{
    private const string Password = "a long enough password";

    [Theory]
    [InlineData("not an e-mail", Password, AnalystRoles.Analyst, null, AnalystErrors.AnalystInvalidEmail)]
    [InlineData("short@bank.example", "too short", AnalystRoles.Analyst, null, AnalystErrors.AnalystWeakPassword)]
    [InlineData("role@bank.example", Password, "root", null, AnalystErrors.AnalystInvalidRole)]
    [InlineData("dept@bank.example", Password, AnalystRoles.Analyst, "retail\u202E", AnalystErrors.AnalystInvalidDepartment)]
    public async Task RefusesAnInvalidAccountWithItsDocumentedCode(string email, string password, string role, string? department, string code)
    {
        await using var scope = factory.Services.CreateAsyncScope();

        var created = await scope.ServiceProvider.GetRequiredService<AnalystAccounts>()
            .CreateAsync("default", email, password, role, department is null ? null : [department], CancellationToken.None);

        created.Failure!.Code.Should().Be(code);
        created.Failure.Kind.Should().Be(FailureKind.Invalid);
    }

    [Fact]
    public async Task RefusesASecondAccountWithTheSameEmailWhateverItsCase()
    {
        var email = $"twice-{Guid.NewGuid():N}@bank.example";
        await using var scope = factory.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AnalystAccounts>();
        (await accounts.CreateAsync("default", email, Password, AnalystRoles.Analyst, null, CancellationToken.None)).IsSuccess.Should().BeTrue();

        var again = await accounts.CreateAsync("default", email.ToUpperInvariant(), Password, AnalystRoles.Admin, null, CancellationToken.None);

        again.Failure!.Code.Should().Be(AnalystErrors.AnalystEmailTaken);
        again.Failure.Kind.Should().Be(FailureKind.Conflict);
    }

    [Fact]
    public async Task KeepsTheRoleAndDepartmentsAndAnIdentityHash()
    {
        var email = $"kept-{Guid.NewGuid():N}@bank.example";
        await using var scope = factory.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AnalystAccounts>();

        var created = (await accounts.CreateAsync("default", email, Password, AnalystRoles.Analyst, ["retail", " corporate ", "retail"], CancellationToken.None)).Value;

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AnalystAccount>>();
        (await users.GetRolesAsync(created)).Should().Equal(AnalystRoles.Analyst);
        (await accounts.GetDepartmentsAsync(created, CancellationToken.None)).Should().BeEquivalentTo("retail", "corporate");
        created.PasswordHash.Should().NotBeNullOrEmpty().And.NotContain(Password).And.NotStartWith("v1$");
        created.Id.Should().HaveLength(26, "account ids are ULIDs, like the library's were");
    }

    [Fact]
    public async Task RefusesADisabledAccountLikeAWrongPassword()
    {
        var (email, id) = await factory.CreateAnalystAccountAsync(Password);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<AnalystAccounts>().SetEnabledAsync(id, enabled: false, CancellationToken.None)).IsSuccess.Should().BeTrue();
        }

        var client = factory.BackOfficeClient();
        var login = await client.GetStringAsync("/backoffice/login");
        using var refused = await client.PostAsync("/backoffice/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = Password,
            ["__RequestVerificationToken"] = ReferenceHostFactory.AntiforgeryToken(login),
        }));

        refused.StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("The e-mail or the password is wrong.");
    }

    [Fact]
    public async Task AnUnknownEmailCostsTheSameHashingAsAWrongPassword()
    {
        var (email, _) = await factory.CreateAnalystAccountAsync(Password);
        await using var scope = factory.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AnalystAccounts>();
        await accounts.SignInAsync("default", $"warm-up-{Guid.NewGuid():N}@bank.example", "warm up the dummy", null, CancellationToken.None);

        // Five tries each: the throttle (five failures per e-mail) is reached only after the last one.
        var known = await MedianAsync(() => accounts.SignInAsync("default", email, "wrong password!", null, CancellationToken.None));
        var nobody = $"nobody-{Guid.NewGuid():N}@bank.example";
        var unknown = await MedianAsync(() => accounts.SignInAsync("default", nobody, "wrong password!", null, CancellationToken.None));

        (unknown / known).Should().BeInRange(0.4, 2.5, "unknown {0} ms vs known {1} ms: the dummy hash uses the configured iterations", unknown, known);
    }

    private static async Task<double> MedianAsync(Func<ValueTask<Outcome<AnalystAccount>>> signIn)
    {
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            var result = await signIn();
            times.Add(watch.Elapsed.TotalMilliseconds);
            result.Failure!.Code.Should().Be(AnalystErrors.AuthInvalidCredentials);
        }

        return times.Order().ElementAt(2);
    }
}
