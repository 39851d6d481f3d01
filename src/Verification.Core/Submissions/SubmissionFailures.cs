using Verification.Core.Verifications;

namespace Verification.Core.Submissions;

/// <summary>The failures a submission can end in before anything is stored (the catalogue of their codes).</summary>
public static class SubmissionFailures
{
    /// <summary>The verification the document would join is archived: it takes no new document.</summary>
    public static Failure VerificationArchived { get; } =
        Failure.Conflict(VerificationErrors.Archived, "The verification is archived; it takes no new document. Send the document under another correlation id.");

    /// <summary>The verification the document would join belongs to a department the sender may not write into.</summary>
    public static Failure DepartmentNotAllowed { get; } =
        Failure.Forbidden(VerificationErrors.DepartmentNotAllowed, "This correlation id belongs to a verification outside your departments; documents cannot be added to it from here.");

    /// <summary>Under <see cref="CorrelationIdScope.SourceSystem"/>, another source system already uses the correlation id.</summary>
    public static Failure CorrelationIdTaken { get; } =
        Failure.Conflict(SubmissionErrors.CorrelationIdTaken, "Another source system of this tenant already uses this correlation id; correlation ids are not shared between source systems here.");

    /// <summary>A source tag with characters that are not printable.</summary>
    public static Failure SourceTagInvalid { get; } =
        Failure.Invalid(SubmissionErrors.SourceTagInvalid, "source_tag is 1 to 64 printable characters (no control, bidirectional or zero-width characters).");

    /// <summary>A document category longer than 64 characters.</summary>
    public static Failure DocumentCategoryInvalid { get; } =
        Failure.Invalid(SubmissionErrors.DocumentCategoryInvalid, "A document category has at most 64 characters.");

    /// <summary>A selfie sent with something other than an identity document.</summary>
    public static Failure SelfieNotExpected { get; } =
        Failure.Invalid(SubmissionErrors.SelfieNotExpected, "A selfie goes with reco/id only: it is compared with the identity document's portrait.");

    /// <summary>A selfie that is a PDF or another non-picture file.</summary>
    public static Failure SelfieNotAPicture { get; } =
        Failure.Unsupported(SubmissionErrors.FileUnsupportedType, "The selfie must be a JPEG, PNG or WebP picture.");
}
