using System.Runtime.CompilerServices;
using Verification.Core.Stores.InMemory;
using Verification.Core.Stores;

namespace Verification.Core.Webhooks.InMemory;

/// <summary>Webhook endpoints kept in memory, for tests and demos.</summary>
public sealed class InMemoryWebhookEndpointStore : IWebhookEndpointStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, WebhookEndpoint> _byId = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public ValueTask<WebhookEndpoint?> FindByIdAsync(string tenantId, string id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_byId.TryGetValue(id, out var endpoint) && InTenant(endpoint, tenantId) ? Snapshot.Copy(endpoint) : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<Outcome<WebhookEndpoint>> CreateAsync(WebhookEndpoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_byId.TryAdd(endpoint.Id, Snapshot.Copy(endpoint)))
            {
                return ValueTask.FromResult<Outcome<WebhookEndpoint>>(WebhookDeliveryFailures.EndpointExists);
            }

            return ValueTask.FromResult<Outcome<WebhookEndpoint>>(endpoint);
        }
    }

    /// <inheritdoc />
    public ValueTask<Outcome<WebhookEndpoint>> UpdateAsync(WebhookEndpoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_byId.TryGetValue(endpoint.Id, out var stored) || !InTenant(stored, endpoint.TenantId))
            {
                return ValueTask.FromResult<Outcome<WebhookEndpoint>>(WebhookDeliveryFailures.EndpointNotFound);
            }

            _byId[endpoint.Id] = Snapshot.Copy(endpoint);
            return ValueTask.FromResult<Outcome<WebhookEndpoint>>(endpoint);
        }
    }

    /// <inheritdoc />
    /// <remarks>Secrets in memory are never at rest: nothing to re-wrap; the endpoints are counted as scanned.</remarks>
    public ValueTask<SecretRewrapBatch> RewrapSecretsAsync(string? afterId, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var page = _byId.Keys.Where(id => afterId is null || string.CompareOrdinal(id, afterId) > 0).Order(StringComparer.Ordinal).Take(Math.Max(1, limit)).ToList();
            return ValueTask.FromResult(new SecretRewrapBatch(page.Count, 0, page.Count == 0 ? null : page[^1]));
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<WebhookEndpoint> ListAsync(string tenantId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<WebhookEndpoint> list;
        lock (_gate)
        {
            list = _byId.Values.Where(e => InTenant(e, tenantId)).OrderBy(e => e.Id, StringComparer.Ordinal).Select(Snapshot.Copy).ToList();
        }

        foreach (var endpoint in list)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return endpoint;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static bool InTenant(WebhookEndpoint endpoint, string tenantId) => string.Equals(endpoint.TenantId, tenantId, StringComparison.Ordinal);
}
