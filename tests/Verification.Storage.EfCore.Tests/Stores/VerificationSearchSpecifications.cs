using Verification.Core.Stores;
using Verification.Storage.EfCore.Stores;
using Verification.Storage.Specification;

namespace Verification.Storage.EfCore.Tests.Stores;

public sealed class SqliteVerificationSearchTests(SqliteTestDatabase db) : VerificationSearchSpecification, IClassFixture<SqliteTestDatabase>
{
    protected override IVerificationStore CreateStore() => new EfVerificationStore<VerificationDbContext>(db.NewContext(), db.Protector);

    protected override IVerificationSearch CreateSearch() => new EfVerificationSearch<VerificationDbContext>(db.NewContext(), db.Protector);
}

public sealed class PostgreSqlVerificationSearchTests(PostgreSqlTestDatabase db) : VerificationSearchSpecification, IClassFixture<PostgreSqlTestDatabase>
{
    protected override IVerificationStore CreateStore() => new EfVerificationStore<VerificationDbContext>(db.NewContext(), db.Protector);

    protected override IVerificationSearch CreateSearch() => new EfVerificationSearch<VerificationDbContext>(db.NewContext(), db.Protector);
}
