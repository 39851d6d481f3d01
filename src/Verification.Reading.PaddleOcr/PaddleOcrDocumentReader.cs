using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Verification.Core;
using Verification.Core.Documents.Banking;
using Verification.Core.Documents.Mrz;
using Verification.Core.Reading;
using Verification.Reading.PaddleOcr.Imaging;
using Verification.Reading.PaddleOcr.Mrz;
using Verification.Reading.PaddleOcr.Text;

namespace Verification.Reading.PaddleOcr;

/// <summary>
/// Reads the machine-readable zone of identity documents in photos and scans with the PaddleOCR PP-OCRv4 text
/// detector and recogniser run by ONNX Runtime, models loaded once per process. What it adds over a page OCR:
/// EXIF orientation; zones in any rotation (each line's own axis gives its direction); small and large photos
/// (decoded at a working size, detected at two scales, each line resampled from the full photo); lines split by
/// the detector joined again; the zone decoded column by column under its layout's grammar with a confidence per
/// character; fillers told from look-alike letters by comparing shapes with the document's own fillers; check
/// digits repaired with the change the recogniser finds most likely.
/// <para>
/// It wraps a fall-back reader (whatever <see cref="IDocumentReader"/> was registered before it, such as the
/// Tesseract reader): PDFs and TIFF files go to the fall-back, and so does a photo whose zone or IBAN this reader
/// cannot settle; the better of the two readings is answered. Without its models it answers
/// through the fall-back alone and says so in <see cref="Availability"/>. Thread-safe.
/// </para>
/// </summary>
public sealed class PaddleOcrDocumentReader : IDocumentReader, IDisposable
{
    private static readonly HashSet<string> PhotoTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/jpeg", "image/jpg", "image/png", "image/webp", "image/bmp", "image/gif",
    };

    private readonly PaddleOcrReaderOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly IDocumentReader? _fallback;
    private readonly Lazy<(PaddleOcrModels? Models, string Detail)> _models;
    private readonly SemaphoreSlim _turns;
    private int _waiting;

    /// <summary>Creates a reader; models load on <see cref="WarmUp"/> or on the first read.</summary>
    /// <param name="options">The options.</param>
    /// <param name="timeProvider">The clock for budgets and timings.</param>
    /// <param name="fallback">The reader for what this one does not read or cannot settle; may be <see langword="null"/>.</param>
    /// <param name="logger">The logger.</param>
    public PaddleOcrDocumentReader(IOptions<PaddleOcrReaderOptions> options, TimeProvider timeProvider, IDocumentReader? fallback = null, ILogger<PaddleOcrDocumentReader>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options.Value;
        _timeProvider = timeProvider;
        _fallback = fallback;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _turns = new SemaphoreSlim(_options.MaxConcurrentReads, _options.MaxConcurrentReads);
        _models = new Lazy<(PaddleOcrModels?, string)>(Load, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <inheritdoc />
    public ReaderAvailability Availability
    {
        get
        {
            var (models, detail) = _models.Value;
            if (models is not null)
            {
                return new ReaderAvailability(true, _fallback is { Availability.IsAvailable: true } ? $"{detail}; fall-back available" : detail);
            }

            return _fallback is { Availability.IsAvailable: true }
                ? new ReaderAvailability(true, $"PaddleOCR unavailable ({detail}); reading through the fall-back only")
                : new ReaderAvailability(false, detail);
        }
    }

    /// <summary>Loads the models now, so that no request pays for it.</summary>
    public void WarmUp()
    {
        var (models, detail) = _models.Value;
        if (models is null)
        {
            PaddleOcrReaderLog.Unavailable(_logger, detail);
        }
        else
        {
            PaddleOcrReaderLog.Ready(_logger, detail);
        }
    }

    /// <inheritdoc />
    public async ValueTask<Outcome<IdentityReading>> ReadIdentityAsync(ReadOnlyMemory<byte> file, string mediaType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mediaType);
        var models = _models.Value.Models;
        if (models is null || !PhotoTypes.Contains(mediaType))
        {
            return _fallback is not null
                ? await _fallback.ReadIdentityAsync(file, mediaType, cancellationToken).ConfigureAwait(false)
                : models is null ? ReaderFailures.Unavailable(_models.Value.Detail) : ReaderFailures.Unsupported("Only JPEG, PNG, WebP, BMP and GIF photos can be read.");
        }

        var started = _timeProvider.GetTimestamp();
        var photoRead = await ReadPhotoAsync(file, photo => new PhotoZoneReader(models).Read(photo, _timeProvider, _options.SearchBudget, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (!photoRead.TryGetValue(out var done, out var failure))
        {
            return failure;
        }

        var (result, waited) = done;
        // Lines that fail every check digit and were read without confidence are not a zone: text that looked like one.
        var zone = result.Zone is { } found && (found.FailingDigits < found.Layout.Checked.Count || found.MeanConfidence >= 0.75f) ? found : null;
        var tried = result.Tried.ToList();
        var ours = zone is null ? null : ToReading(zone, tried, waited, _timeProvider.GetElapsedTime(started) - waited);
        var usedFallback = false;
        if ((zone is null || zone.FailingDigits > 0) && _fallback is { Availability.IsAvailable: true })
        {
            // The other engine may settle what this one could not: its reading wins only if its digits all hold.
            var other = await WithinBudgetAsync(token => _fallback.ReadIdentityAsync(file, mediaType, token), _options.FallbackBudget, cancellationToken).ConfigureAwait(false);
            if (other is null)
            {
                tried.Add("fall-back out of time");
            }
            else if (other.TryGetValue(out var theirs, out _) && theirs.MrzText is not null
                && MrzParser.Parse(theirs.MrzText, _timeProvider) is { IsSuccess: true } parsed && parsed.Value.AllCheckDigitsValid)
            {
                ours = theirs with { AlternativesTried = [.. tried, .. theirs.AlternativesTried] };
                usedFallback = true;
            }
        }

        var read = _timeProvider.GetElapsedTime(started) - waited;
        PaddleOcrReaderLog.IdentityRead(_logger, ours?.MrzText is not null, zone?.FailingDigits ?? -1, usedFallback, waited.TotalMilliseconds, read.TotalMilliseconds);
        return ours ?? new IdentityReading { AlternativesTried = tried, Timings = new ReadingTimings(waited, read) };
    }

    /// <summary>
    /// The fall-back's reading, or null when it took longer than <paramref name="budget"/> (it is told to stop). A
    /// caller's own cancellation is not a budget running out: it propagates.
    /// </summary>
    private async ValueTask<T?> WithinBudgetAsync<T>(Func<CancellationToken, ValueTask<T>> read, TimeSpan budget, CancellationToken cancellationToken)
        where T : class
    {
        using var timer = new CancellationTokenSource(budget, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            return await read(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Photos are read here: every text line detected and recognised (<see cref="PageReader"/>, which reads small
    /// print in phone photos), then parsed by <see cref="BankDetailsTextParser"/>. When that gives no valid IBAN
    /// and the fall-back can read, the fall-back reads the file too, within
    /// <see cref="PaddleOcrReaderOptions.BankDetailsFallbackBudget"/>, and its reading is kept if it has a valid IBAN.
    /// PDFs and other files go to the fall-back.
    /// </remarks>
    public async ValueTask<Outcome<BankDetailsReading>> ReadBankDetailsAsync(ReadOnlyMemory<byte> file, string mediaType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mediaType);
        var models = _models.Value.Models;
        if (models is null || !PhotoTypes.Contains(mediaType))
        {
            return _fallback is not null
                ? await _fallback.ReadBankDetailsAsync(file, mediaType, cancellationToken).ConfigureAwait(false)
                : models is null
                    ? ReaderFailures.Unavailable($"{_models.Value.Detail}; no other reader for bank-details sheets is configured")
                    : ReaderFailures.Unsupported("Only JPEG, PNG, WebP, BMP and GIF photos can be read without a fall-back reader (add the Tesseract reader for PDFs).");
        }

        var started = _timeProvider.GetTimestamp();
        var photoRead = await ReadPhotoAsync(file, photo => new PageReader(models).Read(photo, _timeProvider, _options.PageBudget, cancellationToken), cancellationToken).ConfigureAwait(false);
        if (!photoRead.TryGetValue(out var done, out var failure))
        {
            return failure;
        }

        var (page, waited) = done;
        var parsed = BankDetailsTextParser.Parse(page.Text);
        var ours = new BankDetailsReading
        {
            Iban = parsed.Iban,
            IbanOrigin = parsed.IbanOrigin,
            IbanCandidates = parsed.IbanCandidates,
            Bic = parsed.Bic,
            BicCandidates = parsed.BicCandidates,
            HolderName = parsed.HolderName,
            BankName = parsed.BankName,
            Text = page.Text,
            Source = "image",
            Timings = new ReadingTimings(waited, _timeProvider.GetElapsedTime(started) - waited),
        };

        var usedFallback = false;
        var fallbackOutOfTime = false;
        if (ours.Iban is null && _fallback is { Availability.IsAvailable: true })
        {
            // The other engine may read what this one could not; its reading wins only with a valid IBAN.
            var other = await WithinBudgetAsync(token => _fallback.ReadBankDetailsAsync(file, mediaType, token), _options.BankDetailsFallbackBudget, cancellationToken).ConfigureAwait(false);
            fallbackOutOfTime = other is null;
            if (other is not null && other.TryGetValue(out var theirs, out _) && theirs.Iban is not null)
            {
                ours = theirs;
                usedFallback = true;
            }
        }

        var read = _timeProvider.GetElapsedTime(started) - waited;
        PaddleOcrReaderLog.BankDetailsRead(_logger, page.Lines, ours.Iban is not null, ours.IbanOrigin, usedFallback, fallbackOutOfTime, page.OutOfTime, waited.TotalMilliseconds, read.TotalMilliseconds);
        return ours with { Timings = new ReadingTimings(waited, read) };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_models.IsValueCreated)
        {
            _models.Value.Models?.Dispose();
        }

        _turns.Dispose();
    }

    /// <summary>
    /// The steps every photo goes through: its header's size checked before decoding, a turn waited for (bounded),
    /// the photo decoded at the working size and read. Answers what was read and how long the turn took to come.
    /// </summary>
    private async ValueTask<Outcome<(T Result, TimeSpan Waited)>> ReadPhotoAsync<T>(ReadOnlyMemory<byte> file, Func<Photo, T> read, CancellationToken cancellationToken)
    {
        if (Photo.ReadSize(file.Span) is not { } size)
        {
            return ReaderFailures.Unsupported("The file cannot be decoded as an image.");
        }

        if ((long)size.Width * size.Height > _options.MaxPixels)
        {
            return ReaderFailures.Unsupported("The image has more pixels than the reader accepts.");
        }

        var started = _timeProvider.GetTimestamp();
        if (await AcquireAsync(cancellationToken).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        var waited = _timeProvider.GetElapsedTime(started);
        try
        {
            var photo = Photo.Decode(file.Span, _options.WorkingSize);
            return photo is null ? ReaderFailures.Unsupported("The file cannot be decoded as an image.") : (read(photo), waited);
        }
        finally
        {
            _turns.Release();
        }
    }

    private static IdentityReading ToReading(ZoneReading zone, List<string> tried, TimeSpan waited, TimeSpan read) => new()
    {
        MrzText = string.Join('\n', zone.Lines),
        Lines = zone.Lines,
        CharacterConfidence = [.. zone.Confidence.Select(line => (IReadOnlyList<float>)[.. line])],
        Alternative = $"paddleocr/{zone.Layout.Format}",
        AlternativesTried = tried,
        Timings = new ReadingTimings(waited, read),
    };

    private async ValueTask<Failure?> AcquireAsync(CancellationToken cancellationToken)
    {
        if (_turns.Wait(0, CancellationToken.None))
        {
            return null;
        }

        if (Interlocked.Increment(ref _waiting) > _options.MaxWaiting)
        {
            Interlocked.Decrement(ref _waiting);
            return ReaderFailures.Busy();
        }

        try
        {
            using var timeout = new CancellationTokenSource(_options.AcquireTimeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                await _turns.WaitAsync(linked.Token).ConfigureAwait(false);
                return null;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return ReaderFailures.Timeout();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    private (PaddleOcrModels?, string) Load()
    {
        var directory = _options.ResolveModelDirectory();
        var missing = PaddleOcrModels.RequiredFiles.Where(f => !File.Exists(Path.Combine(directory, f))).ToList();
        if (missing.Count > 0)
        {
            return (null, $"PaddleOCR model files missing in {directory}: {string.Join(", ", missing)} (run scripts/install.sh)");
        }

        try
        {
            var models = PaddleOcrModels.Load(directory, _options.Threads);
            return (models, $"PaddleOCR PP-OCRv4 on ONNX Runtime, {_options.Threads} thread(s), {_options.MaxConcurrentReads} read(s) at once");
        }
        catch (Exception e) when (e is Microsoft.ML.OnnxRuntime.OnnxRuntimeException or IOException or DllNotFoundException or TypeInitializationException or InvalidOperationException)
        {
            return (null, $"PaddleOCR models could not be loaded: {e.GetType().Name}");
        }
    }
}
