using System.Text;
using Verification.Reading.Tesseract.Pdf;
using Verification.SpecimenBuilders;

namespace Verification.Reading.Tesseract.Tests.Pdf;

public sealed class PdfTextTests
{
    [Fact]
    public void ReadsTheTextLayerInProcessOneLinePerLineInOrder()
    {
        var pdf = MiniPdf.WithText(["RELEVE D IDENTITE BANCAIRE", "IBAN : FR76 3000 6000 0112 3456 7890 189", "BIC : AGRIFRPP"]);

        var text = PdfText.Extract(pdf, maxPages: 2, CancellationToken.None);

        text.Should().NotBeNull();
        text!.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim())
            .Should().Equal("RELEVE D IDENTITE BANCAIRE", "IBAN : FR76 3000 6000 0112 3456 7890 189", "BIC : AGRIFRPP");
    }

    [Theory]
    [InlineData("%PDF-1.4\nhello")]
    [InlineData("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")]
    public void ADamagedPdfGivesNoTextRatherThanAnException(string content)
    {
        PdfText.Extract(Encoding.ASCII.GetBytes(content), maxPages: 2, CancellationToken.None).Should().BeNull();
    }
}
