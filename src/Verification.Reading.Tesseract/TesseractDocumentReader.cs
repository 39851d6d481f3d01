using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Verification.Core;
using Verification.Core.Reading;
using Verification.Core.Documents.Banking;
using Verification.Reading.Tesseract.Imaging;
using Verification.Reading.Tesseract.Mrz;
using Verification.Reading.Tesseract.Pdf;

namespace Verification.Reading.Tesseract;

/// <summary>
/// Reads documents in-process with the system's Tesseract 5 (through its C API) and Leptonica, from a
/// bounded pool of warm engines. The machine-readable zone is read first by an OCR-B glyph classifier,
/// then by Tesseract, on the alternatives of <c>MrzImageReader</c>; bank details come from a PDF's text
/// layer (read in-process by PdfPig) or from the text Tesseract reads on the image or the rendered pages (<c>pdftoppm</c>).
/// When Tesseract is missing the reader still constructs: <see cref="Availability"/> says why, and every
/// read answers <c>reader.unavailable</c>. Thread-safe.
/// </summary>
public sealed class TesseractDocumentReader : IDocumentReader, IDisposable
{
    private const string Pdf = "application/pdf";

    private static readonly HashSet<string> ImageTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/jpeg", "image/jpg", "image/png", "image/tiff", "image/webp", "image/bmp", "image/gif",
    };

    private readonly TesseractReaderOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly TesseractEnginePool _pool;
    private readonly MrzImageReader _mrz;
    private readonly PdfTools _pdf;

    /// <summary>Creates a reader; probes the engine but loads no model until <see cref="WarmUp"/> or the first read.</summary>
    public TesseractDocumentReader(IOptions<TesseractReaderOptions> options, TimeProvider timeProvider, ILogger<TesseractDocumentReader>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        var availability = TesseractAvailability.Probe(_options, out var tessdata);
        GlyphClassifier? glyphs = null;
        if (availability.IsAvailable && _options.UseGlyphClassifier)
        {
            glyphs = GlyphClassifier.LoadEmbedded();
        }

        if (!availability.IsAvailable)
        {
            TesseractReaderLog.Unavailable(_logger, availability.Detail);
        }

        _pool = new TesseractEnginePool(_options, timeProvider, availability, tessdata);
        _mrz = new MrzImageReader(glyphs, timeProvider);
        _pdf = new PdfTools(_options);
    }

    /// <inheritdoc />
    public ReaderAvailability Availability => _pool.Availability;

    /// <summary>Creates every engine of the pool now, so that no request pays a model load.</summary>
    public void WarmUp()
    {
        _pool.WarmUp();
        if (_pool.Availability.IsAvailable)
        {
            TesseractReaderLog.Ready(_logger, _pool.Availability.Detail, _pool.Created);
        }
        else
        {
            TesseractReaderLog.Unavailable(_logger, _pool.Availability.Detail);
        }
    }

    /// <inheritdoc />
    public async ValueTask<Outcome<IdentityReading>> ReadIdentityAsync(ReadOnlyMemory<byte> file, string mediaType, CancellationToken cancellationToken)
    {
        if (CheckMediaType(mediaType) is { } unsupported)
        {
            return unsupported;
        }

        // A PDF page too large to render is refused before an engine is taken (it would hold one while it renders).
        if (IsPdf(mediaType) && _pdf.CheckPageSize(file.Span) is { } tooLarge)
        {
            return tooLarge;
        }

        var started = _timeProvider.GetTimestamp();
        var acquired = await _pool.AcquireAsync(cancellationToken).ConfigureAwait(false);
        if (!acquired.TryGetValue(out var lease, out var failure))
        {
            TesseractReaderLog.NotRead(_logger, failure.Code);
            return failure;
        }

        using (lease)
        {
            var waited = _timeProvider.GetElapsedTime(started);
            var image = await LoadImageAsync(file, mediaType, cancellationToken).ConfigureAwait(false);
            if (!image.TryGetValue(out var gray, out failure))
            {
                return failure;
            }

            var found = _mrz.Read(gray, lease.Engine, cancellationToken);
            var read = _timeProvider.GetElapsedTime(started) - waited;
            TesseractReaderLog.IdentityRead(_logger, found.Text is not null, found.Alternative, found.Tried.Count, waited.TotalMilliseconds, read.TotalMilliseconds);
            return new IdentityReading
            {
                MrzText = found.Text,
                Lines = found.Text?.Split('\n') ?? [],
                Alternative = found.Alternative,
                AlternativesTried = found.Tried,
                SkewDegrees = found.Skew,
                Timings = new ReadingTimings(waited, read),
            };
        }
    }

    /// <inheritdoc />
    public async ValueTask<Outcome<BankDetailsReading>> ReadBankDetailsAsync(ReadOnlyMemory<byte> file, string mediaType, CancellationToken cancellationToken)
    {
        if (CheckMediaType(mediaType) is { } unsupported)
        {
            return unsupported;
        }

        // A PDF page too large to render is refused before an engine is taken (it would hold one while it renders).
        if (IsPdf(mediaType) && _pdf.CheckPageSize(file.Span) is { } tooLarge)
        {
            return tooLarge;
        }

        var started = _timeProvider.GetTimestamp();
        var acquired = await _pool.AcquireAsync(cancellationToken).ConfigureAwait(false);
        if (!acquired.TryGetValue(out var lease, out var failure))
        {
            TesseractReaderLog.NotRead(_logger, failure.Code);
            return failure;
        }

        using (lease)
        {
            var waited = _timeProvider.GetElapsedTime(started);
            string text;
            string source;
            if (IsPdf(mediaType))
            {
                var layer = PdfText.Extract(file, _options.MaxPdfPages, cancellationToken);
                if (!string.IsNullOrWhiteSpace(layer))
                {
                    (text, source) = (layer, "pdf-text");
                }
                else
                {
                    var pages = await _pdf.RenderAsync(file, _options.MaxPdfPages, cancellationToken).ConfigureAwait(false);
                    if (pages.Count == 0)
                    {
                        return ReaderFailures.Unsupported("The PDF cannot be rendered.");
                    }

                    var parts = new List<string>(pages.Count);
                    foreach (var page in pages)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        if (Decode(page) is { IsSuccess: true } decoded)
                        {
                            parts.Add(ReadText(lease.Engine, decoded.Value, _options.PdfRenderDpi));
                        }
                    }

                    (text, source) = (string.Join('\n', parts), "pdf-render");
                }
            }
            else
            {
                var decoded = Decode(file.Span);
                if (!decoded.TryGetValue(out var gray, out failure))
                {
                    return failure;
                }

                (text, source) = (ReadText(lease.Engine, gray, 300), "image");
            }

            var candidates = BankDetailsTextParser.Parse(text, exactText: source == "pdf-text");
            var read = _timeProvider.GetElapsedTime(started) - waited;
            TesseractReaderLog.BankDetailsRead(_logger, source, candidates.Iban is not null, waited.TotalMilliseconds, read.TotalMilliseconds);
            return new BankDetailsReading
            {
                Iban = candidates.Iban,
                IbanOrigin = candidates.IbanOrigin,
                IbanCandidates = candidates.IbanCandidates,
                Bic = candidates.Bic,
                BicCandidates = candidates.BicCandidates,
                HolderName = candidates.HolderName,
                BankName = candidates.BankName,
                Text = text,
                Source = source,
                Timings = new ReadingTimings(waited, read),
            };
        }
    }

    /// <inheritdoc />
    public void Dispose() => _pool.Dispose();

    private static string ReadText(TesseractEngine engine, GrayImage image, int ppi)
    {
        // Small photos read better larger: Tesseract is tuned for capitals of 20 to 40 pixels.
        if (image.Width < 1000)
        {
            image = image.Scale(Math.Min(2.0, 1300.0 / image.Width));
        }

        return engine.Recognize(image, PageSegmentation.Auto, null, ppi);
    }

    private static bool IsPdf(string mediaType) => string.Equals(mediaType, Pdf, StringComparison.OrdinalIgnoreCase);

    private static Failure? CheckMediaType(string mediaType)
    {
        ArgumentNullException.ThrowIfNull(mediaType);
        return IsPdf(mediaType) || ImageTypes.Contains(mediaType)
            ? null
            : ReaderFailures.Unsupported("Only JPEG, PNG, TIFF, WebP, BMP, GIF images and PDF documents can be read.");
    }

    private async Task<Outcome<GrayImage>> LoadImageAsync(ReadOnlyMemory<byte> file, string mediaType, CancellationToken cancellationToken)
    {
        if (!IsPdf(mediaType))
        {
            return Decode(file.Span);
        }

        var pages = await _pdf.RenderAsync(file, 1, cancellationToken).ConfigureAwait(false);
        return pages.Count == 0 ? ReaderFailures.Unsupported("The PDF cannot be rendered.") : Decode(pages[0]);
    }

    private Outcome<GrayImage> Decode(ReadOnlySpan<byte> file)
    {
        if (GrayImage.ReadSize(file) is not { } size)
        {
            return ReaderFailures.Unsupported("The file cannot be decoded as an image.");
        }

        if ((long)size.Width * size.Height > _options.MaxPixels)
        {
            return ReaderFailures.Unsupported("The image has more pixels than the reader accepts.");
        }

        var image = GrayImage.Decode(file);
        return image is null ? ReaderFailures.Unsupported("The file cannot be decoded as an image.") : image;
    }
}
