using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Verification.Core;
using Verification.Core.Submissions;
using Verification.Core.Audit;

namespace ReferenceHost.BackOffice.Pages;

/// <summary>
/// Upload a document from the browser: the same analysis and storage as the API (channel
/// <c>backoffice</c>), then a link to its folder. Also the ready-to-copy cURL examples of the API.
/// </summary>
[RequestSizeLimit(12 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 12 * 1024 * 1024)]
public sealed class UploadModel(DocumentAnalysisService analysis, AuditTrail audit, IOptions<VerificationOptions> options, TimeProvider timeProvider) : PageModel
{
    [BindProperty]
    public IFormFile? Document { get; set; }

    [BindProperty]
    public string Kind { get; set; } = "identity";

    [BindProperty]
    public string? CorrelationId { get; set; }

    [BindProperty]
    public string? Department { get; set; }

    [BindProperty]
    public string? Category { get; set; }

    public AnalysisResult? Result { get; private set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var maxBytes = options.Value.Limits.MaxFileBytes;
        if (Document is null || Document.Length == 0)
        {
            return Fail("Choose a file to upload.", StatusCodes.Status400BadRequest);
        }

        if (Document.Length > maxBytes)
        {
            return Fail($"The file is larger than {maxBytes / (1024 * 1024)} MiB.", StatusCodes.Status413PayloadTooLarge);
        }

        var kind = DocumentCategories.KindOfUploadChoice(Kind);
        if (User.AllowedDepartments() is { } allowed && (Department is null || !allowed.Contains(Department.Trim(), StringComparer.Ordinal)))
        {
            return Fail("Choose one of your departments, so that you can see the document afterwards.", StatusCodes.Status400BadRequest);
        }

        byte[] bytes;
        using (var buffer = new MemoryStream((int)Document.Length))
        {
            await Document.CopyToAsync(buffer, cancellationToken);
            bytes = buffer.ToArray();
        }

        var analyzed = await analysis.AnalyzeAsync(new DocumentSubmission
        {
            Kind = kind,
            Files = [new SubmittedFile(bytes, Document.ContentType, Path.GetFileName(Document.FileName))],
            Save = true,
            CorrelationId = string.IsNullOrWhiteSpace(CorrelationId) ? null : CorrelationId.Trim(),
            Department = string.IsNullOrWhiteSpace(Department) ? null : Department.Trim(),
            DocumentCategory = DocumentCategories.CategoryOf(kind, Category),
            Source = new SubmissionSource(User.TenantId(), "backoffice", User.Actor()),

            // The department of the verification the document joins decides, not the one typed here.
            WritableDepartments = User.AllowedDepartments(),
            SenderReadsAttributes = true,
        }, cancellationToken);
        await audit.RecordAsync(HttpContext.AuditEntry(
            timeProvider.GetUtcNow(), "backoffice.upload", analyzed.IsSuccess ? "success" : analyzed.Failure!.Code,
            "analysis", analyzed.IsSuccess ? analyzed.Value.AnalysisId : null), cancellationToken);
        if (!analyzed.TryGetValue(out var result, out var failure))
        {
            return Fail($"The document was refused: {failure.Detail}", Verification.AspNetCore.VerificationProblems.StatusCodeOf(failure.Kind));
        }

        Result = result;
        return Page();
    }

    private PageResult Fail(string error, int status)
    {
        Error = error;
        Response.StatusCode = status;
        return Page();
    }
}
