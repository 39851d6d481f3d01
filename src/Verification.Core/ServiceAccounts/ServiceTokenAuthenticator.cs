using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Verification.Core.Stores;

namespace Verification.Core.ServiceAccounts;

/// <summary>
/// Authenticates a bearer token: first the JWT (signature with the key its <c>kid</c> names under that key's
/// algorithm, issuer, audience, <c>typ</c>, lifetime), then the stored record (it exists, belongs to the
/// token's tenant and service user, is enabled, not revoked, not expired, and its service user is enabled).
/// Every refusal is the same <c>auth.invalid_token</c>; the reason is logged, never the token.
/// </summary>
public sealed partial class ServiceTokenAuthenticator
{
    private readonly ServiceTokenCodec _codec;
    private readonly IServiceTokenStore _tokens;
    private readonly IServiceUserStore _serviceUsers;
    private readonly ServiceTokenRecordCache _cache;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ServiceTokenAuthenticator> _logger;
    private readonly TimeSpan _lastUsedResolution;

    /// <summary>Creates the authenticator (hosts get it from <c>AddVerification()</c>).</summary>
    internal ServiceTokenAuthenticator(
        ServiceTokenCodec codec,
        IServiceTokenStore tokens,
        IServiceUserStore serviceUsers,
        ServiceTokenRecordCache cache,
        IOptions<TokenSigningOptions> options,
        TimeProvider timeProvider,
        ILogger<ServiceTokenAuthenticator> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _codec = codec;
        _tokens = tokens;
        _serviceUsers = serviceUsers;
        _cache = cache;
        _timeProvider = timeProvider;
        _logger = logger;
        _lastUsedResolution = options.Value.LastUsedResolution;
    }

    /// <summary>
    /// Authenticates <paramref name="token"/> (the bearer token without the <c>Bearer </c> prefix). Answers the
    /// principal, or <c>auth.invalid_token</c> whatever the reason.
    /// </summary>
    public async ValueTask<Outcome<ServiceTokenPrincipal>> AuthenticateAsync(string? token, CancellationToken cancellationToken)
    {
        var validated = await _codec.ValidateAsync(token, cancellationToken).ConfigureAwait(false);
        if (!validated.TryGetValue(out var claims, out var failure))
        {
            LogRefused(_logger, "-", failure.Detail);
            return KeyFailures.InvalidToken;
        }

        var now = _timeProvider.GetUtcNow();
        if (!_cache.TryGet(claims.TokenId, now, out var entry))
        {
            var generation = _cache.Generation;
            var record = await _tokens.FindByIdAnyTenantAsync(claims.TokenId, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                return Refuse(claims.TokenId, "unknown_token");
            }

            var user = await _serviceUsers.FindByIdAsync(record.TenantId, record.ServiceUserId, cancellationToken).ConfigureAwait(false);
            entry = new CachedTokenRecord(record, user, now);
            _cache.Set(entry, generation);
        }

        var refusal = Check(entry, claims, now);
        if (refusal is not null)
        {
            return Refuse(claims.TokenId, refusal);
        }

        if (entry.Token.LastUsedAt is not { } lastUsed || now - lastUsed >= _lastUsedResolution)
        {
            await _tokens.TouchLastUsedAsync(entry.Token.TenantId, entry.Token.Id, now, cancellationToken).ConfigureAwait(false);
            _cache.Replace(entry, entry with { Token = WithLastUsed(entry.Token, now) });
        }

        return entry.Principal!;
    }

    private static string? Check(CachedTokenRecord entry, ServiceTokenClaims claims, DateTimeOffset now)
    {
        var record = entry.Token;
        if (!string.Equals(record.TenantId, claims.TenantId, StringComparison.Ordinal))
        {
            return "tenant_mismatch";
        }

        if (!string.Equals(record.ServiceUserId, claims.ServiceUserId, StringComparison.Ordinal))
        {
            return "subject_mismatch";
        }

        if (record.RevokedAt is not null)
        {
            return "revoked";
        }

        if (!record.Enabled)
        {
            return "disabled";
        }

        if (record.ExpiresAt is { } expiresAt && expiresAt <= now)
        {
            return "expired_record";
        }

        if (entry.User is null)
        {
            return "service_user_missing";
        }

        return entry.User.Enabled ? null : "service_user_disabled";
    }

    // The cached record is shared between requests, so it is copied rather than changed.
    private static ServiceToken WithLastUsed(ServiceToken token, DateTimeOffset lastUsedAt) => new()
    {
        Id = token.Id,
        TenantId = token.TenantId,
        ServiceUserId = token.ServiceUserId,
        Description = token.Description,
        Scopes = token.Scopes,
        CreatedAt = token.CreatedAt,
        CreatedBy = token.CreatedBy,
        ExpiresAt = token.ExpiresAt,
        ArchiveAfterExtract = token.ArchiveAfterExtract,
        EncryptionKey = token.EncryptionKey,
        Enabled = token.Enabled,
        RevokedAt = token.RevokedAt,
        LastUsedAt = lastUsedAt,
    };

    private Failure Refuse(string tokenId, string reason)
    {
        LogRefused(_logger, tokenId, reason);
        return KeyFailures.InvalidToken;
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Bearer token {TokenId} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string tokenId, string reason);
}
