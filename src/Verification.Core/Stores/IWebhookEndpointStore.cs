using Verification.Core.Webhooks;

namespace Verification.Core.Stores;

/// <summary>
/// Stores webhook endpoints. Every method is scoped to a tenant: another tenant's id answers exactly like one
/// that does not exist.
/// </summary>
public interface IWebhookEndpointStore
{
    /// <summary>Finds an endpoint.</summary>
    ValueTask<WebhookEndpoint?> FindByIdAsync(string tenantId, string id, CancellationToken cancellationToken);

    /// <summary>Creates an endpoint; <c>webhook_endpoint.exists</c> when the id is taken.</summary>
    ValueTask<Outcome<WebhookEndpoint>> CreateAsync(WebhookEndpoint endpoint, CancellationToken cancellationToken);

    /// <summary>Saves an endpoint; <c>webhook_endpoint.not_found</c> when it is gone or in another tenant.</summary>
    ValueTask<Outcome<WebhookEndpoint>> UpdateAsync(WebhookEndpoint endpoint, CancellationToken cancellationToken);

    /// <summary>Lists a tenant's endpoints by id (creation order).</summary>
    IAsyncEnumerable<WebhookEndpoint> ListAsync(string tenantId, CancellationToken cancellationToken);

    /// <summary>
    /// Re-protects the stored signing secrets of every tenant's endpoints, by id after <paramref name="afterId"/>, at
    /// most <paramref name="limit"/>, under the current master key where they are in clear (an earlier version) or
    /// under another key (<c>admin rewrap</c>). A store that keeps nothing at rest (in memory) re-wraps nothing.
    /// </summary>
    ValueTask<SecretRewrapBatch> RewrapSecretsAsync(string? afterId, int limit, CancellationToken cancellationToken);
}

/// <summary>One batch of <see cref="IWebhookEndpointStore.RewrapSecretsAsync"/>.</summary>
/// <param name="Scanned">Endpoints looked at.</param>
/// <param name="Rewrapped">Endpoints whose secrets were sealed again.</param>
/// <param name="LastId">The last endpoint id looked at: the next batch's cursor; <see langword="null"/> when there were none.</param>
public sealed record SecretRewrapBatch(int Scanned, int Rewrapped, string? LastId);

/// <summary>
/// Stores deliveries and their attempt logs, and hands out due deliveries to dispatchers under a lease, so
/// that several hosts sharing one database attempt each delivery once at a time.
/// </summary>
public interface IWebhookDeliveryStore
{
    /// <summary>
    /// Turns up to <paramref name="maxMessages"/> outbox messages not yet handled into deliveries, one per
    /// enabled endpoint of the message's tenant subscribed to its type (none when there is no such endpoint),
    /// and marks them handled, in one transaction. Concurrent callers never fan a message out twice.
    /// Answers the number of messages handled.
    /// </summary>
    ValueTask<int> FanOutAsync(int maxMessages, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="max"/> pending deliveries due at <paramref name="now"/> whose lease is free
    /// or lapsed, giving them a new <see cref="WebhookDelivery.LeaseToken"/> until <c>now + lease</c>. Two
    /// concurrent claims never answer the same delivery. Oldest due first.
    /// </summary>
    ValueTask<IReadOnlyList<WebhookDelivery>> ClaimDueAsync(int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the outcome of working on a claimed delivery: its new state, counters, next attempt and last
    /// answer, and frees the lease; and appends <paramref name="attempt"/> to its log when one was made. The
    /// delivery is changed only if it is still held by the lease token it carries; answers whether it was (the
    /// attempt is logged either way, since it happened).
    /// </summary>
    ValueTask<bool> CompleteAsync(WebhookDelivery delivery, WebhookDeliveryAttempt? attempt, CancellationToken cancellationToken);

    /// <summary>Creates a delivery directly (a test event); <c>webhook_delivery.exists</c> when that endpoint already has that message.</summary>
    ValueTask<Outcome<WebhookDelivery>> CreateAsync(WebhookDelivery delivery, CancellationToken cancellationToken);

    /// <summary>Finds a delivery with its attempt log.</summary>
    ValueTask<WebhookDelivery?> FindByIdAsync(string tenantId, string id, CancellationToken cancellationToken);

    /// <summary>
    /// Lists deliveries with their attempt logs, one page, by id: creation order, or newest first with
    /// <see cref="WebhookDeliveryQuery.NewestFirst"/>.
    /// </summary>
    IAsyncEnumerable<WebhookDelivery> ListAsync(WebhookDeliveryQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Makes a delivery due again at <paramref name="now"/>, whatever its state, with a fresh retry schedule and
    /// a free lease; the <c>webhook-id</c> stays the same. <c>webhook_delivery.not_found</c> when there is none.
    /// </summary>
    ValueTask<Outcome<WebhookDelivery>> ResendAsync(string tenantId, string id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes at most <paramref name="batchSize"/> finished deliveries (delivered, failed or cancelled) last changed
    /// before <paramref name="threshold"/>, with their attempt logs, and at most as many outbox messages fanned out
    /// before it; answers how many rows of each went. Pending deliveries are never pruned. Each call is one short
    /// batch, so the dispatcher is never held up; call it again while it answers a full batch.
    /// </summary>
    ValueTask<WebhookPruneResult> PruneAsync(DateTimeOffset threshold, int batchSize, CancellationToken cancellationToken);
}

/// <summary>What one <see cref="IWebhookDeliveryStore.PruneAsync"/> batch deleted.</summary>
/// <param name="Deliveries">Finished deliveries (with their attempts).</param>
/// <param name="OutboxMessages">Outbox messages already fanned out.</param>
public sealed record WebhookPruneResult(long Deliveries, long OutboxMessages)
{
    /// <summary>Both counts together.</summary>
    public long Total => Deliveries + OutboxMessages;
}

/// <summary>Filters and paging for <see cref="IWebhookDeliveryStore.ListAsync"/>.</summary>
public sealed record WebhookDeliveryQuery
{
    /// <summary>The tenant (required).</summary>
    public required string TenantId { get; init; }

    /// <summary>Only this endpoint's deliveries.</summary>
    public string? EndpointId { get; init; }

    /// <summary>Only deliveries of this message (<c>webhook-id</c>).</summary>
    public string? MessageId { get; init; }

    /// <summary>Only deliveries in this state.</summary>
    public WebhookDeliveryState? State { get; init; }

    /// <summary>
    /// Newest first (by id, descending) instead of creation order: what a delivery log shows, without reading
    /// every older page first. <see cref="After"/> then means after in this order, that is older.
    /// </summary>
    public bool NewestFirst { get; init; }

    /// <summary>Paging: only those after this id in the listing order (the last id of the previous page).</summary>
    public string? After { get; init; }

    /// <summary>Page size, 1 to 500.</summary>
    public int Limit { get; init; } = 50;
}
