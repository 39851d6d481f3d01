using Npgsql;

namespace Verification.Storage.EfCore.Tests.Migrations;

internal sealed class PostgreSqlSchema(NpgsqlConnection connection) : DatabaseSchema(connection)
{
    public override string Quote(string name) => "\"" + name + "\"";

    public override async Task<List<string>> StructureAsync()
    {
        var lines = new List<string>();
        lines.AddRange((await QueryAsync("""
            SELECT table_name, column_name, data_type, character_maximum_length, is_nullable, column_default, is_identity
            FROM information_schema.columns WHERE table_schema = 'public'
            """)).Select(c => $"column {c[0]}.{c[1]} {c[2]}({c[3]}) nullable={c[4]} default={c[5]} identity={c[6]}"));
        lines.AddRange((await QueryAsync("SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'"))
            .Select(i => $"index {i[0]}.{i[1]}: {i[2]}"));
        lines.AddRange((await QueryAsync("""
            SELECT c.relname, k.conname, pg_get_constraintdef(k.oid)
            FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
            WHERE k.connamespace = 'public'::regnamespace
            """)).Select(k => $"constraint {k[0]}.{k[1]}: {k[2]}"));
        lines.AddRange((await QueryAsync("""
            SELECT c.relname, a.attname, a.attstorage
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
            WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
            """)).Select(s => $"storage {s[0]}.{s[1]} {s[2]}"));
        return lines.Where(l => !l.Contains("__EFMigrationsLock", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
    }

    public override async Task<List<(string Table, List<Column> Columns)>> TablesAsync()
    {
        var names = (await QueryAsync("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '__EFMigrationsLock'")).Select(r => r[0]).ToList();
        var references = (await QueryAsync("""
            SELECT c.relname, p.relname FROM pg_constraint k
            JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
            WHERE k.contype = 'f' AND k.connamespace = 'public'::regnamespace
            """)).Select(r => (r[0], r[1])).ToList();
        var tables = new List<(string, List<Column>)>();
        foreach (var table in ParentsFirst(names, references))
        {
            var columns = (await QueryAsync($"""
                SELECT column_name, data_type, character_maximum_length FROM information_schema.columns
                WHERE table_schema = 'public' AND table_name = '{table}' AND is_identity = 'NO' AND column_default IS NULL
                """)).Select(c => new Column(c[0], c[1], c[2] == "NULL" ? null : int.Parse(c[2], System.Globalization.CultureInfo.InvariantCulture))).ToList();
            tables.Add((table, columns));
        }

        return tables;
    }

    protected override object SampleValue(Column column) => column.Type switch
    {
        "integer" => 1,
        "bigint" => 1L,
        "smallint" => (short)1,
        "boolean" => true,
        "bytea" => new byte[] { 1, 2, 3 },
        "timestamp with time zone" => new DateTimeOffset(2026, 11, 30, 8, 15, 0, TimeSpan.Zero),
        "interval" => TimeSpan.FromMinutes(5),
        "double precision" => 1.5,
        "numeric" => 1.5m,
        "uuid" => Guid.Parse("0b6d2a51-93f6-4a0c-9d1e-6d3f2b1c4a77"),
        _ => "k1",
    };
}
