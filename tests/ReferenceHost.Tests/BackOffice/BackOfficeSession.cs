using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Verification.Core.Analysts;
using Verification.Hosting.Testing;

namespace ReferenceHost.Tests.BackOffice;

/// <summary>A browser-like session of one back-office account: cookies kept, redirects not followed.</summary>
public sealed partial class BackOfficeSession
{
    public const string Password = "a long enough password";

    private BackOfficeSession(HttpClient client, string email, string analystId)
    {
        Client = client;
        Email = email;
        AnalystId = analystId;
    }

    public HttpClient Client { get; }

    public string Email { get; }

    public string AnalystId { get; }

    /// <summary>Creates an account (with departments if given) and signs it in.</summary>
    public static async Task<BackOfficeSession> SignInAsync(ReferenceHostFactory factory, string role = AnalystRoles.Analyst, params string[] departments)
    {
        var (email, analystId) = await factory.CreateAnalystAccountAsync(Password, role, departments);
        return new BackOfficeSession(await factory.SignInAsync(email, Password), email, analystId);
    }

    public async Task<(HttpStatusCode Status, string Html)> GetAsync(string path)
    {
        var response = await Client.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Posts a form of <paramref name="pagePath"/> with the anti-forgery token read from that page.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pagePath, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var page = await Client.GetStringAsync(pagePath);
        return await PostWithTokenAsync(action, ReferenceHostFactory.AntiforgeryToken(page), fields);
    }

    public Task<HttpResponseMessage> PostWithTokenAsync(string action, string token, IEnumerable<KeyValuePair<string, string>> fields) =>
        Client.PostAsync(action, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));

    /// <summary>The anti-forgery token of a page (the sign-out form of every page has one).</summary>
    public static string Token(string html) => ReferenceHostFactory.AntiforgeryToken(html);

    /// <summary>The URLs of the document files shown in a folder page.</summary>
    public static IReadOnlyList<string> FileUrls(string html) =>
        FileUrlPattern().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Distinct().ToList();

    [GeneratedRegex("<img src=\"([^\"]*handler=File[^\"]*)\"")]
    private static partial Regex FileUrlPattern();
}
