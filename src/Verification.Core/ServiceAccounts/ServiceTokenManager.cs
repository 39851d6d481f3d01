using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Verification.Core.Stores;

namespace Verification.Core.ServiceAccounts;

/// <summary>
/// Manages service users and their tokens: create service users, mint tokens (shown once), disable, enable
/// and revoke them. Every method is scoped to a tenant; another tenant's ids answer like missing ones.
/// </summary>
public sealed partial class ServiceTokenManager
{
    private readonly IServiceUserStore serviceUsers;
    private readonly IServiceTokenStore tokens;
    private readonly ServiceTokenCodec codec;
    private readonly ServiceTokenRecordCache cache;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<ServiceTokenManager> logger;

    // Internal: the codec and the cache are plumbing; hosts get the manager from AddVerification().
    internal ServiceTokenManager(
        IServiceUserStore serviceUsers,
        IServiceTokenStore tokens,
        ServiceTokenCodec codec,
        ServiceTokenRecordCache cache,
        TimeProvider timeProvider,
        ILogger<ServiceTokenManager> logger)
    {
        this.serviceUsers = serviceUsers;
        this.tokens = tokens;
        this.codec = codec;
        this.cache = cache;
        this.timeProvider = timeProvider;
        this.logger = logger;
    }

    /// <summary>The longest service user name and source system id.</summary>
    public const int MaxNameLength = 64;

    /// <summary>The longest token description.</summary>
    public const int MaxDescriptionLength = 256;

    /// <summary>The longest auto-archive delay.</summary>
    public static readonly TimeSpan MaxArchiveAfterExtract = TimeSpan.FromDays(365);

    /// <summary>The longest token lifetime.</summary>
    public static readonly TimeSpan MaxExpiresIn = TimeSpan.FromDays(3653);

    /// <summary>
    /// Creates a service user. The name (unique in the tenant) and the source system are 1 to 64 characters of
    /// <c>A-Z a-z 0-9 . _ -</c>.
    /// </summary>
    public async ValueTask<Outcome<ServiceUser>> CreateServiceUserAsync(
        string tenantId, string name, string sourceSystem, string createdBy, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentException.ThrowIfNullOrEmpty(createdBy);
        if (!IsValidName(name))
        {
            return Failure.Invalid(KeyErrors.ServiceUserInvalidName, $"The name must be 1 to {MaxNameLength} characters of A-Z a-z 0-9 . _ -.");
        }

        if (!IsValidName(sourceSystem))
        {
            return Failure.Invalid(KeyErrors.ServiceUserInvalidSourceSystem, $"The source system must be 1 to {MaxNameLength} characters of A-Z a-z 0-9 . _ -.");
        }

        var now = timeProvider.GetUtcNow();
        var user = new ServiceUser
        {
            Id = Identifiers.NewUlid(now),
            TenantId = tenantId,
            Name = name,
            SourceSystem = sourceSystem,
            CreatedAt = now,
            CreatedBy = createdBy,
        };
        var created = await serviceUsers.CreateAsync(user, cancellationToken).ConfigureAwait(false);
        if (created.IsSuccess)
        {
            LogServiceUserCreated(logger, user.Id, sourceSystem);
        }

        return created;
    }

    /// <summary>Finds a service user by id, else by name.</summary>
    public async ValueTask<ServiceUser?> FindServiceUserAsync(string tenantId, string idOrName, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        if (string.IsNullOrEmpty(idOrName))
        {
            return null;
        }

        return await serviceUsers.FindByIdAsync(tenantId, idOrName, cancellationToken).ConfigureAwait(false)
               ?? await serviceUsers.FindByNameAsync(tenantId, idOrName, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Turns a service user off or on again. While off, all its tokens are refused; the change reaches this
    /// host at once and the others within <see cref="TokenSigningOptions.RecordCacheDuration"/>.
    /// </summary>
    public async ValueTask<Outcome<ServiceUser>> SetServiceUserEnabledAsync(
        string tenantId, string serviceUserId, bool enabled, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        var user = await serviceUsers.FindByIdAsync(tenantId, serviceUserId, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return KeyFailures.ServiceUserNotFound;
        }

        user.Enabled = enabled;
        var saved = await serviceUsers.UpdateAsync(user, cancellationToken).ConfigureAwait(false);
        cache.InvalidateServiceUser(tenantId, serviceUserId);
        if (saved.IsSuccess)
        {
            LogServiceUserEnabledChanged(logger, serviceUserId, enabled);
        }

        return saved;
    }

    /// <summary>Lists a tenant's service users by name.</summary>
    public IAsyncEnumerable<ServiceUser> ListServiceUsersAsync(string tenantId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        return serviceUsers.ListAsync(tenantId, cancellationToken);
    }

    /// <summary>
    /// Mints a token for a service user of the tenant and stores its record. The token string is in the
    /// answer only: show it once. Failures: <c>service_user.not_found</c>, <c>token.invalid_scope</c>,
    /// <c>token.invalid_description</c>, <c>token.invalid_expiry</c>, <c>token.invalid_archive_delay</c>,
    /// <c>token.invalid_encryption_key</c>.
    /// </summary>
    public async ValueTask<Outcome<MintedToken>> MintTokenAsync(string tenantId, MintTokenRequest request, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(request.CreatedBy);
        if (!Scopes.Validate(request.Scopes).TryGetValue(out var scopes, out var scopeFailure))
        {
            return scopeFailure;
        }

        var description = request.Description?.Trim() ?? string.Empty;
        if (description.Length > MaxDescriptionLength || description.Any(char.IsControl))
        {
            return Failure.Invalid(KeyErrors.TokenInvalidDescription, $"The description has at most {MaxDescriptionLength} characters and no control characters.");
        }

        if (request.ExpiresIn is { } expiresIn && (expiresIn <= TimeSpan.Zero || expiresIn > MaxExpiresIn))
        {
            return Failure.Invalid(KeyErrors.TokenInvalidExpiry, "The lifetime must be positive and at most 10 years.");
        }

        if (request.ArchiveAfterExtract is { } delay && (delay < TimeSpan.Zero || delay > MaxArchiveAfterExtract))
        {
            return Failure.Invalid(KeyErrors.TokenInvalidArchiveDelay, "The archive-after-extract delay must be between 0 and 365 days.");
        }

        IntegratorEncryptionKey? encryptionKey = null;
        if (request.EncryptionKey is not null)
        {
            if (!IntegratorEncryptionKey.Parse(request.EncryptionKey).TryGetValue(out encryptionKey, out var keyFailure))
            {
                return keyFailure;
            }
        }

        var user = await FindServiceUserAsync(tenantId, request.ServiceUser, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return KeyFailures.ServiceUserNotFound;
        }

        // JWT times are whole seconds; keeping the record on the same second makes both agree.
        var exactNow = timeProvider.GetUtcNow();
        var now = TruncateToSeconds(exactNow);
        var record = new ServiceToken
        {
            Id = Identifiers.NewUlid(exactNow),
            TenantId = tenantId,
            ServiceUserId = user.Id,
            Description = description,
            Scopes = [.. scopes],
            CreatedAt = now,
            CreatedBy = request.CreatedBy,
            ExpiresAt = request.ExpiresIn is { } lifetime ? now + lifetime : null,
            ArchiveAfterExtract = request.ArchiveAfterExtract,
            EncryptionKey = encryptionKey?.Jwk,
        };
        var token = await codec.CreateTokenAsync(record, cancellationToken).ConfigureAwait(false);
        var created = await tokens.CreateAsync(record, cancellationToken).ConfigureAwait(false);
        if (!created.TryGetValue(out var stored, out var failure))
        {
            return failure;
        }

        LogTokenMinted(logger, record.Id, user.Id, record.Scopes.Count);
        return new MintedToken(record.Id, token, stored);
    }

    /// <summary>Finds a token record.</summary>
    public ValueTask<ServiceToken?> FindTokenAsync(string tenantId, string tokenId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        return string.IsNullOrEmpty(tokenId) ? ValueTask.FromResult<ServiceToken?>(null) : tokens.FindByIdAsync(tenantId, tokenId, cancellationToken);
    }

    /// <summary>Lists a tenant's token records (of one service user, by id or name, when given) by minting time.</summary>
    public async IAsyncEnumerable<ServiceToken> ListTokensAsync(
        string tenantId, string? serviceUser, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        IAsyncEnumerable<ServiceToken> source;
        if (serviceUser is null)
        {
            source = tokens.ListAsync(tenantId, cancellationToken);
        }
        else
        {
            var user = await FindServiceUserAsync(tenantId, serviceUser, cancellationToken).ConfigureAwait(false);
            if (user is null)
            {
                yield break;
            }

            source = tokens.ListByServiceUserAsync(tenantId, user.Id, cancellationToken);
        }

        await foreach (var token in source.ConfigureAwait(false))
        {
            yield return token;
        }
    }

    /// <summary>Turns a token off; it is refused from the next request. Disabling a revoked token changes nothing.</summary>
    public ValueTask<Outcome<ServiceToken>> DisableTokenAsync(string tenantId, string tokenId, CancellationToken cancellationToken) =>
        ChangeTokenAsync(tenantId, tokenId, TokenChange.Disable, cancellationToken);

    /// <summary>Turns a disabled token on again; <c>token.revoked</c> when it was revoked.</summary>
    public ValueTask<Outcome<ServiceToken>> EnableTokenAsync(string tenantId, string tokenId, CancellationToken cancellationToken) =>
        ChangeTokenAsync(tenantId, tokenId, TokenChange.Enable, cancellationToken);

    /// <summary>Revokes a token for good; revoking it again changes nothing.</summary>
    public ValueTask<Outcome<ServiceToken>> RevokeTokenAsync(string tenantId, string tokenId, CancellationToken cancellationToken) =>
        ChangeTokenAsync(tenantId, tokenId, TokenChange.Revoke, cancellationToken);

    private async ValueTask<Outcome<ServiceToken>> ChangeTokenAsync(string tenantId, string tokenId, TokenChange change, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        var token = await FindTokenAsync(tenantId, tokenId, cancellationToken).ConfigureAwait(false);
        if (token is null)
        {
            return KeyFailures.TokenNotFound;
        }

        switch (change)
        {
            case TokenChange.Enable when token.RevokedAt is not null:
                return KeyFailures.TokenRevoked;
            case TokenChange.Enable:
                token.Enabled = true;
                break;
            case TokenChange.Disable:
                token.Enabled = false;
                break;
            case TokenChange.Revoke:
                token.RevokedAt ??= timeProvider.GetUtcNow();
                break;
        }

        var saved = await tokens.UpdateAsync(token, cancellationToken).ConfigureAwait(false);

        // Invalidated even on failure: the next request reads the store again, which is always safe.
        cache.Invalidate(token.Id);
        if (saved.IsSuccess)
        {
            LogTokenChanged(logger, token.Id, change);
        }

        return saved;
    }

    private static bool IsValidName(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxNameLength
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static DateTimeOffset TruncateToSeconds(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private enum TokenChange
    {
        Disable,
        Enable,
        Revoke,
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Service user {ServiceUserId} created for source system {SourceSystem}")]
    private static partial void LogServiceUserCreated(ILogger logger, string serviceUserId, string sourceSystem);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Service user {ServiceUserId} enabled: {Enabled}")]
    private static partial void LogServiceUserEnabledChanged(ILogger logger, string serviceUserId, bool enabled);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Token {TokenId} minted for service user {ServiceUserId} with {ScopeCount} scopes")]
    private static partial void LogTokenMinted(ILogger logger, string tokenId, string serviceUserId, int scopeCount);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Token {TokenId}: {Change}")]
    private static partial void LogTokenChanged(ILogger logger, string tokenId, TokenChange change);
}
