using Verification.Reading.Tesseract.Imaging;

namespace Verification.Reading.Tesseract.Mrz;

/// <summary>
/// A line read glyph by glyph: for each cell, the best score of every symbol of <see cref="GlyphClassifier.Alphabet"/>,
/// so that a caller who learns more about a position (which characters it may hold) can decide again.
/// </summary>
internal sealed class GlyphLine
{
    private readonly float[] _scores;

    public GlyphLine(int length, float[] scores, double offset, double pitch)
    {
        Length = length;
        _scores = scores;
        Offset = offset;
        Pitch = pitch;
    }

    /// <summary>The number of cells.</summary>
    public int Length { get; }

    /// <summary>Where the first cell starts, in pixels.</summary>
    public double Offset { get; }

    /// <summary>The cells' width, in pixels.</summary>
    public double Pitch { get; }

    /// <summary>The scores of every symbol for one cell, in the order of <see cref="GlyphClassifier.Alphabet"/>.</summary>
    public ReadOnlySpan<float> Scores(int cell) => _scores.AsSpan(cell * GlyphClassifier.Alphabet.Length, GlyphClassifier.Alphabet.Length);

    /// <summary>The best symbol of a cell among those of <paramref name="allowed"/>, its score and its lead over the runner-up.</summary>
    public (char Symbol, float Score, float Margin) Best(int cell, CharacterClass allowed)
    {
        var scores = Scores(cell);
        float best = float.MinValue, second = float.MinValue;
        var symbol = '<';
        for (var i = 0; i < scores.Length; i++)
        {
            if (!GlyphClassifier.Allows(allowed, i))
            {
                continue;
            }

            if (scores[i] > best)
            {
                (second, best, symbol) = (best, scores[i], GlyphClassifier.Alphabet[i]);
            }
            else if (scores[i] > second)
            {
                second = scores[i];
            }
        }

        return (symbol, best, best - second);
    }

    /// <summary>The score of one symbol in a cell.</summary>
    public float Score(int cell, char symbol) => Scores(cell)[GlyphClassifier.Alphabet.IndexOf(symbol, StringComparison.Ordinal)];

    /// <summary>The line read with a class for each position (<see cref="CharacterClass.Any"/> when none is given).</summary>
    public string Text(ReadOnlySpan<CharacterClass> classes = default)
    {
        var text = new char[Length];
        for (var i = 0; i < Length; i++)
        {
            text[i] = Best(i, i < classes.Length ? classes[i] : CharacterClass.Any).Symbol;
        }

        return new string(text);
    }

    /// <summary>The mean of the winning scores.</summary>
    public double MeanScore(ReadOnlySpan<CharacterClass> classes = default)
    {
        double sum = 0;
        for (var i = 0; i < Length; i++)
        {
            sum += Best(i, i < classes.Length ? classes[i] : CharacterClass.Any).Score;
        }

        return sum / Length;
    }
}

/// <summary>Which characters a position of a zone may hold.</summary>
[Flags]
internal enum CharacterClass
{
    /// <summary>Nothing (not used for a position).</summary>
    None = 0,

    /// <summary>A to Z.</summary>
    Letter = 1,

    /// <summary>0 to 9.</summary>
    Digit = 2,

    /// <summary>The filler.</summary>
    Filler = 4,

    /// <summary>A letter or a filler: names and codes.</summary>
    Alpha = Letter | Filler,

    /// <summary>A digit or a filler: dates of which a part is unknown, check digits of empty fields.</summary>
    Numeric = Digit | Filler,

    /// <summary>Any character of the zone.</summary>
    Any = Letter | Digit | Filler,
}

/// <summary>
/// A fixed-pitch classifier for the OCR-B characters of a machine-readable zone. A line of known length is
/// cut into equal cells (pitch and phase fitted so that cell borders fall in the gaps between glyphs), each
/// cell is normalised to the line's height and centred on its ink, and compared with references cut the
/// same way from a clean OCR-B rendering (normalised cross-correlation, a pixel of shift allowed). Because
/// every position of the zone is a glyph, fillers included, the count of characters is never in doubt,
/// which is where a general-purpose engine fails (it drops or doubles <c>&lt;</c> and reads <c>&lt;K&lt;</c>).
/// Thread-safe once built.
/// </summary>
internal sealed class GlyphClassifier
{
    public const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<";
    private const int GridWidth = 20;
    private const int GridHeight = 24;
    // One pitch spans 19 grid columns; capitals (about 1.05 pitch high) then span about 20 of the 24 rows.
    private const double PitchScale = 19;
    private const double CentreOfMassWeight = 0.7;
    private const int Supersample = 3;
    private const int Size = GridWidth * GridHeight;

    private readonly List<(char Symbol, float[] Features)> _references = [];

    // Every reference shifted by up to a pixel each way, laid out one after another for vectorised dot products.
    private float[] _shifted = [];
    private byte[] _shiftedSymbols = [];

    private GlyphClassifier()
    {
    }

    /// <summary>The advance of a glyph divided by the height of capitals, measured on the reference sheet.</summary>
    public double PitchPerHeight { get; private set; }

    /// <summary>Builds the classifier from the embedded OCR-B sheet (needs Leptonica to decode it).</summary>
    public static GlyphClassifier? LoadEmbedded()
    {
        using var stream = typeof(GlyphClassifier).Assembly.GetManifestResourceStream("Verification.Reading.Tesseract.ocrb-glyphs.png");
        if (stream is null)
        {
            return null;
        }

        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        var sheet = GrayImage.Decode(memory.ToArray());
        return sheet is null ? null : FromSheet(sheet);
    }

    /// <summary>Builds from a sheet of lines each holding <see cref="Alphabet"/> once.</summary>
    public static GlyphClassifier? FromSheet(GrayImage sheet)
    {
        var classifier = new GlyphClassifier();
        var threshold = sheet.OtsuThreshold();
        var ratios = new List<double>();
        foreach (var line in TextLines.Find(sheet, threshold))
        {
            var cells = FitCells(sheet, line, threshold, Alphabet.Length);
            if (cells is not { } fit)
            {
                continue;
            }

            ratios.Add(fit.Pitch / line.Height);
            var levels = Levels(sheet, line);
            var middle = Middle(sheet, line, threshold, fit.Offset, fit.Pitch, Alphabet.Length);
            for (var i = 0; i < Alphabet.Length; i++)
            {
                var features = Normalise(Raw(sheet, middle, fit.Offset + (i * fit.Pitch), fit.Pitch, levels));
                classifier._references.Add((Alphabet[i], features));
                // A softened copy stands for blurred photos.
                classifier._references.Add((Alphabet[i], Normalise(Blur(Raw(sheet, middle, fit.Offset + (i * fit.Pitch), fit.Pitch, levels)))));
            }
        }

        if (ratios.Count == 0)
        {
            return null;
        }

        classifier.PitchPerHeight = ratios.Average();
        classifier.BuildShifted();
        return classifier;
    }

    /// <summary>Reads a line as <paramref name="length"/> cells; <see langword="null"/> when the cells do not fit.</summary>
    /// <param name="image">A level image.</param>
    /// <param name="line">The line found in it.</param>
    /// <param name="threshold">The ink threshold the line was found with.</param>
    /// <param name="length">The number of characters of the line.</param>
    /// <param name="near">
    /// The cells of another line of the zone (printed with the same pitch, left-aligned): the fit keeps their
    /// pitch and looks for its phase within half a cell of their start, whatever the line's extent says.
    /// </param>
    public GlyphLine? ReadLine(GrayImage image, TextLine line, int threshold, int length, (double Offset, double Pitch)? near = null)
    {
        if (FitCells(image, line, threshold, length, near) is not { } fit)
        {
            return null;
        }

        var levels = Levels(image, line);
        var middle = Middle(image, line, threshold, fit.Offset, fit.Pitch, length);
        var scores = new float[length * Alphabet.Length];
        var grid = new float[Size];
        for (var i = 0; i < length; i++)
        {
            Raw(image, middle, fit.Offset + (i * fit.Pitch), fit.Pitch, levels, grid);
            Classify(Normalise(grid), scores.AsSpan(i * Alphabet.Length, Alphabet.Length));
        }

        return new GlyphLine(length, scores, fit.Offset, fit.Pitch);
    }

    /// <summary>Whether a class admits the symbol at <paramref name="index"/> of <see cref="Alphabet"/>.</summary>
    public static bool Allows(CharacterClass allowed, int index) => index switch
    {
        < 26 => (allowed & CharacterClass.Letter) != 0,
        < 36 => (allowed & CharacterClass.Digit) != 0,
        _ => (allowed & CharacterClass.Filler) != 0,
    };

    private void BuildShifted()
    {
        var count = _references.Count * 9;
        _shifted = new float[count * Size];
        _shiftedSymbols = new byte[count];
        var k = 0;
        foreach (var (symbol, features) in _references)
        {
            for (var dy = -1; dy <= 1; dy++)
            {
                for (var dx = -1; dx <= 1; dx++)
                {
                    var target = _shifted.AsSpan(k * Size, Size);
                    for (var y = 0; y < GridHeight; y++)
                    {
                        for (var x = 0; x < GridWidth; x++)
                        {
                            var (sx, sy) = (x - dx, y - dy);
                            target[(y * GridWidth) + x] = (uint)sx < GridWidth && (uint)sy < GridHeight ? features[(sy * GridWidth) + sx] : 0f;
                        }
                    }

                    _shiftedSymbols[k++] = (byte)Alphabet.IndexOf(symbol, StringComparison.Ordinal);
                }
            }
        }
    }

    /// <summary>The best correlation of each symbol with the cell, over its references and their shifts.</summary>
    private void Classify(float[] features, Span<float> best)
    {
        best.Fill(float.MinValue);
        var input = features.AsSpan();
        var lanes = System.Numerics.Vector<float>.Count;
        for (var k = 0; k < _shiftedSymbols.Length; k++)
        {
            var reference = _shifted.AsSpan(k * Size, Size);
            var sum = System.Numerics.Vector<float>.Zero;
            var i = 0;
            for (; i <= Size - lanes; i += lanes)
            {
                sum += new System.Numerics.Vector<float>(input[i..]) * new System.Numerics.Vector<float>(reference[i..]);
            }

            var score = System.Numerics.Vector.Sum(sum);
            for (; i < Size; i++)
            {
                score += input[i] * reference[i];
            }

            var symbol = _shiftedSymbols[k];
            if (score > best[symbol])
            {
                best[symbol] = score;
            }
        }
    }

    /// <summary>Pitch and phase of the cells so that their borders cross the least ink.</summary>
    private static (double Offset, double Pitch)? FitCells(GrayImage image, TextLine line, int threshold, int length, (double Offset, double Pitch)? near = null)
    {
        var width = image.Width;
        var pad = line.Height;
        var from = Math.Max(0, line.Left - pad);
        var to = Math.Min(width - 1, line.Right + pad);
        if (near is { } cells)
        {
            from = Math.Max(0, (int)Math.Floor(cells.Offset - cells.Pitch));
            to = Math.Min(width - 1, (int)Math.Ceiling(cells.Offset + ((length + 1) * cells.Pitch)));
        }

        var profile = new double[to - from + 1];
        for (var y = line.Top; y <= line.Bottom; y++)
        {
            var row = y * width;
            for (var x = from; x <= to; x++)
            {
                var p = image.Pixels[row + x];
                if (p <= threshold)
                {
                    profile[x - from] += 1;
                }
            }
        }

        double Ink(double x)
        {
            var i = x - from;
            var i0 = (int)Math.Floor(i);
            if (i0 < 0 || i0 + 1 >= profile.Length)
            {
                return 0;
            }

            var f = i - i0;
            return (profile[i0] * (1 - f)) + (profile[i0 + 1] * f);
        }

        // All ink lies within the cells, and the last glyph covers at least a third of its cell.
        var span = line.Width;
        var minPitch = span / (double)length;
        var maxPitch = span / (length - 0.67);
        (double Offset, double Pitch)? best = null;
        var bestCost = double.MaxValue;

        void Search(double pitchFrom, double pitchTo, double pitchStep, double offsetStep)
        {
            for (var pitch = pitchFrom; pitch <= pitchTo; pitch += pitchStep)
            {
                var lowest = line.Right + 1 - (length * pitch);
                for (var offset = lowest; offset <= line.Left; offset += offsetStep)
                {
                    double cost = 0;
                    for (var i = 0; i <= length; i++)
                    {
                        cost += Ink(offset + (i * pitch));
                    }

                    // Favour cells centred on the ink when borders cost the same.
                    var balance = Math.Abs((line.Left - offset) - (offset + (length * pitch) - line.Right - 1)) * 0.01;
                    if (cost + balance < bestCost)
                    {
                        bestCost = cost + balance;
                        best = (offset, pitch);
                    }
                }
            }
        }

        if (near is { } given)
        {
            var pitch = given.Pitch;
            for (var offset = given.Offset - (pitch / 2); offset <= given.Offset + (pitch / 2); offset += 0.25)
            {
                double cost = 0;
                for (var i = 0; i <= length; i++)
                {
                    cost += Ink(offset + (i * pitch));
                }

                if (cost < bestCost)
                {
                    bestCost = cost;
                    best = (offset, pitch);
                }
            }

            return best;
        }

        Search(minPitch, maxPitch, 0.05, 1);
        if (best is { } coarse)
        {
            Search(Math.Max(minPitch, coarse.Pitch - 0.05), Math.Min(maxPitch, coarse.Pitch + 0.05), 0.01, 0.25);
        }

        return best;
    }

    /// <summary>Paper and ink levels of a line (percentiles), so that contrast does not matter.</summary>
    private static (double Paper, double Ink) Levels(GrayImage image, TextLine line)
    {
        Span<int> histogram = stackalloc int[256];
        var total = 0;
        for (var y = line.Top; y <= line.Bottom; y++)
        {
            for (var x = line.Left; x <= line.Right; x++)
            {
                histogram[image.Pixels[(y * image.Width) + x]]++;
                total++;
            }
        }

        int Percentile(Span<int> h, double fraction)
        {
            var target = (int)(total * fraction);
            var seen = 0;
            for (var i = 0; i < 256; i++)
            {
                seen += h[i];
                if (seen > target)
                {
                    return i;
                }
            }

            return 255;
        }

        var ink = Percentile(histogram, 0.03);
        var paper = Percentile(histogram, 0.85);
        return paper - ink < 16 ? (Math.Min(255, ink + 16), ink) : (paper, ink);
    }

    /// <summary>
    /// The line's vertical middle, from the glyphs that stand the full height of capitals (letters and digits
    /// share it in OCR-B; fillers do not): the median of their ink's mid-heights. The band's own extent
    /// depends on which glyphs the line holds and how blurred it is; this does not.
    /// </summary>
    private static double Middle(GrayImage image, TextLine line, int threshold, double offset, double pitch, int length)
    {
        var h = line.Height;
        var top = Math.Max(0, line.Top - (h / 4));
        var bottom = Math.Min(image.Height - 1, line.Bottom + (h / 4));
        var middles = new List<double>(length);
        for (var i = 0; i < length; i++)
        {
            var x0 = Math.Max(0, (int)Math.Ceiling(offset + (i * pitch) + (pitch * 0.1)));
            var x1 = Math.Min(image.Width - 1, (int)Math.Floor(offset + ((i + 1) * pitch) - (pitch * 0.1)));
            int first = -1, last = -1;
            for (var y = top; y <= bottom; y++)
            {
                var count = 0;
                for (var x = x0; x <= x1; x++)
                {
                    if (image.Pixels[(y * image.Width) + x] <= threshold)
                    {
                        count++;
                    }
                }

                // A row dark across the whole cell is the document's edge or a frame, not a glyph.
                if (count >= 2 && count < (x1 - x0 + 1) * 0.9)
                {
                    first = first < 0 ? y : first;
                    last = y;
                }
            }

            if (first >= 0 && last - first + 1 >= h * 0.75)
            {
                middles.Add((first + last + 1) / 2.0);
            }
        }

        if (middles.Count == 0)
        {
            return (line.Top + line.Bottom + 1) / 2.0;
        }

        middles.Sort();
        return middles[middles.Count / 2];
    }

    /// <summary>
    /// The cell's darkness on the grid. The scale comes from the pitch, which the fit measures over the whole
    /// line and blur does not change (the ink's height grows with blur, so scaling by it would make a 0 look
    /// like an O); the line's middle goes to the grid's middle; the cell's ink is centred horizontally.
    /// </summary>
    private static float[] Raw(GrayImage image, double middle, double cellLeft, double pitch, (double Paper, double Ink) levels, float[]? grid = null)
    {
        var scale = PitchScale / pitch;
        var range = levels.Paper - levels.Ink;

        // Horizontal centre of the ink in the cell (a cell a little wider than the pitch, so that a glyph
        // off its nominal cell is still whole).
        double mass = 0, moment = 0;
        var x0 = (int)Math.Floor(cellLeft - (pitch * 0.15));
        var x1 = (int)Math.Ceiling(cellLeft + (pitch * 1.15));
        var half = pitch * 0.6;
        for (var y = (int)(middle - half); y <= (int)(middle + half); y++)
        {
            if ((uint)y >= (uint)image.Height)
            {
                continue;
            }

            for (var x = Math.Max(0, x0); x <= Math.Min(image.Width - 1, x1); x++)
            {
                var d = Math.Clamp((levels.Paper - image.Pixels[(y * image.Width) + x]) / range, 0, 1);
                // Full weight inside the cell, fading over the margin: a neighbour's stroke just past the
                // border must not pull the centre (it did, by a sixth of a pitch, towards wide neighbours).
                var outside = Math.Max(0, Math.Abs(x + 0.5 - (cellLeft + (pitch / 2))) - (pitch / 2));
                var weight = Math.Max(0, 1 - (outside / (pitch * 0.15)));
                mass += d * weight;
                moment += d * weight * x;
            }
        }

        var centre = mass > 0 ? moment / mass : cellLeft + (pitch / 2);
        // Pull the centre towards the cell's middle: a narrow glyph (I, 1) sits where it is, a wide one too.
        centre = (centre * CentreOfMassWeight) + ((cellLeft + (pitch / 2)) * (1 - CentreOfMassWeight));

        grid ??= new float[Size];
        var step = 1.0 / Supersample;
        for (var gy = 0; gy < GridHeight; gy++)
        {
            for (var gx = 0; gx < GridWidth; gx++)
            {
                double sum = 0;
                for (var sy = 0; sy < Supersample; sy++)
                {
                    var iy = middle + ((gy - (GridHeight / 2.0) + ((sy + 0.5) * step)) / scale) - 0.5;
                    for (var sx = 0; sx < Supersample; sx++)
                    {
                        var ix = centre + ((gx - (GridWidth / 2.0) + ((sx + 0.5) * step)) / scale) - 0.5;
                        sum += Math.Clamp((levels.Paper - image.Sample(ix, iy)) / range, 0, 1);
                    }
                }

                grid[(gy * GridWidth) + gx] = (float)(sum / (Supersample * Supersample));
            }
        }

        return grid;
    }

    private static float[] Blur(float[] grid)
    {
        var blurred = new float[Size];
        for (var y = 0; y < GridHeight; y++)
        {
            for (var x = 0; x < GridWidth; x++)
            {
                float sum = 0, weight = 0;
                for (var dy = -1; dy <= 1; dy++)
                {
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var (xx, yy) = (x + dx, y + dy);
                        if ((uint)xx < GridWidth && (uint)yy < GridHeight)
                        {
                            var w = dx == 0 && dy == 0 ? 4f : (dx == 0 || dy == 0 ? 2f : 1f);
                            sum += grid[(yy * GridWidth) + xx] * w;
                            weight += w;
                        }
                    }
                }

                blurred[(y * GridWidth) + x] = sum / weight;
            }
        }

        return blurred;
    }

    /// <summary>Zero mean, unit length: the dot product of two such vectors is their correlation.</summary>
    private static float[] Normalise(float[] grid)
    {
        var mean = grid.Average();
        double norm = 0;
        for (var i = 0; i < grid.Length; i++)
        {
            grid[i] -= mean;
            norm += grid[i] * grid[i];
        }

        var inverse = norm > 0 ? (float)(1 / Math.Sqrt(norm)) : 0f;
        for (var i = 0; i < grid.Length; i++)
        {
            grid[i] *= inverse;
        }

        return grid;
    }
}
