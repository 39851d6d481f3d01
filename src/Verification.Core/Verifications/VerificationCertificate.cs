namespace Verification.Core.Verifications;

/// <summary>
/// A certificate issued when an analysis is approved: a compact JWS, signed with the host's certificate key
/// (published as a JWKS), stating the verification id, the decision, its date, the document type and the
/// controls passed, and nothing personal. It survives archiving and verifies offline.
/// </summary>
public sealed class VerificationCertificate
{
    /// <summary>The certificate id (a ULID), also its <c>jti</c>.</summary>
    public required string Id { get; init; }

    /// <summary>The verification it belongs to (<see cref="VerificationFolder.Id"/>).</summary>
    public required string FolderId { get; init; }

    /// <summary>The approved analysis.</summary>
    public required string AnalysisId { get; init; }

    /// <summary>When it was issued.</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>The id (<c>kid</c>) of the key that signed it.</summary>
    public required string KeyId { get; init; }

    /// <summary>The compact JWS.</summary>
    public required string Token { get; init; }
}
