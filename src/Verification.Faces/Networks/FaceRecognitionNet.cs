namespace Verification.Faces.Networks;

/// <summary>
/// face-api's recognition net, its port of dlib's ResNet-29 face descriptor (dlib_face_recognition_resnet_model_v1):
/// 150 x 150 in, a 128-D descriptor out. Ported from face-api's <c>FaceRecognitionNet.forwardInput</c>.
/// </summary>
internal sealed class FaceRecognitionNet
{
    public const string ModelName = "face_recognition_model";

    public const int InputSize = 150;

    private static readonly float[] MeanRgb = [122.782f, 117.001f, 104.298f];

    private readonly ConvLayer _conv32Down;
    private readonly (string Name, bool Down, ConvLayer Conv1, ConvLayer Conv2)[] _residuals;
    private readonly float[] _fc;

    public FaceRecognitionNet(Weights weights)
    {
        _conv32Down = ConvLayer.Load(weights, "conv32_down", 7, 3, 32);
        (string Name, int In, int Out, bool Down)[] layout =
        [
            ("conv32_1", 32, 32, false), ("conv32_2", 32, 32, false), ("conv32_3", 32, 32, false),
            ("conv64_down", 32, 64, true), ("conv64_1", 64, 64, false), ("conv64_2", 64, 64, false), ("conv64_3", 64, 64, false),
            ("conv128_down", 64, 128, true), ("conv128_1", 128, 128, false), ("conv128_2", 128, 128, false),
            ("conv256_down", 128, 256, true), ("conv256_1", 256, 256, false), ("conv256_2", 256, 256, false),
            ("conv256_down_out", 256, 256, true),
        ];
        _residuals = layout
            .Select(l => (l.Name, l.Down, ConvLayer.Load(weights, l.Name + "/conv1", 3, l.In, l.Out), ConvLayer.Load(weights, l.Name + "/conv2", 3, l.Out, l.Out)))
            .ToArray();
        _fc = weights.Get("fc", 256, 128);
    }

    /// <summary>The descriptor of the face in <paramref name="region"/> (padded to a square and resized to 150 x 150).</summary>
    public float[] Describe(RgbImage image, PixelRegion region, CancellationToken cancellationToken)
    {
        var x = NetInput.ToBatchTensor(image, region, InputSize, center: true, MeanRgb);
        var outT = _conv32Down.Run(x, stride: 2, same: false, relu: true);
        outT = Ops.MaxPool(outT, 3, 2, same: false);
        foreach (var (_, down, conv1, conv2) in _residuals)
        {
            cancellationToken.ThrowIfCancellationRequested();
            outT = down ? ResidualDown(outT, conv1, conv2) : Residual(outT, conv1, conv2);
        }

        var channels = outT.Channels;
        var mean = new float[channels];
        for (var y = 0; y < outT.Height; y++)
        {
            for (var xx = 0; xx < outT.Width; xx++)
            {
                Ops.Add(mean, outT.Pixel(y, xx));
            }
        }

        var count = (float)(outT.Height * outT.Width);
        var descriptor = new float[128];
        for (var c = 0; c < channels; c++)
        {
            Ops.Axpy(mean[c] / count, _fc.AsSpan(c * 128, 128), descriptor);
        }

        return descriptor;
    }

    private static Tensor Residual(Tensor x, ConvLayer conv1, ConvLayer conv2)
    {
        var outT = conv1.Run(x, 1, same: true, relu: true);
        outT = conv2.Run(outT, 1, same: true, relu: false);
        Ops.AddInPlace(outT, x);
        Ops.Relu(outT);
        return outT;
    }

    private static Tensor ResidualDown(Tensor x, ConvLayer conv1, ConvLayer conv2)
    {
        var outT = conv1.Run(x, 2, same: false, relu: true);
        outT = conv2.Run(outT, 1, same: true, relu: false);
        var pooled = Ops.AvgPoolValid(x, 2, 2);

        // face-api pads the convolution's output with a zero row and column when the pool came out one larger,
        // and the pool with zero channels when the convolution doubled them.
        var height = Math.Max(outT.Height, pooled.Height);
        var width = Math.Max(outT.Width, pooled.Width);
        var result = new Tensor(height, width, outT.Channels);
        for (var y = 0; y < height; y++)
        {
            for (var xx = 0; xx < width; xx++)
            {
                var target = result.Pixel(y, xx);
                if (y < pooled.Height && xx < pooled.Width)
                {
                    pooled.Pixel(y, xx).CopyTo(target);
                }

                if (y < outT.Height && xx < outT.Width)
                {
                    Ops.Add(target, outT.Pixel(y, xx));
                }
            }
        }

        Ops.Relu(result);
        return result;
    }

    /// <summary>A convolution with bias followed by dlib's affine "scale" layer (x * weights + biases).</summary>
    private sealed record ConvLayer(float[] Filters, float[] Bias, float[] ScaleWeights, float[] ScaleBiases, int Kernel)
    {
        public static ConvLayer Load(Weights weights, string prefix, int kernel, int inChannels, int outChannels) => new(
            weights.Get(prefix + "/conv/filters", kernel, kernel, inChannels, outChannels),
            weights.Get(prefix + "/conv/bias", outChannels),
            weights.Get(prefix + "/scale/weights", outChannels),
            weights.Get(prefix + "/scale/biases", outChannels),
            kernel);

        public Tensor Run(Tensor x, int stride, bool same, bool relu)
        {
            var result = Ops.Conv2D(x, Filters, Kernel, Bias.Length, stride, same, Bias);
            var d = result.Data;
            var c = Bias.Length;
            for (var i = 0; i < d.Length; i += c)
            {
                for (var j = 0; j < c; j++)
                {
                    var v = d[i + j] * ScaleWeights[j] + ScaleBiases[j];
                    d[i + j] = relu ? MathF.Max(v, 0f) : v;
                }
            }

            return result;
        }
    }
}
