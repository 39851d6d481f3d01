using Verification.Core.Stores;
using Verification.Storage.EfCore.Stores;
using Verification.Storage.Specification;

namespace Verification.Storage.EfCore.Tests.Stores;

public sealed class SqliteVerificationStoreTests(SqliteTestDatabase db) : VerificationStoreSpecification, IClassFixture<SqliteTestDatabase>
{
    protected override IVerificationStore CreateStore() => new EfVerificationStore<VerificationDbContext>(db.NewContext(), db.Protector);
}

public sealed class SqliteAuditStoreTests(SqliteTestDatabase db) : AuditStoreSpecification, IClassFixture<SqliteTestDatabase>
{
    protected override IAuditStore CreateStore() => new EfAuditStore<VerificationDbContext>(db.NewContext());
}

public sealed class SqliteTenantStoreTests(SqliteTestDatabase db) : TenantStoreSpecification, IClassFixture<SqliteTestDatabase>
{
    protected override ITenantStore CreateTenantStore() => new EfTenantStore<VerificationDbContext>(db.NewContext());
}

public sealed class PostgreSqlVerificationStoreTests(PostgreSqlTestDatabase db) : VerificationStoreSpecification, IClassFixture<PostgreSqlTestDatabase>
{
    protected override IVerificationStore CreateStore() => new EfVerificationStore<VerificationDbContext>(db.NewContext(), db.Protector);
}

public sealed class PostgreSqlAuditStoreTests(PostgreSqlTestDatabase db) : AuditStoreSpecification, IClassFixture<PostgreSqlTestDatabase>
{
    protected override IAuditStore CreateStore() => new EfAuditStore<VerificationDbContext>(db.NewContext());
}

public sealed class PostgreSqlTenantStoreTests(PostgreSqlTestDatabase db) : TenantStoreSpecification, IClassFixture<PostgreSqlTestDatabase>
{
    protected override ITenantStore CreateTenantStore() => new EfTenantStore<VerificationDbContext>(db.NewContext());
}

public sealed class SqliteServiceUserStoreTests(SqliteTestDatabase db) : Specification.Keys.ServiceUserStoreSpecification, IClassFixture<SqliteTestDatabase>
{
    protected override Core.Stores.IServiceUserStore CreateStore() => new EfServiceUserStore<VerificationDbContext>(db.NewContext());
}

public sealed class SqliteServiceTokenStoreTests(SqliteTestDatabase db) : Specification.Keys.ServiceTokenStoreSpecification, IClassFixture<SqliteTestDatabase>
{
    protected override Core.Stores.IServiceTokenStore CreateStore() => new EfServiceTokenStore<VerificationDbContext>(db.NewContext());
}

public sealed class PostgreSqlServiceUserStoreTests(PostgreSqlTestDatabase db) : Specification.Keys.ServiceUserStoreSpecification, IClassFixture<PostgreSqlTestDatabase>
{
    protected override Core.Stores.IServiceUserStore CreateStore() => new EfServiceUserStore<VerificationDbContext>(db.NewContext());
}

public sealed class PostgreSqlServiceTokenStoreTests(PostgreSqlTestDatabase db) : Specification.Keys.ServiceTokenStoreSpecification, IClassFixture<PostgreSqlTestDatabase>
{
    protected override Core.Stores.IServiceTokenStore CreateStore() => new EfServiceTokenStore<VerificationDbContext>(db.NewContext());
}

public sealed class SqliteWebhookEndpointStoreTests(SqliteTestDatabase db) : Specification.Webhooks.WebhookEndpointStoreSpecification, IClassFixture<SqliteTestDatabase>
{
    protected override Core.Stores.IWebhookEndpointStore CreateStore() => new EfWebhookEndpointStore<VerificationDbContext>(db.NewContext(), db.Protector);
}

public sealed class PostgreSqlWebhookEndpointStoreTests(PostgreSqlTestDatabase db) : Specification.Webhooks.WebhookEndpointStoreSpecification, IClassFixture<PostgreSqlTestDatabase>
{
    protected override Core.Stores.IWebhookEndpointStore CreateStore() => new EfWebhookEndpointStore<VerificationDbContext>(db.NewContext(), db.Protector);
}

public sealed class SqliteWebhookDeliveryStoreTests(SqliteTestDatabase db) : Specification.Webhooks.WebhookDeliveryStoreSpecification, IClassFixture<SqliteTestDatabase>
{
    protected override Core.Stores.IWebhookDeliveryStore CreateStore() => new EfWebhookDeliveryStore<VerificationDbContext>(db.NewContext());

    protected override Core.Stores.IWebhookEndpointStore CreateEndpointStore() => new EfWebhookEndpointStore<VerificationDbContext>(db.NewContext(), db.Protector);

    protected override IVerificationStore CreateVerificationStore() => new EfVerificationStore<VerificationDbContext>(db.NewContext(), db.Protector);
}

public sealed class PostgreSqlWebhookDeliveryStoreTests(PostgreSqlTestDatabase db) : Specification.Webhooks.WebhookDeliveryStoreSpecification, IClassFixture<PostgreSqlTestDatabase>
{
    protected override Core.Stores.IWebhookDeliveryStore CreateStore() => new EfWebhookDeliveryStore<VerificationDbContext>(db.NewContext());

    protected override Core.Stores.IWebhookEndpointStore CreateEndpointStore() => new EfWebhookEndpointStore<VerificationDbContext>(db.NewContext(), db.Protector);

    protected override IVerificationStore CreateVerificationStore() => new EfVerificationStore<VerificationDbContext>(db.NewContext(), db.Protector);
}
