namespace Verification.Core.Tenants;

/// <summary>
/// The error codes of tenants. Documented in <c>docs/api.md</c>;
/// the problem mapper, the documentation test and the tests use these constants instead of the text.
/// </summary>
public static class TenantErrors
{
    /// <summary><c>tenant.exists</c> (409): A tenant with this id already exists.</summary>
    public const string TenantExists = "tenant.exists";
}
