using Microsoft.AspNetCore.Identity;

namespace ReferenceHost.Accounts;

/// <summary>
/// A person who signs in to the back office, kept by ASP.NET Core Identity in the host's own tables. The role
/// (<see cref="Verification.Core.Analysts.AnalystRoles"/>) is an Identity role, the departments are
/// <see cref="AnalystClaims.Department"/> user claims; the library only ever sees the id, in the actor
/// <c>analyst:&lt;id&gt;</c> of the decisions and comments it records.
/// </summary>
public sealed class AnalystAccount : IdentityUser
{
    /// <summary>The tenant the account belongs to.</summary>
    public string TenantId { get; set; } = string.Empty;

    /// <summary>Whether the account may sign in (checked through <see cref="EnabledAccountConfirmation"/>).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>When the account was created (the library's creation time for imported accounts).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Last successful sign-in.</summary>
    public DateTimeOffset? LastLoginAt { get; set; }
}

/// <summary>Claim types of a back-office session besides Identity's own (id, name, e-mail, role, security stamp).</summary>
public static class AnalystClaims
{
    /// <summary>The account's tenant.</summary>
    public const string Tenant = "tenant";

    /// <summary>One department the analyst is limited to (none: all).</summary>
    public const string Department = "department";
}
