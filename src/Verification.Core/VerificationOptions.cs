using Microsoft.Extensions.Options;

namespace Verification.Core;

/// <summary>Options of the verification core (configuration section <c>Verification</c>).</summary>
public sealed class VerificationOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Verification";

    /// <summary>The tenant a single-organisation host works in. Default <c>default</c>.</summary>
    public string DefaultTenantId { get; set; } = Tenants.Tenant.DefaultId;

    /// <summary>
    /// The public base address of the host, used to build <c>verificationUrl</c>
    /// (e.g. <c>http://127.0.0.1:5080</c>). Absolute http or https.
    /// </summary>
    public Uri PublicBaseUrl { get; set; } = new("http://127.0.0.1:5080");

    /// <summary>Size and count limits on submitted documents.</summary>
    public VerificationLimits Limits { get; set; } = new();

    /// <summary>
    /// Who shares a correlation id (configuration <c>Verification:CorrelationIdScope</c>): <c>Tenant</c> (the
    /// default, as docs/api.md says: every service user of the tenant joins the same verification) or
    /// <c>SourceSystem</c> (only service users of the source system that first used the id join it; others get
    /// <c>409 correlation_id.taken</c>).
    /// </summary>
    public CorrelationIdScope CorrelationIdScope { get; set; } = CorrelationIdScope.Tenant;
}

/// <summary>Who shares a correlation id (see <see cref="VerificationOptions.CorrelationIdScope"/>).</summary>
public enum CorrelationIdScope
{
    /// <summary>Every service user and analyst of the tenant.</summary>
    Tenant,

    /// <summary>The service users of one source system (and the tenant's analysts).</summary>
    SourceSystem,
}

/// <summary>Limits on submitted documents.</summary>
public sealed class VerificationLimits
{
    /// <summary>Largest decoded file, in bytes. Default 10 MiB.</summary>
    public long MaxFileBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Most files in one request. Default 4.</summary>
    public int MaxFilesPerRequest { get; set; } = 4;

    /// <summary>Largest request body, in bytes. Default 50 MiB.</summary>
    public long MaxRequestBytes { get; set; } = 50 * 1024 * 1024;
}

/// <summary>Validates <see cref="VerificationOptions"/> at start-up, naming the faulty setting.</summary>
internal sealed class VerificationOptionsValidator : IValidateOptions<VerificationOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, VerificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DefaultTenantId))
        {
            errors.Add("Verification:DefaultTenantId must not be empty.");
        }

        if (options.PublicBaseUrl is null || !options.PublicBaseUrl.IsAbsoluteUri
            || (options.PublicBaseUrl.Scheme != Uri.UriSchemeHttp && options.PublicBaseUrl.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add("Verification:PublicBaseUrl must be an absolute http or https address.");
        }

        var limits = options.Limits;
        if (limits is null)
        {
            errors.Add("Verification:Limits must be set.");
        }
        else
        {
            if (limits.MaxFileBytes < 1)
            {
                errors.Add("Verification:Limits:MaxFileBytes must be positive.");
            }

            if (limits.MaxFilesPerRequest < 1)
            {
                errors.Add("Verification:Limits:MaxFilesPerRequest must be at least 1.");
            }

            if (limits.MaxRequestBytes < limits.MaxFileBytes)
            {
                errors.Add("Verification:Limits:MaxRequestBytes must be at least Verification:Limits:MaxFileBytes.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
