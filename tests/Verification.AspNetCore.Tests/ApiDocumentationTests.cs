using FluentAssertions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Verification.Core.Documents;
using Verification.Hosting.Testing;

namespace Verification.AspNetCore.Tests;

/// <summary>docs/api.md is the contract: every route the API maps, and every control code, is written there.</summary>
public sealed class ApiDocumentationTests(ReferenceHostFactory factory) : IClassFixture<ReferenceHostFactory>
{
    private static readonly Lazy<string> Document = new(() => File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "api.md")));

    [Fact]
    public void DocumentsEveryMappedApiRoute()
    {
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => p.StartsWith("/api/v1/", StringComparison.Ordinal) && !p.Contains("{*", StringComparison.Ordinal) || p.StartsWith("/.well-known/", StringComparison.Ordinal))
            .Distinct()
            .ToList();

        routes.Should().NotBeEmpty();
        var documented = Document.Value.Replace("`", " ", StringComparison.Ordinal);
        foreach (var route in routes)
        {
            // "/api/v1/admin/webhooks/{endpointId}/disable" is documented either whole or as ".../{endpointId}/disable" after its parent.
            var lastSegment = route[(route.LastIndexOf('/') + 1)..];
            (documented.Contains(route, StringComparison.Ordinal) || documented.Contains("/" + lastSegment, StringComparison.Ordinal))
                .Should().BeTrue($"{route} is mapped, so docs/api.md describes it");
        }
    }

    [Fact]
    public void DocumentsEveryControlCode()
    {
        var codes = typeof(ControlCodes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        codes.Should().NotBeEmpty();
        foreach (var code in codes)
        {
            Document.Value.Should().Contain(code.TrimEnd('.'), $"the control {code} is produced, so docs/api.md describes it");
        }
    }

    [Theory]
    [InlineData(typeof(Verification.Core.Submissions.SubmissionErrors))]
    [InlineData(typeof(Verification.Core.Verifications.VerificationErrors))]
    [InlineData(typeof(Verification.Core.ServiceAccounts.KeyErrors))]
    [InlineData(typeof(Verification.Core.Analysts.AnalystErrors))]
    [InlineData(typeof(Verification.Core.Webhooks.WebhookErrors))]
    [InlineData(typeof(Verification.Core.Tenants.TenantErrors))]
    [InlineData(typeof(ApiErrors))]
    public void DocumentsEveryErrorCodeOfTheCatalogues(Type catalogue)
    {
        var codes = catalogue.GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        codes.Should().NotBeEmpty();
        foreach (var code in codes)
        {
            Document.Value.Should().Contain("`" + code + "`", $"{catalogue.Name} answers {code}, so docs/api.md describes it");
        }
    }

    [Fact]
    public void DocumentsTheStatusRuleForZonesReadFromPictures()
    {
        Document.Value.Should().Contain("engine was sure of every character the failing check digit covers")
            .And.Contain("`2.2` unreadable")
            .And.Contain("`mrz.reading_confidence` a `warning`");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Verification.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Verification.sln) was not found above " + AppContext.BaseDirectory);
    }
}
