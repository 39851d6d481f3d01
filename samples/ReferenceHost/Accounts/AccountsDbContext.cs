using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Verification.Core.Analysts;

namespace ReferenceHost.Accounts;

/// <summary>
/// The host's account tables (ASP.NET Core Identity's, plus the tenant of each account), in the same database as
/// the library's tables but with their own migrations and their own history table
/// (<see cref="MigrationsHistoryTable"/>), so the library's migrations and the host's never see each other.
/// <see cref="SqliteAccountsDbContext"/> and <see cref="PostgreSqlAccountsDbContext"/> carry the migrations of
/// their provider.
/// </summary>
public abstract class AccountsDbContext(DbContextOptions options) : IdentityDbContext<AnalystAccount, IdentityRole, string>(options)
{
    /// <summary>The table that records which of the host's account migrations were applied.</summary>
    public const string MigrationsHistoryTable = "__AccountsMigrationsHistory";

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<AnalystAccount>(account =>
        {
            account.Property(a => a.TenantId).HasMaxLength(64);
            account.HasIndex(a => a.TenantId);
        });

        // The two roles exist in every database from the first migration on, with fixed ids.
        builder.Entity<IdentityRole>().HasData(
            new IdentityRole { Id = AnalystRoles.Analyst, Name = AnalystRoles.Analyst, NormalizedName = AnalystRoles.Analyst.ToUpperInvariant(), ConcurrencyStamp = "role-analyst" },
            new IdentityRole { Id = AnalystRoles.Admin, Name = AnalystRoles.Admin, NormalizedName = AnalystRoles.Admin.ToUpperInvariant(), ConcurrencyStamp = "role-admin" });
    }
}

/// <summary>The account tables on SQLite, with their migrations (<c>Accounts/Migrations/Sqlite</c>).</summary>
public sealed class SqliteAccountsDbContext(DbContextOptions<SqliteAccountsDbContext> options) : AccountsDbContext(options);

/// <summary>The account tables on PostgreSQL, with their migrations (<c>Accounts/Migrations/PostgreSql</c>).</summary>
public sealed class PostgreSqlAccountsDbContext(DbContextOptions<PostgreSqlAccountsDbContext> options) : AccountsDbContext(options);
