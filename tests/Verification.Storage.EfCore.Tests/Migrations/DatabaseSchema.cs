using System.Data.Common;
using System.Globalization;

namespace Verification.Storage.EfCore.Tests.Migrations;

/// <summary>
/// What a database holds, read from its catalogue as sorted lines, so two databases compare with one equality: the
/// structure (tables, columns with their types, nullability and defaults, keys, indexes, foreign keys) and the rows.
/// </summary>
internal abstract class DatabaseSchema(DbConnection connection)
{
    protected DbConnection Connection { get; } = connection;

    public abstract Task<List<string>> StructureAsync();

    /// <summary>The tables in an order that inserts parents before children, with their columns.</summary>
    public abstract Task<List<(string Table, List<Column> Columns)>> TablesAsync();

    public abstract string Quote(string name);

    /// <summary>One row in every table (the history aside), every column filled, keys and references the same literal.</summary>
    public async Task FillEveryTableAsync()
    {
        foreach (var (table, columns) in await TablesAsync())
        {
            if (table.StartsWith("__EF", StringComparison.Ordinal))
            {
                continue;
            }

            await using var command = Connection.CreateCommand();
            var names = string.Join(", ", columns.Select(c => Quote(c.Name)));
            var values = string.Join(", ", columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)));
            command.CommandText = $"INSERT INTO {Quote(table)} ({names}) VALUES ({values})";
            for (var i = 0; i < columns.Count; i++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
                parameter.Value = SampleValue(columns[i]);
                command.Parameters.Add(parameter);
            }

            (await command.ExecuteNonQueryAsync()).Should().Be(1);
        }
    }

    /// <summary>Every row of every table (the history aside), one line per row with its columns by name.</summary>
    public async Task<List<string>> RowsAsync()
    {
        var rows = new List<string>();
        foreach (var (table, _) in await TablesAsync())
        {
            if (table.StartsWith("__EF", StringComparison.Ordinal))
            {
                continue;
            }

            await using var command = Connection.CreateCommand();
            command.CommandText = $"SELECT * FROM {Quote(table)}";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var cells = Enumerable.Range(0, reader.FieldCount)
                    .Select(i => $"{reader.GetName(i)}={Text(reader.GetValue(i))}")
                    .Order(StringComparer.Ordinal);
                rows.Add(table + ": " + string.Join("; ", cells));
            }
        }

        return rows.Order(StringComparer.Ordinal).ToList();
    }

    public async Task<List<string>> HistoryAsync()
    {
        await using var command = Connection.CreateCommand();
        command.CommandText = $"SELECT {Quote("MigrationId")} FROM {Quote("__EFMigrationsHistory")} ORDER BY 1";
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    protected async Task<List<string[]>> QueryAsync(string sql)
    {
        await using var command = Connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => Text(reader.GetValue(i))).ToArray());
        }

        return rows;
    }

    protected abstract object SampleValue(Column column);

    /// <summary>Parents first: a table comes after every table its foreign keys name.</summary>
    protected static List<string> ParentsFirst(IReadOnlyCollection<string> tables, IReadOnlyCollection<(string Child, string Parent)> references)
    {
        var ordered = new List<string>();
        var remaining = tables.Order(StringComparer.Ordinal).ToList();
        while (remaining.Count > 0)
        {
            var ready = remaining.First(t => references.All(r => r.Child != t || r.Parent == t || ordered.Contains(r.Parent)));
            ordered.Add(ready);
            remaining.Remove(ready);
        }

        return ordered;
    }

    private static string Text(object value) => value switch
    {
        DBNull => "NULL",
        byte[] bytes => Convert.ToHexString(bytes),
        DateTime time => time.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    internal sealed record Column(string Name, string Type, int? MaxLength);
}
