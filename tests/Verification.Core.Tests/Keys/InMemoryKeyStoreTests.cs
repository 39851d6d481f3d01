using Verification.Core.Keys;
using Verification.Core.Keys.InMemory;
using Verification.Storage.Specification.Keys;

namespace Verification.Core.Tests.Keys;

public sealed class InMemoryServiceUserStoreTests : ServiceUserStoreSpecification
{
    private readonly InMemoryServiceUserStore _store = new();

    protected override IServiceUserStore CreateStore() => _store;
}

public sealed class InMemoryServiceTokenStoreTests : ServiceTokenStoreSpecification
{
    private readonly InMemoryServiceTokenStore _store = new();

    protected override IServiceTokenStore CreateStore() => _store;
}
