namespace Verification.Core.Analysts;

/// <summary>Roles of back-office accounts.</summary>
public static class AnalystRoles
{
    /// <summary>Reviews and decides files.</summary>
    public const string Analyst = "analyst";

    /// <summary>Also manages service users, tokens, webhooks and analysts.</summary>
    public const string Admin = "admin";

    /// <summary>Whether <paramref name="role"/> is a known role.</summary>
    public static bool IsKnown(string? role) => role is Analyst or Admin;
}

/// <summary>
/// A back-office account as the library stored it before hosts kept their accounts themselves (the reference host
/// now keeps them in ASP.NET Core Identity and imports these rows once). Kept only so that existing databases can be
/// upgraded: the library writes no new accounts; a decision names its author by the actor id the host passes.
/// </summary>
public sealed class Analyst
{
    /// <summary>Account id (a ULID).</summary>
    public required string Id { get; init; }

    /// <summary>The tenant.</summary>
    public required string TenantId { get; init; }

    /// <summary>E-mail address as entered.</summary>
    public required string Email { get; set; }

    /// <summary>Upper-case invariant e-mail, unique per tenant.</summary>
    public required string NormalizedEmail { get; set; }

    /// <summary>Versioned salted PBKDF2-HMAC-SHA256 hash: <c>v1$&lt;iterations&gt;$&lt;base64 salt&gt;$&lt;base64 hash&gt;</c>.</summary>
    public required string PasswordHash { get; set; }

    /// <summary>One of <see cref="AnalystRoles"/>.</summary>
    public required string Role { get; set; }

    /// <summary>Departments the analyst is limited to; empty means all.</summary>
    public List<string> Departments { get; set; } = [];

    /// <summary>Whether the account may sign in.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>When the account was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Last successful sign-in.</summary>
    public DateTimeOffset? LastLoginAt { get; set; }

    /// <summary>A random value that back-office sessions of the account carried; changing it ended them.</summary>
    public string? SecurityStamp { get; set; }

    /// <summary>Normalises an e-mail address for lookups.</summary>
    public static string Normalize(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Trim().ToUpperInvariant();
    }
}
