using Verification.Core.Stores;
using Verification.Core.Stores.InMemory;
using Verification.Storage.Specification;

namespace Verification.Core.Tests.Stores;

public sealed class InMemoryVerificationSearchTests : VerificationSearchSpecification
{
    private readonly InMemoryVerificationStore _store = new();

    protected override IVerificationStore CreateStore() => _store;

    protected override IVerificationSearch CreateSearch() => new InMemoryVerificationSearch(_store);
}
