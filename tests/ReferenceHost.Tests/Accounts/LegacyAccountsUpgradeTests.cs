using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReferenceHost.Accounts;
using Verification.Core;
using Verification.Core.Analysts;
using Verification.Core.Protection;
using Verification.Core.Stores;
using Verification.Hosting.Testing;
using Verification.Storage.EfCore;
using Verification.Storage.Specification;

namespace ReferenceHost.Tests.Accounts;

/// <summary>
/// A database whose analysts were created by the library's account code (its <c>Analysts</c> table, <c>v1$</c> PBKDF2
/// hashes) upgrades to Identity without loss: the accounts are imported once, sign in with their old password, get an
/// Identity hash at that sign-in, and past decisions still name them.
/// </summary>
public abstract class LegacyAccountsUpgradeTests<TFactory> : IAsyncLifetime
    where TFactory : ReferenceHostFactory, new()
{
    private const string Password = "an old but long password";

    // Written for Password by Verification.Core.Analysts.PasswordHasher.Hash(Password, 100_000) at commit 682dd3b,
    // before the library's account code was removed: the format every existing Analysts row holds.
    private const string LegacyHash = "v1$100000$YJ3kz+0BFcLfSNKPwpQQ+Q==$zbomwesXhLPwn5guwhCQ+OZslIMAtB4GGIgbMvPJbiM=";
    private readonly TFactory _factory = new();
    private readonly SpecimenData _data = new();

    public Task InitializeAsync() => _factory.InitializeAsync();

    public Task DisposeAsync() => ((IAsyncLifetime)_factory).DisposeAsync();

    [Fact]
    public async Task ImportsLegacyAccountsOnceUpgradesTheirHashAtSignInAndKeepsTheAuthorsOfPastDecisions()
    {
        var (legacyId, email, verificationId) = await CreateTheDatabaseWithTodaysAccountCodeAsync();

        // The new host starts on that database: account migrations, the import, then the library's migrations
        // (DropAnalysts), all in this one start.
        var client = await _factory.SignInAsync(email, Password);

        using (var scope = _factory.Services.CreateScope())
        {
            (await LegacyTableExistsAsync()).Should().BeFalse("the library's DropAnalysts migration ran after the import");
            (await scope.ServiceProvider.GetRequiredService<VerificationDatabaseMigrator>().GetPendingMigrationsAsync(CancellationToken.None)).Should().BeEmpty();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AnalystAccount>>();
            var account = (await users.FindByIdAsync(legacyId))!;
            account.Email.Should().Be(email);
            account.TenantId.Should().Be("default");
            (await users.GetRolesAsync(account)).Should().Equal(AnalystRoles.Admin);
            (await scope.ServiceProvider.GetRequiredService<AnalystAccounts>().GetDepartmentsAsync(account, CancellationToken.None)).Should().BeEquivalentTo("retail", "corporate");
            account.PasswordHash.Should().NotStartWith("v1$", "the legacy hash is replaced by an Identity hash at the first sign-in");
            users.PasswordHasher.VerifyHashedPassword(account, account.PasswordHash!, Password).Should().Be(PasswordVerificationResult.Success);

            // Running the import again (every start, every command) changes nothing.
            var migrator = scope.ServiceProvider.GetRequiredService<AccountsMigrator>();
            (await migrator.MigrateAsync(CancellationToken.None)).Should().BeEmpty();
            (await migrator.ImportLibraryAccountsAsync(CancellationToken.None)).Should().Be(0);
            (await users.Users.CountAsync(u => u.Email == email)).Should().Be(1);
        }

        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/backoffice/verifications/{verificationId}"));
        page.Should().Contain("Approved by " + email, "the decision made before the upgrade still names its author");

        // The upgraded hash works for the next sign-in too.
        (await _factory.SignInAsync(email, Password)).Should().NotBeNull();
    }

    [Fact]
    public async Task RefusesAWrongPasswordForAnImportedAccount()
    {
        var (_, email, _) = await CreateTheDatabaseWithTodaysAccountCodeAsync();
        var client = _factory.BackOfficeClient();
        var login = await client.GetStringAsync("/backoffice/login");

        using var refused = await client.PostAsync("/backoffice/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = "not the old password",
            ["__RequestVerificationToken"] = ReferenceHostFactory.AntiforgeryToken(login),
        }));

        refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var scope = _factory.Services.CreateScope();
        var account = await scope.ServiceProvider.GetRequiredService<AnalystAccounts>().FindByEmailAsync("default", email, CancellationToken.None);
        account!.PasswordHash.Should().StartWith("v1$", "a refused sign-in leaves the legacy hash as it was");
    }

    /// <summary>
    /// A database as the library left it before its accounts moved out (without the deleted types): the library's
    /// migrations up to the baseline (which holds the <c>Analysts</c> table), one account row inserted with plain SQL
    /// with a hash the library's <c>PasswordHasher</c> wrote, and a verification approved in its name.
    /// </summary>
    private async Task<(string Id, string Email, string VerificationId)> CreateTheDatabaseWithTodaysAccountCodeAsync()
    {
        // The host's database and keys folder (so the new host reads the verification sealed here).
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_factory.ConfigurationArguments()
            .Select(a => a[2..].Split('=', 2))
            .Select(p => new KeyValuePair<string, string?>(p[0], p[1]))).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddVerification().UseConfiguredStorage(configuration);
        var postgreSql = HostSetup.UsesPostgreSql(configuration);

        services.AddSingleton<IPostConfigureOptions<ProtectionOptions>, ReferenceHost.Bootstrap.MasterKeyFile>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var context = scope.ServiceProvider.GetRequiredService<VerificationDbContext>();
        await context.GetService<IMigrator>().MigrateAsync(BaselineMigration(context), cancellationToken: CancellationToken.None);
        await ReferenceHost.Bootstrap.BootstrapHostedService.EnsureTenantAsync(scope.ServiceProvider.GetRequiredService<ITenantStore>(), "default", TimeProvider.System, CancellationToken.None);

        var email = $"légacy-{Guid.NewGuid():N}@Bank.example";
        var id = Identifiers.NewUlid(TimeProvider.System);
        var createdAt = TimeProvider.System.GetUtcNow();
        object Date(DateTimeOffset value) => postgreSql ? value : value.UtcTicks;
        object Boolean(bool value) => postgreSql ? value : (value ? 1L : 0L);
        (await context.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "Analysts" ("Id", "TenantId", "Email", "NormalizedEmail", "PasswordHash", "Role", "Departments", "Enabled", "CreatedAt", "LastLoginAt", "SecurityStamp")
            VALUES ({id}, {"default"}, {email}, {email.Trim().ToUpperInvariant()}, {LegacyHash}, {AnalystRoles.Admin}, {"[\"retail\",\"corporate\"]"}, {Boolean(true)}, {Date(createdAt)}, {Date(createdAt)}, {"0123456789abcdef0123456789abcdef"})
            """)).Should().Be(1);

        var folder = _data.NewFolder("default", department: "retail");
        _data.ApproveFirst(folder, "analyst:" + id);
        (await scope.ServiceProvider.GetRequiredService<IVerificationStore>().CreateAsync(folder, CancellationToken.None)).IsSuccess.Should().BeTrue();
        return (id, email, folder.VerificationId);
    }

    /// <summary>Whether the library's old accounts table is still in the host's database (read from the catalogue).</summary>
    private async Task<bool> LegacyTableExistsAsync()
    {
        using var scope = _factory.Services.CreateScope();
        var context = scope.ServiceProvider.GetRequiredService<VerificationDbContext>();
        var count = context.Database.IsNpgsql()
            ? await context.Database.SqlQueryRaw<int>("SELECT COUNT(*)::int AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'Analysts'").SingleAsync()
            : await context.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = 'Analysts'").SingleAsync();
        return count == 1;
    }

    /// <summary>The generated baseline: the first migration of the provider's context, the schema holding <c>Analysts</c>.</summary>
    private static string BaselineMigration(VerificationDbContext context) =>
        context.Database.GetMigrations().Single(m => m.EndsWith("_Baseline", StringComparison.Ordinal));
}

public sealed class SqliteLegacyAccountsUpgradeTests : LegacyAccountsUpgradeTests<ReferenceHostFactory>;

public sealed class PostgreSqlLegacyAccountsUpgradeTests : LegacyAccountsUpgradeTests<PostgreSqlReferenceHostFactory>;
