using Verification.Core.Tenants;

namespace Verification.Core.Stores;

/// <summary>The failures stores answer, shared by every implementation so callers can rely on the codes.</summary>
public static class StoreFailures
{
    /// <summary>A verification with that id already exists in the tenant.</summary>
    public static Failure VerificationExists { get; } =
        Failure.Conflict(Verifications.VerificationErrors.VerificationExists, "A verification with this id already exists.");

    /// <summary>The verification changed since it was read.</summary>
    public static Failure VerificationConcurrencyConflict { get; } =
        Failure.Conflict(Verifications.VerificationErrors.ConcurrencyConflict, "The verification was changed by someone else; read it again.");

    /// <summary>The verification does not exist.</summary>
    public static Failure VerificationNotFound { get; } =
        Failure.NotFound(Verifications.VerificationErrors.VerificationNotFound, "No such verification.");

    /// <summary>The tenant exists.</summary>
    public static Failure TenantExists { get; } =
        Failure.Conflict(TenantErrors.TenantExists, "A tenant with this id already exists.");
}
