using System.Net.Http.Headers;
using System.Net.Http.Json;
using OpenQA.Selenium;
using SkiaSharp;

namespace ReferenceHost.EndToEnd.Tests;

/// <summary>Issue 18 in the browser: the portrait crop and the selfie side by side in the folder view, with the score.</summary>
public sealed partial class BackOfficeBrowserTests
{
    private static readonly string FaceModels = Path.Combine(
        Environment.GetEnvironmentVariable("VERIFICATION_MODELS") is { Length: > 0 } env ? env : Path.Combine(AppContext.BaseDirectory, "models"), "face-api");

    private static readonly string FaceSample = Path.Combine(Path.GetDirectoryName(FaceModels)!, "face-api-samples", "sample2.jpg");

    [FaceFilesFact]
    public async Task ShowsThePortraitCropAndTheSelfieSideBySideWithTheScore()
    {
        var (_, token) = await host.Host.MintAsync("documents:submit");
        using var client = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var correlationId = "FACES-" + Guid.NewGuid().ToString("N")[..10];
        var document = await File.ReadAllBytesAsync(FaceSample);

        // The document with a selfie through reco/id, then a second selfie on its own through ingest.
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reco/id"))
        {
            request.Content = JsonContent.Create(new { paramDict = new { files = new[] { DataUri(document) }, selfie = DataUri(Scaled(document, 0.6)), save = true } });
            request.Headers.Add("X-Correlation-ID", correlationId);
            using var response = await client.SendAsync(request);
            response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
        }

        using (var form = new MultipartFormDataContent())
        {
            var file = new ByteArrayContent(Scaled(document, 0.8));
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(file, "file", "later.jpg");
            form.Add(new StringContent($$"""{"external_id":"{{correlationId}}","document_category":"selfie"}"""), "metadata");
            using var response = await client.PostAsync("/api/v1/ingest", form);
            response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
        }

        var email = await host.Host.CreateAnalystAsync(Password);
        Browser.Manage().Cookies.DeleteAllCookies();
        host.Open("/backoffice/login");
        SignIn(email, Password);
        WaitFor(() => Browser.Url.EndsWith("/backoffice", StringComparison.Ordinal));
        host.Open("/backoffice/verifications/" + correlationId);
        WaitFor(() => Browser.FindElements(By.CssSelector(".faces figure")).Count >= 4);

        var blocks = Browser.FindElements(By.CssSelector(".faces"));
        blocks.Should().HaveCount(2, "each analysis that compared faces shows them");
        var first = blocks[0].FindElements(By.CssSelector("figcaption")).Select(c => c.Text).ToList();
        first.Should().Equal("Portrait", "Selfie");
        var second = blocks[1].FindElements(By.CssSelector("figcaption")).Select(c => c.Text).ToList();
        second.Should().HaveCount(2);
        second[0].Should().StartWith("Portrait (analysis ", "the selfie sent alone is shown beside the portrait it was compared with");
        second[1].Should().Be("Selfie");
        foreach (var image in Browser.FindElements(By.CssSelector(".faces img")))
        {
            ((IJavaScriptExecutor)Browser).ExecuteScript("arguments[0].scrollIntoView();", image);
            WaitFor(() => (bool)((IJavaScriptExecutor)Browser).ExecuteScript("return arguments[0].complete && arguments[0].naturalWidth > 0;", image)!);
        }

        var scores = Browser.FindElements(By.CssSelector("p.face-match")).Select(p => p.Text).ToList();
        scores.Should().HaveCount(2).And.OnlyContain(t => t.StartsWith("Face match: passed", StringComparison.Ordinal) && t.Contains("similarity", StringComparison.Ordinal));
        Browser.FindElement(By.CssSelector("p.face-consistency")).Text.Should().StartWith("Same face across the verification: passed");
        ((IJavaScriptExecutor)Browser).ExecuteScript("arguments[0].scrollIntoView();", blocks[0]);
        host.Screenshot("14-folder-faces");
    }

    private static string DataUri(byte[] jpeg) => "data:image/jpeg;base64," + Convert.ToBase64String(jpeg);

    private static byte[] Scaled(byte[] jpeg, double scale)
    {
        using var bitmap = SKBitmap.Decode(jpeg);
        using var scaled = bitmap.Resize(new SKImageInfo((int)(bitmap.Width * scale), (int)(bitmap.Height * scale)), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        using var image = SKImage.FromBitmap(scaled);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    /// <summary>Runs when the face-api model files and sample photos are installed (<c>scripts/install.sh test</c>); skipped, saying so, otherwise.</summary>
    private sealed class FaceFilesFactAttribute : FactAttribute
    {
        public FaceFilesFactAttribute()
        {
            if (!File.Exists(Path.Combine(FaceModels, "face_recognition_model.bin")) || !File.Exists(FaceSample))
            {
                Skip = $"the face-api model files or sample photos are missing ({FaceModels}, {FaceSample}): run scripts/install.sh test";
            }
        }
    }
}
