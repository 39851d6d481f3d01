using Microsoft.Extensions.Options;
using Verification.Reading.Tesseract.Tests.Specimens;

namespace Verification.Reading.Tesseract.Tests;

/// <summary>
/// One warm reader over the machine's Tesseract, shared by the tests that read. Its clock stands on the
/// specimens' reference day, so that which reading of a zone wins (dates are checked against today) does
/// not depend on the day of the run.
/// </summary>
public sealed class ReaderFixture : IDisposable
{
    public ReaderFixture()
    {
        Reader = new TesseractDocumentReader(Options.Create(new TesseractReaderOptions()), SpecimenGenerator.Clock());
        Reader.WarmUp();
    }

    public TesseractDocumentReader Reader { get; }

    public void Dispose() => Reader.Dispose();
}
