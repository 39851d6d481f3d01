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
/// A person who signs in to the back office. Human accounts are separate from machine credentials
/// (service users and tokens): they cannot call the API, and tokens cannot sign in.
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

    /// <summary>Versioned salted PBKDF2 hash (see <see cref="PasswordHasher"/>).</summary>
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

    /// <summary>
    /// A random value that every back-office session of the account carries (through
    /// <see cref="AnalystManager.SessionStamp"/>); changing it (sign-out) ends all of them on their next check.
    /// </summary>
    public string? SecurityStamp { get; set; }

    /// <summary>Normalises an e-mail address for lookups.</summary>
    public static string Normalize(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Trim().ToUpperInvariant();
    }
}
