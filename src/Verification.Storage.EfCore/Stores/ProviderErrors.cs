using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Verification.Storage.EfCore.Stores;

/// <summary>
/// Recognises provider exceptions that are expected outcomes, so stores answer them as results. This package knows
/// no provider: PostgreSQL (and any provider that reports a SQLSTATE) answers 23505; SQLite's ADO.NET provider sets no
/// SQLSTATE, but SQLite's own message for a unique or primary-key violation has been "UNIQUE constraint failed" since
/// 3.8.2, and the message is all its exception carries without its type.
/// </summary>
internal static class ProviderErrors
{
    private const string UniqueViolationSqlState = "23505";
    private const string SqliteUniqueViolation = "UNIQUE constraint failed";

    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException is DbException database
        && (string.Equals(database.SqlState, UniqueViolationSqlState, StringComparison.Ordinal)
            || (database.SqlState is null && database.Message.Contains(SqliteUniqueViolation, StringComparison.Ordinal)));

    public static bool IsPostgreSql(DbContext context) =>
        string.Equals(context.Database.ProviderName, "Npgsql.EntityFrameworkCore.PostgreSQL", StringComparison.Ordinal);
}
