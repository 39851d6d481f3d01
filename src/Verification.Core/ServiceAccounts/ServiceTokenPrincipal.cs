namespace Verification.Core.ServiceAccounts;

/// <summary>
/// Who an accepted service token acts for and what it may do. Built from the stored records, which are
/// authoritative (not from the token's claims).
/// </summary>
public sealed record ServiceTokenPrincipal
{
    /// <summary>Creates a principal.</summary>
    public ServiceTokenPrincipal(
        string tenantId,
        string serviceUserId,
        string serviceUserName,
        string sourceSystem,
        string tokenId,
        IReadOnlyList<string> scopes,
        TimeSpan? archiveAfterExtract,
        DateTimeOffset? expiresAt)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        TenantId = tenantId;
        ServiceUserId = serviceUserId;
        ServiceUserName = serviceUserName;
        SourceSystem = sourceSystem;
        TokenId = tokenId;
        Scopes = scopes;
        ReadLevel = ServiceAccounts.Scopes.HighestReadLevel(scopes);
        ArchiveAfterExtract = archiveAfterExtract;
        ExpiresAt = expiresAt;
    }

    /// <summary>The tenant every call of this token works in.</summary>
    public string TenantId { get; }

    /// <summary>The service user id.</summary>
    public string ServiceUserId { get; }

    /// <summary>The service user's name.</summary>
    public string ServiceUserName { get; }

    /// <summary>The integrator system, e.g. <c>vkyc</c>.</summary>
    public string SourceSystem { get; }

    /// <summary>The token id (<c>jti</c>), for the audit trail; never the token.</summary>
    public string TokenId { get; }

    /// <summary>The granted scopes, in canonical order.</summary>
    public IReadOnlyList<string> Scopes { get; }

    /// <summary>The highest read level the scopes grant.</summary>
    public ReadLevel ReadLevel { get; }

    /// <summary>Archive what this token extracts this long after the extraction; <see langword="null"/> for never.</summary>
    public TimeSpan? ArchiveAfterExtract { get; }

    /// <summary>When the token expires, if it does.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <summary>
    /// The integrator's public key when the token's reads of attributes and pictures must come back encrypted to it
    /// (JWE, see <see cref="CompactJwe"/>); <see langword="null"/> for clear reads.
    /// </summary>
    public IntegratorEncryptionKey? EncryptionKey { get; init; }

    /// <summary>The actor as written in histories: <c>service:&lt;service user id&gt;</c>.</summary>
    public string Actor => "service:" + ServiceUserId;

    /// <summary>Whether the token holds <paramref name="scope"/>.</summary>
    public bool HasScope(string scope)
    {
        foreach (var granted in Scopes)
        {
            if (string.Equals(granted, scope, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the token may read at least <paramref name="level"/>.</summary>
    public bool CanRead(ReadLevel level) => ReadLevel >= level;
}
