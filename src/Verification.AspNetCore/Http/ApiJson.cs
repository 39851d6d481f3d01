using System.Text.Json;
using System.Text.Json.Serialization;

namespace Verification.AspNetCore.Http;

/// <summary>The JSON rules of the API: camelCase, strict about duplicates and depth, lenient about unknown fields.</summary>
internal static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        AllowDuplicateProperties = false,
        MaxDepth = 32,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Snake case, as integrators send ingest metadata.</summary>
    public static JsonSerializerOptions SnakeCase { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        AllowDuplicateProperties = false,
        MaxDepth = 8,
    };
}
