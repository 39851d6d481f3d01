namespace Verification.Core.Audit;

/// <summary>Who performed an audited action.</summary>
public static class AuditActorTypes
{
    /// <summary>An integrator system calling with a token.</summary>
    public const string ServiceUser = "service_user";

    /// <summary>A person signed in to the back office.</summary>
    public const string Analyst = "analyst";

    /// <summary>The product itself (sweepers, command line).</summary>
    public const string System = "system";

    /// <summary>A caller that could not be identified.</summary>
    public const string Anonymous = "anonymous";
}

/// <summary>
/// One entry of the append-only audit trail. Entries are never updated or deleted; each carries the
/// SHA-256 of the previous entry (<see cref="PreviousHash"/>) and its own (<see cref="Hash"/>), so an
/// alteration anywhere breaks the chain (see <see cref="AuditChain"/>). Holds no token and no personal data.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Position in the chain, from 1, assigned by the store.</summary>
    public long Sequence { get; set; }

    /// <summary>The tenant.</summary>
    public required string TenantId { get; init; }

    /// <summary>When.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>One of <see cref="AuditActorTypes"/>.</summary>
    public required string ActorType { get; init; }

    /// <summary>The service user or analyst id.</summary>
    public string? ActorId { get; init; }

    /// <summary>The token id (<c>jti</c>), never the token.</summary>
    public string? TokenId { get; init; }

    /// <summary>What was done, e.g. <c>documents.submit</c>, <c>analyst.login</c>.</summary>
    public required string Action { get; init; }

    /// <summary>The route or page, without query string.</summary>
    public string? Route { get; init; }

    /// <summary>Kind of target, e.g. <c>verification</c>.</summary>
    public string? TargetType { get; init; }

    /// <summary>Target id.</summary>
    public string? TargetId { get; init; }

    /// <summary>Outcome: <c>success</c>, or a status or failure code.</summary>
    public required string Outcome { get; init; }

    /// <summary>The client's address.</summary>
    public string? ClientAddress { get; init; }

    /// <summary>The client's user agent, truncated.</summary>
    public string? UserAgent { get; init; }

    /// <summary>Hash of the previous entry (hex), or 64 zeros for the first.</summary>
    public string PreviousHash { get; set; } = AuditChain.GenesisHash;

    /// <summary>Hash of this entry (hex).</summary>
    public string Hash { get; set; } = string.Empty;
}
