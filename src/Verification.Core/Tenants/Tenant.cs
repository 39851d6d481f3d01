namespace Verification.Core.Tenants;

/// <summary>
/// An organisation using the product. Every service user, token, verification and correlation id belongs
/// to exactly one tenant, and nothing of one tenant is visible to another.
/// </summary>
public sealed class Tenant
{
    /// <summary>The id of the tenant a single-organisation host uses.</summary>
    public const string DefaultId = "default";

    /// <summary>Stable id (lower case, URL-safe).</summary>
    public required string Id { get; init; }

    /// <summary>Display name.</summary>
    public required string Name { get; set; }

    /// <summary>When the tenant was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }
}
