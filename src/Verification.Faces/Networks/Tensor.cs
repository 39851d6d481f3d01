namespace Verification.Faces.Networks;

/// <summary>
/// A single image's activations in TensorFlow's NHWC layout with the batch of one left out: element
/// (y, x, c) is at <c>(y * Width + x) * Channels + c</c>.
/// </summary>
internal sealed class Tensor
{
    public Tensor(int height, int width, int channels)
        : this(height, width, channels, new float[height * width * channels])
    {
    }

    public Tensor(int height, int width, int channels, float[] data)
    {
        if (data.Length != height * width * channels)
        {
            throw new ArgumentException($"Expected {height * width * channels} values for {height}x{width}x{channels}, got {data.Length}.", nameof(data));
        }

        Height = height;
        Width = width;
        Channels = channels;
        Data = data;
    }

    public int Height { get; }

    public int Width { get; }

    public int Channels { get; }

    public float[] Data { get; }

    public Span<float> Pixel(int y, int x) => Data.AsSpan((y * Width + x) * Channels, Channels);
}
