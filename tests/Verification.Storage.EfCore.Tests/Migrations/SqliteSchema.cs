using Microsoft.Data.Sqlite;

namespace Verification.Storage.EfCore.Tests.Migrations;

internal sealed class SqliteSchema(SqliteConnection connection) : DatabaseSchema(connection)
{
    public override string Quote(string name) => "\"" + name + "\"";

    public override async Task<List<string>> StructureAsync()
    {
        var lines = new List<string>();
        foreach (var table in await TableNamesAsync())
        {
            foreach (var c in await QueryAsync($"SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('{table}')"))
            {
                lines.Add($"column {table}.{c[0]} {c[1]} notnull={c[2]} default={c[3]} pk={c[4]}");
            }

            foreach (var index in await QueryAsync($"SELECT name, \"unique\", origin, partial FROM pragma_index_list('{table}')"))
            {
                var columns = (await QueryAsync($"SELECT name FROM pragma_index_info('{index[0]}') ORDER BY seqno")).Select(r => r[0]);
                lines.Add($"index {table}.{index[0]} unique={index[1]} origin={index[2]} partial={index[3]} ({string.Join(", ", columns)})");
            }

            foreach (var key in await QueryAsync($"SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{table}')"))
            {
                lines.Add($"foreign key {table}.{key[1]} -> {key[0]}.{key[2]} on delete {key[3]}");
            }
        }

        return lines.Order(StringComparer.Ordinal).ToList();
    }

    public override async Task<List<(string Table, List<Column> Columns)>> TablesAsync()
    {
        var names = await TableNamesAsync();
        var references = new List<(string, string)>();
        foreach (var table in names)
        {
            references.AddRange((await QueryAsync($"SELECT \"table\" FROM pragma_foreign_key_list('{table}')")).Select(r => (table, r[0])));
        }

        var tables = new List<(string, List<Column>)>();
        foreach (var table in ParentsFirst(names, references))
        {
            var columns = (await QueryAsync($"SELECT name, type FROM pragma_table_info('{table}')")).Select(c => new Column(c[0], c[1], null)).ToList();
            tables.Add((table, columns));
        }

        return tables;
    }

    protected override object SampleValue(Column column) => column.Type switch
    {
        "INTEGER" => 1L,
        "REAL" => 1.5,
        "BLOB" => new byte[] { 1, 2, 3 },
        _ => "k1",
    };

    private async Task<List<string>> TableNamesAsync() =>
        (await QueryAsync("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__EFMigrationsLock' ORDER BY name"))
        .Select(r => r[0]).ToList();
}
