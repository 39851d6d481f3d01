using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Verification.AspNetCore.Authentication;
using Verification.Core;
using Verification.Core.Submissions;
using Verification.Core.Documents;
using Verification.Core.Documents.Files;
using Verification.Core.ServiceAccounts;

namespace Verification.AspNetCore.Http;

/// <summary>The document API: <c>reco/id</c>, <c>reco/bankdetails</c>, <c>reco/mrz</c> and <c>ingest</c>.</summary>
internal static class DocumentEndpoints
{
    private const int MaxMultipartSections = 8;
    private const int MaxMetadataBytes = 16 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/reco/id", (HttpContext http, DocumentAnalysisService service, IOptions<VerificationOptions> options, CancellationToken ct) =>
                RecoAsync(http, SubmissionKind.Identity, service, options.Value, ct))
            .WithName("documents.reco_id").RequireScope(Scopes.DocumentsSubmit).WithTags("Documents");
        api.MapPost("/reco/bankdetails", (HttpContext http, DocumentAnalysisService service, IOptions<VerificationOptions> options, CancellationToken ct) =>
                RecoAsync(http, SubmissionKind.BankDetails, service, options.Value, ct))
            .WithName("documents.reco_bankdetails").RequireScope(Scopes.DocumentsSubmit).WithTags("Documents");
        api.MapPost("/reco/mrz", (HttpContext http, DocumentAnalysisService service, IOptions<VerificationOptions> options, CancellationToken ct) =>
                RecoAsync(http, SubmissionKind.Mrz, service, options.Value, ct))
            .WithName("documents.reco_mrz").RequireScope(Scopes.DocumentsSubmit).WithTags("Documents");
        api.MapPost("/ingest", IngestAsync)
            .WithName("documents.ingest").RequireScope(Scopes.DocumentsSubmit).WithTags("Documents").DisableAntiforgery();
    }

    private static async Task<Results<Ok<RecoResponse>, ProblemHttpResult>> RecoAsync(
        HttpContext http, SubmissionKind kind, DocumentAnalysisService service, VerificationOptions options, CancellationToken ct)
    {
        var principal = ServiceTokenAuthenticationHandler.GetPrincipal(http)!;
        var headers = ReadHeaders(http.Request, options);
        if (!headers.TryGetValue(out var h, out var failure))
        {
            return VerificationProblems.Result(failure, http);
        }

        var body = await JsonBody.ReadAsync<RecoRequest>(http.Request, ApiJson.Options, ct);
        if (!body.TryGetValue(out var request, out failure))
        {
            return VerificationProblems.Result(failure, http);
        }

        if (request.ParamDict is not { } p)
        {
            return VerificationProblems.Result(Failure.Invalid(SubmissionErrors.RequestMissingField, "'paramDict' is required."), http);
        }

        var input = UserInput(p.UserInput);
        if (!input.IsSuccess)
        {
            return VerificationProblems.Result(input.Failure, http);
        }

        var uris = kind switch
        {
            SubmissionKind.Identity => p.Files ?? (p.File is null ? [] : [p.File]),
            SubmissionKind.BankDetails => p.File is not null ? [p.File] : p.Files ?? [],
            _ => [],
        };
        if (uris.Count > options.Limits.MaxFilesPerRequest)
        {
            return VerificationProblems.Result(Failure.TooLarge(SubmissionErrors.RequestTooLarge, $"At most {options.Limits.MaxFilesPerRequest} files per request."), http);
        }

        var files = new List<SubmittedFile>(uris.Count);
        foreach (var uri in uris)
        {
            var decoded = DataUri.Parse(uri, service.CheckOptions.MaxFileBytes);
            if (!decoded.TryGetValue(out var content, out failure))
            {
                return VerificationProblems.Result(failure, http);
            }

            files.Add(new SubmittedFile(content.Data, content.MediaType));
        }

        SubmittedFile? selfie = null;
        if (p.Selfie is not null)
        {
            var decoded = DataUri.Parse(p.Selfie, service.CheckOptions.MaxFileBytes);
            if (!decoded.TryGetValue(out var content, out failure))
            {
                return VerificationProblems.Result(failure, http);
            }

            selfie = new SubmittedFile(content.Data, content.MediaType);
        }

        var result = await service.AnalyzeAsync(new DocumentSubmission
        {
            Kind = kind,
            Files = files,
            Selfie = selfie,
            MrzText = p.Mrz,
            UserInput = input.Value,
            Save = p.Save ?? false,
            CorrelationId = h.CorrelationId,
            Department = h.Department,
            Source = Source(principal, "reco", null),
            SenderReadsAttributes = principal.CanRead(ReadLevel.Attributes),
        }, ct);
        return result.TryGetValue(out var analysis, out failure)
            ? TypedResults.Ok(ApiMapping.Reco(analysis, options.PublicBaseUrl))
            : VerificationProblems.Result(failure, http);
    }

    private static async Task<Results<Created<IngestResponse>, ProblemHttpResult>> IngestAsync(
        HttpContext http, DocumentAnalysisService service, IOptions<VerificationOptions> options, CancellationToken ct)
    {
        var principal = ServiceTokenAuthenticationHandler.GetPrincipal(http)!;
        var limits = options.Value.Limits;
        var headers = ReadHeaders(http.Request, options.Value);
        if (!headers.TryGetValue(out var h, out var failure))
        {
            return VerificationProblems.Result(failure, http);
        }

        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return VerificationProblems.Result(Failure.Unsupported(SubmissionErrors.RequestUnsupportedMediaType, "Send multipart/form-data with a 'file' part and a 'metadata' part."), http);
        }

        byte[]? file = null;
        string? fileName = null, declaredType = null;
        IngestMetadata? metadata = null;
        var metadataSeen = false;
        try
        {
            var reader = new MultipartReader(boundary, http.Request.Body) { HeadersCountLimit = 16, HeadersLengthLimit = 16 * 1024 };
            var sections = 0;
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (++sections > MaxMultipartSections)
                {
                    return VerificationProblems.Result(Failure.Invalid(SubmissionErrors.RequestTooManyParts, $"At most {MaxMultipartSections} parts."), http);
                }

                var disposition = section.GetContentDispositionHeader();
                var name = HeaderUtilities.RemoveQuotes(disposition?.Name ?? default).Value;
                if (name == "file")
                {
                    if (file is not null)
                    {
                        return VerificationProblems.Result(Failure.Invalid(SubmissionErrors.RequestDuplicatePart, "One 'file' part per request."), http);
                    }

                    var read = await ReadLimitedAsync(section.Body, limits.MaxFileBytes, ct);
                    if (!read.TryGetValue(out file, out failure))
                    {
                        return VerificationProblems.Result(failure, http);
                    }

                    fileName = HeaderUtilities.RemoveQuotes(disposition?.FileNameStar.HasValue == true ? disposition.FileNameStar : disposition?.FileName ?? default).Value;
                    declaredType = section.ContentType;
                }
                else if (name == "metadata")
                {
                    // Two metadata parts would let one proxy validate the first while the host used the second.
                    if (metadataSeen)
                    {
                        return VerificationProblems.Result(Failure.Invalid(SubmissionErrors.RequestDuplicatePart, "One 'metadata' part per request."), http);
                    }

                    metadataSeen = true;
                    var read = await ReadLimitedAsync(section.Body, MaxMetadataBytes, ct);
                    if (!read.TryGetValue(out var bytes, out failure))
                    {
                        return VerificationProblems.Result(Failure.Invalid(SubmissionErrors.MetadataInvalid, "The metadata part is larger than 16 KiB."), http);
                    }

                    try
                    {
                        metadata = JsonSerializer.Deserialize<IngestMetadata>(bytes, ApiJson.SnakeCase);
                    }
                    catch (JsonException)
                    {
                        return VerificationProblems.Result(Failure.Invalid(SubmissionErrors.MetadataInvalid, "The metadata part is not valid JSON of the expected shape."), http);
                    }
                }
                else
                {
                    // Unknown parts are drained and ignored.
                    await section.Body.CopyToAsync(Stream.Null, ct);
                }
            }
        }
        catch (InvalidDataException)
        {
            return VerificationProblems.Result(Failure.Invalid(SubmissionErrors.RequestInvalidMultipart, "The multipart body is malformed."), http);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return VerificationProblems.Result(Failure.TooLarge(SubmissionErrors.RequestTooLarge, "The request body is over the limit."), http);
        }
        catch (BadHttpRequestException)
        {
            return VerificationProblems.Result(Failure.Invalid(SubmissionErrors.RequestInvalidMultipart, "The multipart body could not be read as sent."), http);
        }
        catch (IOException) when (!http.RequestAborted.IsCancellationRequested)
        {
            // The reader reports a body that ends before its closing boundary as an IOException.
            return VerificationProblems.Result(Failure.Invalid(SubmissionErrors.RequestInvalidMultipart, "The multipart body ends before its closing boundary."), http);
        }

        if (file is null)
        {
            return VerificationProblems.Result(Failure.Invalid(SubmissionErrors.RequestMissingField, "The 'file' part is required."), http);
        }

        var correlationId = h.CorrelationId;
        if (correlationId is null && metadata?.ExternalId is { } externalId)
        {
            if (!CorrelationId.IsValid(externalId))
            {
                return VerificationProblems.Result(CorrelationId.Validate(externalId).Failure!, http);
            }

            correlationId = externalId;
        }

        var department = h.Department;
        if (department is null && metadata?.Department is { } declared)
        {
            var checkedDepartment = RequestHeaders.ValidateDepartment(declared);
            if (!checkedDepartment.TryGetValue(out department, out failure))
            {
                return VerificationProblems.Result(failure, http);
            }
        }

        var category = metadata?.DocumentCategory;
        if (category is { Length: > SubmissionLimits.MaxCategoryLength })
        {
            return VerificationProblems.Result(Failure.Invalid(SubmissionErrors.MetadataInvalid, $"document_category has at most {SubmissionLimits.MaxCategoryLength} characters."), http);
        }

        if (metadata?.SourceTag is { Length: > 0 } declaredTag && (declaredTag.Length > SubmissionLimits.MaxSourceTagLength || !PrintableText.IsPrintable(declaredTag)))
        {
            return VerificationProblems.Result(SubmissionFailures.SourceTagInvalid, http);
        }

        var sourceTag = metadata?.SourceTag is { Length: > 0 } tag ? tag : principal.SourceSystem;
        var result = await service.AnalyzeAsync(new DocumentSubmission
        {
            Kind = DocumentCategories.KindOf(category),
            Files = [new SubmittedFile(file, declaredType, fileName)],
            Save = true,
            CorrelationId = correlationId,
            Department = department,
            DocumentCategory = category,
            Source = Source(principal, "ingest", sourceTag),
            SenderReadsAttributes = principal.CanRead(ReadLevel.Attributes),
        }, ct);
        if (!result.TryGetValue(out var analysis, out failure))
        {
            return VerificationProblems.Result(failure, http);
        }

        var url = ApiMapping.VerificationUrl(options.Value.PublicBaseUrl, analysis.VerificationId!);
        return TypedResults.Created(url, new IngestResponse(analysis.VerificationId!, url, analysis.AnalysisId!));
    }

    private static SubmissionSource Source(ServiceTokenPrincipal principal, string channel, string? sourceTag) =>
        new(principal.TenantId, channel, principal.Actor, principal.ServiceUserId, principal.TokenId, sourceTag ?? principal.SourceSystem, principal.SourceSystem);

    /// <summary>The headers of <c>docs/api.md</c>, and the body limit (refused before the body is read).</summary>
    private static Outcome<(string? CorrelationId, string? Department)> ReadHeaders(HttpRequest request, VerificationOptions options)
    {
        if (LimitBody(request.HttpContext, options) is { } tooLarge)
        {
            return tooLarge;
        }

        var correlation = RequestHeaders.ReadCorrelationId(request);
        if (!correlation.TryGetValue(out var correlationId, out var failure))
        {
            return failure;
        }

        var department = RequestHeaders.ReadDepartment(request);
        return department.TryGetValue(out var value, out failure) ? (correlationId, value) : failure;
    }

    /// <summary>Refuses a declared body over the limit before reading it, and caps what is read.</summary>
    private static Failure? LimitBody(HttpContext http, VerificationOptions options)
    {
        var max = options.Limits.MaxRequestBytes;
        if (http.Request.ContentLength > max)
        {
            return Failure.TooLarge(SubmissionErrors.RequestTooLarge, $"The request body is over {max} bytes.");
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = max;
        }

        return null;
    }

    /// <summary>
    /// Reads a part of at most <paramref name="limit"/> bytes into memory. Personal data never touches the disk in
    /// clear: the part is read into chunks rented from <see cref="ArrayPool{T}.Shared"/> (so a part of unknown length
    /// is not copied on every growth, as a growing buffer would) and copied once into the array the analysis uses;
    /// the chunks are cleared before they go back to the pool. Over the limit, reading stops at once.
    /// </summary>
    internal static async Task<Outcome<byte[]>> ReadLimitedAsync(Stream body, long limit, CancellationToken ct)
    {
        const int ChunkSize = 81920;
        var chunks = new List<(byte[] Chunk, int Length)>();
        try
        {
            long total = 0;
            while (true)
            {
                var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
                var filled = 0;
                int n;
                while (filled < chunk.Length && (n = await body.ReadAsync(chunk.AsMemory(filled), ct)) > 0)
                {
                    filled += n;
                    if (total + filled > limit)
                    {
                        chunks.Add((chunk, filled));
                        return Failure.TooLarge(SubmissionErrors.FileTooLarge, $"The file is over {limit} bytes.");
                    }
                }

                chunks.Add((chunk, filled));
                total += filled;
                if (filled < chunk.Length)
                {
                    break;
                }
            }

            if (total == 0)
            {
                return Failure.Invalid(SubmissionErrors.FileEmpty, "The file is empty.");
            }

            var bytes = new byte[total];
            var offset = 0;
            foreach (var (chunk, length) in chunks)
            {
                chunk.AsSpan(0, length).CopyTo(bytes.AsSpan(offset));
                offset += length;
            }

            return bytes;
        }
        finally
        {
            foreach (var (chunk, length) in chunks)
            {
                chunk.AsSpan(0, length).Clear();
                ArrayPool<byte>.Shared.Return(chunk);
            }
        }
    }

    private static Outcome<HolderInput?> UserInput(UserInputModel? model)
    {
        if (model is null)
        {
            return (HolderInput?)null;
        }

        if (model.FirstName is { Length: > 200 } || model.LastName is { Length: > 200 })
        {
            return Failure.Invalid(SubmissionErrors.UserInputInvalidName, "A typed name has at most 200 characters.");
        }

        DateOnly? birthDate = null;
        if (!string.IsNullOrEmpty(model.BirthDate))
        {
            if (!DateOnly.TryParseExact(model.BirthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return Failure.Invalid(SubmissionErrors.UserInputInvalidBirthDate, "birthDate is written YYYY-MM-DD.");
            }

            birthDate = parsed;
        }

        return new HolderInput(model.FirstName, model.LastName, birthDate);
    }
}
