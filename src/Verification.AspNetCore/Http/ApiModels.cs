using System.Globalization;
using System.Text.Json.Serialization;
using Verification.Core.Submissions;
using Verification.Core.Verifications;

namespace Verification.AspNetCore.Http;

/// <summary>The body of <c>reco/*</c>.</summary>
/// <param name="ParamDict">The parameters.</param>
public sealed record RecoRequest(RecoParameters? ParamDict);

/// <summary>The parameters of <c>reco/*</c>.</summary>
/// <param name="Files">Data URIs (<c>reco/id</c>).</param>
/// <param name="File">One data URI (<c>reco/bankdetails</c>).</param>
/// <param name="Mrz">MRZ lines separated by <c>\n</c> (<c>reco/mrz</c>).</param>
/// <param name="UserInput">What the user typed.</param>
/// <param name="Save">Whether to store the result (default false).</param>
/// <param name="Selfie">A data URI of a selfie to compare with the document's portrait (<c>reco/id</c>).</param>
public sealed record RecoParameters(IReadOnlyList<string>? Files, string? File, string? Mrz, UserInputModel? UserInput, bool? Save, string? Selfie = null);

/// <summary>What the user typed.</summary>
/// <param name="FirstName">Given names.</param>
/// <param name="LastName">Surname.</param>
/// <param name="BirthDate">Birth date, <c>YYYY-MM-DD</c>.</param>
public sealed record UserInputModel(string? FirstName, string? LastName, string? BirthDate);

/// <summary>Ingest metadata, snake_case as integrators send it.</summary>
/// <param name="SourceTag">The source system (e.g. <c>vkyc</c>).</param>
/// <param name="ExternalId">The integrator's id; groups like a correlation id.</param>
/// <param name="DocumentCategory">What the document is (e.g. <c>kyc_vkyc</c>, <c>bank_details</c>).</param>
/// <param name="Department">The department that should review.</param>
public sealed record IngestMetadata(string? SourceTag, string? ExternalId, string? DocumentCategory, string? Department);

/// <summary>A status as <c>docs/api.md</c> writes it.</summary>
/// <param name="Code">Numeric code.</param>
/// <param name="Label">Label.</param>
public sealed record StatusModel(string Code, string Label);

/// <summary>A control as <c>docs/api.md</c> writes it.</summary>
/// <param name="Code">Code.</param>
/// <param name="Category">Category.</param>
/// <param name="Result"><c>passed</c>, <c>failed</c>, <c>warning</c> or <c>not_applicable</c>.</param>
/// <param name="Detail">Explanation.</param>
public sealed record ControlModel(string Code, string Category, string Result, string? Detail);

/// <summary>The document part of a <c>reco/*</c> answer.</summary>
/// <param name="Type">Document type.</param>
/// <param name="Fields">Fields read.</param>
public sealed record DocumentModel(string Type, IReadOnlyDictionary<string, object?> Fields);

/// <summary>The answer of <c>reco/*</c>.</summary>
/// <param name="VerificationId">Verification (saved only).</param>
/// <param name="VerificationUrl">Back-office address (saved only).</param>
/// <param name="AnalysisId">Analysis (saved only).</param>
/// <param name="Status">Status.</param>
/// <param name="Document">Document.</param>
/// <param name="Controls">Controls.</param>
public sealed record RecoResponse(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? VerificationId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? VerificationUrl,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? AnalysisId,
    StatusModel Status,
    DocumentModel Document,
    IReadOnlyList<ControlModel> Controls);

/// <summary>The answer of <c>ingest</c>.</summary>
/// <param name="VerificationId">Verification.</param>
/// <param name="VerificationUrl">Back-office address.</param>
/// <param name="AnalysisId">Analysis.</param>
public sealed record IngestResponse(string VerificationId, string VerificationUrl, string AnalysisId);

/// <summary>Mapping of core values to the JSON of <c>docs/api.md</c>.</summary>
internal static class ApiMapping
{
    public static StatusModel Status(AnalysisStatus status) => new(status.Code, status.Label);

    public static string Result(ControlOutcome outcome) => outcome switch
    {
        ControlOutcome.Passed => "passed",
        ControlOutcome.Failed => "failed",
        ControlOutcome.Warning => "warning",
        _ => "not_applicable",
    };

    public static IReadOnlyList<ControlModel> Controls(IEnumerable<ControlResult> controls) =>
        controls.Select(c => new ControlModel(c.Code, c.Category, Result(c.Result), c.Detail)).ToList();

    /// <summary>The fields of a document type (<c>docs/api.md</c>): identity fields, or bank fields.</summary>
    public static IReadOnlyDictionary<string, object?> Fields(string documentType, ExtractedFields f) => DocumentFieldNames.Of(documentType, f);

    public static RecoResponse Reco(AnalysisResult result, Uri publicBaseUrl) => new(
        result.VerificationId,
        result.VerificationId is null ? null : VerificationUrl(publicBaseUrl, result.VerificationId),
        result.AnalysisId,
        Status(result.Status),
        new DocumentModel(result.DocumentType, Fields(result.DocumentType, result.Fields)),
        Controls(result.Controls));

    public static string VerificationUrl(Uri publicBaseUrl, string verificationId) =>
        publicBaseUrl.ToString().TrimEnd('/') + "/backoffice/verifications/" + Uri.EscapeDataString(verificationId);

    public static string? Date(DateOnly? date) => DocumentFieldNames.Date(date);
}
