using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OpenQA.Selenium;
using Verification.Core.Analysts;
using Verification.Core.Stores;
using Verification.Core.Webhooks;
using Verification.Storage.Specification.Webhooks;

namespace ReferenceHost.EndToEnd.Tests;

/// <summary>The scenario: an administrator configures a webhook in the browser, approves a document, and the receiver gets it signed.</summary>
public sealed partial class BackOfficeBrowserTests
{
    private const string CorrelationId = "DEMO-customer-10004";

    [Fact]
    public async Task ConfiguresAWebhookOnTheIntegrationPageAndTheApprovalArrivesSigned()
    {
        using var receiver = new WebhookTestReceiver((_, _) => new ReceiverAnswer(200));
        var email = await host.Host.CreateAnalystAsync(Password, AnalystRoles.Admin);
        host.Browser.Manage().Cookies.DeleteAllCookies();
        host.Open("/backoffice/login");
        SignIn(email, Password);
        WaitFor(() => Browser.Url.EndsWith("/backoffice", StringComparison.Ordinal));

        // Settings → Integration: add the local receiver and keep the secret shown once.
        Browser.FindElement(By.LinkText("Integration")).Click();
        WaitFor(() => Browser.Url.EndsWith("/backoffice/settings/integration", StringComparison.Ordinal));
        var url = receiver.BaseUrl + "kyc";
        Browser.FindElement(By.Id("Add_Url")).SendKeys(url);
        Browser.FindElement(By.Id("event-analysis-decided")).Selected.Should().BeTrue();
        Browser.FindElement(By.CssSelector("#add-endpoint button.primary")).Click();
        WaitFor(() => Browser.FindElements(By.Id("webhook-secret")).Count > 0);
        var secretText = Browser.FindElement(By.Id("webhook-secret")).GetAttribute("value")!;
        var endpointId = Browser.FindElement(By.Id("webhook-secret")).GetAttribute("data-endpoint")!;
        Browser.FindElement(By.CssSelector("button[data-copy='webhook-secret']")).Click();
        WaitFor(() => Browser.FindElement(By.CssSelector("button[data-copy='webhook-secret']")).Text == "Copied");
        secretText.Should().StartWith("whsec_");
        Browser.FindElement(By.Id("endpoint-" + endpointId)).Text.Should().Contain(url).And.Contain("enabled").And.Contain("none yet");
        host.Screenshot("14-integration-endpoint-added");

        // Analyses: find the seeded correlation id, open the folder, approve.
        Browser.FindElement(By.LinkText("Analyses")).Click();
        var search = Browser.FindElement(By.Id("q"));
        search.SendKeys(CorrelationId);
        search.Submit();
        WaitFor(() => Browser.Url.Contains("q=" + CorrelationId, StringComparison.Ordinal));
        Browser.FindElement(By.CssSelector("table.grid tbody tr a")).Click();
        WaitFor(() => Browser.Url.Contains("/backoffice/verifications/" + CorrelationId, StringComparison.Ordinal));
        var form = Browser.FindElements(By.CssSelector("form.decide")).First();
        var analysisId = form.FindElement(By.Name("analysisId")).GetAttribute("value")!;
        form.FindElement(By.TagName("textarea")).SendKeys("Approved in the browser; the CRM is told by webhook.");
        form.FindElement(By.CssSelector("button.approve")).Click();
        WaitFor(() => Browser.FindElements(By.CssSelector("p.notice")).Count > 0);
        Browser.FindElement(By.CssSelector("p.notice")).Text.Should().Be("The document was approved.");
        Browser.FindElement(By.Id("analysis-" + analysisId)).Text.Should().Contain("Approved by " + email);
        host.Screenshot("15-folder-approved");

        // The receiver gets analysis.decided, signed with the secret the page showed.
        var received = await WaitForWebhookAsync(receiver, analysisId);
        received.Path.Should().Be("/kyc");
        new WebhookVerifier(TimeProvider.System)
            .Verify(received.Id, received.Timestamp, received.Signature, received.Body, WebhookSecret.Parse(secretText).Value)
            .IsSuccess.Should().BeTrue("the signature verifies with the secret shown on the Integration page");
        var body = JsonDocument.Parse(received.Body).RootElement;
        body.GetProperty("type").GetString().Should().Be(WebhookEventTypes.AnalysisDecided);
        body.GetProperty("analysisId").GetString().Should().Be(analysisId);
        body.GetProperty("verificationId").GetString().Should().Be(CorrelationId);
        body.GetProperty("newStatus").GetString().Should().Be("user_approved");

        // The delivery log shows it delivered, with the same webhook-id. Opening the same address with a fragment again
        // does not load the page again (the delivery may be recorded after the first load): reload it each time.
        host.Open("/backoffice/settings/integration#deliveries-" + endpointId);
        WaitFor(() =>
        {
            Browser.Navigate().Refresh();
            return Browser.FindElements(By.CssSelector($"table[aria-label='Deliveries to {url}'] tbody tr"))
                .Any(row => row.Text.Contains(received.Id!, StringComparison.Ordinal) && row.Text.Contains("delivered", StringComparison.Ordinal));
        });
        Browser.PageSource.Should().NotContain(secretText, "the secret is shown once");
        host.Screenshot("16-integration-delivery-log");
        using var scope = host.Host.Services.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<IWebhookEndpointStore>().FindByIdAsync("default", endpointId, CancellationToken.None))!.Url.Should().Be(url);
    }

    private static async Task<ReceivedWebhook> WaitForWebhookAsync(WebhookTestReceiver receiver, string analysisId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var match = receiver.Received.FirstOrDefault(r =>
                Encoding.UTF8.GetString(r.Body).Contains("\"analysisId\":\"" + analysisId + "\"", StringComparison.Ordinal));
            if (match is not null)
            {
                return match;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException("The webhook did not arrive in 30 s.");
            }

            await Task.Delay(100);
        }
    }
}
