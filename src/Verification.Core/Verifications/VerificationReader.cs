using System.Globalization;
using System.Text;
using System.Text.Json;
using Verification.Core.ServiceAccounts;
using Verification.Core.Stores;

namespace Verification.Core.Verifications;

/// <summary>
/// A verification as one reader may see it: its metadata, and only the personal data the reader's level allows.
/// Nothing unredacted is reachable from it, so a host can serialise or map it freely.
/// </summary>
public sealed record VerificationView
{
    /// <summary>The public id.</summary>
    public required string VerificationId { get; init; }

    /// <summary>Whether the id came from the integrator's correlation id.</summary>
    public required bool FromCorrelationId { get; init; }

    /// <summary>The aggregate status.</summary>
    public required string Status { get; init; }

    /// <summary>The department.</summary>
    public string? Department { get; init; }

    /// <summary>Creation.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Last change.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the personal data was erased, if it was.</summary>
    public DateTimeOffset? ArchivedAt { get; init; }

    /// <summary>The analyses, redacted for the reader, in submission order.</summary>
    public required IReadOnlyList<AnalysisView> Analyses { get; init; }

    /// <summary>The history (no personal data).</summary>
    public required IReadOnlyList<VerificationEvent> History { get; init; }

    /// <summary>The certificates of the approvals (no personal data; kept after archiving).</summary>
    public required IReadOnlyList<VerificationCertificate> Certificates { get; init; }
}

/// <summary>An analysis as one reader may see it.</summary>
public sealed record AnalysisView
{
    /// <summary>Id.</summary>
    public required string AnalysisId { get; init; }

    /// <summary>One of <see cref="DocumentTypes"/>.</summary>
    public required string DocumentType { get; init; }

    /// <summary>The declared category.</summary>
    public string? DocumentCategory { get; init; }

    /// <summary>The status.</summary>
    public required AnalysisStatus Status { get; init; }

    /// <summary>How it arrived.</summary>
    public required string Channel { get; init; }

    /// <summary>The source system.</summary>
    public string? SourceTag { get; init; }

    /// <summary>The sender.</summary>
    public string? ServiceUserId { get; init; }

    /// <summary>The department.</summary>
    public string? Department { get; init; }

    /// <summary>Submission.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The decision, if any.</summary>
    public DecisionKind? Decision { get; init; }

    /// <summary>Who decided.</summary>
    public string? DecidedBy { get; init; }

    /// <summary>When.</summary>
    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>The decision's comment.</summary>
    public string? DecisionComment { get; init; }

    /// <summary>The controls (they hold no personal values).</summary>
    public required IReadOnlyList<ControlResult> Controls { get; init; }

    /// <summary>The fields (see <see cref="DocumentFieldNames"/>), with the attributes level, in clear; otherwise <see langword="null"/>.</summary>
    public IReadOnlyDictionary<string, object?>? Fields { get; init; }

    /// <summary>The files; their content with the pictures level, in clear.</summary>
    public required IReadOnlyList<FileView> Files { get; init; }

    /// <summary>
    /// For a reader with an encryption key: a compact JWE of <c>{"fields": {...}, "files": [{"fileId", "content"}]}</c>
    /// (then <see cref="Fields"/> and every content are <see langword="null"/>); otherwise <see langword="null"/>.
    /// </summary>
    public string? EncryptedPersonalData { get; init; }
}

/// <summary>A file as one reader may see it.</summary>
/// <param name="FileId">Id.</param>
/// <param name="MediaType">Media type.</param>
/// <param name="Length">Bytes.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file; <see langword="null"/> once archived.</param>
/// <param name="Width">Pixels.</param>
/// <param name="Height">Pixels.</param>
/// <param name="Content">A data URI of the file, with the pictures level and in clear; otherwise <see langword="null"/>.</param>
public sealed record FileView(string FileId, string MediaType, long Length, string? Sha256, int? Width, int? Height, string? Content);

/// <summary>
/// The read policy of verifications, in one place so that every way of reading (the API, a host's own controller)
/// applies it: what each read level shows (metadata; attributes; pictures), nothing personal once archived, the
/// extraction recorded on every read of personal data (which starts the token's auto-archive delay, see
/// <see cref="VerificationManager.RecordExtractionAsync"/>), and personal data encrypted to the integrator's key
/// when the token has one.
/// </summary>
/// <param name="verifications">The manager, which reads and records the extraction.</param>
/// <param name="files">Decrypts stored files.</param>
public sealed class VerificationReader(VerificationManager verifications, VerificationFileReader files)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Reads a verification for a service token; <c>verification.not_found</c> for an unknown id or another tenant's.</summary>
    public async ValueTask<Outcome<VerificationView>> ReadAsync(ServiceTokenPrincipal reader, string verificationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var folder = await verifications.FindAsync(reader.TenantId, verificationId, cancellationToken).ConfigureAwait(false);
        if (folder is null)
        {
            return StoreFailures.VerificationNotFound;
        }

        var level = reader.ReadLevel;
        if (level >= ReadLevel.Attributes && folder.ArchivedAt is null)
        {
            // Reading personal data is an extraction: recorded with who and when before anything is shown.
            var recorded = await verifications.RecordExtractionAsync(
                reader.TenantId, folder.VerificationId, new VerificationExtraction(reader.Actor, reader.TokenId, level == ReadLevel.Pictures, reader.ArchiveAfterExtract),
                cancellationToken).ConfigureAwait(false);
            if (!recorded.TryGetValue(out var fresh, out var failure))
            {
                return failure;
            }

            folder = fresh;
        }

        var personal = folder.ArchivedAt is null;
        var encryptTo = reader.EncryptionKey;
        var analyses = new List<AnalysisView>(folder.Analyses.Count);
        foreach (var analysis in folder.Analyses)
        {
            var fileViews = new List<FileView>(analysis.Files.Count);
            var contents = new List<EncryptedFile>();
            foreach (var file in analysis.Files)
            {
                string? content = null;
                if (level >= ReadLevel.Pictures && personal && file.BlobKey is not null)
                {
                    content = await DataUriOfAsync(folder, file, cancellationToken).ConfigureAwait(false);
                    if (encryptTo is not null)
                    {
                        contents.Add(new EncryptedFile(file.Id, content));
                        content = null;
                    }
                }

                fileViews.Add(new FileView(file.Id, file.MediaType, file.Length, file.Sha256.Length == 0 ? null : file.Sha256, file.Width, file.Height, content));
            }

            var fields = level >= ReadLevel.Attributes && personal ? DocumentFieldNames.Of(analysis.DocumentType, analysis.Fields) : null;
            string? encrypted = null;
            if (encryptTo is not null && fields is not null)
            {
                // With an integrator key, personal data leaves only inside a JWE to that key: the clear members stay null.
                encrypted = CompactJwe.Encrypt(encryptTo, JsonSerializer.SerializeToUtf8Bytes(new EncryptedPersonalData(fields, contents), Json));
                fields = null;
            }

            analyses.Add(new AnalysisView
            {
                AnalysisId = analysis.Id,
                DocumentType = analysis.DocumentType,
                DocumentCategory = analysis.DocumentCategory,
                Status = analysis.Status,
                Channel = analysis.Channel,
                SourceTag = analysis.SourceTag,
                ServiceUserId = analysis.ServiceUserId,
                Department = analysis.Department,
                CreatedAt = analysis.CreatedAt,
                Decision = analysis.Decision,
                DecidedBy = analysis.DecidedBy,
                DecidedAt = analysis.DecidedAt,
                DecisionComment = analysis.DecisionComment,
                Controls = [.. analysis.Controls],
                Fields = fields,
                Files = fileViews,
                EncryptedPersonalData = encrypted,
            });
        }

        return new VerificationView
        {
            VerificationId = folder.VerificationId,
            FromCorrelationId = folder.FromCorrelationId,
            Status = folder.Status,
            Department = folder.Department,
            CreatedAt = folder.CreatedAt,
            UpdatedAt = folder.UpdatedAt,
            ArchivedAt = folder.ArchivedAt,
            Analyses = analyses,
            History = [.. folder.History],
            Certificates = [.. folder.Certificates],
        };
    }

    private async Task<string?> DataUriOfAsync(VerificationFolder folder, DocumentFile file, CancellationToken cancellationToken)
    {
        var content = await files.ReadAsync(folder, file, cancellationToken).ConfigureAwait(false);
        return content is null
            ? null
            : new StringBuilder("data:").Append(file.MediaType).Append(";base64,").Append(Convert.ToBase64String(content)).ToString();
    }

    /// <summary>The plaintext of <see cref="AnalysisView.EncryptedPersonalData"/>.</summary>
    private sealed record EncryptedPersonalData(IReadOnlyDictionary<string, object?> Fields, IReadOnlyList<EncryptedFile> Files);

    /// <summary>One file's content inside <see cref="EncryptedPersonalData"/>.</summary>
    private sealed record EncryptedFile(string FileId, string? Content);
}

/// <summary>The fields of a document as the API names them (<c>docs/api.md</c>): identity fields, or bank fields.</summary>
public static class DocumentFieldNames
{
    /// <summary>The fields of <paramref name="fields"/> for a document of <paramref name="documentType"/>.</summary>
    public static IReadOnlyDictionary<string, object?> Of(string documentType, ExtractedFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (documentType == DocumentTypes.BankDetails)
        {
            return new Dictionary<string, object?>
            {
                ["iban"] = fields.Iban,
                ["bic"] = fields.Bic,
                ["holderName"] = fields.HolderName,
                ["bankName"] = fields.BankName,
            };
        }

        if (documentType == DocumentTypes.Unknown && fields.LastName is null && fields.DocumentNumber is null)
        {
            return new Dictionary<string, object?>();
        }

        return new Dictionary<string, object?>
        {
            ["documentNumber"] = fields.DocumentNumber,
            ["lastName"] = fields.LastName,
            ["firstName"] = fields.FirstName,
            ["birthDate"] = Date(fields.BirthDate),
            ["expiryDate"] = Date(fields.ExpiryDate),
            ["sex"] = fields.Sex,
            ["nationality"] = fields.Nationality,
            ["issuingCountry"] = fields.IssuingCountry,
            ["mrz"] = fields.Mrz,
        };
    }

    /// <summary>A date as the API writes it, <c>YYYY-MM-DD</c>.</summary>
    public static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
