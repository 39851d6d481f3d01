using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Verification.Core;
using Verification.Core.Protection;
using Verification.Core.Stores;
using Verification.Core.Verifications;
using Verification.Storage.EfCore.Blobs;
using Verification.Storage.EfCore.Configurations;

namespace Verification.Storage.EfCore.Stores;

/// <summary>
/// Verifications in an EF Core database. The store is scoped: <see cref="UpdateAsync"/> saves a
/// verification read through the same instance, checking its <see cref="VerificationFolder.Version"/>.
/// Identity attributes never reach the database in clear: they are sealed with the verification's data key
/// on the way in and opened on the way out (<see cref="VerificationProtector"/>), and only a blind index of
/// the name words is stored for search.
/// </summary>
/// <typeparam name="TContext">The context holding the verification model.</typeparam>
public sealed class EfVerificationStore<TContext>(TContext context, VerificationProtector protector) : IVerificationStore
    where TContext : DbContext
{
    // The attributes as last opened or sealed, per analysis: unchanged ones are not sealed again on every save.
    private readonly ConditionalWeakTable<Analysis, ExtractedFields> _persisted = [];

    private DbSet<VerificationFolder> Folders => context.Set<VerificationFolder>();

    /// <inheritdoc />
    public async ValueTask<VerificationFolder?> FindByIdAsync(string tenantId, string verificationId, CancellationToken cancellationToken) =>
        Open(await WithGraph().FirstOrDefaultAsync(f => f.TenantId == tenantId && f.VerificationId == verificationId, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc />
    public async ValueTask<VerificationFolder?> FindByAnalysisIdAsync(string tenantId, string analysisId, CancellationToken cancellationToken)
    {
        var folderId = await context.Set<Analysis>()
            .Where(a => a.TenantId == tenantId && a.Id == analysisId)
            .Select(a => a.FolderId)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return folderId is null
            ? null
            : Open(await WithGraph().FirstOrDefaultAsync(f => f.TenantId == tenantId && f.Id == folderId, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public async ValueTask<Outcome<VerificationFolder>> CreateAsync(VerificationFolder folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(folder);
        folder.Version = 1;
        Folders.Add(folder);
        Seal(folder);
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return folder;
        }
        catch (DbUpdateException ex) when (ProviderErrors.IsUniqueViolation(ex))
        {
            ForgetTrackedChanges();
            return StoreFailures.VerificationExists;
        }
    }

    /// <inheritdoc />
    public async ValueTask<Outcome<VerificationFolder>> UpdateAsync(VerificationFolder folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var entry = context.Entry(folder);
        if (entry.State == EntityState.Detached)
        {
            var exists = await Folders.AnyAsync(f => f.Id == folder.Id && f.TenantId == folder.TenantId, cancellationToken).ConfigureAwait(false);
            if (!exists)
            {
                return StoreFailures.VerificationNotFound;
            }

            throw new InvalidOperationException("UpdateAsync saves a verification read through the same store instance (scope); read it first.");
        }

        // The version is the optimistic concurrency token: EF checks the value read and writes the next one,
        // in the same transaction as every other change of the aggregate.
        entry.Property(f => f.Version).CurrentValue = entry.Property(f => f.Version).OriginalValue + 1;
        context.ChangeTracker.DetectChanges();
        Seal(folder);
        try
        {
            var erased = ErasedBlobKeys(folder);
            if (erased.Count == 0 || context.Database.CurrentTransaction is not null)
            {
                await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                if (erased.Count > 0)
                {
                    await DeleteBlobsAsync(erased, cancellationToken).ConfigureAwait(false);
                }

                return folder;
            }

            // Archiving: files kept in the database (DatabaseBlobStore) go in the transaction that destroys the data
            // key, so no committed state has the key gone and the ciphertext left, or the reverse. Files kept
            // elsewhere are deleted by the archiver once this commits (deleting absent rows here costs nothing).
            var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await DeleteBlobsAsync(erased, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return folder;
        }
        catch (DbUpdateConcurrencyException)
        {
            ForgetTrackedChanges();
            var stillThere = await Folders.AnyAsync(f => f.Id == folder.Id, cancellationToken).ConfigureAwait(false);
            return stillThere ? StoreFailures.VerificationConcurrencyConflict : StoreFailures.VerificationNotFound;
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<VerificationSummary> ListAsync(VerificationQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var folders = Folders.AsNoTracking().Where(f => f.TenantId == query.TenantId);
        if (query.CorrelationId is { } correlationId)
        {
            folders = folders.Where(f => f.FromCorrelationId && f.VerificationId == correlationId);
        }

        if (query.Status is { } status)
        {
            folders = folders.Where(f => f.Status == status);
        }

        if (query.Department is { } department)
        {
            folders = folders.Where(f => f.Department == department);
        }

        if (query.UpdatedSince is { } since)
        {
            folders = folders.Where(f => f.UpdatedAt >= since);
        }

        if (query.After is { } after)
        {
#pragma warning disable CA1309 // Translated to SQL "Id > @after"; ids are upper-case ASCII, ordered alike in every collation.
            folders = folders.Where(f => string.Compare(f.Id, after) > 0);
#pragma warning restore CA1309
        }

        var page = folders
            .OrderBy(f => f.Id)
            .Take(Math.Clamp(query.Limit, 1, 500))
            .Select(f => new VerificationSummary(f.Id, f.VerificationId, f.FromCorrelationId, f.Status, f.Department, f.CreatedAt, f.UpdatedAt, f.ArchivedAt));
        await foreach (var summary in page.AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return summary;
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ArchiveCandidate> ListDueForArchiveAsync(ArchiveDueQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var now = query.Now;
        var analyses = context.Set<Analysis>();
        Expression<Func<VerificationFolder, bool>> due = f => f.ArchiveDueAt != null && f.ArchiveDueAt <= now;
        if (query.DecidedBefore is { } decidedBefore)
        {
            due = due.Or(f => analyses.Any(a => a.FolderId == f.Id)
                              && !analyses.Any(a => a.FolderId == f.Id && a.Decision == null)
                              && !analyses.Any(a => a.FolderId == f.Id && a.DecidedAt > decidedBefore));
        }

        if (query.UndecidedCreatedBefore is { } createdBefore)
        {
            due = due.Or(f => f.CreatedAt <= createdBefore
                              && (!analyses.Any(a => a.FolderId == f.Id) || analyses.Any(a => a.FolderId == f.Id && a.Decision == null)));
        }

        var candidates = Folders.AsNoTracking()
            .Where(f => f.ArchivedAt == null)
            .Where(due)
            .OrderBy(f => f.Id)
            .Take(Math.Max(1, query.Limit))
            .Select(f => new ArchiveCandidate(f.TenantId, f.VerificationId, f.ArchiveDueAt));
        await foreach (var candidate in candidates.AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return candidate;
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<WrappedDataKeyEntry> ListWrappedDataKeysAsync(string? afterFolderId, int limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var folders = Folders.AsNoTracking().Where(f => f.WrappedDataKey != null);
        if (afterFolderId is not null)
        {
#pragma warning disable CA1309 // Translated to SQL "Id > @after"; ids are upper-case ASCII, ordered alike in every collation.
            folders = folders.Where(f => string.Compare(f.Id, afterFolderId) > 0);
#pragma warning restore CA1309
        }

        var page = folders
            .OrderBy(f => f.Id)
            .Take(Math.Max(1, limit))
            .Select(f => new WrappedDataKeyEntry(f.TenantId, f.VerificationId, f.Id, f.WrappedDataKey!));
        await foreach (var entry in page.AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return entry;
        }
    }

    /// <summary>Opens the sealed attributes of a folder just read.</summary>
    private VerificationFolder? Open(VerificationFolder? folder)
    {
        if (folder is null)
        {
            return null;
        }

        foreach (var analysis in folder.Analyses)
        {
            var sealedFields = context.Entry(analysis).Property<byte[]?>(AnalysisShadow.SealedFields).CurrentValue;
            analysis.Fields = protector.OpenFields(folder.Id, folder.WrappedDataKey, analysis.Id, sealedFields);
            foreach (var file in analysis.Files)
            {
                var sealedName = context.Entry(file).Property<byte[]?>(FileShadow.SealedDisplayName).CurrentValue;
                file.DisplayName = protector.OpenFileName(folder.Id, folder.WrappedDataKey, file.Id, sealedName);
            }

            _persisted.AddOrUpdate(analysis, analysis.Fields);
        }

        return folder;
    }

    /// <summary>
    /// Seals the attributes of new or changed analyses (and clears them once the folder is archived), on tracked
    /// entries, so they are written in the same transaction as the rest of the aggregate.
    /// </summary>
    private void Seal(VerificationFolder folder)
    {
        protector.EnsureDataKey(folder);
        foreach (var analysis in folder.Analyses)
        {
            if (_persisted.TryGetValue(analysis, out var persisted) && ReferenceEquals(persisted, analysis.Fields) && folder.ArchivedAt is null)
            {
                continue;
            }

            var entry = context.Entry(analysis);
            var erase = folder.ArchivedAt is not null || folder.WrappedDataKey is null;
            entry.Property<byte[]?>(AnalysisShadow.SealedFields).CurrentValue = erase ? null : protector.SealFields(folder, analysis.Id, analysis.Fields);
            entry.Property<string?>(AnalysisShadow.NameIndex).CurrentValue = erase ? null : protector.NameIndex(analysis.Fields);
            foreach (var file in analysis.Files)
            {
                context.Entry(file).Property<byte[]?>(FileShadow.SealedDisplayName).CurrentValue = erase ? null : protector.SealFileName(folder, file.Id, file.DisplayName);
            }

            _persisted.AddOrUpdate(analysis, analysis.Fields);
        }
    }

    /// <summary>The blob keys the pending save erases (files whose key was cleared by archiving).</summary>
    private List<string> ErasedBlobKeys(VerificationFolder folder)
    {
        var keys = new List<string>();
        foreach (var file in folder.Analyses.SelectMany(a => a.Files))
        {
            var entry = context.Entry(file);
            if (entry.State == EntityState.Modified && file.BlobKey is null && entry.Property(f => f.BlobKey).OriginalValue is { } original)
            {
                keys.Add(original);
            }
        }

        return keys;
    }

    private async Task DeleteBlobsAsync(List<string> keys, CancellationToken cancellationToken) =>
        await context.Set<BlobChunk>().Where(c => keys.Contains(c.Key)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);

    private IQueryable<VerificationFolder> WithGraph() =>
        Folders
            .Include(f => f.Analyses.OrderBy(a => a.Id)).ThenInclude(a => a.Files.OrderBy(x => x.Id))
            .Include(f => f.History.OrderBy(e => e.Id))
            .Include(f => f.Outbox.OrderBy(m => m.Id))
            .Include(f => f.Certificates.OrderBy(c => c.Id))
            .AsSplitQuery();

    // After a refused save the tracked graph no longer matches the database; forget it so the scope can go on.
    private void ForgetTrackedChanges() => context.ChangeTracker.Clear();
}
