using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Verification.Core.Documents;
using Verification.Core.Documents.Files;
using Verification.Core.Documents.Status;
using Verification.Core.ServiceAccounts;
using Verification.Core.Protection;
using Verification.Core.Reading;
using Verification.Core.Stores;
using Verification.Core.Verifications;

namespace Verification.Core.Submissions;

/// <summary>The answer to a submission: what was found and, when saved, where.</summary>
public sealed record AnalysisResult
{
    /// <summary>The verification it joined (saved submissions only).</summary>
    public string? VerificationId { get; init; }

    /// <summary>The stored analysis (saved submissions only).</summary>
    public string? AnalysisId { get; init; }

    /// <summary>One of <see cref="DocumentTypes"/>.</summary>
    public required string DocumentType { get; init; }

    /// <summary>The fields read.</summary>
    public required ExtractedFields Fields { get; init; }

    /// <summary>Every control applied.</summary>
    public required IReadOnlyList<ControlResult> Controls { get; init; }

    /// <summary>The status they add up to.</summary>
    public required AnalysisStatus Status { get; init; }
}

/// <summary>
/// Analyses a submitted document: inspects the files, reads them (MRZ from the device, or the registered
/// <see cref="IDocumentReader"/> for images and PDFs), runs the checks and, when asked, saves the analysis into
/// the verification of its correlation id, with the files in the blob store. A refused submission stores nothing.
/// </summary>
public sealed partial class DocumentAnalysisService
{

    private readonly IVerificationStore _store;
    private readonly VerificationManager _verifications;
    private readonly IBlobStore _blobs;
    private readonly VerificationProtector _protector;
    private readonly IDocumentReader? _reader;
    private readonly IFaceComparer? _faces;
    private readonly IServiceUserStore? _serviceUsers;
    private readonly TimeProvider _timeProvider;
    private readonly VerificationOptions _options;
    private readonly DocumentCheckOptions _checkOptions;
    private readonly ILogger<DocumentAnalysisService> _logger;

    /// <summary>
    /// Creates the service; <paramref name="reader"/> is optional (without one, images are stored for manual review),
    /// <paramref name="serviceUsers"/> is needed only for <see cref="CorrelationIdScope.SourceSystem"/>, and
    /// <paramref name="faces"/> only to compare selfies (without one, a selfie is stored for an analyst to compare).
    /// Saving goes through <paramref name="verifications"/>, the only writer of verifications.
    /// </summary>
    public DocumentAnalysisService(
        IVerificationStore store,
        VerificationManager verifications,
        IBlobStore blobs,
        VerificationProtector protector,
        IOptions<VerificationOptions> options,
        TimeProvider timeProvider,
        ILogger<DocumentAnalysisService> logger,
        IDocumentReader? reader = null,
        IServiceUserStore? serviceUsers = null,
        IFaceComparer? faces = null,
        IOptions<DocumentCheckOptions>? checkOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _verifications = verifications;
        _blobs = blobs;
        _protector = protector;
        _reader = reader;
        _serviceUsers = serviceUsers;
        _faces = faces;
        _timeProvider = timeProvider;
        _logger = logger;
        _options = options.Value;
        // The host's check options, with the file limit of the API's limits (one setting for one rule).
        _checkOptions = (checkOptions?.Value ?? DocumentCheckOptions.Default) with { MaxFileBytes = _options.Limits.MaxFileBytes };
    }

    /// <summary>The options the checks run with: the host's <see cref="DocumentCheckOptions"/>, the file limit from <see cref="VerificationOptions.Limits"/>.</summary>
    public DocumentCheckOptions CheckOptions => _checkOptions;

    /// <summary>Analyses <paramref name="submission"/> and saves it when asked.</summary>
    public async ValueTask<Outcome<AnalysisResult>> AnalyzeAsync(DocumentSubmission submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        using var activity = VerificationTelemetry.Source.StartActivity("verification.analyze");
        activity?.SetTag(VerificationTelemetry.KindTag, System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(submission.Kind.ToString()));
        var outcome = await AnalyzeCoreAsync(submission, cancellationToken).ConfigureAwait(false);
        if (activity is not null)
        {
            if (outcome.TryGetValue(out var result, out var failure))
            {
                activity.SetTag(VerificationTelemetry.StatusTag, result.Status.ToString());
            }
            else
            {
                activity.SetTag("error.type", failure.Code);
                activity.SetStatus(System.Diagnostics.ActivityStatusCode.Error, failure.Code);
            }
        }

        return outcome;
    }

    private async ValueTask<Outcome<AnalysisResult>> AnalyzeCoreAsync(DocumentSubmission submission, CancellationToken cancellationToken)
    {
        var shape = CheckShape(submission);
        if (shape is not null)
        {
            return shape;
        }

        // Refused before any reading: an archived verification, or one the sender may not write into, takes nothing.
        VerificationFolder? target = null;
        if (submission.Save && submission.CorrelationId is not null)
        {
            target = await _store.FindByIdAsync(submission.Source.TenantId, submission.CorrelationId, cancellationToken).ConfigureAwait(false);
            if (target is not null && await CannotJoinAsync(target, submission, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }
        }

        var inspections = new List<FileInspection>(submission.Files.Count);
        foreach (var file in submission.Files)
        {
            var inspected = FileInspector.Inspect(file.Data.Span, file.DeclaredMediaType, _checkOptions);
            if (!inspected.TryGetValue(out var inspection, out var failure))
            {
                return failure;
            }

            inspections.Add(inspection);
        }

        FileInspection? selfieInspection = null;
        if (submission.Selfie is { } selfie)
        {
            var inspected = FileInspector.Inspect(selfie.Data.Span, selfie.DeclaredMediaType, _checkOptions);
            if (!inspected.TryGetValue(out selfieInspection, out var failure))
            {
                return failure;
            }

            if (!IsPicture(selfieInspection))
            {
                return SubmissionFailures.SelfieNotAPicture;
            }
        }

        if (submission.Kind == SubmissionKind.Selfie && !IsPicture(inspections[0]))
        {
            return SubmissionFailures.SelfieNotAPicture;
        }

        var fileControls = inspections.SelectMany(i => i.Controls).ToList();
        var checkedDocument = await CheckAsync(submission, inspections, fileControls, cancellationToken).ConfigureAwait(false);
        if (!checkedDocument.TryGetValue(out var result, out var checkFailure))
        {
            return checkFailure;
        }

        // The files to store, each with its role: the documents as sent, the selfie and the portrait crops under
        // names no client file can take (FaceFiles), so later comparisons find them.
        var files = new List<FileToStore>(submission.Files.Count + 2);
        var documents = new List<(SubmittedFile File, FileInspection Inspection)>();
        (SubmittedFile File, FileInspection Inspection)? selfiePicture = null;
        if (submission.Kind == SubmissionKind.Selfie)
        {
            selfiePicture = (submission.Files[0], inspections[0]);
            files.Add(new FileToStore(submission.Files[0], inspections[0], FaceFiles.Selfie));
        }
        else
        {
            for (var i = 0; i < submission.Files.Count; i++)
            {
                files.Add(new FileToStore(submission.Files[i], inspections[i], null));
                if (submission.Kind == SubmissionKind.Identity && IsPicture(inspections[i]))
                {
                    documents.Add((submission.Files[i], inspections[i]));
                }
            }

            if (submission.Selfie is { } picture && selfieInspection is not null)
            {
                selfiePicture = (picture, selfieInspection);
                files.Add(new FileToStore(picture, selfieInspection, FaceFiles.Selfie));
            }
        }

        var faces = await CompareFacesAsync(submission, target, documents, selfiePicture, cancellationToken).ConfigureAwait(false);
        if (faces.Report.Controls.Count > 0)
        {
            result = result with
            {
                Controls = [.. result.Controls, .. faces.Report.Controls],
                Status = StatusRule.Combine(result.Status, faces.Report.Controls),
            };
        }

        if (submission.Kind == SubmissionKind.Selfie && !faces.Report.Controls.Any(c => c.Code == ControlCodes.FaceMatch && c.Result != ControlOutcome.NotApplicable))
        {
            // A selfie compared with nothing yet concludes nothing: a person looks, or a document sent later compares.
            result = result with { Status = result.Status == AnalysisStatus.Conform ? AnalysisStatus.ToVerify : result.Status };
        }

        foreach (var crop in faces.Report.Portraits)
        {
            if (FileInspector.Inspect(crop.Png.Span, "image/png", _checkOptions).TryGetValue(out var cropInspection, out _))
            {
                files.Add(new FileToStore(new SubmittedFile(crop.Png, "image/png"), cropInspection, FaceFiles.Portrait));
            }
        }

        return submission.Save
            ? await SaveAsync(submission, files, result, faces.ComparedWithEarlier, cancellationToken).ConfigureAwait(false)
            : result;
    }

    /// <summary>The display name the selfie is stored under, among the analysis' files.</summary>
    public const string SelfieDisplayName = FaceFiles.Selfie;

    /// <summary>The display name a portrait crop is stored under, among the analysis' files.</summary>
    public const string PortraitDisplayName = FaceFiles.Portrait;

    /// <summary>The most earlier pictures a comparison describes again (the latest ones), to bound its cost.</summary>
    public const int MaxEarlierFaces = 6;

    private static bool IsPicture(FileInspection inspection) => inspection.MediaType.StartsWith("image/", StringComparison.Ordinal);

    /// <summary>
    /// The <c>face.*</c> controls: the selfie against the portraits, and every face of the verification against the
    /// others (those of earlier submissions are described again from their stored, encrypted pictures: no descriptor
    /// is stored). Runs when there is something to compare: a selfie, two document pictures, or faces stored earlier.
    /// </summary>
    private async ValueTask<(FaceReport Report, bool ComparedWithEarlier)> CompareFacesAsync(
        DocumentSubmission submission,
        VerificationFolder? target,
        List<(SubmittedFile File, FileInspection Inspection)> documents,
        (SubmittedFile File, FileInspection Inspection)? selfie,
        CancellationToken cancellationToken)
    {
        if (_faces is null || !_faces.Availability.IsAvailable)
        {
            if (selfie is null)
            {
                return (FaceReport.Empty, false);
            }

            var why = _faces is null ? "No face comparer is configured" : $"Face comparison is unavailable ({_faces.Availability.Detail})";
            return (new FaceReport([new ControlResult(ControlCodes.FaceMatch, ControlCategories.HolderMatch, ControlOutcome.NotApplicable, why + ": the selfie is kept for an analyst to compare.")], []), false);
        }

        // Faces of earlier submissions are compared only with a submission that joins the verification.
        var earlier = submission.Save && target is not null && (selfie is not null || documents.Count > 0)
            ? await EarlierFacesAsync(target, cancellationToken).ConfigureAwait(false)
            : [];
        if (selfie is null && earlier.Count == 0 && documents.Count < 2)
        {
            return (FaceReport.Empty, false);
        }

        var request = new FaceRequest
        {
            Documents = [.. documents.Select(d => new FacePicture(d.File.Data, d.Inspection.MediaType))],
            Selfie = selfie is { } s ? new FacePicture(s.File.Data, s.Inspection.MediaType) : null,
            Earlier = earlier,
        };
        return (await _faces.CompareAsync(request, cancellationToken).ConfigureAwait(false), earlier.Count > 0);
    }

    /// <summary>
    /// The pictures with a face that the verification's earlier analyses stored: selfies, portrait crops, and the
    /// document pictures of identity analyses that have no crop. The latest <see cref="MaxEarlierFaces"/>.
    /// </summary>
    private async ValueTask<List<EarlierFace>> EarlierFacesAsync(VerificationFolder folder, CancellationToken cancellationToken)
    {
        var candidates = new List<(EarlierFaceKind Kind, string Label, DocumentFile File)>();
        foreach (var analysis in folder.Analyses.OrderBy(a => a.CreatedAt).ThenBy(a => a.Id, StringComparer.Ordinal))
        {
            var hasCrop = analysis.Files.Any(FaceFiles.IsPortrait);
            var documentNumber = 0;
            foreach (var file in analysis.Files)
            {
                if (FaceFiles.IsSelfie(file))
                {
                    candidates.Add((EarlierFaceKind.Selfie, $"the selfie of analysis {analysis.Id}", file));
                }
                else if (FaceFiles.IsPortrait(file))
                {
                    candidates.Add((EarlierFaceKind.PortraitCrop, $"the portrait of analysis {analysis.Id}", file));
                }
                else if (!hasCrop && IsIdentityAnalysis(analysis) && file.MediaType.StartsWith("image/", StringComparison.Ordinal))
                {
                    documentNumber++;
                    candidates.Add((EarlierFaceKind.Document, $"document {documentNumber} of analysis {analysis.Id}", file));
                }
            }
        }

        var reader = new VerificationFileReader(_blobs, _protector);
        var faces = new List<EarlierFace>();
        foreach (var (kind, label, file) in candidates.TakeLast(MaxEarlierFaces))
        {
            if (await reader.ReadAsync(folder, file, cancellationToken).ConfigureAwait(false) is { } bytes)
            {
                faces.Add(new EarlierFace(kind, label, new FacePicture(bytes, file.MediaType)));
            }
        }

        return faces;
    }

    private static bool IsIdentityAnalysis(Analysis analysis) =>
        DocumentTypes.IsIdentity(analysis.DocumentType)
        || (analysis.DocumentType == DocumentTypes.Unknown && (analysis.DocumentCategory is null || DocumentCategories.KindOf(analysis.DocumentCategory) == SubmissionKind.Identity));

    private Failure? CheckShape(DocumentSubmission submission)
    {
        if (submission.Selfie is not null && submission.Kind != SubmissionKind.Identity)
        {
            return SubmissionFailures.SelfieNotExpected;
        }

        var files = submission.Files.Count + (submission.Selfie is null ? 0 : 1);
        if (files > _options.Limits.MaxFilesPerRequest)
        {
            return Failure.TooLarge(SubmissionErrors.RequestTooLarge, $"At most {_options.Limits.MaxFilesPerRequest} files per request.");
        }

        // The same rules as the API's headers, whatever the channel (the back office calls this too).
        if (submission.CorrelationId is not null && !CorrelationId.IsValid(submission.CorrelationId))
        {
            return CorrelationId.Validate(submission.CorrelationId).Failure;
        }

        if (submission.Department is not null && Department.Validate(submission.Department) is { IsSuccess: false } department)
        {
            return department.Failure;
        }

        if (submission.Source.SourceTag is { } tag && (tag.Length is 0 or > SubmissionLimits.MaxSourceTagLength || !PrintableText.IsPrintable(tag)))
        {
            return SubmissionFailures.SourceTagInvalid;
        }

        if (submission.DocumentCategory is { Length: > SubmissionLimits.MaxCategoryLength })
        {
            return SubmissionFailures.DocumentCategoryInvalid;
        }

        return submission.Kind switch
        {
            SubmissionKind.Mrz when string.IsNullOrWhiteSpace(submission.MrzText) => Failure.Invalid(SubmissionErrors.RequestMissingField, "'mrz' is required: the lines of the machine-readable zone, separated by \\n."),
            SubmissionKind.Mrz when submission.MrzText!.Length > SubmissionLimits.MaxMrzLength => Failure.Invalid(SubmissionErrors.MrzTooLong, $"An MRZ has at most {SubmissionLimits.MaxMrzLength} characters."),
            SubmissionKind.Identity when files == 0 => Failure.Invalid(SubmissionErrors.RequestMissingField, "'files' needs at least one file."),
            SubmissionKind.BankDetails or SubmissionKind.ManualReview or SubmissionKind.Selfie when files != 1 => Failure.Invalid(SubmissionErrors.RequestMissingField, "Exactly one file is expected."),
            _ => null,
        };
    }

    private async ValueTask<Outcome<AnalysisResult>> CheckAsync(
        DocumentSubmission submission, List<FileInspection> inspections, List<ControlResult> fileControls, CancellationToken cancellationToken)
    {
        switch (submission.Kind)
        {
            case SubmissionKind.Mrz:
                return FromIdentity(new IdentityDocumentChecker(_timeProvider, _checkOptions).Check(submission.MrzText, submission.UserInput, fileControls));

            case SubmissionKind.Identity:
            {
                if (_reader is null)
                {
                    return NotRead(DocumentTypes.Unknown, fileControls, ControlCodes.MrzPresent, "No document reader is configured: the image is kept for an analyst to read.");
                }

                if (!_reader.Availability.IsAvailable)
                {
                    return ReaderFailures.Unavailable(_reader.Availability.Detail);
                }

                var decoded = 0;
                for (var i = 0; i < submission.Files.Count; i++)
                {
                    var read = await _reader.ReadIdentityAsync(submission.Files[i].Data, inspections[i].MediaType, cancellationToken).ConfigureAwait(false);
                    if (!read.TryGetValue(out var reading, out var failure))
                    {
                        // A file the engine cannot decode is unreadable, not a refused request: it is kept for an analyst.
                        if (failure.Code == ReaderFailures.UnsupportedCode)
                        {
                            continue;
                        }

                        return failure;
                    }

                    decoded++;
                    if (reading.MrzText is not null)
                    {
                        var evidence = new MrzReadingEvidence { CharacterConfidence = reading.CharacterConfidence };
                        return FromIdentity(new IdentityDocumentChecker(_timeProvider, _checkOptions).Check(reading.MrzText, submission.UserInput, fileControls, DocumentReading.Read, evidence));
                    }
                }

                return decoded == 0
                    ? NotRead(DocumentTypes.Unknown, fileControls, ControlCodes.MrzPresent, "The image could not be decoded; it is kept for an analyst to look at.")
                    : FromIdentity(new IdentityDocumentChecker(_timeProvider, _checkOptions).Check(null, submission.UserInput, fileControls, DocumentReading.MissingMrz));
            }

            case SubmissionKind.BankDetails:
            {
                if (_reader is null)
                {
                    return NotRead(DocumentTypes.BankDetails, fileControls, "bank.details_present", "No document reader is configured: the sheet is kept for an analyst to read.");
                }

                if (!_reader.Availability.IsAvailable)
                {
                    return ReaderFailures.Unavailable(_reader.Availability.Detail);
                }

                var read = await _reader.ReadBankDetailsAsync(submission.Files[0].Data, inspections[0].MediaType, cancellationToken).ConfigureAwait(false);
                if (!read.TryGetValue(out var reading, out var failure))
                {
                    return failure.Code == ReaderFailures.UnsupportedCode
                        ? NotRead(DocumentTypes.BankDetails, fileControls, "bank.details_present", "The file could not be decoded; it is kept for an analyst to look at.")
                        : failure;
                }

                var bank = new BankDetailsChecker(_checkOptions).Check(
                    new BankDetailsInput(reading.Iban, reading.Bic, reading.HolderName, reading.BankName) { IbanOrigin = reading.IbanOrigin }, submission.UserInput, fileControls, reading.Reading);
                return new AnalysisResult { DocumentType = bank.DocumentType, Fields = bank.Fields, Controls = bank.Controls, Status = bank.Status };
            }

            case SubmissionKind.Selfie:
                // The selfie's own file controls; the face controls join it (CompareFacesAsync).
                return new AnalysisResult
                {
                    DocumentType = DocumentTypes.Selfie,
                    Fields = ExtractedFields.Empty,
                    Controls = fileControls,
                    Status = StatusRule.Derive(DocumentReading.Read, fileControls),
                };

            default:
                return new AnalysisResult
                {
                    DocumentType = DocumentTypes.Unknown,
                    Fields = ExtractedFields.Empty,
                    Controls = fileControls,
                    Status = AnalysisStatus.ToVerify,
                };
        }
    }

    private static AnalysisResult FromIdentity(IdentityCheckResult identity) => new()
    {
        DocumentType = identity.DocumentType,
        Fields = identity.Fields,
        Controls = identity.Controls,
        Status = identity.Status,
    };

    private static AnalysisResult NotRead(string documentType, List<ControlResult> fileControls, string code, string detail)
    {
        var controls = new List<ControlResult>(fileControls) { new(code, ControlCategories.Readability, ControlOutcome.Failed, detail) };
        return new AnalysisResult
        {
            DocumentType = documentType,
            Fields = ExtractedFields.Empty,
            Controls = controls,
            Status = StatusRule.Derive(DocumentReading.Unreadable, controls),
        };
    }

    private async ValueTask<Outcome<AnalysisResult>> SaveAsync(
        DocumentSubmission submission, List<FileToStore> files, AnalysisResult result, bool comparedWithEarlierFaces, CancellationToken cancellationToken)
    {
        var tenantId = submission.Source.TenantId;
        var stored = new List<StoredFile>();
        var committed = false;
        try
        {
            // Files are encrypted before they reach the blob store, each under its own key; the key is wrapped
            // under the data key of whichever verification the analysis ends up joining.
            for (var i = 0; i < files.Count; i++)
            {
                var (file, inspection, role) = files[i];
                var sha256 = Convert.ToHexStringLower(SHA256.HashData(file.Data.Span));
                var fileId = Identifiers.NewUlid(_timeProvider);
                var sealedFile = VerificationProtector.SealFile(fileId, file.Data.Span);
                var stream = new ReadOnlyMemoryStream(sealedFile.Content);
                await using (stream.ConfigureAwait(false))
                {
                    stored.Add(new StoredFile(fileId, sealedFile.FileKey, await _blobs.PutAsync(stream, cancellationToken).ConfigureAwait(false), file, inspection, sha256, role));
                }
            }

            var joined = await _verifications.JoinAsync(
                new VerificationJoin
                {
                    TenantId = tenantId,
                    CorrelationId = submission.CorrelationId,
                    Department = submission.Department,
                    Actor = submission.Source.Actor,
                    CreateAnalysis = folder => NewAnalysis(submission, folder, result, stored),
                    Admit = (folder, ct) => CannotJoinAsync(folder, submission, ct),
                },
                cancellationToken).ConfigureAwait(false);
            if (!joined.TryGetValue(out var saved, out var failure))
            {
                return failure;
            }

            committed = true;
            var (savedFolder, analysis) = saved;
            LogSaved(_logger, analysis.Id, savedFolder.Id, analysis.StatusCode);
            return new AnalysisResult
            {
                VerificationId = savedFolder.VerificationId,
                AnalysisId = analysis.Id,
                DocumentType = analysis.DocumentType,
                Fields = analysis.Fields,
                Controls = submission.SenderReadsAttributes ? analysis.Controls
                    : comparedWithEarlierFaces ? FaceFiles.Withheld(IdentityConsistency.Withheld(analysis.Controls))
                    : IdentityConsistency.Withheld(analysis.Controls),
                Status = analysis.Status,
            };
        }
        finally
        {
            if (!committed)
            {
                foreach (var file in stored)
                {
                    await _blobs.DeleteAsync(file.Key, CancellationToken.None).ConfigureAwait(false);
                }
            }

            foreach (var file in stored)
            {
                CryptographicOperations.ZeroMemory(file.FileKey);
            }
        }
    }

    /// <summary>Why <paramref name="submission"/> may not join <paramref name="folder"/>, or <see langword="null"/> when it may.</summary>
    private async ValueTask<Failure?> CannotJoinAsync(VerificationFolder folder, DocumentSubmission submission, CancellationToken cancellationToken)
    {
        if (submission.WritableDepartments is { } writable && (folder.Department is null || !writable.Contains(folder.Department, StringComparer.Ordinal)))
        {
            return SubmissionFailures.DepartmentNotAllowed;
        }

        if (folder.ArchivedAt is not null)
        {
            return SubmissionFailures.VerificationArchived;
        }

        if (_options.CorrelationIdScope == CorrelationIdScope.SourceSystem && submission.Source.ServiceUserId is not null)
        {
            foreach (var serviceUserId in folder.Analyses.Select(a => a.ServiceUserId).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                if (string.Equals(serviceUserId, submission.Source.ServiceUserId, StringComparison.Ordinal))
                {
                    continue;
                }

                var other = _serviceUsers is null ? null : await _serviceUsers.FindByIdAsync(folder.TenantId, serviceUserId, cancellationToken).ConfigureAwait(false);
                if (other is null || !string.Equals(other.SourceSystem, submission.Source.SourceSystem, StringComparison.Ordinal))
                {
                    return SubmissionFailures.CorrelationIdTaken;
                }
            }
        }

        return null;
    }

    private Analysis NewAnalysis(DocumentSubmission submission, VerificationFolder folder, AnalysisResult result, List<StoredFile> stored)
    {
        var now = _timeProvider.GetUtcNow();
        var id = Identifiers.NewUlid(now);
        var analysis = new Analysis
        {
            Id = id,
            TenantId = folder.TenantId,
            FolderId = folder.Id,
            DocumentType = result.DocumentType,
            DocumentCategory = submission.DocumentCategory,
            StatusCode = result.Status.Code,
            Fields = result.Fields,
            Controls = [.. result.Controls],
            Channel = submission.Source.Channel,
            ServiceUserId = submission.Source.ServiceUserId,
            TokenId = submission.Source.TokenId,
            SourceTag = submission.Source.SourceTag,
            Department = submission.Department,
            CreatedAt = now,
            Files = stored.Select(s => new DocumentFile
            {
                Id = s.FileId,
                AnalysisId = id,
                MediaType = s.Inspection.MediaType,
                Length = s.File.Data.Length,
                Sha256 = s.Sha256,
                BlobKey = s.Key,
                DisplayName = s.Role ?? DisplayName(s.File.DisplayName),
                Width = s.Inspection.Width,
                Height = s.Inspection.Height,
                CreatedAt = now,
            }).ToList(),
        };
        for (var i = 0; i < stored.Count; i++)
        {
            _protector.AttachFileKey(folder, analysis.Files[i], stored[i].FileKey);
        }

        return analysis;
    }

    private sealed record StoredFile(string FileId, byte[] FileKey, string Key, SubmittedFile File, FileInspection Inspection, string Sha256, string? Role);

    /// <summary>A file to store, with its face role (<see cref="FaceFiles"/>) when it has one.</summary>
    private sealed record FileToStore(SubmittedFile File, FileInspection Inspection, string? Role);

    /// <summary>Keeps a client file name for display only: no path, no control characters, bounded length.</summary>
    private static string? DisplayName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var leaf = name.Replace('\\', '/').Split('/').Last();
        var clean = new string(leaf.Where(c => !char.IsControl(c)).ToArray()).Trim();
        clean = clean.Length <= 255 ? clean : clean[..255];

        // The face roles' names are the product's own: a client file called "selfie" is not taken for one.
        return clean.Length == 0 ? null : FaceFiles.IsReserved(clean) ? "file-" + clean : clean;
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Saved analysis {AnalysisId} in verification {FolderId} with status {Status}")]
    private static partial void LogSaved(ILogger logger, string analysisId, string folderId, string status);

    /// <summary>A read-only stream over memory, so files are not copied to be stored.</summary>
    private sealed class ReadOnlyMemoryStream(ReadOnlyMemory<byte> memory) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => memory.Length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(buffer.Length, memory.Length - _position);
            memory.Span.Slice(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
