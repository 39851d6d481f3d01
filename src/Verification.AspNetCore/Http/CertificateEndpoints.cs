using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using Verification.Core.Certificates;
using Verification.Core.Verifications;

namespace Verification.AspNetCore.Http;

/// <summary>A certificate as <c>GET /verifications/{id}</c> shows it, at every read level and after archiving.</summary>
/// <param name="CertificateId">Id (the JWS <c>jti</c>).</param>
/// <param name="AnalysisId">The approved analysis.</param>
/// <param name="IssuedAt">When it was issued.</param>
/// <param name="Token">The compact JWS; verify it with the keys of <c>/.well-known/verification-keys</c>.</param>
public sealed record CertificateModel(string CertificateId, string AnalysisId, DateTimeOffset IssuedAt, string Token)
{
    internal static CertificateModel Of(VerificationCertificate c) => new(c.Id, c.AnalysisId, c.IssuedAt, c.Token);
}

/// <summary>The public keys that verify certificates.</summary>
internal static class CertificateEndpoints
{
    /// <summary>Where the JWKS is published (outside the API prefix: it is public and read by anyone).</summary>
    public const string KeySetPath = "/.well-known/verification-keys";

    public static void Map(IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(KeySetPath, KeySetAsync)
            .AllowAnonymous()
            .WithName("certificates.keys")
            .WithTags("Certificates")
            .WithSummary("The JWKS of the keys that sign verification certificates (current and still published previous ones).");

    private static async Task<IResult> KeySetAsync(HttpContext http, CertificateIssuer issuer, CancellationToken ct)
    {
        var json = await issuer.WriteJsonWebKeySetAsync(ct).ConfigureAwait(false);

        // Public and stable between rotations; an hour keeps verifiers off the host while a rotation (which
        // publishes the new key before it signs) is seen the same day.
        http.Response.Headers[HeaderNames.CacheControl] = "public, max-age=3600";
        return Results.Text(json, "application/jwk-set+json");
    }
}
