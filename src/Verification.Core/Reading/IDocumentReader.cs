namespace Verification.Core.Reading;

/// <summary>
/// Reads documents from files (photos, scans, PDFs): the machine-readable zone of an identity document and
/// the bank details of a bank-details sheet. Implemented by an OCR adapter package (for instance
/// <c>Verification.Reading.Tesseract</c>). The reader only reads: checking what was read is the job of
/// <see cref="Documents.IdentityDocumentChecker"/> and <see cref="Documents.BankDetailsChecker"/>.
/// <para>
/// Expected failures are <see cref="Outcome{T}"/> failures: <see cref="ReaderFailures.UnavailableCode"/>
/// when the engine is missing, <see cref="ReaderFailures.TimeoutCode"/> when no engine freed up in time,
/// <see cref="ReaderFailures.BusyCode"/> when too many requests already wait, and
/// <see cref="ReaderFailures.UnsupportedCode"/> for a media type the reader cannot decode.
/// Cancelling <c>cancellationToken</c> throws <see cref="OperationCanceledException"/>.
/// </para>
/// </summary>
public interface IDocumentReader
{
    /// <summary>Whether the reader can read now; hosts report it in their readiness check.</summary>
    ReaderAvailability Availability { get; }

    /// <summary>Finds and reads the machine-readable zone of an identity document.</summary>
    /// <param name="file">The file's bytes.</param>
    /// <param name="mediaType">Its media type (<c>image/jpeg</c>, <c>image/png</c>, <c>image/tiff</c>, <c>image/webp</c>, <c>application/pdf</c>).</param>
    /// <param name="cancellationToken">Cancels the wait and the reading.</param>
    ValueTask<Outcome<IdentityReading>> ReadIdentityAsync(ReadOnlyMemory<byte> file, string mediaType, CancellationToken cancellationToken);

    /// <summary>Reads the text of a bank-details sheet and picks the IBAN, BIC, holder and bank name in it.</summary>
    /// <param name="file">The file's bytes.</param>
    /// <param name="mediaType">Its media type (an image type or <c>application/pdf</c>).</param>
    /// <param name="cancellationToken">Cancels the wait and the reading.</param>
    ValueTask<Outcome<BankDetailsReading>> ReadBankDetailsAsync(ReadOnlyMemory<byte> file, string mediaType, CancellationToken cancellationToken);
}

/// <summary>Whether a reader can read, and why not.</summary>
/// <param name="IsAvailable">Whether reads can succeed.</param>
/// <param name="Detail">Why the reader is unavailable (no personal data), or a short description of the engine.</param>
public sealed record ReaderAvailability(bool IsAvailable, string Detail);

/// <summary>How long a reading took.</summary>
/// <param name="Waited">Time spent waiting for a free engine.</param>
/// <param name="Read">Time spent reading once an engine was free.</param>
public readonly record struct ReadingTimings(TimeSpan Waited, TimeSpan Read);

/// <summary>What was read from an identity document.</summary>
public sealed record IdentityReading
{
    /// <summary>
    /// The zone as read, lines separated by <c>\n</c>, ready for <c>IdentityDocumentChecker.Check</c>;
    /// <see langword="null"/> when no zone was found.
    /// </summary>
    public string? MrzText { get; init; }

    /// <summary>The lines of the zone; empty when none was found.</summary>
    public IReadOnlyList<string> Lines { get; init; } = [];

    /// <summary>
    /// Which alternative gave the zone (such as <c>glyphs</c>, <c>glyphs/binarised</c>,
    /// <c>tesseract/band-x2</c>), or <see langword="null"/> when none did.
    /// </summary>
    public string? Alternative { get; init; }

    /// <summary>The alternatives tried, in order, the successful one last.</summary>
    public IReadOnlyList<string> AlternativesTried { get; init; } = [];

    /// <summary>
    /// Per line of <see cref="Lines"/> and per character, how sure the engine is of what it read, from 0 to 1;
    /// <see langword="null"/> when the engine does not say. The checker uses it to tell a doubtful reading from a
    /// document that contradicts itself (<see cref="Documents.MrzReadingEvidence"/>).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<float>>? CharacterConfidence { get; init; }

    /// <summary>The skew found and corrected, in degrees (positive: counter-clockwise).</summary>
    public double SkewDegrees { get; init; }

    /// <summary>How it went, for the status rule: <see cref="Documents.Status.DocumentReading.Read"/> or <see cref="Documents.Status.DocumentReading.MissingMrz"/>.</summary>
    public Documents.Status.DocumentReading Reading => MrzText is null ? Documents.Status.DocumentReading.MissingMrz : Documents.Status.DocumentReading.Read;

    /// <summary>Time spent.</summary>
    public ReadingTimings Timings { get; init; }
}

/// <summary>What was read from a bank-details sheet. Values are candidates: the IBAN is the first that passes its checks.</summary>
public sealed record BankDetailsReading
{
    /// <summary>The IBAN that passed its checks (normalised: upper case, no spaces), or <see langword="null"/>.</summary>
    public string? Iban { get; init; }

    /// <summary>
    /// How <see cref="Iban"/> was obtained: read as printed, corrected (OCR look-alikes put right under its checks) or
    /// rebuilt from a French RIB table. <see cref="Documents.Banking.IbanOrigin.Read"/> when no IBAN was found.
    /// </summary>
    public Documents.Banking.IbanOrigin IbanOrigin { get; init; }

    /// <summary>Every IBAN-like string found, normalised, the passing one first.</summary>
    public IReadOnlyList<string> IbanCandidates { get; init; } = [];

    /// <summary>The BIC that passed its format check, or <see langword="null"/>.</summary>
    public string? Bic { get; init; }

    /// <summary>Every BIC-like string found near a BIC label, normalised.</summary>
    public IReadOnlyList<string> BicCandidates { get; init; } = [];

    /// <summary>The account holder's name, when a labelled line gives it.</summary>
    public string? HolderName { get; init; }

    /// <summary>The bank's name, when a labelled line gives it.</summary>
    public string? BankName { get; init; }

    /// <summary>The whole text read (personal data: never log it).</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>Where the text came from: <c>pdf-text</c>, <c>pdf-render</c> or <c>image</c>.</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>How it went, for the status rule.</summary>
    public Documents.Status.DocumentReading Reading => string.IsNullOrWhiteSpace(Text) ? Documents.Status.DocumentReading.Unreadable : Documents.Status.DocumentReading.Read;

    /// <summary>Time spent.</summary>
    public ReadingTimings Timings { get; init; }
}

/// <summary>The failures a reader answers.</summary>
public static class ReaderFailures
{
    /// <summary>The OCR engine is not installed or cannot start.</summary>
    public const string UnavailableCode = "reader.unavailable";

    /// <summary>No engine freed up within the configured wait.</summary>
    public const string TimeoutCode = "reader.timeout";

    /// <summary>Too many requests already wait for an engine.</summary>
    public const string BusyCode = "reader.busy";

    /// <summary>The file cannot be decoded as the media type says.</summary>
    public const string UnsupportedCode = "reader.unsupported";

    /// <summary>The engine is missing; kind <see cref="FailureKind.Unavailable"/>.</summary>
    public static Failure Unavailable(string detail) => Failure.Unavailable(UnavailableCode, detail);

    /// <summary>No engine freed up in time; kind <see cref="FailureKind.Unavailable"/>.</summary>
    public static Failure Timeout() => Failure.Unavailable(TimeoutCode, "No reading engine became free in time; retry later.");

    /// <summary>Too many waiting requests; kind <see cref="FailureKind.Unavailable"/>.</summary>
    public static Failure Busy() => Failure.Unavailable(BusyCode, "Too many documents are waiting to be read; retry later.");

    /// <summary>The file cannot be decoded; kind <see cref="FailureKind.Unsupported"/>.</summary>
    public static Failure Unsupported(string detail) => Failure.Unsupported(UnsupportedCode, detail);
}
