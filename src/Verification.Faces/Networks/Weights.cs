using System.Text.Json;

namespace Verification.Faces.Networks;

/// <summary>
/// The named weights of one TensorFlow.js model: the <c>*-weights_manifest.json</c> file lists, per group of shards,
/// each weight's name, shape and dtype (and a quantization, dequantized here as TensorFlow.js does:
/// <c>value = q * scale + min</c>); the shards hold the values one after the other in that order.
/// </summary>
internal sealed class Weights
{
    private readonly Dictionary<string, (int[] Shape, float[] Values)> _entries;

    private Weights(Dictionary<string, (int[] Shape, float[] Values)> entries) => _entries = entries;

    public IReadOnlyCollection<string> Names => _entries.Keys;

    public static Weights Load(string directory, string modelName)
    {
        var manifestPath = Path.Combine(directory, modelName + "-weights_manifest.json");
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
        var entries = new Dictionary<string, (int[], float[])>(StringComparer.Ordinal);
        foreach (var group in manifest.RootElement.EnumerateArray())
        {
            var bytes = group.GetProperty("paths").EnumerateArray()
                .SelectMany(p => File.ReadAllBytes(Path.Combine(directory, p.GetString() ?? throw new InvalidDataException($"{manifestPath}: a path is null."))))
                .ToArray();
            var offset = 0;
            foreach (var weight in group.GetProperty("weights").EnumerateArray())
            {
                var name = weight.GetProperty("name").GetString() ?? throw new InvalidDataException($"{manifestPath}: a weight has no name.");
                var shape = weight.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
                var count = shape.Aggregate(1, (a, b) => a * b);
                var dtype = weight.GetProperty("dtype").GetString();
                if (dtype != "float32")
                {
                    throw new InvalidDataException($"{manifestPath}: weight {name} has dtype {dtype}; only float32 weights are supported.");
                }

                var values = new float[count];
                if (weight.TryGetProperty("quantization", out var quantization))
                {
                    var qtype = quantization.GetProperty("dtype").GetString();
                    var scale = quantization.GetProperty("scale").GetDouble();
                    var min = quantization.GetProperty("min").GetDouble();
                    switch (qtype)
                    {
                        case "uint8":
                            Require(bytes, offset, count, manifestPath, name);
                            for (var i = 0; i < count; i++)
                            {
                                values[i] = (float)(bytes[offset + i] * scale + min);
                            }

                            offset += count;
                            break;
                        case "uint16":
                            Require(bytes, offset, count * 2, manifestPath, name);
                            for (var i = 0; i < count; i++)
                            {
                                values[i] = (float)(BitConverter.ToUInt16(bytes, offset + 2 * i) * scale + min);
                            }

                            offset += count * 2;
                            break;
                        default:
                            throw new InvalidDataException($"{manifestPath}: weight {name} uses quantization {qtype}, which is not supported.");
                    }
                }
                else
                {
                    Require(bytes, offset, count * 4, manifestPath, name);
                    Buffer.BlockCopy(bytes, offset, values, 0, count * 4);
                    offset += count * 4;
                }

                entries[name] = (shape, values);
            }

            if (offset != bytes.Length)
            {
                throw new InvalidDataException($"{manifestPath}: the shards hold {bytes.Length} bytes, the manifest describes {offset}.");
            }
        }

        return new Weights(entries);
    }

    /// <summary>The values of the named weight, checked against the shape the network expects.</summary>
    public float[] Get(string name, params int[] shape)
    {
        if (!_entries.TryGetValue(name, out var entry))
        {
            throw new InvalidDataException($"The model has no weight named {name}.");
        }

        if (!entry.Shape.SequenceEqual(shape))
        {
            throw new InvalidDataException($"Weight {name} has shape [{string.Join(",", entry.Shape)}], expected [{string.Join(",", shape)}].");
        }

        return entry.Values;
    }

    private static void Require(byte[] bytes, int offset, int length, string manifest, string name)
    {
        if (offset + length > bytes.Length)
        {
            throw new InvalidDataException($"{manifest}: the shards end before weight {name}.");
        }
    }
}
