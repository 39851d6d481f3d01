namespace Verification.Faces.Networks;

/// <summary>
/// face-api's tiny face detector (a Tiny YOLO v2 with depthwise-separable convolutions): 416 x 416 in, a 13 x 13 grid of
/// five anchor boxes out. Ported from face-api's <c>TinyYolov2Base.runMobilenet</c> and <c>extractBoxes</c>.
/// </summary>
internal sealed class TinyFaceDetectorNet
{
    public const string ModelName = "tiny_face_detector_model";

    private static readonly float[] MeanRgb = [117.001f, 114.697f, 97.404f];

    private static readonly (double X, double Y)[] Anchors =
    [
        (1.603231, 2.094468),
        (6.041143, 7.080126),
        (2.882459, 3.518061),
        (4.266906, 5.178857),
        (9.041765, 10.66308),
    ];

    private const double IouThreshold = 0.4;

    private readonly float[] _conv0Filters;
    private readonly float[] _conv0Bias;
    private readonly (float[] Depthwise, float[] Pointwise, float[] Bias)[] _separable;
    private readonly float[] _conv8Filters;
    private readonly float[] _conv8Bias;

    public TinyFaceDetectorNet(Weights weights)
    {
        _conv0Filters = weights.Get("conv0/filters", 3, 3, 3, 16);
        _conv0Bias = weights.Get("conv0/bias", 16);
        int[] sizes = [16, 32, 64, 128, 256, 512];
        _separable = new (float[], float[], float[])[5];
        for (var i = 1; i <= 5; i++)
        {
            _separable[i - 1] = (
                weights.Get($"conv{i}/depthwise_filter", 3, 3, sizes[i - 1], 1),
                weights.Get($"conv{i}/pointwise_filter", 1, 1, sizes[i - 1], sizes[i]),
                weights.Get($"conv{i}/bias", sizes[i]));
        }

        _conv8Filters = weights.Get("conv8/filters", 1, 1, 512, 25);
        _conv8Bias = weights.Get("conv8/bias", 25);
    }

    /// <summary>Faces found in the picture, best first: boxes in picture pixels (not clipped), scores in (0, 1).</summary>
    public IReadOnlyList<(double Score, double X, double Y, double Width, double Height)> Detect(
        RgbImage image, int inputSize, double scoreThreshold, CancellationToken cancellationToken)
    {
        var input = NetInput.ToBatchTensor(image, new PixelRegion(0, 0, image.Width, image.Height), inputSize, center: false, MeanRgb);
        cancellationToken.ThrowIfCancellationRequested();
        var output = Forward(input, cancellationToken);

        // Boxes relative to the picture, as extractBoxes computes them (the padding sits at the end, so the grid's
        // relative coordinates are corrected by the ratio of the square to the resized picture).
        var scale = (double)inputSize / Math.Max(image.Width, image.Height);
        var reshapedWidth = Math.Floor(image.Width * scale + 0.5);
        var reshapedHeight = Math.Floor(image.Height * scale + 0.5);
        var correctionX = inputSize / reshapedWidth;
        var correctionY = inputSize / reshapedHeight;
        var cells = output.Height;
        var candidates = new List<(double Score, double X, double Y, double W, double H)>();
        for (var row = 0; row < cells; row++)
        {
            for (var col = 0; col < cells; col++)
            {
                var cell = output.Pixel(row, col);
                for (var anchor = 0; anchor < Anchors.Length; anchor++)
                {
                    var o = anchor * 5;
                    var score = Sigmoid(cell[o + 4]);
                    if (score <= scoreThreshold)
                    {
                        continue;
                    }

                    var ctX = (col + Sigmoid(cell[o])) / cells * correctionX;
                    var ctY = (row + Sigmoid(cell[o + 1])) / cells * correctionY;
                    var w = Math.Exp(cell[o + 2]) * Anchors[anchor].X / cells * correctionX;
                    var h = Math.Exp(cell[o + 3]) * Anchors[anchor].Y / cells * correctionY;
                    candidates.Add((score, ctX - w / 2, ctY - h / 2, w, h));
                }
            }
        }

        var picked = NonMaxSuppression(candidates, inputSize);
        return picked
            .Select(i => candidates[i])
            .Select(c => (c.Score, c.X * image.Width, c.Y * image.Height, c.W * image.Width, c.H * image.Height))
            .ToList();
    }

    private Tensor Forward(Tensor x, CancellationToken cancellationToken)
    {
        var out0 = Ops.Conv2D(x, _conv0Filters, 3, 16, 1, same: false, _conv0Bias);
        Ops.Leaky(out0);
        var outT = Ops.MaxPool(out0, 2, 2, same: true);
        for (var i = 0; i < _separable.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (dw, pw, bias) = _separable[i];
            outT = Ops.SeparableConv(Ops.PadOne(outT), dw, pw, bias, 1, same: false);
            Ops.Leaky(outT);
            outT = Ops.MaxPool(outT, 2, i < _separable.Length - 1 ? 2 : 1, same: true);
        }

        return Ops.Conv2D(outT, _conv8Filters, 1, 25, 1, same: false, _conv8Bias);
    }

    /// <summary>face-api's non-maximum suppression: highest score first, on boxes scaled to the input size.</summary>
    private static List<int> NonMaxSuppression(List<(double Score, double X, double Y, double W, double H)> boxes, int inputSize)
    {
        // A stable ascending sort popped from the end, as face-api does: among equal scores the later box wins.
        var remaining = Enumerable.Range(0, boxes.Count).OrderBy(i => boxes[i].Score).ToList();
        var pick = new List<int>();
        while (remaining.Count > 0)
        {
            var current = remaining[^1];
            remaining.RemoveAt(remaining.Count - 1);
            pick.Add(current);
            remaining = remaining.Where(i => Iou(boxes[current], boxes[i], inputSize) <= IouThreshold).ToList();
        }

        return pick;
    }

    private static double Iou((double Score, double X, double Y, double W, double H) a, (double Score, double X, double Y, double W, double H) b, int s)
    {
        var (ax, ay, aw, ah) = (a.X * s, a.Y * s, a.W * s, a.H * s);
        var (bx, by, bw, bh) = (b.X * s, b.Y * s, b.W * s, b.H * s);
        var width = Math.Max(0.0, Math.Min(ax + aw, bx + bw) - Math.Max(ax, bx));
        var height = Math.Max(0.0, Math.Min(ay + ah, by + bh) - Math.Max(ay, by));
        var intersection = width * height;
        return intersection / (aw * ah + bw * bh - intersection);
    }

    private static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
}
