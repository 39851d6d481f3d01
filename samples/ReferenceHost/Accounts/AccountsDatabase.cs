using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;
using Verification.Storage.EfCore;

namespace ReferenceHost.Accounts;

/// <summary>
/// Registers the account contexts on the database the library uses (<c>ConnectionStrings:Verification</c>, the
/// provider of <c>Verification:Storage:Provider</c>): SQLite by default, PostgreSQL when configured.
/// </summary>
internal static class AccountsDatabase
{
    public static void Sqlite(SqliteDbContextOptionsBuilder options) =>
        options.MigrationsHistoryTable(AccountsDbContext.MigrationsHistoryTable);

    public static void PostgreSql(NpgsqlDbContextOptionsBuilder options) =>
        options.MigrationsHistoryTable(AccountsDbContext.MigrationsHistoryTable);

    public static IServiceCollection AddAccountsDatabase(this IServiceCollection services)
    {
        services.AddDbContext<SqliteAccountsDbContext>((provider, options) =>
            options.UseSqlite(provider.GetRequiredService<IOptions<VerificationStorageOptions>>().Value.ConnectionString, Sqlite));
        services.AddDbContext<PostgreSqlAccountsDbContext>((provider, options) =>
            options.UseNpgsql(PostgreSqlConnectionStrings.WithDefaults(provider.GetRequiredService<IOptions<VerificationStorageOptions>>().Value.ConnectionString!), PostgreSql));
        services.AddScoped<AccountsDbContext>(provider =>
            provider.GetRequiredService<IOptions<VerificationStorageOptions>>().Value.Provider == VerificationStorageProvider.PostgreSql
                ? provider.GetRequiredService<PostgreSqlAccountsDbContext>()
                : provider.GetRequiredService<SqliteAccountsDbContext>());
        services.AddScoped<AccountsMigrator>();
        return services;
    }
}
