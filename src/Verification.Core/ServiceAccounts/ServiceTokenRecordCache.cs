using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Verification.Core.ServiceAccounts;

/// <summary>
/// A per-process cache of token records, so that authenticating does not read the store on every request.
/// Entries live <see cref="TokenSigningOptions.RecordCacheDuration"/> (well under a second), which bounds how
/// long a disable or revoke done by another host sharing the database goes unseen here; changes made through
/// this process invalidate the entry at once. Register it as a singleton.
/// </summary>
internal sealed class ServiceTokenRecordCache
{
    // Above this many entries, a write sweeps out the stale ones; live entries are bounded by the tokens in use.
    private const int SweepThreshold = 10_000;

    private readonly ConcurrentDictionary<string, CachedTokenRecord> _entries = new(StringComparer.Ordinal);
    private readonly TimeSpan _duration;
    private long _generation;

    /// <summary>Creates a cache with the configured entry lifetime.</summary>
    public ServiceTokenRecordCache(IOptions<TokenSigningOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _duration = options.Value.RecordCacheDuration;
    }

    /// <summary>How many entries are held (stale ones included).</summary>
    public int Count => _entries.Count;

    /// <summary>Forgets the record of one token.</summary>
    public void Invalidate(string tokenId)
    {
        ArgumentNullException.ThrowIfNull(tokenId);
        Interlocked.Increment(ref _generation);
        _entries.TryRemove(tokenId, out _);
    }

    /// <summary>Forgets the records of every token of a service user (it was disabled, say).</summary>
    public void InvalidateServiceUser(string tenantId, string serviceUserId)
    {
        Interlocked.Increment(ref _generation);
        foreach (var (id, entry) in _entries)
        {
            if (string.Equals(entry.Token.ServiceUserId, serviceUserId, StringComparison.Ordinal)
                && string.Equals(entry.Token.TenantId, tenantId, StringComparison.Ordinal))
            {
                _entries.TryRemove(id, out _);
            }
        }
    }

    /// <summary>Forgets everything.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    /// <summary>A number to read before fetching a record and to pass to <see cref="Set"/>.</summary>
    internal long Generation => Interlocked.Read(ref _generation);

    internal bool TryGet(string tokenId, DateTimeOffset now, out CachedTokenRecord entry)
    {
        if (_entries.TryGetValue(tokenId, out entry!) && now - entry.FetchedAt < _duration && now >= entry.FetchedAt)
        {
            return true;
        }

        entry = null!;
        return false;
    }

    /// <summary>
    /// Keeps <paramref name="entry"/> unless something was invalidated since <paramref name="generation"/> was
    /// read: a record fetched before a local disable must not be cached after it.
    /// </summary>
    internal void Set(CachedTokenRecord entry, long generation)
    {
        if (_duration <= TimeSpan.Zero)
        {
            return;
        }

        if (_entries.Count >= SweepThreshold)
        {
            Sweep(entry.FetchedAt);
        }

        _entries[entry.Token.Id] = entry;
        if (Generation != generation)
        {
            _entries.TryRemove(new KeyValuePair<string, CachedTokenRecord>(entry.Token.Id, entry));
        }
    }

    /// <summary>Replaces an entry by a newer copy of the same fetch (a touched <see cref="ServiceToken.LastUsedAt"/>).</summary>
    internal void Replace(CachedTokenRecord previous, CachedTokenRecord updated) =>
        _entries.TryUpdate(previous.Token.Id, updated, previous);

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (id, entry) in _entries)
        {
            if (now - entry.FetchedAt >= _duration)
            {
                _entries.TryRemove(new KeyValuePair<string, CachedTokenRecord>(id, entry));
            }
        }
    }
}

/// <summary>A token record, its service user and the principal built from them, as fetched at one instant.</summary>
internal sealed record CachedTokenRecord(ServiceToken Token, ServiceUser? User, DateTimeOffset FetchedAt)
{
    /// <summary>Built once per fetch, so a cache hit allocates nothing.</summary>
    public ServiceTokenPrincipal? Principal { get; } = User is null
        ? null
        : new ServiceTokenPrincipal(Token.TenantId, User.Id, User.Name, User.SourceSystem, Token.Id, [.. Token.Scopes], Token.ArchiveAfterExtract, Token.ExpiresAt)
        {
            EncryptionKey = ParseStoredKey(Token),
        };

    // Stored keys were validated at minting. One that no longer parses (a corrupted record) must never fall back to
    // clear reads: failing here refuses the token's requests instead.
    private static IntegratorEncryptionKey? ParseStoredKey(ServiceToken token) =>
        token.EncryptionKey is null
            ? null
            : IntegratorEncryptionKey.Parse(token.EncryptionKey).Match(
                key => key,
                _ => throw new InvalidOperationException($"The stored encryption key of token {token.Id} is not a valid public key."));
}
