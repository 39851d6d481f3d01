using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Verification.Storage.EfCore;
var result = new Dictionary<string, object>();
foreach (var kind in new[]{"sqlite","pg"}) {
  DbContext ctx = kind=="sqlite"
    ? new SqliteVerificationDbContext(new DbContextOptionsBuilder<SqliteVerificationDbContext>().UseSqlite("Data Source=:memory:").Options)
    : new PostgreSqlVerificationDbContext(new DbContextOptionsBuilder<PostgreSqlVerificationDbContext>().UseNpgsql("Host=x").Options);
  var model = ctx.GetService<IDesignTimeModel>().Model;
  var entities = new List<object>();
  foreach (var e in model.GetEntityTypes()) {
    var table = e.GetTableName()!;
    var so = StoreObjectIdentifier.Table(table, null);
    entities.Add(new {
      name = e.Name, table,
      props = e.GetProperties().Select(p => new {
        name = p.Name, clr = U(p.GetValueConverter()?.ProviderClrType ?? p.GetProviderClrType() ?? p.ClrType).Name,
        nullable = p.IsNullable, maxLength = p.GetMaxLength(), storeType = p.GetColumnType(so), concurrency = p.IsConcurrencyToken,
        column = p.GetColumnName(so), key = p.IsPrimaryKey(), valueGenNever = p.ValueGenerated == ValueGenerated.Never }).ToList(),
      key = e.FindPrimaryKey()!.Properties.Select(p => p.Name).ToList(),
      keyName = e.FindPrimaryKey()!.GetName(),
      indexes = e.GetIndexes().Select(i => new { props = i.Properties.Select(p => p.Name).ToList(), unique = i.IsUnique, name = i.GetDatabaseName() }).ToList(),
      fks = e.GetForeignKeys().Select(f => new { props = f.Properties.Select(p => p.Name).ToList(), principal = f.PrincipalEntityType.Name, principalTable = f.PrincipalEntityType.GetTableName(), principalNav = f.PrincipalToDependent?.Name, delete = f.DeleteBehavior.ToString(), name = f.GetConstraintName(), required = f.IsRequired }).ToList(),
      navs = e.GetNavigations().Where(n => n.IsCollection).Select(n => n.Name).ToList(),
    });
  }
  result[kind] = entities;
}
Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions{WriteIndented=true}));
static Type U(Type t) => Nullable.GetUnderlyingType(t) ?? t;
