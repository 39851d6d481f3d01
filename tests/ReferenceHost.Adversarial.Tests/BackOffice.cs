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

    public static HttpClient Anonymous(ReferenceHostFactory factory) => factory.BackOfficeClient();

    public static async Task<BackOffice> SignInAsync(ReferenceHostFactory factory, string role)
    {
        var (email, _) = await factory.CreateAnalystAccountAsync(Password, role);
        return new BackOffice(await factory.SignInAsync(email, Password));
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
