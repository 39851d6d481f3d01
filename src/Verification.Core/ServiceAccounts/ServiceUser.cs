namespace Verification.Core.ServiceAccounts;

/// <summary>
/// An integrator system (such as <c>vkyc</c>, <c>doc_service</c> or <c>branch_scan</c>) that calls the API
/// with bearer tokens. It holds several tokens, so tokens rotate without touching its configuration.
/// Machine identities are separate from back-office accounts.
/// </summary>
public sealed class ServiceUser
{
    /// <summary>Service user id (a ULID).</summary>
    public required string Id { get; init; }

    /// <summary>The tenant; service users never cross tenants.</summary>
    public required string TenantId { get; init; }

    /// <summary>A name unique within the tenant (ordinal comparison), e.g. <c>vkyc-prod</c>.</summary>
    public required string Name { get; set; }

    /// <summary>The integrator system the calls come from, e.g. <c>vkyc</c>; recorded with what it submits.</summary>
    public required string SourceSystem { get; set; }

    /// <summary>When the service user was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Who created it, e.g. <c>analyst:&lt;id&gt;</c> or <c>system</c>.</summary>
    public required string CreatedBy { get; init; }

    /// <summary>Whether its tokens are accepted; a disabled service user's tokens are all refused.</summary>
    public bool Enabled { get; set; } = true;
}
