using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ReferenceHost.Tests.Archiving;
using ReferenceHost.Tests.BackOffice;
using SkiaSharp;
using Verification.Hosting.Testing;

namespace ReferenceHost.Tests.Faces;

/// <summary>
/// Issue 18 through <c>ingest</c>: a selfie sent on its own (category <c>selfie</c>) joins the verification of its
/// <c>external_id</c> and is compared with the portrait sent earlier; hostile selfies give a clear control, never a 5xx;
/// the selfie and the portrait crop are pictures (pictures scope only).
/// </summary>
public sealed partial class SelfieApiTests
{
    private const string ReadAll = "documents:submit verifications:read:attributes verifications:read:pictures";

    [FaceFilesFact]
    public async Task ASelfieIngestedLaterJoinsTheVerificationAndIsComparedWithThePortraitSentEarlier()
    {
        var (_, token) = await host.MintAsync(ReadAll);
        var client = host.ClientWithToken(token);
        var correlationId = "FACE-" + Guid.NewGuid().ToString("N")[..12];
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reco/id"))
        {
            request.Content = JsonContent.Create(new { paramDict = new { files = new[] { Specimens.DataUri(File.ReadAllBytes(Sample2)) }, save = true } });
            request.Headers.Add("X-Correlation-ID", correlationId);
            using var response = await client.SendAsync(request);
            response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
        }

        // Same person, another picture: passed. Then another person (the Czech specimen's portrait, photographed): failed.
        (await IngestAsync(client, correlationId, Encode(RightFace(0.7), SKEncodedImageFormat.Jpeg, 90))).Should().Be(201);
        using (var passport = new ByteArrayContent(File.ReadAllBytes(CzechPassport)))
        {
            passport.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            using var form = new MultipartFormDataContent { { passport, "file", "passport.jpg" }, { new StringContent($$"""{"external_id":"{{correlationId}}","document_category":"passport"}"""), "metadata" } };
            using var response = await client.PostAsync("/api/v1/ingest", form);
            ((int)response.StatusCode).Should().Be(201, await response.Content.ReadAsStringAsync());
        }

        var analyses = (await ReadAsync(client, correlationId)).GetProperty("analyses").EnumerateArray().ToList();
        analyses.Should().HaveCount(3);
        foreach (var a in analyses)
        {
            output.WriteLine($"{a.GetProperty("documentType").GetString()} {a.GetProperty("status").GetProperty("code").GetString()}: "
                + string.Join("; ", a.GetProperty("controls").EnumerateArray().Where(c => c.GetProperty("code").GetString()!.Contains("face", StringComparison.Ordinal))
                    .Select(c => $"{c.GetProperty("code").GetString()}={c.GetProperty("result").GetString()} ({c.GetProperty("detail").GetString()})")));
        }

        var selfie = analyses[1];
        selfie.GetProperty("documentType").GetString().Should().Be("selfie");
        Control(selfie, "face.selfie").GetProperty("result").GetString().Should().Be("passed");
        Control(selfie, "face.match").GetProperty("result").GetString().Should().Be("passed");
        Control(selfie, "face.match").GetProperty("detail").GetString().Should().Contain("the selfie and the portrait of document 1 of analysis " + analyses[0].GetProperty("analysisId").GetString());

        var third = analyses[2];
        Control(third, "face.match").GetProperty("result").GetString().Should().Be("failed", "the passport's holder is not the person of the selfie");
        Control(third, "verification.face_consistency").GetProperty("result").GetString().Should().Be("failed");
        third.GetProperty("status").GetProperty("code").GetString().Should().Match(s => s == "7.0" || s!.StartsWith("2.", StringComparison.Ordinal));

        // The selfie and the portrait crops are pictures: their contents only with the pictures scope.
        var files = analyses.SelectMany(a => a.GetProperty("files").EnumerateArray()).ToList();
        files.Should().HaveCountGreaterThanOrEqualTo(4, "documents, the selfie and at least the portrait crop of the passport");
        files.Should().OnlyContain(f => f.GetProperty("content").GetString()!.StartsWith("data:image/", StringComparison.Ordinal));
        var (_, attributesOnly) = await host.MintAsync("verifications:read:attributes");
        var withoutPictures = await ReadAsync(host.ClientWithToken(attributesOnly), correlationId);
        withoutPictures.GetProperty("analyses").EnumerateArray().SelectMany(a => a.GetProperty("files").EnumerateArray())
            .Should().OnlyContain(f => f.GetProperty("content").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task HostileSelfiesThroughIngestNeverGiveAServerError()
    {
        var (_, token) = await host.MintAsync(ReadAll);
        var client = host.ClientWithToken(token);
        var correlationId = "FACE-" + Guid.NewGuid().ToString("N")[..12];
        var document = File.Exists(CzechPassport) ? File.ReadAllBytes(CzechPassport) : Specimens.Jpeg();
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/reco/id"))
        {
            request.Content = JsonContent.Create(new { paramDict = new { files = new[] { Specimens.DataUri(document) }, save = true } });
            request.Headers.Add("X-Correlation-ID", correlationId);
            using var response = await client.SendAsync(request);
            response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
        }

        var selfies = new List<(string Name, byte[] Bytes, string Expected)>
        {
            ("no face", Encode(Blank(640, 480), SKEncodedImageFormat.Png), "No face"),
            ("the document sent again", document, "very file of document 1 of analysis"),
            ("broken bytes behind a JPEG signature", [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 2, 3], "could not be decoded"),
        };
        if (File.Exists(Sample2))
        {
            selfies.Add(("one face in a 12-megapixel photo", Encode(Scaled(RightFace(1), 3000, 4000), SKEncodedImageFormat.Jpeg, 85), "One face"));
            selfies.Add(("a 20 px face", Encode(OnCanvas(Scaled(RightFace(1), 49, 65), 640, 480), SKEncodedImageFormat.Png), "face"));
        }

        if (File.Exists(Sample1))
        {
            selfies.Add(("three people", File.ReadAllBytes(Sample1), "faces of comparable size"));
        }

        var models = MissingFiles is null;
        foreach (var (name, bytes, _) in selfies)
        {
            var status = await IngestAsync(client, correlationId, bytes);
            output.WriteLine($"{name}: {status}");
            status.Should().Be(201, name);
        }

        var analyses = (await ReadAsync(client, correlationId)).GetProperty("analyses").EnumerateArray().Skip(1).ToList();
        analyses.Should().HaveCount(selfies.Count);
        for (var i = 0; i < selfies.Count; i++)
        {
            var face = analyses[i].GetProperty("controls").EnumerateArray().FirstOrDefault(c => c.GetProperty("code").GetString() == (models ? "face.selfie" : "face.match"));
            output.WriteLine($"{selfies[i].Name}: {face}");
            face.ValueKind.Should().Be(JsonValueKind.Object, selfies[i].Name);
            if (models)
            {
                face.GetProperty("detail").GetString().Should().Contain(selfies[i].Expected, selfies[i].Name);
            }
        }

        // A PDF is not a selfie: refused before anything is stored.
        using var pdf = new ByteArrayContent("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"u8.ToArray());
        pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var pdfForm = new MultipartFormDataContent { { pdf, "file", "me.pdf" }, { new StringContent($$"""{"external_id":"{{correlationId}}","document_category":"selfie"}"""), "metadata" } };
        using var refused = await client.PostAsync("/api/v1/ingest", pdfForm);
        ((int)refused.StatusCode).Should().Be(415);
    }

    private static async Task<int> IngestAsync(HttpClient client, string correlationId, byte[] selfie)
    {
        using var file = new ByteArrayContent(selfie);
        using var form = new MultipartFormDataContent { { file, "file", "selfie.jpg" }, { new StringContent($$"""{"external_id":"{{correlationId}}","document_category":"selfie"}"""), "metadata" } };
        using var response = await client.PostAsync("/api/v1/ingest", form);
        return (int)response.StatusCode;
    }

    private static async Task<JsonElement> ReadAsync(HttpClient client, string correlationId)
    {
        using var response = await client.GetAsync("/api/v1/verifications/" + correlationId);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.Should().BeTrue(text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>sample2's face (on the right of the photo) framed as a selfie, scaled.</summary>
    private static SKBitmap RightFace(double scale)
    {
        using var photo = SKBitmap.Decode(Sample2);
        using var crop = new SKBitmap(670, 893);
        photo.ExtractSubset(crop, new SKRectI(1250, 0, 1920, 893));
        return Scaled(crop, (int)(670 * scale), (int)(893 * scale));
    }
}
