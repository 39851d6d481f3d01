using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Verification.Core.Stores;
using Verification.Core.Verifications;
using Verification.Core.Webhooks;

namespace Verification.Core.Protection;

/// <summary>Where a <see cref="MasterKeyRewrapper"/> run stands.</summary>
/// <param name="DataKeysScanned">Verifications looked at.</param>
/// <param name="DataKeysRewrapped">Data keys re-wrapped by this run.</param>
/// <param name="SecretsScanned">Webhook endpoints looked at.</param>
/// <param name="SecretsRewrapped">Endpoints whose secrets this run sealed again.</param>
/// <param name="Cursor">The last verification id done: pass it as <see cref="RewrapRequest.After"/> to resume there.</param>
public sealed record RewrapProgress(long DataKeysScanned, long DataKeysRewrapped, long SecretsScanned, long SecretsRewrapped, string? Cursor);

/// <summary>What a <see cref="MasterKeyRewrapper"/> run did.</summary>
/// <param name="Progress">The counts of the run.</param>
/// <param name="Remaining">
/// Data keys still under another master key after the run (written meanwhile by a host that still wraps under the old
/// key, or past a failure): the old key may be removed only when this is 0.
/// </param>
/// <param name="CurrentMasterKey">The id of the key everything was re-wrapped under.</param>
public sealed record RewrapResult(RewrapProgress Progress, long Remaining, string CurrentMasterKey);

/// <summary>Options of one run.</summary>
public sealed record RewrapRequest
{
    /// <summary>Resume after this verification id (the <see cref="RewrapProgress.Cursor"/> of an interrupted run).</summary>
    public string? After { get; init; }

    /// <summary>How many rows one batch reads (each batch in a fresh scope). Default 200; 1 to 5000.</summary>
    public int BatchSize { get; init; } = 200;
}

/// <summary>
/// Re-wraps every data key and every stored webhook secret under the current master key (and signs the audit trail's
/// latest checkpoint again under it), so that a retired master
/// key can be removed from the configuration (<c>admin rewrap</c>). Safe to run while hosts serve traffic and from
/// several places at once: each data key is re-wrapped through <see cref="VerificationManager.RewrapDataKeyAsync"/>
/// with the store's concurrency check (a verification changed meanwhile is read again), each secret only if its row
/// still holds what was read. Idempotent, hence resumable: a second run skips what is done, and
/// <see cref="RewrapRequest.After"/> skips even the scan of what an interrupted run reported done. Sealed attributes
/// and files are not touched: only their keys' wrapping changes.
/// </summary>
public sealed partial class MasterKeyRewrapper(IServiceScopeFactory scopes, VerificationProtector protector, IMasterKeyProvider keys, ILogger<MasterKeyRewrapper> logger)
{
    /// <summary>Runs the re-wrap; <paramref name="progress"/> hears after every batch.</summary>
    public async Task<RewrapResult> RunAsync(RewrapRequest request, IProgress<RewrapProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var batch = Math.Clamp(request.BatchSize, 1, 5000);
        long scanned = 0, rewrapped = 0, secretsScanned = 0, secretsRewrapped = 0;
        var cursor = request.After;
        while (true)
        {
            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var page = await ListAsync(scope.ServiceProvider.GetRequiredService<IVerificationStore>(), cursor, batch, cancellationToken).ConfigureAwait(false);
                if (page.Count == 0)
                {
                    break;
                }

                var manager = scope.ServiceProvider.GetRequiredService<VerificationManager>();
                foreach (var entry in page)
                {
                    scanned++;
                    if (!protector.DataKeyNeedsRewrap(entry.WrappedDataKey))
                    {
                        continue;
                    }

                    var outcome = await manager.RewrapDataKeyAsync(entry.TenantId, entry.VerificationId, cancellationToken).ConfigureAwait(false);
                    if (outcome.TryGetValue(out var changed, out var failure))
                    {
                        rewrapped += changed ? 1 : 0;
                    }
                    else if (failure.Kind != FailureKind.NotFound)
                    {
                        // Counted in Remaining at the end; the next run tries again.
                        LogRewrapFailed(logger, entry.FolderId, failure.Code);
                    }
                }

                cursor = page[^1].FolderId;
                progress?.Report(new RewrapProgress(scanned, rewrapped, secretsScanned, secretsRewrapped, cursor));
            }
        }

        string? secretCursor = null;
        while (true)
        {
            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var endpoints = scope.ServiceProvider.GetService<IWebhookEndpointStore>();
                if (endpoints is null)
                {
                    break;
                }

                var done = await endpoints.RewrapSecretsAsync(secretCursor, batch, cancellationToken).ConfigureAwait(false);
                if (done.Scanned == 0)
                {
                    break;
                }

                secretsScanned += done.Scanned;
                secretsRewrapped += done.Rewrapped;
                secretCursor = done.LastId;
                progress?.Report(new RewrapProgress(scanned, rewrapped, secretsScanned, secretsRewrapped, cursor));
            }
        }

        var checkpointScope = scopes.CreateAsyncScope();
        await using (checkpointScope.ConfigureAwait(false))
        {
            if (checkpointScope.ServiceProvider.GetService<Audit.AuditTrail>() is { } audit)
            {
                await audit.ResignCheckpointAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        var remaining = await CountRemainingAsync(batch, cancellationToken).ConfigureAwait(false);
        var result = new RewrapResult(new RewrapProgress(scanned, rewrapped, secretsScanned, secretsRewrapped, cursor), remaining, keys.Current.Id);
        LogRewrapped(logger, rewrapped, secretsRewrapped, remaining, keys.Current.Id);
        return result;
    }

    /// <summary>How many data keys are wrapped under another master key than the current one.</summary>
    public async Task<long> CountRemainingAsync(int batchSize, CancellationToken cancellationToken)
    {
        long remaining = 0;
        string? cursor = null;
        while (true)
        {
            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var page = await ListAsync(scope.ServiceProvider.GetRequiredService<IVerificationStore>(), cursor, Math.Clamp(batchSize, 1, 5000), cancellationToken).ConfigureAwait(false);
                if (page.Count == 0)
                {
                    return remaining;
                }

                remaining += page.Count(e => protector.DataKeyNeedsRewrap(e.WrappedDataKey));
                cursor = page[^1].FolderId;
            }
        }
    }

    private static async Task<List<WrappedDataKeyEntry>> ListAsync(IVerificationStore store, string? after, int limit, CancellationToken cancellationToken)
    {
        var page = new List<WrappedDataKeyEntry>(limit);
        await foreach (var entry in store.ListWrappedDataKeysAsync(after, limit, cancellationToken).ConfigureAwait(false))
        {
            page.Add(entry);
        }

        return page;
    }

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "Re-wrapped {DataKeys} data keys and {Secrets} webhook secrets under master key {MasterKeyId}; {Remaining} data keys remain under another key")]
    private static partial void LogRewrapped(ILogger logger, long dataKeys, long secrets, long remaining, string masterKeyId);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Warning, Message = "Could not re-wrap the data key of verification {FolderId}: {Code}")]
    private static partial void LogRewrapFailed(ILogger logger, string folderId, string code);
}
