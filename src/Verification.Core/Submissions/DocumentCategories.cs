namespace Verification.Core.Submissions;

/// <summary>
/// The declared document categories (<c>document_category</c> of <c>ingest</c>, the back office's upload) and what
/// each asks for: identity categories are read and checked as identity documents, bank details as bank details, the
/// rest waits for an analyst. The one mapping between categories and <see cref="SubmissionKind"/>, both ways.
/// </summary>
public static class DocumentCategories
{
    /// <summary>A bank-details sheet.</summary>
    public const string BankDetails = "bank_details";

    /// <summary>A selfie, compared with the faces of the verification it joins.</summary>
    public const string Selfie = "selfie";

    /// <summary>What a category stored for manual review is called when none was given.</summary>
    public const string Other = "other";

    /// <summary>The kind of submission a declared category asks for (case-insensitive); no category is manual review.</summary>
    public static SubmissionKind KindOf(string? category) => category?.ToLowerInvariant() switch
    {
        null => SubmissionKind.ManualReview,
        BankDetails or "bankdetails" or "rib" or "iban" => SubmissionKind.BankDetails,
        Selfie => SubmissionKind.Selfie,
        var c when c.EndsWith("_" + Selfie, StringComparison.Ordinal) => SubmissionKind.Selfie,
        "identity" or "id_card" or "passport" or "residence_permit" or "visa" or "fr_id_legacy" => SubmissionKind.Identity,
        var c when c.StartsWith("kyc", StringComparison.Ordinal) || c.StartsWith("identity", StringComparison.Ordinal) => SubmissionKind.Identity,
        _ => SubmissionKind.ManualReview,
    };

    /// <summary>
    /// The category stored for a submission of <paramref name="kind"/> chosen without one (the back office's upload):
    /// none for identity documents, <see cref="BankDetails"/>, or <paramref name="manualReviewCategory"/> (default <see cref="Other"/>).
    /// </summary>
    public static string? CategoryOf(SubmissionKind kind, string? manualReviewCategory = null) => kind switch
    {
        SubmissionKind.BankDetails => BankDetails,
        SubmissionKind.Selfie => Selfie,
        SubmissionKind.ManualReview => string.IsNullOrWhiteSpace(manualReviewCategory) ? Other : manualReviewCategory.Trim(),
        _ => null,
    };

    /// <summary>The kind the back office's upload form names: <c>bank_details</c>, <c>manual_review</c>, anything else identity.</summary>
    public static SubmissionKind KindOfUploadChoice(string? choice) => choice switch
    {
        BankDetails => SubmissionKind.BankDetails,
        "manual_review" => SubmissionKind.ManualReview,
        _ => SubmissionKind.Identity,
    };
}

/// <summary>The fixed limits of a submission's texts (the configurable size limits are <see cref="VerificationLimits"/>).</summary>
public static class SubmissionLimits
{
    /// <summary>The longest source tag: 64 printable characters (longer is <c>source_tag.invalid</c>).</summary>
    public const int MaxSourceTagLength = 64;

    /// <summary>The longest document category: 64 characters (longer is <c>document_category.invalid</c>).</summary>
    public const int MaxCategoryLength = 64;

    /// <summary>The longest MRZ text of <c>reco/mrz</c>: 400 characters (longer is <c>mrz.too_long</c>).</summary>
    public const int MaxMrzLength = 400;
}
