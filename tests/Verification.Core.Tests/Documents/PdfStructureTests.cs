using System.Globalization;
using System.Text;
using Verification.Core.Documents;
using Verification.Core.Documents.Files;
using Verification.Core.Verifications;

namespace Verification.Core.Tests.Documents;

/// <summary>The PDF structure PdfPig reads for <c>file.integrity</c>: information dictionary, incremental updates, text over images.</summary>
public sealed class PdfStructureTests
{
    /// <summary>A one-page PDF with a proper cross-reference table; <paramref name="content"/> is the page's content stream.</summary>
    internal static string Pdf(string content, string producer = "Bank statement engine 4.2", bool withImage = false)
    {
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >>"
                + (withImage ? " /XObject << /Im1 7 0 R >>" : string.Empty) + " >> >>",
            $"<< /Length {content.Length} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            $"<< /Producer ({producer}) /Creator (Core banking) >>",
            "<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\u0080\u0080\u0080\u0080\nendstream",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:0000000000} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return pdf.ToString();
    }

    /// <summary>Appends a save that replaces the information dictionary, as an editor saving "incrementally" does.</summary>
    internal static string Update(string pdf, string producer)
    {
        var previous = int.Parse(pdf[(pdf.LastIndexOf("startxref\n", StringComparison.Ordinal) + 10)..].Split('\n')[0], CultureInfo.InvariantCulture);
        var updated = new StringBuilder(pdf);
        var offset = updated.Length;
        updated.Append(CultureInfo.InvariantCulture, $"6 0 obj\n<< /Producer ({producer}) >>\nendobj\n");
        var xref = updated.Length;
        updated.Append(CultureInfo.InvariantCulture, $"xref\n6 1\n{offset:0000000000} 00000 n \ntrailer\n<< /Size 8 /Root 1 0 R /Info 6 0 R /Prev {previous} >>\nstartxref\n{xref}\n%%EOF\n");
        return updated.ToString();
    }

    private static FileInspection Inspect(string pdf) => FileInspector.Inspect(Encoding.Latin1.GetBytes(pdf), "application/pdf").Value;

    private static ControlResult Integrity(FileInspection inspection) => inspection.Controls.Single(c => c.Code == ControlCodes.FileIntegrity);

    private const string Text = "BT /F1 14 Tf 60 750 Td (IBAN FR76 3000 6000 0112 3456 7890 189) Tj ET";

    [Fact]
    public void AStatementAsTheBankMadeItPasses()
    {
        var inspection = Inspect(Pdf(Text));

        Integrity(inspection).Result.Should().Be(ControlOutcome.Passed);
        Integrity(inspection).Detail.Should().Contain("no incremental update");
        inspection.Software.Should().Equal("Bank statement engine 4.2", "Core banking");
    }

    [Fact]
    public void AnIncrementalUpdateIsAWarningAndTheLastProducerIsTheOneRead()
    {
        var inspection = Inspect(Update(Pdf(Text), "PDF Editor Pro 9"));

        Integrity(inspection).Result.Should().Be(ControlOutcome.Warning);
        Integrity(inspection).Detail.Should().Contain("1 incremental update").And.Contain("editing software (pdf editor)");
        inspection.Software.Should().Contain("PDF Editor Pro 9");
    }

    [Fact]
    public void VisibleTextDrawnOverAnImageIsAWarning()
    {
        // A scanned statement (the image) with an IBAN typed over it.
        var inspection = Inspect(Pdf("q 400 0 0 200 50 600 cm /Im1 Do Q\n" + Text, withImage: true));

        Integrity(inspection).Result.Should().Be(ControlOutcome.Warning);
        Integrity(inspection).Detail.Should().ContainEquivalentOf("visible text is drawn over an image (page 1)");
    }

    [Fact]
    public void AnInvisibleOcrLayerOverAScanIsNotAWarning()
    {
        var inspection = Inspect(Pdf("q 400 0 0 200 50 600 cm /Im1 Do Q\nBT 3 Tr /F1 14 Tf 60 750 Td (IBAN FR76 3000 6000 0112 3456 7890 189) Tj ET", withImage: true));

        Integrity(inspection).Result.Should().Be(ControlOutcome.Passed);
    }

    [Fact]
    public void TextBesideAnImageIsNotAWarning()
    {
        var inspection = Inspect(Pdf("q 100 0 0 50 50 50 cm /Im1 Do Q\n" + Text, withImage: true));

        Integrity(inspection).Result.Should().Be(ControlOutcome.Passed);
    }

    [Fact]
    public void AFileThePdfParserCannotReadFallsBackToTheByteChecks()
    {
        var inspection = Inspect("%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n2 0 obj << /Producer (Photoshop) >> endobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

        inspection.Software.Should().Equal("Photoshop");
        Integrity(inspection).Result.Should().Be(ControlOutcome.Warning);
    }
}
