using System.Text.Json;

namespace Verification.Core.Stores.InMemory;

/// <summary>
/// Deep copies, so that an in-memory store behaves like a database: what a caller holds is never the
/// stored object, and changes count only once saved.
/// </summary>
internal static class Snapshot
{
    private static readonly JsonSerializerOptions Options = new() { IncludeFields = false };

    public static T Copy<T>(T value) => JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(value, Options), Options)!;
}
