namespace Verification.Faces;

/// <summary>A 128-D face descriptor of the recognition net (dlib's metric: the same person lies within a Euclidean distance of about 0.6).</summary>
public sealed class FaceDescriptor
{
    /// <summary>The number of values.</summary>
    public const int Length = 128;

    private readonly float[] _values;

    /// <summary>Wraps 128 values.</summary>
    /// <param name="values">The descriptor's values (copied).</param>
    public FaceDescriptor(ReadOnlySpan<float> values)
    {
        if (values.Length != Length)
        {
            throw new ArgumentException($"A face descriptor has {Length} values, got {values.Length}.", nameof(values));
        }

        _values = values.ToArray();
    }

    /// <summary>The values.</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <summary>Euclidean distance to another descriptor (face-api's and dlib's measure).</summary>
    /// <param name="other">The other descriptor.</param>
    public double DistanceTo(FaceDescriptor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        double sum = 0;
        for (var i = 0; i < Length; i++)
        {
            var d = (double)_values[i] - other._values[i];
            sum += d * d;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>Cosine similarity with another descriptor, in [-1, 1].</summary>
    /// <param name="other">The other descriptor.</param>
    public double CosineSimilarity(FaceDescriptor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        double dot = 0, a = 0, b = 0;
        for (var i = 0; i < Length; i++)
        {
            dot += (double)_values[i] * other._values[i];
            a += (double)_values[i] * _values[i];
            b += (double)other._values[i] * other._values[i];
        }

        return a == 0 || b == 0 ? 0 : dot / Math.Sqrt(a * b);
    }
}
