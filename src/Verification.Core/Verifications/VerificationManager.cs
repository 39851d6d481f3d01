using Microsoft.Extensions.Logging;
using Verification.Core.Certificates;
using Verification.Core.Stores;

namespace Verification.Core.Verifications;

/// <summary>
/// The operations on verifications that need more than one store call: joining a file by correlation id
/// when several first calls race, and deciding with optimistic concurrency. An approval issues a certificate
/// (see <see cref="CertificateIssuer"/>), saved with the decision in the same update.
/// </summary>
/// <param name="store">The verifications.</param>
/// <param name="timeProvider">The clock.</param>
/// <param name="logger">The logger.</param>
/// <param name="certificates">
/// Issues the certificate of each approval; <see langword="null"/> only in tests of the stores, which then issue
/// none. <c>AddVerification()</c> always registers one.
/// </param>
public sealed partial class VerificationManager(
    IVerificationStore store, TimeProvider timeProvider, ILogger<VerificationManager> logger, CertificateIssuer? certificates = null)
{
    private const int MaxAttempts = 5;

    /// <summary>
    /// Finds the verification with <paramref name="correlationId"/>, or creates it. Concurrent first calls
    /// with one new id end in one verification: the losers of the insert race read the winner's.
    /// Without a correlation id a new verification with a generated id is created.
    /// </summary>
    public async ValueTask<Outcome<VerificationFolder>> GetOrCreateAsync(string tenantId, string? correlationId, string? department, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(tenantId);
        if (correlationId is null)
        {
            var generated = VerificationFolder.Create(tenantId, Identifiers.NewUlid(timeProvider), fromCorrelationId: false, department, timeProvider);
            return await store.CreateAsync(generated, cancellationToken).ConfigureAwait(false);
        }

        if (!CorrelationId.IsValid(correlationId))
        {
            return CorrelationId.Validate(correlationId).Failure!;
        }

        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var existing = await store.FindByIdAsync(tenantId, correlationId, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                return existing;
            }

            var created = await store.CreateAsync(
                VerificationFolder.Create(tenantId, correlationId, fromCorrelationId: true, department, timeProvider),
                cancellationToken).ConfigureAwait(false);
            if (created.IsSuccess || created.Failure.Code != StoreFailures.VerificationExists.Code)
            {
                return created;
            }

            LogCreateRace(logger, attempt + 1);
        }

        return StoreFailures.VerificationConcurrencyConflict;
    }

    /// <summary>
    /// Decides an analysis. When the file changed meanwhile (another document joined, another analysis was
    /// decided) the decision is re-applied to the fresh file; when the same analysis was decided by someone
    /// else, the answer is the conflict <c>analysis.already_decided</c>, never a silent overwrite. An approval adds
    /// its certificate to <see cref="VerificationFolder.Certificates"/> before the save, so the decision and its
    /// certificate are stored together or not at all (a retry issues a new one on the fresh copy).
    /// </summary>
    public async ValueTask<Outcome<(VerificationFolder Folder, Analysis Analysis)>> DecideAsync(
        string tenantId, string analysisId, DecisionKind decision, string actor, string? comment, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var folder = await store.FindByAnalysisIdAsync(tenantId, analysisId, cancellationToken).ConfigureAwait(false);
            if (folder is null)
            {
                return Failure.NotFound("analysis.not_found", "No such analysis.");
            }

            var now = timeProvider.GetUtcNow();
            var decided = folder.Decide(analysisId, decision, actor, comment, now);
            if (!decided.TryGetValue(out var analysis, out var failure))
            {
                return failure;
            }

            if (decision == DecisionKind.Approve && certificates is not null)
            {
                folder.Certificates.Add(await certificates.IssueAsync(folder, analysis, now, cancellationToken).ConfigureAwait(false));
            }

            var saved = await store.UpdateAsync(folder, cancellationToken).ConfigureAwait(false);
            if (saved.IsSuccess)
            {
                return (saved.Value, analysis);
            }

            if (saved.Failure.Code != StoreFailures.VerificationConcurrencyConflict.Code)
            {
                return saved.Failure;
            }

            LogDecideRetry(logger, attempt + 1);
        }

        return StoreFailures.VerificationConcurrencyConflict;
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Lost the race to create a verification (attempt {Attempt}); reading the winner's")]
    private static partial void LogCreateRace(ILogger logger, int attempt);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Verification changed while deciding (attempt {Attempt}); retrying on the fresh copy")]
    private static partial void LogDecideRetry(ILogger logger, int attempt);
}
