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

public sealed class InMemoryTenantStoreTests : TenantStoreSpecification
{
    private readonly InMemoryTenantStore _tenants = new();

    protected override ITenantStore CreateTenantStore() => _tenants;
}

public sealed class InMemoryWebhookEndpointStoreTests : Verification.Storage.Specification.Webhooks.WebhookEndpointStoreSpecification
{
    private readonly Core.Webhooks.InMemory.InMemoryWebhookEndpointStore _store = new();

    protected override Core.Stores.IWebhookEndpointStore CreateStore() => _store;
}

public sealed class InMemoryWebhookDeliveryStoreTests : Verification.Storage.Specification.Webhooks.WebhookDeliveryStoreSpecification, IDisposable
{
    private readonly InMemoryVerificationStore _verifications = new();
    private readonly Core.Webhooks.InMemory.InMemoryWebhookEndpointStore _endpoints = new();
    private readonly Core.Webhooks.InMemory.InMemoryWebhookDeliveryStore _deliveries;

    public InMemoryWebhookDeliveryStoreTests() => _deliveries = new(_verifications, _endpoints);

    public void Dispose() => _deliveries.Dispose();

    protected override Core.Stores.IWebhookDeliveryStore CreateStore() => _deliveries;

    protected override Core.Stores.IWebhookEndpointStore CreateEndpointStore() => _endpoints;

    protected override IVerificationStore CreateVerificationStore() => _verifications;
}
