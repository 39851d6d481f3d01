using System.Globalization;
using System.Text;
using System.Text.Json;
using Verification.Core.Keys;
using Verification.Core.Stores;

namespace Verification.Core.Verifications;

/// <summary>A verification as one reader may see it: the metadata, and only the personal data its read level allows.</summary>
/// <param name="Folder">
/// The verification's metadata (ids, status, department, dates, history, certificates). Its analyses' fields and files
/// are not redacted: show <see cref="Analyses"/> instead.
/// </param>
/// <param name="Analyses">The analyses, redacted for the reader, in submission order.</param>
public sealed record VerificationView(VerificationFolder Folder, IReadOnlyList<AnalysisView> Analyses);

/// <summary>An analysis as one reader may see it.</summary>
/// <param name="Analysis">The analysis's metadata (ids, type, status, decision, controls); use <see cref="Fields"/> and <see cref="Files"/> for the rest.</param>
/// <param name="Fields">The fields (see <see cref="DocumentFieldNames"/>), with the attributes level, in clear; otherwise <see langword="null"/>.</param>
/// <param name="Files">The files; their content with the pictures level, in clear.</param>
/// <param name="EncryptedPersonalData">
/// For a reader with an encryption key: a compact JWE of <c>{"fields": {...}, "files": [{"fileId", "content"}]}</c>
/// (then <see cref="Fields"/> and every content are <see langword="null"/>); otherwise <see langword="null"/>.
/// </param>
public sealed record AnalysisView(Analysis Analysis, IReadOnlyDictionary<string, object?>? Fields, IReadOnlyList<FileView> Files, string? EncryptedPersonalData);

/// <summary>A file as one reader may see it.</summary>
/// <param name="File">The file's metadata.</param>
/// <param name="Content">A data URI of the file, with the pictures level and in clear; otherwise <see langword="null"/>.</param>
public sealed record FileView(DocumentFile File, string? Content);

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

                fileViews.Add(new FileView(file, content));
            }

            var fields = level >= ReadLevel.Attributes && personal ? DocumentFieldNames.Of(analysis.DocumentType, analysis.Fields) : null;
            string? encrypted = null;
            if (encryptTo is not null && fields is not null)
            {
                // With an integrator key, personal data leaves only inside a JWE to that key: the clear members stay null.
                encrypted = CompactJwe.Encrypt(encryptTo, JsonSerializer.SerializeToUtf8Bytes(new EncryptedPersonalData(fields, contents), Json));
                fields = null;
            }

            analyses.Add(new AnalysisView(analysis, fields, fileViews, encrypted));
        }

        return new VerificationView(folder, analyses);
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
