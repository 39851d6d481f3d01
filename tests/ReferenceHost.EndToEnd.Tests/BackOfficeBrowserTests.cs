using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using Verification.Core.Analysts;
using Verification.Core.Stores;
using Verification.Core.Verifications;

namespace ReferenceHost.EndToEnd.Tests;

/// <summary>The back office in a real headless Chromium against the host on a loopback port.</summary>
public sealed partial class BackOfficeBrowserTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Password = "a long enough password";

    private IWebDriver Browser => host.Browser;

    [Fact]
    public async Task SignsInFindsASeededCorrelationIdOpensTheFolderAndApproves()
    {
        var email = await host.Host.CreateAnalystAsync(Password);
        host.Browser.Manage().Cookies.DeleteAllCookies();
        host.Open("/backoffice/login");
        host.Screenshot("01-login");
        SignIn(email, Password);
        WaitFor(() => Browser.Url.EndsWith("/backoffice", StringComparison.Ordinal));
        host.Screenshot("02-dashboard");

        Browser.FindElement(By.LinkText("Analyses")).Click();
        var search = Browser.FindElement(By.Id("q"));
        search.SendKeys("DEMO-customer-10000");
        search.Submit();
        WaitFor(() => Browser.Url.Contains("q=DEMO-customer-10000", StringComparison.Ordinal));
        host.Screenshot("03-analyses-search");
        Browser.FindElements(By.CssSelector("table.grid tbody tr")).Should().NotBeEmpty();

        Browser.FindElement(By.CssSelector("table.grid tbody tr a")).Click();
        WaitFor(() => Browser.Url.Contains("/backoffice/verifications/DEMO-customer-10000", StringComparison.Ordinal));
        Browser.FindElement(By.TagName("h1")).Text.Should().Be("DEMO-customer-10000");
        host.Screenshot("04-folder");

        var form = Browser.FindElements(By.CssSelector("form.decide")).First();
        var analysisId = form.FindElement(By.Name("analysisId")).GetAttribute("value");
        form.FindElement(By.TagName("textarea")).SendKeys("Checked in the browser.");
        form.FindElement(By.CssSelector("button.approve")).Click();

        WaitFor(() => Browser.FindElements(By.CssSelector("p.notice")).Count > 0);
        Browser.FindElement(By.CssSelector("p.notice")).Text.Should().Be("The document was approved.");
        Browser.FindElement(By.Id("analysis-" + analysisId)).Text.Should().Contain("Approved by " + email).And.Contain("Checked in the browser.");
        host.Screenshot("05-folder-approved");
        using var scope = host.Host.Services.CreateScope();
        var folder = await scope.ServiceProvider.GetRequiredService<IVerificationStore>().FindByIdAsync("default", "DEMO-customer-10000", CancellationToken.None);
        folder!.Analyses.Single(a => a.Id == analysisId).Decision.Should().Be(DecisionKind.Approve);

        host.Open("/backoffice/analyses?view=folders");
        host.Screenshot("06-analyses-by-folder");

        Browser.FindElement(By.CssSelector("form.logout button")).Click();
        WaitFor(() => Browser.Url.Contains("/backoffice/login", StringComparison.Ordinal));
        host.Open("/backoffice");
        Browser.Url.Should().Contain("/backoffice/login", "signed out");
    }

    [Fact]
    public async Task MintsATokenInTheUiThatWorksAgainstTheApi()
    {
        var email = await host.Host.CreateAnalystAsync(Password, AnalystRoles.Admin);
        host.Browser.Manage().Cookies.DeleteAllCookies();
        host.Open("/backoffice/login");
        SignIn(email, Password);
        WaitFor(() => Browser.Url.EndsWith("/backoffice", StringComparison.Ordinal));

        Browser.FindElement(By.LinkText("API keys")).Click();
        var name = "crm-" + Guid.NewGuid().ToString("N")[..6];
        Browser.FindElement(By.Id("NewUser_Name")).SendKeys(name);
        Browser.FindElement(By.Id("NewUser_SourceSystem")).SendKeys("crm");
        Browser.FindElement(By.Id("NewUser_SourceSystem")).Submit();
        WaitFor(() => Browser.FindElements(By.CssSelector("p.notice")).Count > 0);

        Browser.FindElement(By.XPath($"//select[@id='Mint_ServiceUserId']/option[normalize-space(.)='{name} (crm)']")).Click();
        Browser.FindElement(By.Id("Mint_Description")).SendKeys("Browser test");
        Browser.FindElement(By.Id("scope-verifications-read-metadata")).Click();
        Browser.FindElement(By.Id("scope-documents-submit")).Click();
        Browser.FindElement(By.Id("Mint_ArchiveAfterExtractHours")).SendKeys("24");
        Browser.FindElement(By.CssSelector("form[aria-label='Mint a token'] button.primary")).Click();
        WaitFor(() => Browser.FindElements(By.Id("minted-token")).Count > 0);
        var token = Browser.FindElement(By.Id("minted-token")).GetAttribute("value")!;
        Browser.FindElement(By.CssSelector("button[data-copy='minted-token']")).Click();
        WaitFor(() => Browser.FindElement(By.CssSelector("button[data-copy='minted-token']")).Text == "Copied");
        Browser.FindElement(By.Id("curl-ingest")).Text.Should().Contain("Bearer " + token);
        host.Screenshot("07-api-keys-minted");

        using var api = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var list = await api.GetAsync("/api/v1/verifications?limit=1");
        list.StatusCode.Should().Be(HttpStatusCode.OK);
        using var unauthenticated = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        (await unauthenticated.GetAsync("/api/v1/verifications?limit=1")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        host.Open("/backoffice/api-keys");
        Browser.PageSource.Should().NotContain(token, "the token is shown once");
        host.Screenshot("08-api-keys");
    }

    [Fact]
    public async Task RefusesAWrongPassword()
    {
        var email = await host.Host.CreateAnalystAsync(Password);
        host.Browser.Manage().Cookies.DeleteAllCookies();
        host.Open("/backoffice/login");

        SignIn(email, "not the password at all");

        WaitFor(() => Browser.FindElements(By.CssSelector("p.error")).Count > 0);
        Browser.FindElement(By.CssSelector("p.error")).Text.Should().Be("The e-mail or the password is wrong.");
        Browser.Url.Should().Contain("/backoffice/login");
        host.Screenshot("09-login-refused");
        host.Open("/backoffice/analyses");
        Browser.Url.Should().Contain("/backoffice/login");
    }

    [Fact]
    public async Task RefusesAFormPostedWithoutItsAntiforgeryToken()
    {
        var email = await host.Host.CreateAnalystAsync(Password);
        host.Browser.Manage().Cookies.DeleteAllCookies();
        host.Open("/backoffice/login");
        SignIn(email, Password);
        WaitFor(() => Browser.Url.EndsWith("/backoffice", StringComparison.Ordinal));
        host.Open("/backoffice/verifications/DEMO-customer-10001");
        var form = Browser.FindElements(By.CssSelector("form.decide")).First();
        var analysisId = form.FindElement(By.Name("analysisId")).GetAttribute("value");

        ((IJavaScriptExecutor)Browser).ExecuteScript(
            "document.querySelectorAll('input[name=__RequestVerificationToken]').forEach(function (e) { e.remove(); });");
        form.FindElement(By.CssSelector("button.reject")).Click();

        WaitFor(() => Browser.PageSource.Contains("400", StringComparison.Ordinal));
        using var scope = host.Host.Services.CreateScope();
        var folder = await scope.ServiceProvider.GetRequiredService<IVerificationStore>().FindByIdAsync("default", "DEMO-customer-10001", CancellationToken.None);
        folder!.Analyses.Single(a => a.Id == analysisId).Decision.Should().BeNull();
    }

    [Fact]
    public async Task ShowsANameWithAScriptTagAsTextWithoutRunningIt()
    {
        using (var scope = host.Host.Services.CreateScope())
        {
            var store = scope.ServiceProvider.GetRequiredService<IVerificationStore>();
            var folder = (await store.FindByIdAsync("default", "DEMO-customer-10002", CancellationToken.None))!;
            folder.Analyses[0].Fields = folder.Analyses[0].Fields with { LastName = "<script>window.pwned=1</script>", FirstName = "<img src=x onerror=window.pwned=2>" };
            (await store.UpdateAsync(folder, CancellationToken.None)).IsSuccess.Should().BeTrue();
        }

        var email = await host.Host.CreateAnalystAsync(Password);
        host.Browser.Manage().Cookies.DeleteAllCookies();
        host.Open("/backoffice/login");
        SignIn(email, Password);
        WaitFor(() => Browser.Url.EndsWith("/backoffice", StringComparison.Ordinal));

        host.Open("/backoffice/verifications/DEMO-customer-10002");
        var fields = Browser.FindElements(By.CssSelector("dl.fields")).First().Text;
        var ran = ((IJavaScriptExecutor)Browser).ExecuteScript("return window.pwned === undefined ? null : window.pwned;");
        host.Open("/backoffice/analyses?q=DEMO-customer-10002");
        var listText = Browser.FindElement(By.CssSelector("table.grid")).Text;
        var ranInList = ((IJavaScriptExecutor)Browser).ExecuteScript("return window.pwned === undefined ? null : window.pwned;");

        fields.Should().Contain("<script>window.pwned=1</script>").And.Contain("<img src=x onerror=window.pwned=2>");
        listText.Should().Contain("<script>window.pwned=1</script>");
        ran.Should().BeNull();
        ranInList.Should().BeNull();
    }

    [Fact]
    public async Task UploadsAnImageZoomsItAndScreenshotsTheOtherPages()
    {
        var email = await host.Host.CreateAnalystAsync(Password, AnalystRoles.Admin);
        host.Browser.Manage().Cookies.DeleteAllCookies();
        host.Open("/backoffice/login");
        SignIn(email, Password);
        WaitFor(() => Browser.Url.EndsWith("/backoffice", StringComparison.Ordinal));
        var path = Path.Combine(Path.GetTempPath(), $"card-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(path, TestImages.IdentityCardPng());
        var correlationId = "DEMO-customer-10003";

        host.Open("/backoffice/upload");
        Browser.FindElement(By.Id("document")).SendKeys(path);
        Browser.FindElement(By.Id("correlation")).SendKeys(correlationId);
        Browser.FindElement(By.CssSelector("form[aria-label='Upload a document'] button.primary")).Click();
        WaitFor(() => Browser.FindElements(By.Id("result-title")).Count > 0);
        host.Screenshot("10-upload-result");
        File.Delete(path);

        Browser.FindElement(By.LinkText("Open verification " + correlationId)).Click();
        WaitFor(() => Browser.FindElements(By.CssSelector("a.zoomable img")).Count > 0);
        var image = Browser.FindElement(By.CssSelector("a.zoomable img"));
        WaitFor(() => (bool)((IJavaScriptExecutor)Browser).ExecuteScript("return arguments[0].complete && arguments[0].naturalWidth > 0;", image)!);
        ((IJavaScriptExecutor)Browser).ExecuteScript("arguments[0].scrollIntoView();", image);
        image.Click();
        WaitFor(() => Browser.FindElement(By.CssSelector("a.zoomable")).GetAttribute("class")!.Contains("zoomed", StringComparison.Ordinal));
        Browser.Url.Should().Contain("/backoffice/verifications/" + correlationId, "the zoom stays in the page");
        host.Screenshot("11-folder-image-zoomed");

        host.Open("/backoffice/audit");
        Browser.FindElement(By.CssSelector("p.integrity")).Text.Should().StartWith("Integrity check passed");
        host.Screenshot("12-audit");
        host.Open("/backoffice/upload");
        host.Screenshot("13-upload");
    }

    private void SignIn(string email, string password)
    {
        Browser.FindElement(By.Id("email")).SendKeys(email);
        Browser.FindElement(By.Id("password")).SendKeys(password);
        Browser.FindElement(By.CssSelector("form button[type=submit]")).Click();
    }

    private static void WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            try
            {
                if (condition())
                {
                    return;
                }
            }
            catch (WebDriverException)
            {
                // The page is changing; look again.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException("The browser did not reach the expected state in 15 s.");
            }

            Thread.Sleep(100);
        }
    }
}
