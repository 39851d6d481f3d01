using Verification.Core.Stores;

namespace Verification.Core.Audit;

/// <summary>Appends to and verifies the audit trail.</summary>
public sealed class AuditTrail(IAuditStore store)
{
    /// <summary>Appends one entry.</summary>
    public ValueTask RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return store.AppendAsync([entry], cancellationToken);
    }

    /// <summary>Reads the whole chain in order and checks every link.</summary>
    public ValueTask<AuditVerification> VerifyAsync(CancellationToken cancellationToken) =>
        AuditChain.VerifyAsync(store.ListAsync(new AuditQuery(), cancellationToken), cancellationToken);
}
