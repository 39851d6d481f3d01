using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Verification.Storage.EfCore.Configurations;

/// <summary>
/// Stores a list of immutable values (strings, records) as a JSON text column. Changes are detected by comparing
/// the items, and the change tracker's snapshot is a shallow copy of the list: the items cannot change in place,
/// so there is no need to go through JSON to copy or compare them (which cost a serialisation per tracked row).
/// </summary>
internal static class JsonValueConversion
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static PropertyBuilder<List<TItem>> HasJsonConversion<TItem>(this PropertyBuilder<List<TItem>> property)
    {
        var comparer = new ValueComparer<List<TItem>>(
            (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
            v => v.Aggregate(17, (hash, item) => HashCode.Combine(hash, item)),
            v => new List<TItem>(v));
        property.HasConversion(v => JsonSerializer.Serialize(v, Options), v => JsonSerializer.Deserialize<List<TItem>>(v, Options) ?? new List<TItem>(), comparer);
        return property;
    }
}
