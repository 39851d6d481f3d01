using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Verification.Storage.EfCore;

/// <summary>
/// SQLite allows one writer at a time; when many requests write at once, each loser sleeps and retries on
/// <c>SQLITE_BUSY</c>, and throughput collapses. This interceptor queues the writes of one process per
/// database in memory instead (a save, or an explicit transaction, holds the gate until it ends), and sets
/// <c>synchronous=NORMAL</c>, which is durable with the write-ahead log, and <c>secure_delete=ON</c>, so that
/// erased personal data is overwritten in the file rather than left in free pages. SQLite is the single-host
/// default; several hosts use PostgreSQL.
/// </summary>
internal sealed class SqliteWriteGate : IDbConnectionInterceptor, ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public static readonly SqliteWriteGate Instance = new();

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<DbContext, Holder> _holders = [];

    // ---- connection: per-connection pragmas
    public async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA secure_delete=ON;";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA secure_delete=ON;";
        command.ExecuteNonQuery();
    }

    // ---- saves outside an explicit transaction
    public async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null)
        {
            await AcquireAsync(context, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null)
        {
            Acquire(context);
        }

        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ReleaseIfSave(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ReleaseIfSave(eventData.Context);
        return result;
    }

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleaseIfSave(eventData.Context);
        return Task.CompletedTask;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => ReleaseIfSave(eventData.Context);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleaseIfSave(eventData.Context);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => ReleaseIfSave(eventData.Context);

    // ---- explicit transactions hold the gate until they end
    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            await AcquireAsync(context, cancellationToken).ConfigureAwait(false);
            _holders.GetOrCreateValue(context).InTransaction = true;
        }

        return result;
    }

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        if (eventData.Context is { } context)
        {
            Acquire(context);
            _holders.GetOrCreateValue(context).InTransaction = true;
        }

        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => ReleaseTransaction(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleaseTransaction(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => ReleaseTransaction(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleaseTransaction(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => ReleaseTransaction(eventData.Context);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleaseTransaction(eventData.Context);
        return Task.CompletedTask;
    }

    // A transaction disposed without commit or rollback raises no transaction event; its connection closing
    // does, and nothing writes after the connection is closed, so that is where the gate is always released.
    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => ReleaseTransaction(eventData.Context);

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        ReleaseTransaction(eventData.Context);
        return Task.CompletedTask;
    }

    private SemaphoreSlim GateOf(DbContext context) =>
        _gates.GetOrAdd(context.Database.GetConnectionString() ?? string.Empty, static _ => new SemaphoreSlim(1, 1));

    private async Task AcquireAsync(DbContext context, CancellationToken cancellationToken)
    {
        var holder = _holders.GetOrCreateValue(context);
        if (holder.Held is not null)
        {
            return;
        }

        var gate = GateOf(context);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        holder.Held = gate;
    }

    private void Acquire(DbContext context)
    {
        var holder = _holders.GetOrCreateValue(context);
        if (holder.Held is not null)
        {
            return;
        }

        var gate = GateOf(context);
        gate.Wait();
        holder.Held = gate;
    }

    private void ReleaseIfSave(DbContext? context)
    {
        if (context is not null && _holders.TryGetValue(context, out var holder) && !holder.InTransaction)
        {
            Release(holder);
        }
    }

    private void ReleaseTransaction(DbContext? context)
    {
        if (context is not null && _holders.TryGetValue(context, out var holder))
        {
            holder.InTransaction = false;
            Release(holder);
        }
    }

    private static void Release(Holder holder)
    {
        var gate = Interlocked.Exchange(ref holder.Held, null);
        gate?.Release();
    }

    private sealed class Holder
    {
        public SemaphoreSlim? Held;
        public bool InTransaction;
    }
}
