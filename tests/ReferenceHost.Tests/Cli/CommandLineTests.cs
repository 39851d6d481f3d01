using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ReferenceHost.Cli;
using Verification.Core.Analysts;
using Verification.Core.Stores;
using Verification.Hosting.Testing;

namespace ReferenceHost.Tests.Cli;

public sealed class CommandLineTests(ReferenceHostFactory factory) : IClassFixture<ReferenceHostFactory>
{
    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await AdminCommandLine.RunAsync([.. args, .. factory.ConfigurationArguments()], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task CreatesAnAnalystInTheDatabaseTheServerUses()
    {
        _ = factory.Server; // the server is running on the database first
        var email = $"cli-{Guid.NewGuid():N}@bank.example";

        var (exit, output, _) = await RunAsync("admin", "create-analyst", "--email", email, "--password", "correct horse battery", "--role", "admin", "--departments", "retail,corporate");

        exit.Should().Be(0);
        var id = JsonDocument.Parse(output).RootElement.GetProperty("id").GetString();
        using var scope = factory.Services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<ReferenceHost.Accounts.AnalystAccounts>();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ReferenceHost.Accounts.AnalystAccount>>();
        var analyst = await accounts.FindByEmailAsync("default", email, CancellationToken.None);
        analyst!.Id.Should().Be(id);
        (await users.GetRolesAsync(analyst)).Should().Equal("admin");
        (await accounts.GetDepartmentsAsync(analyst, CancellationToken.None)).Should().BeEquivalentTo("retail", "corporate");
    }

    [Fact]
    public async Task AnswersAProblemOnStandardErrorAndExitsOneWhenTheAccountExists()
    {
        var email = $"dup-{Guid.NewGuid():N}@bank.example";
        (await RunAsync("admin", "create-analyst", "--email", email, "--password", "correct horse battery", "--role", "analyst")).Exit.Should().Be(0);

        var (exit, output, error) = await RunAsync("admin", "create-analyst", "--email", email, "--password", "correct horse battery", "--role", "analyst");

        exit.Should().Be(1);
        output.Should().BeEmpty();
        JsonDocument.Parse(error).RootElement.GetProperty("code").GetString().Should().Be("analyst.email_taken");
    }

    [Theory]
    [InlineData("analyst.weak_password", "--email", "x@bank.example", "--password", "short", "--role", "analyst")]
    [InlineData("analyst.invalid_role", "--email", "x@bank.example", "--password", "correct horse battery", "--role", "root")]
    [InlineData("analyst.invalid_email", "--email", "not an e-mail", "--password", "correct horse battery", "--role", "analyst")]
    [InlineData("cli.missing_option", "--email", "x@bank.example")]
    public async Task RefusesBadOptionsWithAStableCode(string code, params string[] options)
    {
        var (exit, _, error) = await RunAsync(["admin", "create-analyst", .. options]);

        exit.Should().Be(1);
        JsonDocument.Parse(error).RootElement.GetProperty("code").GetString().Should().Be(code);
    }

    [Fact]
    public async Task MigrateReportsNothingToApplyOnAnUpToDateDatabase()
    {
        _ = factory.Server;

        var (exit, output, _) = await RunAsync("admin", "migrate");

        exit.Should().Be(0);
        JsonDocument.Parse(output).RootElement.GetProperty("applied").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task VerifiesTheAuditTrail()
    {
        _ = factory.Server;

        var (exit, output, _) = await RunAsync("admin", "verify-audit");

        exit.Should().Be(0);
        JsonDocument.Parse(output).RootElement.GetProperty("ok").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task MintsATokenThatTheServerAcceptsAndDisablesItForEveryHostWithinOneSecond()
    {
        var name = "vkyc-" + Guid.NewGuid().ToString("N")[..8];
        var (exit, output, _) = await RunAsync("admin", "create-service-user", "--name", name, "--source-system", "vkyc");
        exit.Should().Be(0);
        JsonDocument.Parse(output).RootElement.GetProperty("name").GetString().Should().Be(name);

        (exit, output, _) = await RunAsync("admin", "mint-token", "--service-user", name, "--scopes", "admin,documents:submit", "--description", "video KYC", "--archive-after-extract", "00:10:00", "--expires", "30.00:00:00");
        exit.Should().Be(0);
        var minted = JsonDocument.Parse(output).RootElement;
        var token = minted.GetProperty("token").GetString()!;
        var tokenId = minted.GetProperty("tokenId").GetString()!;
        var client = factory.ClientWithToken(token);
        (await client.GetAsync("/api/v1/admin/service-users")).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);

        // The command line is another host on the same database: the server learns of the change through it.
        (exit, _, _) = await RunAsync("admin", "disable-token", "--token-id", tokenId);
        exit.Should().Be(0);
        await Task.Delay(TimeSpan.FromSeconds(1));
        (await client.GetAsync("/api/v1/admin/service-users")).StatusCode.Should().Be(System.Net.HttpStatusCode.Unauthorized);

        (exit, _, _) = await RunAsync("admin", "enable-token", "--token-id", tokenId);
        exit.Should().Be(0);
        await Task.Delay(TimeSpan.FromSeconds(1));
        (await client.GetAsync("/api/v1/admin/service-users")).StatusCode.Should().Be(System.Net.HttpStatusCode.OK);

        (exit, output, _) = await RunAsync("admin", "revoke-token", "--token-id", tokenId);
        exit.Should().Be(0);
        JsonDocument.Parse(output).RootElement.GetProperty("revoked").GetBoolean().Should().BeTrue();
        (exit, _, var error) = await RunAsync("admin", "enable-token", "--token-id", tokenId);
        exit.Should().Be(1);
        JsonDocument.Parse(error).RootElement.GetProperty("code").GetString().Should().Be("token.revoked");
    }

    [Theory]
    [InlineData("token.invalid_scope", "--scopes", "admin,root")]
    [InlineData("token.invalid_archive_delay", "--scopes", "admin", "--archive-after-extract", "ten minutes")]
    [InlineData("service_user.not_found", "--scopes", "admin", "--service-user-override", "x")]
    public async Task RefusesABadMintWithAStableCode(string code, params string[] options)
    {
        var serviceUser = options.Contains("--service-user-override") ? "nobody-at-all" : "svc-" + Guid.NewGuid().ToString("N")[..8];
        if (serviceUser.StartsWith("svc-", StringComparison.Ordinal))
        {
            (await RunAsync("admin", "create-service-user", "--name", serviceUser, "--source-system", "doc_service")).Exit.Should().Be(0);
        }

        var args = new List<string> { "admin", "mint-token", "--service-user", serviceUser };
        for (var i = 0; i < options.Length; i += 2)
        {
            if (options[i] != "--service-user-override")
            {
                args.Add(options[i]);
                args.Add(options[i + 1]);
            }
        }

        var (exit, output, error) = await RunAsync([.. args]);

        exit.Should().Be(1);
        output.Should().BeEmpty();
        JsonDocument.Parse(error).RootElement.GetProperty("code").GetString().Should().Be(code);
    }

    [Fact]
    public async Task RefusesAnUnknownCommand()
    {
        var (exit, _, error) = await RunAsync("admin", "launch-rockets");

        exit.Should().Be(1);
        JsonDocument.Parse(error).RootElement.GetProperty("code").GetString().Should().Be("cli.unknown_command");
    }

    [Fact]
    public async Task HelpListsEveryCommandWithItsDescriptionAndExitsZero()
    {
        var (exit, output, error) = await RunAsync("admin", "--help");

        exit.Should().Be(0, error);
        foreach (var command in new[] { "migrate", "create-analyst", "create-service-user", "mint-token", "revoke-token", "disable-token", "enable-token", "set-webhook", "verify-audit", "archive", "archive-due" })
        {
            output.Should().MatchRegex($@"(?m)^\s+{command}\s+\S", $"'{command}' is listed with a description");
        }
    }

    [Fact]
    public async Task CommandHelpListsItsOptionsWithDescriptions()
    {
        var (exit, output, _) = await RunAsync("admin", "mint-token", "--help");

        exit.Should().Be(0);
        output.Should().Contain("--service-user").And.Contain("--scopes").And.Contain("--archive-after-extract")
            .And.Contain("--encryption-key").And.Contain("by id or name");
    }

    [Fact]
    public async Task AnUnknownOptionIsRefusedByName()
    {
        var (exit, output, error) = await RunAsync("admin", "archive", "--verification", "X", "--force");

        exit.Should().Be(1);
        output.Should().BeEmpty();
        var problem = JsonDocument.Parse(error).RootElement;
        problem.GetProperty("code").GetString().Should().Be("cli.invalid_option");
        problem.GetProperty("detail").GetString().Should().Contain("--force");
    }

    [Fact]
    public async Task AMissingOptionIsNamed()
    {
        var (exit, _, error) = await RunAsync("admin", "create-analyst", "--email", "x@bank.example");

        exit.Should().Be(1);
        var detail = JsonDocument.Parse(error).RootElement.GetProperty("detail").GetString();
        detail.Should().Contain("--password").And.Contain("--role").And.NotContain("--email");
    }

    [Fact]
    public async Task NoCommandIsAUsageProblem()
    {
        var (exit, _, error) = await RunAsync("admin");

        exit.Should().Be(1);
        JsonDocument.Parse(error).RootElement.GetProperty("code").GetString().Should().Be("cli.usage");
    }

    [Fact]
    public void ConfigurationOverridesAreSeparatedFromTheCommand()
    {
        var (command, configuration) = AdminCommandLine.SplitConfiguration(
            ["archive", "--ConnectionStrings:Verification=Data Source=x.db", "--verification", "V1", "--Logging:LogLevel:Default", "Warning", "--contentRoot=/srv"]);

        command.Should().Equal("archive", "--verification", "V1");
        configuration.Should().Equal("--ConnectionStrings:Verification=Data Source=x.db", "--Logging:LogLevel:Default", "Warning", "--contentRoot=/srv");
    }

    [Fact]
    public async Task AdminShRunsTheBuiltHostsCommandsOnTheServersDatabase()
    {
        _ = factory.Server;
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "admin.sh")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("admin.sh not found above the test folder.");
        }

        var name = $"sh-{Guid.NewGuid():N}";
        var start = new System.Diagnostics.ProcessStartInfo(Path.Combine(root, "admin.sh"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in new[] { "create-service-user", "--name", name, "--source-system", "vkyc" }.Concat(factory.ConfigurationArguments()))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        // A build (when the dll is missing or stale) takes a minute on a busy machine; the command itself a second.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);

        process.ExitCode.Should().Be(0, await error);
        JsonDocument.Parse(output).RootElement.GetProperty("name").GetString().Should().Be(name);
        using var scope = factory.Services.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<Verification.Core.Stores.IServiceUserStore>()
            .FindByNameAsync("default", name, CancellationToken.None)).Should().NotBeNull();
    }
}
