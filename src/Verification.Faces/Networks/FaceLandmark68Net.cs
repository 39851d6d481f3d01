namespace Verification.Faces.Networks;

/// <summary>
/// face-api's 68-point landmark net: four dense blocks of depthwise-separable convolutions on a 112 x 112 input, an
/// average pool and a fully connected layer giving 68 (x, y) pairs relative to the padded square.
/// </summary>
internal sealed class FaceLandmark68Net
{
    public const string ModelName = "face_landmark_68_model";

    private const int InputSize = 112;

    private static readonly float[] MeanRgb = [122.782f, 117.001f, 104.298f];

    private readonly float[] _firstFilters;
    private readonly float[] _firstBias;
    private readonly (float[] Depthwise, float[] Pointwise, float[] Bias)[][] _blocks;
    private readonly float[] _fcWeights;
    private readonly float[] _fcBias;

    public FaceLandmark68Net(Weights weights)
    {
        _firstFilters = weights.Get("dense0/conv0/filters", 3, 3, 3, 32);
        _firstBias = weights.Get("dense0/conv0/bias", 32);
        int[] channels = [32, 32, 64, 128, 256];
        _blocks = new (float[], float[], float[])[4][];
        for (var b = 0; b < 4; b++)
        {
            var cin = channels[b];
            var cout = channels[b + 1];
            _blocks[b] = new (float[], float[], float[])[4];
            for (var c = b == 0 ? 1 : 0; c < 4; c++)
            {
                var inC = c == 0 ? cin : cout;
                _blocks[b][c] = (
                    weights.Get($"dense{b}/conv{c}/depthwise_filter", 3, 3, inC, 1),
                    weights.Get($"dense{b}/conv{c}/pointwise_filter", 1, 1, inC, cout),
                    weights.Get($"dense{b}/conv{c}/bias", cout));
            }
        }

        _fcWeights = weights.Get("fc/weights", 256, 136);
        _fcBias = weights.Get("fc/bias", 136);
    }

    /// <summary>The 68 landmarks of the face in <paramref name="region"/>, in the region's own pixel coordinates.</summary>
    public (double X, double Y)[] Detect(RgbImage image, PixelRegion region)
    {
        var x = NetInput.ToBatchTensor(image, region, InputSize, center: true, MeanRgb);
        var outT = DenseBlock(x, 0);
        for (var b = 1; b < 4; b++)
        {
            outT = DenseBlock(outT, b);
        }

        var pooled = Ops.AvgPoolValid(outT, 7, 2);
        var raw = new float[136];
        var features = pooled.Data;
        var product = new float[136];
        for (var i = 0; i < features.Length; i++)
        {
            Ops.Axpy(features[i], _fcWeights.AsSpan(i * 136, 136), product);
        }

        for (var i = 0; i < 136; i++)
        {
            raw[i] = product[i] + _fcBias[i];
        }

        // face-api's postProcess: undo the (assumed symmetric) padding of the square, relative to the resized region.
        var (w, h) = ((double)region.Width, (double)region.Height);
        var scale = (double)InputSize / Math.Max(w, h);
        var (sw, sh) = ((float)(w * scale), (float)(h * scale));
        var padX = sw < sh ? MathF.Abs(sw - sh) / 2 : 0f;
        var padY = sh < sw ? MathF.Abs(sw - sh) / 2 : 0f;
        var points = new (double X, double Y)[68];
        for (var i = 0; i < 68; i++)
        {
            var rx = (raw[2 * i] * InputSize - padX) / sw;
            var ry = (raw[2 * i + 1] * InputSize - padY) / sh;
            points[i] = (rx * w, ry * h);
        }

        return points;
    }

    private Tensor DenseBlock(Tensor x, int b)
    {
        var layers = _blocks[b];
        Tensor out1;
        if (b == 0)
        {
            out1 = Ops.Conv2D(x, _firstFilters, 3, 32, 2, same: true, _firstBias);
        }
        else
        {
            out1 = Ops.SeparableConv(x, layers[0].Depthwise, layers[0].Pointwise, layers[0].Bias, 2, same: true);
        }

        Ops.Relu(out1);
        var out2 = Ops.SeparableConv(out1, layers[1].Depthwise, layers[1].Pointwise, layers[1].Bias, 1, same: true);
        var in3 = Sum(out1, out2);
        Ops.Relu(in3);
        var out3 = Ops.SeparableConv(in3, layers[2].Depthwise, layers[2].Pointwise, layers[2].Bias, 1, same: true);
        var in4 = Sum(out1, Sum(out2, out3));
        Ops.Relu(in4);
        var out4 = Ops.SeparableConv(in4, layers[3].Depthwise, layers[3].Pointwise, layers[3].Bias, 1, same: true);
        var result = Sum(out1, Sum(out2, Sum(out3, out4)));
        Ops.Relu(result);
        return result;
    }

    private static Tensor Sum(Tensor a, Tensor b)
    {
        var result = new Tensor(a.Height, a.Width, a.Channels, (float[])a.Data.Clone());
        Ops.AddInPlace(result, b);
        return result;
    }
}
