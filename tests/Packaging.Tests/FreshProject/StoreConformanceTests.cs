using Verification.Core.Stores;
using Verification.Core.Stores.InMemory;
using Verification.Storage.Specification;

namespace FreshConsumer;

/// <summary>
/// What a platform team writes to check its own store: derive the suite, create the store. Here the
/// in-memory store stands in for theirs.
/// </summary>
public sealed class InMemoryVerificationStoreConformance : VerificationStoreSpecification
{
    private readonly InMemoryVerificationStore _store = new();

    protected override IVerificationStore CreateStore() => _store;
}
