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
