using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Verification.Core.ServiceAccounts;

/// <summary>What a token with a valid signature, issuer, audience, type and lifetime claims.</summary>
/// <param name="TokenId">The <c>jti</c>.</param>
/// <param name="TenantId">The <c>tid</c>.</param>
/// <param name="ServiceUserId">The <c>sub</c>.</param>
/// <param name="KeyId">The <c>kid</c> it was signed with.</param>
internal sealed record ServiceTokenClaims(string TokenId, string TenantId, string ServiceUserId, string KeyId);

/// <summary>
/// Writes and checks the JWT form of service tokens with <see cref="JsonWebTokenHandler"/>: header
/// <c>typ</c> = <c>at+jwt</c> and <c>kid</c>; claims <c>iss</c>, <c>aud</c>, <c>sub</c> (service user id),
/// <c>jti</c> (token id), <c>tid</c> (tenant), <c>scope</c> (space separated), <c>iat</c>, <c>nbf</c> and
/// <c>exp</c> when the token expires. Checking pins the algorithm to the one of the key named by <c>kid</c>.
/// Only the cryptographic half: <see cref="ServiceTokenAuthenticator"/> adds the stored-record checks.
/// Thread-safe; register it as a singleton.
/// </summary>
internal sealed class ServiceTokenCodec
{
    /// <summary>The JWT <c>typ</c> of service tokens (RFC 9068 access tokens).</summary>
    public const string TokenType = "at+jwt";

    /// <summary>The claim carrying the tenant id.</summary>
    public const string TenantClaim = "tid";

    /// <summary>The claim carrying the space-separated scopes.</summary>
    public const string ScopeClaim = "scope";

    /// <summary>The longest token accepted, in characters; a minted token is well under 1 KiB.</summary>
    public const int MaxTokenLength = 4096;

    private readonly ITokenSigningKeyProvider _keys;
    private readonly TokenSigningOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly JsonWebTokenHandler _handler;
    private volatile ValidationState? _validation;

    /// <summary>Creates the codec.</summary>
    public ServiceTokenCodec(ITokenSigningKeyProvider keys, IOptions<TokenSigningOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _keys = keys;
        _options = options.Value;
        _timeProvider = timeProvider;
        _handler = new JsonWebTokenHandler
        {
            // Times come from the record (and its TimeProvider); the handler must not add a default expiry.
            SetDefaultTimesOnTokenCreation = false,
            MaximumTokenSizeInBytes = MaxTokenLength,
            MapInboundClaims = false,
        };
    }

    /// <summary>Signs the token of <paramref name="record"/> with the current key of the ring.</summary>
    public async ValueTask<string> CreateTokenAsync(ServiceToken record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var ring = await _keys.GetKeyRingAsync(cancellationToken).ConfigureAwait(false);
        var issuedAt = record.CreatedAt.UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            TokenType = TokenType,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = record.ExpiresAt?.UtcDateTime,
            SigningCredentials = ring.Current.SigningCredentials,
            Claims = new Dictionary<string, object>(StringComparer.Ordinal)
            {
                [JwtRegisteredClaimNames.Sub] = record.ServiceUserId,
                [JwtRegisteredClaimNames.Jti] = record.Id,
                [TenantClaim] = record.TenantId,
                [ScopeClaim] = Scopes.Join(record.Scopes),
            },
        };
        return _handler.CreateToken(descriptor);
    }

    /// <summary>
    /// Checks signature, algorithm, <c>kid</c>, issuer, audience, type and lifetime. The failure's detail says
    /// which check failed: for logs only, never for the caller.
    /// </summary>
    public async ValueTask<Outcome<ServiceTokenClaims>> ValidateAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return Refused("empty_or_too_long");
        }

        var parameters = await GetValidationParametersAsync(cancellationToken).ConfigureAwait(false);
        var result = await _handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return Refused(Reason(result.Exception));
        }

        if (result.SecurityToken is not JsonWebToken jwt)
        {
            return Refused("not_a_jwt");
        }

        var tokenId = jwt.Id;
        var serviceUserId = jwt.Subject;
        if (string.IsNullOrEmpty(tokenId) || string.IsNullOrEmpty(serviceUserId)
            || !jwt.TryGetPayloadValue<string>(TenantClaim, out var tenantId) || string.IsNullOrEmpty(tenantId))
        {
            return Refused("missing_claim");
        }

        return new ServiceTokenClaims(tokenId, tenantId, serviceUserId, jwt.Kid);
    }

    private async ValueTask<TokenValidationParameters> GetValidationParametersAsync(CancellationToken cancellationToken)
    {
        var ring = await _keys.GetKeyRingAsync(cancellationToken).ConfigureAwait(false);
        var cached = _validation;
        if (cached is not null && ReferenceEquals(cached.Ring, ring))
        {
            return cached.Parameters;
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = _options.Issuer,
            ValidAudience = _options.Audience,
            ValidTypes = [TokenType],
            ValidAlgorithms = ring.Algorithms,
            RequireSignedTokens = true,
            RequireAudience = true,
            RequireExpirationTime = false,
            ValidateLifetime = true,
            ClockSkew = _options.ClockSkew,

            // The handler reads the system clock; this keeps lifetimes on the injected TimeProvider.
            LifetimeValidator = ValidateLifetime,

            // Only the key the kid names, and only under the algorithm pinned to it: an HS256 token cannot
            // borrow an ES256 or RS256 key, whatever bytes it was signed with, and an unknown kid finds nothing.
            TryAllIssuerSigningKeys = false,
            IssuerSigningKeyResolver = (_, securityToken, kid, _) =>
            {
                var key = ring.Find(kid);
                return key is not null && securityToken is JsonWebToken jwt && string.Equals(jwt.Alg, key.Algorithm, StringComparison.Ordinal)
                    ? [key.ValidationKey]
                    : [];
            },
        };
        _validation = new ValidationState(ring, parameters);
        return parameters;
    }

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken securityToken, TokenValidationParameters parameters)
    {
        var now = _timeProvider.GetUtcNow().UtcDateTime;
        var skew = _options.ClockSkew;
        return (notBefore is not { } nbf || nbf.ToUniversalTime() <= now + skew)
               && (expires is not { } exp || exp.ToUniversalTime() > now - skew)
               && (notBefore is null || expires is null || notBefore < expires);
    }

    private static Failure Refused(string reason) => Failure.Invalid(KeyFailures.InvalidToken.Code, reason);

    private static string Reason(Exception? exception) => exception switch
    {
        SecurityTokenMalformedException => "malformed",
        SecurityTokenInvalidAlgorithmException => "algorithm",
        SecurityTokenSignatureKeyNotFoundException => "unknown_key",
        SecurityTokenInvalidSignatureException => "signature",
        SecurityTokenInvalidIssuerException => "issuer",
        SecurityTokenInvalidAudienceException => "audience",
        SecurityTokenInvalidTypeException => "type",
        SecurityTokenExpiredException => "expired",
        SecurityTokenNotYetValidException => "not_yet_valid",
        SecurityTokenInvalidLifetimeException => "lifetime",
        null => "unknown",
        _ => exception.GetType().Name,
    };

    // A class, so that swapping the pair is one atomic reference write.
    private sealed record ValidationState(TokenKeyRing Ring, TokenValidationParameters Parameters);
}
