using Microsoft.Extensions.Options;

namespace Verification.Reading.Tesseract.Tests;

/// <summary>One warm reader over the machine's Tesseract, shared by the tests that read.</summary>
public sealed class ReaderFixture : IDisposable
{
    public ReaderFixture()
    {
        Reader = new TesseractDocumentReader(Options.Create(new TesseractReaderOptions()), TimeProvider.System);
        Reader.WarmUp();
    }

    public TesseractDocumentReader Reader { get; }

    public void Dispose() => Reader.Dispose();
}
