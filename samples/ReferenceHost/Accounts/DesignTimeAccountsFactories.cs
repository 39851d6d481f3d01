using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ReferenceHost.Accounts;

// `dotnet ef migrations add` builds the contexts through these factories, so it needs neither the host's start-up
// nor a database (docs/operating.md, "Accounts and their migrations"):
//   dotnet ef migrations add <Name> --project samples/ReferenceHost --context SqliteAccountsDbContext --output-dir Accounts/Migrations/Sqlite
//   dotnet ef migrations add <Name> --project samples/ReferenceHost --context PostgreSqlAccountsDbContext --output-dir Accounts/Migrations/PostgreSql

/// <summary>Creates <see cref="SqliteAccountsDbContext"/> for the EF Core tools.</summary>
internal sealed class SqliteAccountsDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAccountsDbContext>
{
    public SqliteAccountsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAccountsDbContext>()
            .UseSqlite("Data Source=design-time.db", AccountsDatabase.Sqlite)
            .Options);
}

/// <summary>Creates <see cref="PostgreSqlAccountsDbContext"/> for the EF Core tools (no connection is opened).</summary>
internal sealed class PostgreSqlAccountsDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlAccountsDbContext>
{
    public PostgreSqlAccountsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlAccountsDbContext>()
            .UseNpgsql("Host=localhost;Database=design-time", AccountsDatabase.PostgreSql)
            .Options);
}
