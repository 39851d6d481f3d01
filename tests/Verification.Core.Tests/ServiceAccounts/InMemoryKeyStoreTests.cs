using Verification.Core.ServiceAccounts;
using Verification.Core.ServiceAccounts.InMemory;
using Verification.Core.Stores;
using Verification.Storage.Specification.Keys;

namespace Verification.Core.Tests.ServiceAccounts;

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
