using System.Text;
using Verification.Reading.Tesseract.Pdf;

namespace Verification.Reading.Tesseract.Tests.Pdf;

/// <summary>Finding 3 of issue 23: a tiny PDF with a huge page must not reach the renderer.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class PdfPageSizeTests
{
    internal static byte[] PageOf(string box, string extra = "") => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
        $"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[{box}]{extra}>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    [Fact]
    public async Task NeverRendersAPageWhoseRenderedSizeIsOverTheLimit()
    {
        var work = Directory.CreateTempSubdirectory("fake-pdftoppm-");
        try
        {
            var marker = Path.Combine(work.FullName, "ran");
            var tool = Path.Combine(work.FullName, "pdftoppm");
            await File.WriteAllTextAsync(tool, $"#!/bin/sh\ntouch '{marker}'\nexit 1\n");
            File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var tools = new PdfTools(new TesseractReaderOptions { PdfToPpmPath = tool });
            var huge = PageOf("0 0 14400 14400");
            huge.Length.Should().BeLessThan(1000);

            var pages = await tools.RenderAsync(huge, 1, CancellationToken.None);

            pages.Should().BeEmpty();
            File.Exists(marker).Should().BeFalse("the page box times the resolution is checked before pdftoppm starts");
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("0 0 595 842", "", true)]
    [InlineData("0 0 14400 14400", "", false)]
    [InlineData("0 0 595 842", "/UserUnit 75000", false)]
    [InlineData("-7200 -7200 7200 7200", "", false)]
    public void ChecksThePageBoxTimesTheResolution(string box, string extra, bool fits)
    {
        var options = new TesseractReaderOptions();

        var check = PdfPageSize.Check(PageOf(box, extra), options.PdfRenderDpi, options.MaxPixels);

        (check is null).Should().Be(fits, "{0} {1}", box, extra);
        if (!fits)
        {
            check!.Code.Should().Be(PdfPageSize.TooLargeCode);
        }
    }
}
