namespace Verification.Core.Submissions;

/// <summary>
/// The error codes of submitting documents (<c>reco/*</c>, <c>ingest</c>, the back office's upload): the request, its headers, metadata and files. Documented in <c>docs/api.md</c>;
/// the problem mapper, the documentation test and the tests use these constants instead of the text.
/// </summary>
public static class SubmissionErrors
{
    /// <summary><c>correlation_id.invalid</c>.</summary>
    public const string CorrelationIdInvalid = "correlation_id.invalid";

    /// <summary><c>correlation_id.taken</c> (409): Another source system of this tenant already uses this correlation id; correlation ids are not shared between source systems here.</summary>
    public const string CorrelationIdTaken = "correlation_id.taken";

    /// <summary><c>document_category.invalid</c> (400): A document category has at most 64 characters.</summary>
    public const string DocumentCategoryInvalid = "document_category.invalid";

    /// <summary><c>file.empty</c> (400): The data URI carries no data.</summary>
    public const string FileEmpty = "file.empty";

    /// <summary><c>file.invalid_data_uri</c> (400): The base64 payload cannot be decoded.</summary>
    public const string FileInvalidDataUri = "file.invalid_data_uri";

    /// <summary><c>file.media_type_mismatch</c> (415): The declared media type contradicts the file's content (…).</summary>
    public const string FileMediaTypeMismatch = "file.media_type_mismatch";

    /// <summary><c>file.page_too_large</c>.</summary>
    public const string FilePageTooLarge = "file.page_too_large";

    /// <summary><c>file.too_large</c> (413): The file is larger than the limit of … bytes.</summary>
    public const string FileTooLarge = "file.too_large";

    /// <summary><c>file.unsupported_type</c> (415): HEIC/HEIF images are recognised but not supported; send JPEG, PNG, WebP, TIFF or PDF.</summary>
    public const string FileUnsupportedType = "file.unsupported_type";

    /// <summary><c>metadata.invalid</c> (400): The metadata part is larger than 16 KiB.</summary>
    public const string MetadataInvalid = "metadata.invalid";

    /// <summary><c>mrz.not_found</c> (400): No machine-readable zone was given.</summary>
    public const string MrzNotFound = "mrz.not_found";

    /// <summary><c>mrz.too_long</c> (400): An MRZ has at most … characters.</summary>
    public const string MrzTooLong = "mrz.too_long";

    /// <summary><c>request.duplicate_part</c> (400): One 'file' part per request.</summary>
    public const string RequestDuplicatePart = "request.duplicate_part";

    /// <summary><c>request.invalid_body</c> (400): The request body could not be read as sent.</summary>
    public const string RequestInvalidBody = "request.invalid_body";

    /// <summary><c>request.invalid_json</c> (400): The body is empty or null.</summary>
    public const string RequestInvalidJson = "request.invalid_json";

    /// <summary><c>request.invalid_multipart</c> (400): The multipart body is malformed.</summary>
    public const string RequestInvalidMultipart = "request.invalid_multipart";

    /// <summary><c>request.missing_field</c> (400): 'mrz' is required: the lines of the machine-readable zone, separated by \n.</summary>
    public const string RequestMissingField = "request.missing_field";

    /// <summary><c>request.too_large</c> (413): At most … files per request.</summary>
    public const string RequestTooLarge = "request.too_large";

    /// <summary><c>request.too_many_parts</c> (400): At most … parts.</summary>
    public const string RequestTooManyParts = "request.too_many_parts";

    /// <summary><c>request.unsupported_media_type</c> (415): Send multipart/form-data with a 'file' part and a 'metadata' part.</summary>
    public const string RequestUnsupportedMediaType = "request.unsupported_media_type";

    /// <summary><c>source_tag.invalid</c> (400): source_tag is 1 to 64 printable characters (no control, bidirectional or zero-width characters).</summary>
    public const string SourceTagInvalid = "source_tag.invalid";

    /// <summary>A selfie was sent with something other than an identity document (<c>reco/id</c>).</summary>
    public const string SelfieNotExpected = "selfie.not_expected";

    /// <summary><c>user_input.invalid_birth_date</c> (400): birthDate is written YYYY-MM-DD.</summary>
    public const string UserInputInvalidBirthDate = "user_input.invalid_birth_date";

    /// <summary><c>user_input.invalid_name</c> (400): A typed name has at most 200 characters.</summary>
    public const string UserInputInvalidName = "user_input.invalid_name";
}
