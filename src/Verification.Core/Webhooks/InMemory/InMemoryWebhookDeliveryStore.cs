using System.Runtime.CompilerServices;
using Verification.Core.Stores.InMemory;
using Verification.Core.Stores;

namespace Verification.Core.Webhooks.InMemory;

/// <summary>
/// Deliveries kept in memory, for tests and demos; it reads the outbox of an
/// <see cref="InMemoryVerificationStore"/>. Same semantics as the database stores within one process.
/// </summary>
public sealed class InMemoryWebhookDeliveryStore : IWebhookDeliveryStore, IDisposable
{
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _fanOut = new(1, 1);
    private readonly Dictionary<string, WebhookDelivery> _byId = new(StringComparer.Ordinal);
    private readonly InMemoryVerificationStore _verifications;
    private readonly IWebhookEndpointStore _endpoints;

    /// <summary>Creates the store over the outbox of <paramref name="verifications"/> and the endpoints of <paramref name="endpoints"/>.</summary>
    public InMemoryWebhookDeliveryStore(InMemoryVerificationStore verifications, IWebhookEndpointStore endpoints)
    {
        ArgumentNullException.ThrowIfNull(verifications);
        ArgumentNullException.ThrowIfNull(endpoints);
        _verifications = verifications;
        _endpoints = endpoints;
    }

    /// <inheritdoc />
    public async ValueTask<int> FanOutAsync(int maxMessages, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _fanOut.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var messages = _verifications.PeekPendingOutbox(maxMessages);
            var created = new List<WebhookDelivery>();
            foreach (var tenant in messages.GroupBy(m => m.TenantId, StringComparer.Ordinal))
            {
                var endpoints = new List<WebhookEndpoint>();
                await foreach (var endpoint in _endpoints.ListAsync(tenant.Key, cancellationToken).ConfigureAwait(false))
                {
                    if (endpoint.Enabled)
                    {
                        endpoints.Add(endpoint);
                    }
                }

                created.AddRange(tenant.SelectMany(m => endpoints.Where(e => e.Subscribes(m.EventType)).Select(e => WebhookDelivery.For(m, e, now))));
            }

            lock (_gate)
            {
                foreach (var delivery in created)
                {
                    _byId[delivery.Id] = delivery;
                }
            }

            _verifications.MarkOutboxDispatched(messages.Select(m => m.Id));
            return messages.Count;
        }
        finally
        {
            _fanOut.Release();
        }
    }

    /// <inheritdoc />
    /// <remarks>The in-memory outbox keeps no fanned-out message to prune: they live only in the stored verifications.</remarks>
    public ValueTask<WebhookPruneResult> PruneAsync(DateTimeOffset threshold, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var due = _byId.Values
                .Where(d => d.State != WebhookDeliveryState.Pending && d.UpdatedAt < threshold)
                .OrderBy(d => d.Id, StringComparer.Ordinal)
                .Take(batchSize)
                .Select(d => d.Id)
                .ToList();
            foreach (var id in due)
            {
                _byId.Remove(id);
            }

            return ValueTask.FromResult(new WebhookPruneResult(due.Count, 0));
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<WebhookDelivery>> ClaimDueAsync(int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var token = Guid.NewGuid().ToString("N");
        lock (_gate)
        {
            var claimed = _byId.Values
                .Where(d => d.State == WebhookDeliveryState.Pending && d.NextAttemptAt <= now && (d.LeaseExpiresAt is null || d.LeaseExpiresAt <= now))
                .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id, StringComparer.Ordinal)
                .Take(max)
                .ToList();
            foreach (var delivery in claimed)
            {
                delivery.LeaseToken = token;
                delivery.LeaseExpiresAt = now + lease;
            }

            return ValueTask.FromResult<IReadOnlyList<WebhookDelivery>>(claimed.Select(CopyWithoutAttempts).ToList());
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> CompleteAsync(WebhookDelivery delivery, WebhookDeliveryAttempt? attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_byId.TryGetValue(delivery.Id, out var stored))
            {
                return ValueTask.FromResult(false);
            }

            if (attempt is not null)
            {
                stored.Attempts.Add(Snapshot.Copy(attempt));
            }

            if (delivery.LeaseToken is null || !string.Equals(stored.LeaseToken, delivery.LeaseToken, StringComparison.Ordinal))
            {
                return ValueTask.FromResult(false);
            }

            stored.State = delivery.State;
            stored.AttemptCount = delivery.AttemptCount;
            stored.ScheduleAttempts = delivery.ScheduleAttempts;
            stored.NextAttemptAt = delivery.NextAttemptAt;
            stored.LastStatusCode = delivery.LastStatusCode;
            stored.LastError = delivery.LastError;
            stored.DeliveredAt = delivery.DeliveredAt;
            stored.UpdatedAt = delivery.UpdatedAt;
            stored.LeaseToken = null;
            stored.LeaseExpiresAt = null;
            return ValueTask.FromResult(true);
        }
    }

    /// <inheritdoc />
    public ValueTask<Outcome<WebhookDelivery>> CreateAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_byId.ContainsKey(delivery.Id)
                || _byId.Values.Any(d => string.Equals(d.EndpointId, delivery.EndpointId, StringComparison.Ordinal) && string.Equals(d.MessageId, delivery.MessageId, StringComparison.Ordinal)))
            {
                return ValueTask.FromResult<Outcome<WebhookDelivery>>(WebhookDeliveryFailures.DeliveryExists);
            }

            _byId[delivery.Id] = Snapshot.Copy(delivery);
            return ValueTask.FromResult<Outcome<WebhookDelivery>>(delivery);
        }
    }

    /// <inheritdoc />
    public ValueTask<WebhookDelivery?> FindByIdAsync(string tenantId, string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_byId.TryGetValue(id, out var delivery) && InTenant(delivery, tenantId) ? Snapshot.Copy(delivery) : null);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<WebhookDelivery> ListAsync(WebhookDeliveryQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        List<WebhookDelivery> page;
        var direction = query.NewestFirst ? -1 : 1;
        lock (_gate)
        {
            var matching = _byId.Values
                .Where(d => InTenant(d, query.TenantId))
                .Where(d => query.EndpointId is null || string.Equals(d.EndpointId, query.EndpointId, StringComparison.Ordinal))
                .Where(d => query.MessageId is null || string.Equals(d.MessageId, query.MessageId, StringComparison.Ordinal))
                .Where(d => query.State is null || d.State == query.State)
                .Where(d => query.After is null || direction * string.CompareOrdinal(d.Id, query.After) > 0);
            page = (query.NewestFirst ? matching.OrderByDescending(d => d.Id, StringComparer.Ordinal) : matching.OrderBy(d => d.Id, StringComparer.Ordinal))
                .Take(Math.Clamp(query.Limit, 1, 500))
                .Select(Snapshot.Copy)
                .ToList();
        }

        foreach (var delivery in page)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return delivery;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask<Outcome<WebhookDelivery>> ResendAsync(string tenantId, string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_byId.TryGetValue(id, out var stored) || !InTenant(stored, tenantId))
            {
                return ValueTask.FromResult<Outcome<WebhookDelivery>>(WebhookDeliveryFailures.DeliveryNotFound);
            }

            stored.State = WebhookDeliveryState.Pending;
            stored.ScheduleAttempts = 0;
            stored.NextAttemptAt = now;
            stored.LeaseToken = null;
            stored.LeaseExpiresAt = null;
            stored.DeliveredAt = null;
            stored.UpdatedAt = now;
            return ValueTask.FromResult<Outcome<WebhookDelivery>>(Snapshot.Copy(stored));
        }
    }

    /// <inheritdoc />
    public void Dispose() => _fanOut.Dispose();

    private static bool InTenant(WebhookDelivery delivery, string tenantId) => string.Equals(delivery.TenantId, tenantId, StringComparison.Ordinal);

    private static WebhookDelivery CopyWithoutAttempts(WebhookDelivery delivery)
    {
        var copy = Snapshot.Copy(delivery);
        copy.Attempts.Clear();
        return copy;
    }
}
