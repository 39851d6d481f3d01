using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Verification.Core.Verifications;

namespace Verification.Core.Certificates;

/// <summary>The claims of a verification certificate (see <see cref="CertificateIssuer"/>).</summary>
public static class CertificateClaims
{
    /// <summary>The approved analysis.</summary>
    public const string AnalysisId = "analysisId";

    /// <summary>The decision: always <c>approved</c> (only approvals are certified).</summary>
    public const string Decision = "decision";

    /// <summary>When the analysis was decided (ISO 8601 UTC).</summary>
    public const string DecidedAt = "decidedAt";

    /// <summary>The document type (e.g. <c>passport</c>, <c>bank_details</c>).</summary>
    public const string DocumentType = "documentType";

    /// <summary>The codes of the controls that passed, in the order they ran.</summary>
    public const string ControlsPassed = "controlsPassed";

    /// <summary>The tenant's opaque id.</summary>
    public const string Tenant = "tenant";

    /// <summary>The value of <see cref="Decision"/>.</summary>
    public const string Approved = "approved";
}

/// <summary>
/// Issues verification certificates: a compact JWS (<c>typ</c> <see cref="TokenType"/>), signed with the current
/// key of <see cref="ICertificateKeyProvider"/>, whose claims are <c>iss</c> (the host's public address),
/// <c>sub</c> (the verification id), <c>jti</c> (the certificate id), <c>iat</c>, and the
/// <see cref="CertificateClaims"/>. It states what was decided and which controls passed, and deliberately holds no
/// personal value (no name, number, date of birth, IBAN or MRZ): it is kept after archiving and may be handed to
/// third parties. Anyone verifies it offline with the JWKS of <see cref="WriteJsonWebKeySetAsync"/>. Thread-safe;
/// register it as a singleton.
/// </summary>
public sealed class CertificateIssuer
{
    /// <summary>The JOSE <c>typ</c> of certificates.</summary>
    public const string TokenType = "verification-certificate+jwt";

    private readonly ICertificateKeyProvider _keys;
    private readonly IOptions<VerificationOptions> _options;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    /// <summary>Creates the issuer.</summary>
    public CertificateIssuer(ICertificateKeyProvider keys, IOptions<VerificationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(options);
        _keys = keys;
        _options = options;
    }

    /// <summary>The issuer (<c>iss</c>) of the certificates: the host's public base address, without a trailing slash.</summary>
    public string Issuer => _options.Value.PublicBaseUrl.ToString().TrimEnd('/');

    /// <summary>
    /// The audience of the certificates issued to <paramref name="tenantId"/> by <paramref name="issuer"/>:
    /// <c>{issuer}/tenants/{tenantId}</c>. A relying party checks <c>iss</c>, this <c>aud</c> (for its own tenant)
    /// and <c>sub</c> (the verification it asked about), so that another tenant's certificate for the same
    /// correlation id does not verify.
    /// </summary>
    public static string AudienceOf(string issuer, string tenantId)
    {
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        return issuer.TrimEnd('/') + "/tenants/" + Uri.EscapeDataString(tenantId);
    }

    /// <summary>The audience of this host's certificates for <paramref name="tenantId"/> (see <see cref="AudienceOf(string, string)"/>).</summary>
    public string AudienceFor(string tenantId) => AudienceOf(Issuer, tenantId);

    /// <summary>
    /// Issues the certificate of <paramref name="analysis"/>, which must be approved. The caller adds it to the
    /// folder's <see cref="VerificationFolder.Certificates"/> and saves it with the decision.
    /// </summary>
    public async ValueTask<VerificationCertificate> IssueAsync(VerificationFolder folder, Analysis analysis, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(analysis);
        if (analysis.Decision != DecisionKind.Approve || analysis.DecidedAt is not { } decidedAt)
        {
            throw new InvalidOperationException("Only an approved analysis is certified.");
        }

        var ring = await _keys.GetKeyRingAsync(cancellationToken).ConfigureAwait(false);
        var key = ring.Current;
        var id = Identifiers.NewUlid(now);
        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = AudienceOf(Issuer, folder.TenantId),
            TokenType = TokenType,
            IssuedAt = now.UtcDateTime,
            SigningCredentials = key.SigningCredentials,
            Claims = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [JwtRegisteredClaimNames.Sub] = folder.VerificationId,
                [JwtRegisteredClaimNames.Jti] = id,
                [CertificateClaims.Tenant] = folder.TenantId,
                [CertificateClaims.AnalysisId] = analysis.Id,
                [CertificateClaims.Decision] = CertificateClaims.Approved,
                [CertificateClaims.DecidedAt] = decidedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                [CertificateClaims.DocumentType] = analysis.DocumentType,
                [CertificateClaims.ControlsPassed] = analysis.Controls.Where(c => c.Result == ControlOutcome.Passed).Select(c => c.Code).ToArray(),
            },
        });
        return new VerificationCertificate
        {
            Id = id,
            FolderId = folder.Id,
            AnalysisId = analysis.Id,
            IssuedAt = now,
            KeyId = key.KeyId,
            Token = token,
        };
    }

    /// <summary>
    /// Writes the JWKS (<c>{"keys": [...]}</c>) of every published key, current first: public members only. Serve it
    /// at <c>/.well-known/verification-keys</c>.
    /// </summary>
    public async ValueTask<string> WriteJsonWebKeySetAsync(CancellationToken cancellationToken)
    {
        var ring = await _keys.GetKeyRingAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("keys");
            foreach (var key in ring.All)
            {
                writer.WriteStartObject();
                foreach (var (name, value) in key.PublicJwk)
                {
                    writer.WriteString(name, value);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
