using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Verification.Core.Stores;
using Verification.Core;
using Verification.Core.Protection;
using Verification.Core.Webhooks;
using Verification.Storage.EfCore.Configurations;

namespace Verification.Storage.EfCore.Stores;

/// <summary>
/// Webhook endpoints in an EF Core database. Signing secrets never reach the database in clear: they are wrapped
/// under the master key on the way in and opened on the way out (<see cref="VerificationProtector.ProtectSecret"/>);
/// a secret stored in clear by an earlier version is read as it is and sealed at the endpoint's next save or by
/// <c>admin rewrap</c>.
/// </summary>
/// <typeparam name="TContext">The context holding the verification model.</typeparam>
public sealed class EfWebhookEndpointStore<TContext>(TContext context, VerificationProtector protector) : IWebhookEndpointStore
    where TContext : DbContext
{
    private DbSet<WebhookEndpoint> Endpoints => context.Set<WebhookEndpoint>();

    /// <inheritdoc />
    public async ValueTask<WebhookEndpoint?> FindByIdAsync(string tenantId, string id, CancellationToken cancellationToken)
    {
        var endpoint = await Endpoints.FirstOrDefaultAsync(e => e.TenantId == tenantId && e.Id == id, cancellationToken).ConfigureAwait(false);
        if (endpoint is not null)
        {
            var entry = context.Entry(endpoint);
            Open(endpoint, entry.Property<string>(WebhookEndpointShadow.StoredSecret).CurrentValue, entry.Property<string?>(WebhookEndpointShadow.StoredPreviousSecret).CurrentValue);
        }

        return endpoint;
    }

    /// <inheritdoc />
    public async ValueTask<Outcome<WebhookEndpoint>> CreateAsync(WebhookEndpoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Endpoints.Add(endpoint);
        Seal(endpoint);
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return endpoint;
        }
        catch (DbUpdateException ex) when (ProviderErrors.IsUniqueViolation(ex))
        {
            context.Entry(endpoint).State = EntityState.Detached;
            return WebhookDeliveryFailures.EndpointExists;
        }
    }

    /// <inheritdoc />
    public async ValueTask<Outcome<WebhookEndpoint>> UpdateAsync(WebhookEndpoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (context.Entry(endpoint).State == EntityState.Detached)
        {
            if (!await Endpoints.AnyAsync(e => e.TenantId == endpoint.TenantId && e.Id == endpoint.Id, cancellationToken).ConfigureAwait(false))
            {
                return WebhookDeliveryFailures.EndpointNotFound;
            }

            Endpoints.Update(endpoint);
        }

        Seal(endpoint);
        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return endpoint;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<WebhookEndpoint> ListAsync(string tenantId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = Endpoints.AsNoTracking().Where(e => e.TenantId == tenantId).OrderBy(e => e.Id)
            .Select(e => new
            {
                Endpoint = e,
                Secret = EF.Property<string>(e, WebhookEndpointShadow.StoredSecret),
                Previous = EF.Property<string?>(e, WebhookEndpointShadow.StoredPreviousSecret),
            });
        await foreach (var row in query.AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            Open(row.Endpoint, row.Secret, row.Previous);
            yield return row.Endpoint;
        }
    }

    /// <inheritdoc />
    public async ValueTask<SecretRewrapBatch> RewrapSecretsAsync(string? afterId, int limit, CancellationToken cancellationToken)
    {
        var query = Endpoints.AsNoTracking();
        if (afterId is not null)
        {
#pragma warning disable CA1309 // Translated to SQL "Id > @after"; ids are upper-case ASCII, ordered alike in every collation.
            query = query.Where(e => string.Compare(e.Id, afterId) > 0);
#pragma warning restore CA1309
        }

        var page = await query.OrderBy(e => e.Id).Take(Math.Max(1, limit))
            .Select(e => new
            {
                e.Id,
                Secret = EF.Property<string>(e, WebhookEndpointShadow.StoredSecret),
                Previous = EF.Property<string?>(e, WebhookEndpointShadow.StoredPreviousSecret),
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var rewrapped = 0;
        foreach (var row in page)
        {
            if (!protector.SecretNeedsRewrap(row.Secret) && !protector.SecretNeedsRewrap(row.Previous))
            {
                continue;
            }

            var secret = protector.ProtectSecret(WebhookEndpointShadow.CurrentPurpose, row.Id, protector.UnprotectSecret(WebhookEndpointShadow.CurrentPurpose, row.Id, row.Secret));
            var previous = row.Previous is null
                ? null
                : protector.ProtectSecret(WebhookEndpointShadow.PreviousPurpose, row.Id, protector.UnprotectSecret(WebhookEndpointShadow.PreviousPurpose, row.Id, row.Previous));

            // Written only if the row still holds what was read: a host that rotated the secret meanwhile keeps its
            // new secret (sealed under the key it runs with) instead of getting the old one back.
            var (id, stored, storedPrevious) = (row.Id, row.Secret, row.Previous);
            rewrapped += await Endpoints
                .Where(e => e.Id == id
                            && EF.Property<string>(e, WebhookEndpointShadow.StoredSecret) == stored
                            && EF.Property<string?>(e, WebhookEndpointShadow.StoredPreviousSecret) == storedPrevious)
                .ExecuteUpdateAsync(
                    set => set
                        .SetProperty(e => EF.Property<string>(e, WebhookEndpointShadow.StoredSecret), secret)
                        .SetProperty(e => EF.Property<string?>(e, WebhookEndpointShadow.StoredPreviousSecret), previous),
                    cancellationToken).ConfigureAwait(false);
        }

        return new SecretRewrapBatch(page.Count, rewrapped, page.Count == 0 ? null : page[^1].Id);
    }

    private void Open(WebhookEndpoint endpoint, string stored, string? storedPrevious)
    {
        endpoint.Secret = protector.UnprotectSecret(WebhookEndpointShadow.CurrentPurpose, endpoint.Id, stored);
        endpoint.PreviousSecret = storedPrevious is null ? null : protector.UnprotectSecret(WebhookEndpointShadow.PreviousPurpose, endpoint.Id, storedPrevious);
    }

    /// <summary>Writes the protected forms of the secrets, sealing again only what changed or is not under the current master key.</summary>
    private void Seal(WebhookEndpoint endpoint)
    {
        var entry = context.Entry(endpoint);
        var current = entry.Property<string>(WebhookEndpointShadow.StoredSecret);
        if (NeedsSealing(WebhookEndpointShadow.CurrentPurpose, endpoint.Id, current.CurrentValue, endpoint.Secret))
        {
            current.CurrentValue = protector.ProtectSecret(WebhookEndpointShadow.CurrentPurpose, endpoint.Id, endpoint.Secret);
        }

        var previous = entry.Property<string?>(WebhookEndpointShadow.StoredPreviousSecret);
        if (endpoint.PreviousSecret is null)
        {
            previous.CurrentValue = null;
        }
        else if (NeedsSealing(WebhookEndpointShadow.PreviousPurpose, endpoint.Id, previous.CurrentValue, endpoint.PreviousSecret))
        {
            previous.CurrentValue = protector.ProtectSecret(WebhookEndpointShadow.PreviousPurpose, endpoint.Id, endpoint.PreviousSecret);
        }
    }

    private bool NeedsSealing(string purpose, string id, string? stored, string secret) =>
        stored is null
        || protector.SecretNeedsRewrap(stored)
        || !string.Equals(protector.UnprotectSecret(purpose, id, stored), secret, StringComparison.Ordinal);
}

/// <summary>
/// Webhook deliveries in an EF Core database. On PostgreSQL, claims and fan-out lock rows with
/// <c>FOR UPDATE SKIP LOCKED</c>, so several hosts share the work without waiting on each other; on SQLite
/// (one writer at a time) the claim is a conditional update of the lease and the fan-out runs in an immediate
/// transaction.
/// </summary>
/// <typeparam name="TContext">The context holding the verification model.</typeparam>
public sealed class EfWebhookDeliveryStore<TContext>(TContext context) : IWebhookDeliveryStore
    where TContext : DbContext
{
    private DbSet<WebhookDelivery> Deliveries => context.Set<WebhookDelivery>();

    private DbSet<OutboxMessage> Outbox => context.Set<OutboxMessage>();

    /// <inheritdoc />
    public async ValueTask<int> FanOutAsync(int maxMessages, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var messages = await PendingMessages(maxMessages).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (messages.Count == 0)
            {
                return 0;
            }

            var tenants = messages.Select(m => m.TenantId).Distinct(StringComparer.Ordinal).ToList();
            var endpoints = await context.Set<WebhookEndpoint>().AsNoTracking()
                .Where(e => tenants.Contains(e.TenantId) && e.Enabled)
                .OrderBy(e => e.Id)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var message in messages)
            {
                foreach (var endpoint in endpoints)
                {
                    if (string.Equals(endpoint.TenantId, message.TenantId, StringComparison.Ordinal) && endpoint.Subscribes(message.EventType))
                    {
                        Deliveries.Add(WebhookDelivery.For(message, endpoint, now));
                    }
                }
            }

            try
            {
                await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DbUpdateException ex) when (ProviderErrors.IsUniqueViolation(ex))
            {
                // Another host fanned these messages out meanwhile (possible only without row locks); its work stands.
                context.ChangeTracker.Clear();
                return 0;
            }
            finally
            {
                context.ChangeTracker.Clear();
            }

            var ids = messages.Select(m => m.Id).ToList();
            await Outbox.Where(m => ids.Contains(m.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(m => EF.Property<DateTimeOffset?>(m, OutboxMessageConfiguration.DispatchedAt), now), cancellationToken)
                .ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return messages.Count;
        }
    }

    /// <inheritdoc />
    public async ValueTask<WebhookPruneResult> PruneAsync(DateTimeOffset threshold, int batchSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);

        // One DELETE ... WHERE Id IN (SELECT ... LIMIT n) per table, each its own short transaction: finished rows
        // are never claimed, so the dispatcher's claims (FOR UPDATE SKIP LOCKED on pending rows) never wait on them.
        // Attempts go with their delivery (ON DELETE CASCADE).
        var deliveries = await Deliveries
            .Where(d => d.State != WebhookDeliveryState.Pending && d.UpdatedAt < threshold)
            .OrderBy(d => d.Id)
            .Take(batchSize)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        var messages = await Outbox
            .Where(m => EF.Property<DateTimeOffset?>(m, OutboxMessageConfiguration.DispatchedAt) != null
                        && EF.Property<DateTimeOffset?>(m, OutboxMessageConfiguration.DispatchedAt) < threshold)
            .OrderBy(m => m.Id)
            .Take(batchSize)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return new WebhookPruneResult(deliveries, messages);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<WebhookDelivery>> ClaimDueAsync(int max, DateTimeOffset now, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var token = Guid.NewGuid().ToString("N");
        var leaseExpiresAt = now + lease;
        if (ProviderErrors.IsPostgreSql(context))
        {
            var (table, c) = Names();
            // Rows another host is claiming right now are skipped, not waited for.
            var sql =
                $"UPDATE {table} SET {c["LeaseToken"]} = {{0}}, {c["LeaseExpiresAt"]} = {{1}} WHERE {c["Id"]} IN (" +
                $"SELECT {c["Id"]} FROM {table} WHERE {c["State"]} = {{2}} AND {c["NextAttemptAt"]} <= {{3}} " +
                $"AND ({c["LeaseExpiresAt"]} IS NULL OR {c["LeaseExpiresAt"]} <= {{3}}) " +
                $"ORDER BY {c["NextAttemptAt"]}, {c["Id"]} LIMIT {{4}} FOR UPDATE SKIP LOCKED)";
            await context.Database.ExecuteSqlRawAsync(sql, [token, leaseExpiresAt, (int)WebhookDeliveryState.Pending, now, max], cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var candidates = await Deliveries.AsNoTracking()
                .Where(d => d.State == WebhookDeliveryState.Pending && d.NextAttemptAt <= now && (d.LeaseExpiresAt == null || d.LeaseExpiresAt <= now))
                .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id)
                .Select(d => d.Id)
                .Take(max)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            if (candidates.Count == 0)
            {
                return [];
            }

            // The conditions are checked again by the update itself, so of two claimers only one gets each row.
            await Deliveries
                .Where(d => candidates.Contains(d.Id) && d.State == WebhookDeliveryState.Pending && (d.LeaseExpiresAt == null || d.LeaseExpiresAt <= now))
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseToken, token).SetProperty(d => d.LeaseExpiresAt, leaseExpiresAt), cancellationToken)
                .ConfigureAwait(false);
        }

        return await Deliveries.AsNoTracking()
            .Where(d => d.LeaseToken == token)
            .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool> CompleteAsync(WebhookDelivery delivery, WebhookDeliveryAttempt? attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var updated = 0;
            if (delivery.LeaseToken is { } token)
            {
                updated = await Deliveries.Where(d => d.Id == delivery.Id && d.LeaseToken == token)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(d => d.State, delivery.State)
                        .SetProperty(d => d.AttemptCount, delivery.AttemptCount)
                        .SetProperty(d => d.ScheduleAttempts, delivery.ScheduleAttempts)
                        .SetProperty(d => d.NextAttemptAt, delivery.NextAttemptAt)
                        .SetProperty(d => d.LastStatusCode, delivery.LastStatusCode)
                        .SetProperty(d => d.LastError, delivery.LastError)
                        .SetProperty(d => d.DeliveredAt, delivery.DeliveredAt)
                        .SetProperty(d => d.UpdatedAt, delivery.UpdatedAt)
                        .SetProperty(d => d.LeaseToken, (string?)null)
                        .SetProperty(d => d.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken)
                    .ConfigureAwait(false);
            }

            if (attempt is not null && await Deliveries.AnyAsync(d => d.Id == delivery.Id, cancellationToken).ConfigureAwait(false))
            {
                context.Set<WebhookDeliveryAttempt>().Add(attempt);
                try
                {
                    await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    context.ChangeTracker.Clear();
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return updated == 1;
        }
    }

    /// <inheritdoc />
    public async ValueTask<Outcome<WebhookDelivery>> CreateAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        Deliveries.Add(delivery);
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return delivery;
        }
        catch (DbUpdateException ex) when (ProviderErrors.IsUniqueViolation(ex))
        {
            context.ChangeTracker.Clear();
            return WebhookDeliveryFailures.DeliveryExists;
        }
    }

    /// <inheritdoc />
    public async ValueTask<WebhookDelivery?> FindByIdAsync(string tenantId, string id, CancellationToken cancellationToken) =>
        await WithAttempts().FirstOrDefaultAsync(d => d.TenantId == tenantId && d.Id == id, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async IAsyncEnumerable<WebhookDelivery> ListAsync(WebhookDeliveryQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var deliveries = WithAttempts().Where(d => d.TenantId == query.TenantId);
        if (query.EndpointId is { } endpointId)
        {
            deliveries = deliveries.Where(d => d.EndpointId == endpointId);
        }

        if (query.MessageId is { } messageId)
        {
            deliveries = deliveries.Where(d => d.MessageId == messageId);
        }

        if (query.State is { } state)
        {
            deliveries = deliveries.Where(d => d.State == state);
        }

#pragma warning disable CA1309 // Translated to SQL "Id > @after"; ids are upper-case ASCII, ordered alike in every collation.
        if (query.After is { } after)
        {
            deliveries = query.NewestFirst
                ? deliveries.Where(d => string.Compare(d.Id, after) < 0)
                : deliveries.Where(d => string.Compare(d.Id, after) > 0);
        }
#pragma warning restore CA1309

        var ordered = query.NewestFirst ? deliveries.OrderByDescending(d => d.Id) : deliveries.OrderBy(d => d.Id);
        var page = ordered.Take(Math.Clamp(query.Limit, 1, 500));
        await foreach (var delivery in page.AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return delivery;
        }
    }

    /// <inheritdoc />
    public async ValueTask<Outcome<WebhookDelivery>> ResendAsync(string tenantId, string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var updated = await Deliveries.Where(d => d.TenantId == tenantId && d.Id == id)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.State, WebhookDeliveryState.Pending)
                .SetProperty(d => d.ScheduleAttempts, 0)
                .SetProperty(d => d.NextAttemptAt, now)
                .SetProperty(d => d.LeaseToken, (string?)null)
                .SetProperty(d => d.LeaseExpiresAt, (DateTimeOffset?)null)
                .SetProperty(d => d.DeliveredAt, (DateTimeOffset?)null)
                .SetProperty(d => d.UpdatedAt, now), cancellationToken)
            .ConfigureAwait(false);
        if (updated == 0)
        {
            return WebhookDeliveryFailures.DeliveryNotFound;
        }

        var delivery = await FindByIdAsync(tenantId, id, cancellationToken).ConfigureAwait(false);
        return delivery is null ? WebhookDeliveryFailures.DeliveryNotFound : delivery;
    }

    private IQueryable<OutboxMessage> PendingMessages(int max)
    {
        if (!ProviderErrors.IsPostgreSql(context))
        {
            return Outbox.AsNoTracking()
                .Where(m => EF.Property<DateTimeOffset?>(m, OutboxMessageConfiguration.DispatchedAt) == null)
                .OrderBy(m => m.Id)
                .Take(max);
        }

        var entity = context.Model.FindEntityType(typeof(OutboxMessage))!;
        var table = Quote(entity.GetSchema(), entity.GetTableName()!);
        var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        string Column(string property) => Quote(null, entity.FindProperty(property)!.GetColumnName(store)!);

        // Messages another host is fanning out right now are skipped; they are locked until its transaction ends.
        // Identifiers come from the model, values are parameters.
        var sql = $"SELECT * FROM {table} WHERE {Column(OutboxMessageConfiguration.DispatchedAt)} IS NULL ORDER BY {Column(nameof(OutboxMessage.Id))} LIMIT {{0}} FOR UPDATE SKIP LOCKED";
        return Outbox.FromSqlRaw(sql, max).AsNoTracking();
    }

    private (string Table, Dictionary<string, string> Columns) Names()
    {
        var entity = context.Model.FindEntityType(typeof(WebhookDelivery))!;
        var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties().ToDictionary(p => p.Name, p => Quote(null, p.GetColumnName(store)!), StringComparer.Ordinal);
        return (Quote(entity.GetSchema(), entity.GetTableName()!), columns);
    }

    private static string Quote(string? schema, string name) =>
        schema is null ? $"\"{name}\"" : $"\"{schema}\".\"{name}\"";

    private IQueryable<WebhookDelivery> WithAttempts() =>
        Deliveries.AsNoTracking().Include(d => d.Attempts.OrderBy(a => a.Number).ThenBy(a => a.Id)).AsSplitQuery();
}
