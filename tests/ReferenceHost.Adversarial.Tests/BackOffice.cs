using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Verification.Core.Analysts;
using Verification.Hosting.Testing;

namespace ReferenceHost.Adversarial.Tests;

/// <summary>A signed-in back-office browser session: cookies kept, redirects not followed.</summary>
public sealed class BackOffice
{
    public const string Password = "an adversarial password";

    private BackOffice(HttpClient client) => Client = client;

    public HttpClient Client { get; }

    public static HttpClient Anonymous(ReferenceHostFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<BackOffice> SignInAsync(ReferenceHostFactory factory, string role)
    {
        var email = $"adversary-{Guid.NewGuid():N}@bank.example";
        using (var scope = factory.Services.CreateScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<AnalystManager>().CreateAsync("default", email, Password, role, null, CancellationToken.None);
            created.IsSuccess.Should().BeTrue();
        }

        var client = Anonymous(factory);
        var page = await client.GetStringAsync("/backoffice/login");
        var signIn = await client.PostAsync("/backoffice/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = Password,
            ["__RequestVerificationToken"] = ReferenceHostFactory.AntiforgeryToken(page),
        }));
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return new BackOffice(client);
    }

    public async Task<(HttpStatusCode Status, string Html)> GetAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The anti-forgery token of a page of this session.</summary>
    public async Task<string> TokenAsync(string path = "/backoffice/upload") => ReferenceHostFactory.AntiforgeryToken(await Client.GetStringAsync(path));

    public async Task<HttpResponseMessage> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, string? antiforgery)
    {
        var all = antiforgery is null ? fields : fields.Append(new("__RequestVerificationToken", antiforgery));
        return await Client.PostAsync(path, new FormUrlEncodedContent(all));
    }
}
