using Verification.Core.Stores;
using Verification.Core.Stores.InMemory;
using Verification.Storage.Specification;

namespace Verification.Core.Tests.Stores;

public sealed class InMemoryVerificationStoreTests : VerificationStoreSpecification
{
    private readonly InMemoryVerificationStore _store = new();

    protected override IVerificationStore CreateStore() => _store;
}

public sealed class InMemoryAuditStoreTests : AuditStoreSpecification
{
    private readonly InMemoryAuditStore _store = new();

    protected override IAuditStore CreateStore() => _store;
}

public sealed class InMemoryAccountStoreTests : AccountStoreSpecification
{
    private readonly InMemoryAnalystStore _analysts = new();
    private readonly InMemoryTenantStore _tenants = new();

    protected override IAnalystStore CreateAnalystStore() => _analysts;

    protected override ITenantStore CreateTenantStore() => _tenants;
}
