using System.Net.Http.Json;
using System.Text.Json;
using ReferenceHost.Tests.Archiving;
using ReferenceHost.Tests.BackOffice;
using SkiaSharp;
using Verification.Hosting.Testing;
using Xunit.Abstractions;

namespace ReferenceHost.Tests.Faces;

/// <summary>
/// Issue 18 through the API: <c>reco/id</c> with a <c>selfie</c>. Hostile selfies (no face, several faces, a tiny
/// face, a 12-megapixel photo, a document, broken bytes) never give a 5xx; with the face-api model files installed
/// (<c>scripts/install.sh test</c>), another person's selfie makes the status <c>7.0 owner_mismatch</c>.
/// </summary>
public sealed partial class SelfieApiTests(UnseededSqliteHost host, ITestOutputHelper output) : IClassFixture<UnseededSqliteHost>
{
    private static readonly string Root = FindRoot();
    private static readonly string Models = Environment.GetEnvironmentVariable("VERIFICATION_MODELS") is { Length: > 0 } env ? env : Path.Combine(Root, "artifacts", "models");
    private static readonly string Sample2 = Path.Combine(Models, "face-api-samples", "sample2.jpg");
    private static readonly string Sample1 = Path.Combine(Models, "face-api-samples", "sample1.jpg");
    private static readonly string CzechPassport = Path.Combine(Root, "..", "shared", "real-photos", "ultimatemrz__Czech_passport_2005_MRZ_orient1_1300x1002.jpg");

    internal static string? MissingFiles =>
        !File.Exists(Path.Combine(Models, "face-api", "face_recognition_model.bin")) ? $"the face-api model files are not in {Models}/face-api: run scripts/install.sh"
        : !File.Exists(Sample2) ? $"face-api's sample photos are not in {Models}/face-api-samples: run scripts/install.sh test"
        : !File.Exists(CzechPassport) ? $"the shared real photos are not at {CzechPassport}"
        : null;

    [FaceFilesFact]
    public async Task AnotherPersonsSelfieIsAnOwnerMismatch()
    {
        var body = await RecoAsync(File.ReadAllBytes(CzechPassport), File.ReadAllBytes(Sample2));
        var match = Control(body, "face.match");
        match.GetProperty("result").GetString().Should().Be("failed");
        match.GetProperty("detail").GetString().Should().Contain("distance").And.Contain("threshold");

        // A failed match makes a read document 7.0; when the reader could not read the zone (no OCR models installed
        // here), the reading status 2.x comes first, as for every control (StatusRule.Combine).
        var status = body.GetProperty("status").GetProperty("code").GetString();
        status.Should().Match(s => s == "7.0" || s!.StartsWith("2.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheFolderViewShowsTheDocumentAndTheSelfieSideBySideWithTheScore()
    {
        var (_, token) = await host.MintAsync("documents:submit");
        var client = host.ClientWithToken(token);
        var document = File.Exists(CzechPassport) ? File.ReadAllBytes(CzechPassport) : Specimens.Jpeg();
        var selfie = File.Exists(Sample2) ? File.ReadAllBytes(Sample2) : Encode(Blank(320, 240), SKEncodedImageFormat.Png);
        var correlationId = "FACE-" + Guid.NewGuid().ToString("N")[..12];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reco/id")
        {
            Content = JsonContent.Create(new { paramDict = new { files = new[] { Specimens.DataUri(document) }, selfie = Specimens.DataUri(selfie), save = true } }),
        };
        request.Headers.Add("X-Correlation-ID", correlationId);
        using var response = await client.SendAsync(request);
        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());

        var session = await BackOfficeSession.SignInAsync(host);
        var (status, html) = await session.GetAsync("/backoffice/verifications/" + correlationId);
        ((int)status).Should().Be(200);
        html.Should().Contain("<figcaption>Document</figcaption>").And.Contain("<figcaption>Selfie</figcaption>").And.Contain("Face match: ");
    }

    [Fact]
    public async Task HostileSelfiesNeverGiveAServerError()
    {
        var document = File.Exists(CzechPassport) ? File.ReadAllBytes(CzechPassport) : Specimens.Jpeg();
        var selfies = new List<(string Name, byte[] Bytes, string MediaType)>
        {
            ("no face", Encode(Blank(640, 480), SKEncodedImageFormat.Png), "image/png"),
            ("the document itself", document, "image/jpeg"),
            ("broken bytes behind a JPEG signature", [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 2, 3], "image/jpeg"),
        };
        if (File.Exists(Sample2))
        {
            // sample2 shows three people; the one on the right, cropped, is the selfie (her face is about 276 px wide).
            using var photo = SKBitmap.Decode(Sample2);
            using var crop = new SKBitmap(670, 893);
            photo.ExtractSubset(crop, new SKRectI(1250, 0, 1920, 893));
            selfies.Add(("one face in a 12-megapixel photo", Encode(Scaled(crop, 3000, 4000), SKEncodedImageFormat.Jpeg, 85), "image/jpeg"));
            selfies.Add(("a 20 px face", Encode(OnCanvas(Scaled(crop, 49, 65), 640, 480), SKEncodedImageFormat.Png), "image/png"));
        }

        if (File.Exists(Sample1))
        {
            selfies.Add(("three people", File.ReadAllBytes(Sample1), "image/jpeg"));
        }

        foreach (var (name, bytes, mediaType) in selfies)
        {
            using var response = await PostAsync(document, bytes, mediaType);
            var text = await response.Content.ReadAsStringAsync();
            output.WriteLine($"{name}: {(int)response.StatusCode} {Summary(text)}");
            ((int)response.StatusCode).Should().BeLessThan(500, name);
            if (name == "one face in a 12-megapixel photo" && response.IsSuccessStatusCode && File.Exists(Path.Combine(Models, "face-api", "face_recognition_model.bin")))
            {
                Control(JsonDocument.Parse(text).RootElement, "face.selfie").GetProperty("result").GetString().Should().Be("passed");
            }
        }
    }

    private async Task<JsonElement> RecoAsync(byte[] document, byte[] selfie)
    {
        using var response = await PostAsync(document, selfie, "image/jpeg");
        var text = await response.Content.ReadAsStringAsync();
        output.WriteLine(Summary(text));
        response.IsSuccessStatusCode.Should().BeTrue(text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task<HttpResponseMessage> PostAsync(byte[] document, byte[] selfie, string selfieType)
    {
        var (_, token) = await host.MintAsync("documents:submit verifications:read:pictures");
        var client = host.ClientWithToken(token);
        return await client.PostAsJsonAsync("/api/v1/reco/id", new
        {
            paramDict = new { files = new[] { Specimens.DataUri(document) }, selfie = Specimens.DataUri(selfie, selfieType), save = false },
        });
    }

    private static JsonElement Control(JsonElement body, string code) =>
        body.GetProperty("controls").EnumerateArray().Single(c => c.GetProperty("code").GetString() == code);

    private static string Summary(string json)
    {
        try
        {
            var root = JsonDocument.Parse(json).RootElement;
            if (root.TryGetProperty("controls", out var controls))
            {
                var faces = controls.EnumerateArray()
                    .Where(c => c.GetProperty("code").GetString()!.Contains("face", StringComparison.Ordinal))
                    .Select(c => $"{c.GetProperty("code").GetString()}={c.GetProperty("result").GetString()} ({c.GetProperty("detail").GetString()})");
                return $"status {root.GetProperty("status").GetProperty("code").GetString()}; " + string.Join("; ", faces);
            }

            return root.TryGetProperty("code", out var code) ? "problem " + code.GetString() : json;
        }
        catch (JsonException)
        {
            return json;
        }
    }

    private static SKBitmap Blank(int width, int height)
    {
        var bitmap = new SKBitmap(width, height);
        bitmap.Erase(SKColors.LightGray);
        return bitmap;
    }

    private static SKBitmap Scaled(SKBitmap source, int width, int height) =>
        source.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKFilterMode.Linear));

    private static SKBitmap OnCanvas(SKBitmap small, int width, int height)
    {
        var bitmap = Blank(width, height);
        using var canvas = new SKCanvas(bitmap);
        using var image = SKImage.FromBitmap(small);
        canvas.DrawImage(image, (width - small.Width) / 2f, (height - small.Height) / 2f, new SKSamplingOptions(SKFilterMode.Linear));
        return bitmap;
    }

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality = 100)
    {
        using (bitmap)
        using (var data = bitmap.Encode(format, quality))
        {
            return data.ToArray();
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Verification.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Verification.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A test that needs the face-api model files and photos; skipped, saying which, when they are missing.</summary>
internal sealed class FaceFilesFactAttribute : FactAttribute
{
    public FaceFilesFactAttribute()
    {
        if (SelfieApiTests.MissingFiles is { } reason)
        {
            Skip = reason;
        }
    }
}
