using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Verification.Core.Stores;
using Verification.Hosting.Testing;

namespace ReferenceHost.Tests;

public abstract class HostTests<TFactory>(TFactory factory) : IClassFixture<TFactory>
    where TFactory : ReferenceHostFactory
{
    protected TFactory Factory { get; } = factory;

    protected HttpClient NewClient() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    [Fact]
    public async Task IsReadyOnceTheDatabaseIsMigrated()
    {
        var client = NewClient();

        (await client.GetAsync("/health/live")).StatusCode.Should().Be(HttpStatusCode.OK);
        var ready = await client.GetAsync("/health/ready");

        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = System.Text.Json.JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "verification-database")
            .GetProperty("status").GetString().Should().Be("Healthy");
        body.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "accounts-database")
            .GetProperty("status").GetString().Should().Be("Healthy");
        body.GetProperty("checks").EnumerateArray().Should().Contain(c => c.GetProperty("name").GetString() == "document-reader");
    }

    [Fact]
    public async Task SeedsDemoVerificationsWithTwoOrThreeAnalysesEach()
    {
        using var scope = Factory.Services.CreateScope();
        var store = scope.ServiceProvider.GetRequiredService<IVerificationStore>();
        var summaries = new List<VerificationSummary>();
        await foreach (var s in store.ListAsync(new VerificationQuery { TenantId = "default", Limit = 100 }, CancellationToken.None))
        {
            summaries.Add(s);
        }

        summaries.Should().HaveCountGreaterThanOrEqualTo(10);
        summaries.Select(s => s.Status).Distinct().Should().HaveCountGreaterThan(2, "demo files have mixed statuses");
        var folder = await store.FindByIdAsync("default", summaries[0].VerificationId, CancellationToken.None);
        folder!.Analyses.Count.Should().BeInRange(2, 3);
    }
}

public sealed class SqliteHostTests(ReferenceHostFactory factory) : HostTests<ReferenceHostFactory>(factory)
{
    [Fact]
    public async Task ServesTheLoginPageWithStrictSecurityHeaders()
    {
        var response = await NewClient().GetAsync("/backoffice/login");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("default-src 'none'").And.Contain("frame-ancestors 'none'");
        response.Headers.GetValues("X-Frame-Options").Single().Should().Be("DENY");
        (await response.Content.ReadAsStringAsync()).Should().Contain("<form method=\"post\"").And.Contain("__RequestVerificationToken");
    }

    [Theory]
    [InlineData("/backoffice")]
    [InlineData("/backoffice/verifications/DEMO-customer-10000")]
    public async Task SendsAnonymousVisitorsToTheLoginPage(string path)
    {
        var response = await NewClient().GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/backoffice/login");
    }

    [Fact]
    public async Task SignsAnAnalystInAndShowsTheDashboard()
    {
        var email = await Factory.CreateAnalystAsync("a long enough password");
        var client = NewClient();

        var signIn = await SignInAsync(client, email, "a long enough password");

        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signIn.Headers.Location!.ToString().Should().Be("/backoffice");
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("verification.backoffice=", StringComparison.Ordinal));
        cookie.Should().Contain("httponly").And.Contain("samesite=strict");
        var dashboard = await client.GetAsync("/backoffice");
        dashboard.StatusCode.Should().Be(HttpStatusCode.OK);
        (await dashboard.Content.ReadAsStringAsync()).Should().Contain("DEMO-customer-");
    }

    [Fact]
    public async Task RefusesAWrongPasswordWithoutSayingWhetherTheAccountExists()
    {
        var email = await Factory.CreateAnalystAsync("the right password!");
        var client = NewClient();

        var wrongPassword = await SignInAsync(client, email, "the wrong password");
        var unknownAccount = await SignInAsync(NewClient(), "nobody@bank.example", "the wrong password");

        wrongPassword.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        unknownAccount.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        var a = await wrongPassword.Content.ReadAsStringAsync();
        var b = await unknownAccount.Content.ReadAsStringAsync();
        a.Should().Contain("The e-mail or the password is wrong.");
        b.Should().Contain("The e-mail or the password is wrong.");
        var cookies = wrongPassword.Headers.TryGetValues("Set-Cookie", out var set) ? set : [];
        cookies.Should().NotContain(c => c.StartsWith("verification.backoffice=", StringComparison.Ordinal));
        (await client.GetAsync("/backoffice")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task RefusesASignInPostedWithoutTheAntiforgeryToken()
    {
        var email = await Factory.CreateAnalystAsync("a long enough password");
        var client = NewClient();
        await client.GetAsync("/backoffice/login");

        var response = await client.PostAsync("/backoffice/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = "a long enough password",
        }));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Contains("Set-Cookie").Should().BeFalse();
    }

    [Fact]
    public async Task PublishesTheOpenApiDocumentAndSwaggerUi()
    {
        var client = NewClient();

        var document = await client.GetAsync("/openapi/v1.json");
        var ui = await client.GetAsync("/swagger/index.html");

        document.StatusCode.Should().Be(HttpStatusCode.OK);
        (await document.Content.ReadAsStringAsync()).Should().Contain("\"openapi\"");
        ui.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetStringAsync("/backoffice/login");
        return await client.PostAsync("/backoffice/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = ReferenceHostFactory.AntiforgeryToken(page),
        }));
    }
}

public sealed class PostgreSqlHostTests(PostgreSqlReferenceHostFactory factory) : HostTests<PostgreSqlReferenceHostFactory>(factory);
