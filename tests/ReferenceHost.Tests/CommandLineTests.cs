using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ReferenceHost.Cli;
using Verification.Core.Analysts;
using Verification.Hosting.Testing;

namespace ReferenceHost.Tests;

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
        var analyst = await scope.ServiceProvider.GetRequiredService<Verification.Core.Stores.IAnalystStore>()
            .FindByEmailAsync("default", Analyst.Normalize(email), CancellationToken.None);
        analyst!.Id.Should().Be(id);
        analyst.Role.Should().Be("admin");
        analyst.Departments.Should().Equal("retail", "corporate");
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
    public async Task RefusesAnUnknownCommand()
    {
        var (exit, _, error) = await RunAsync("admin", "launch-rockets");

        exit.Should().Be(1);
        JsonDocument.Parse(error).RootElement.GetProperty("code").GetString().Should().Be("cli.unknown_command");
    }
}
