using Verification.Reading.PaddleOcr.Text;

namespace Verification.Reading.PaddleOcr.Mrz;

/// <summary>One character the recogniser emitted: where (in time steps) and how likely each zone character is.</summary>
internal sealed record Emission(float Time, float[] Scores)
{
    public int Best
    {
        get
        {
            var best = 0;
            for (var k = 1; k < Scores.Length; k++)
            {
                if (Scores[k] > Scores[best])
                {
                    best = k;
                }
            }

            return best;
        }
    }
}

/// <summary>
/// Turns the recogniser's frames for one zone line into character slots. The zone is printed at a fixed pitch
/// (OCR-B, ten characters to the inch), so a character's position along the line tells its column: each emitted
/// character is placed at the column its time step gives, and columns the recogniser emitted nothing for (it
/// shortens long filler runs: repeated characters need a blank between them) are known to be missing rather
/// than silently closed up.
/// </summary>
internal static class LineDecoder
{
    /// <summary>How much the pitch may change, as a fraction of itself, from the first column to the last.</summary>
    private const double MaximumBend = 0.4;

    public static List<Emission> Emissions(Frames frames, CharacterSet characters)
    {
        var groups = characters.MrzGroups;
        var emissions = new List<Emission>();
        var scores = new float[groups.Length];
        float[]? run = null;
        int runBest = -1;
        double timeSum = 0, weightSum = 0;
        for (var t = 0; t < frames.Steps; t++)
        {
            var row = frames.At(t);
            var blank = row[0];
            var strongest = 0f;
            for (var c = 1; c < row.Length; c++)
            {
                strongest = Math.Max(strongest, row[c]);
            }

            if (blank >= strongest)
            {
                Close();
                continue;
            }

            var total = 0f;
            for (var k = 0; k < groups.Length; k++)
            {
                var sum = 0f;
                foreach (var index in groups[k])
                {
                    sum += row[index];
                }

                scores[k] = sum;
                total += sum;
            }

            var best = 0;
            for (var k = 1; k < scores.Length; k++)
            {
                if (scores[k] > scores[best])
                {
                    best = k;
                }
            }

            if (run is not null && best != runBest)
            {
                Close();
            }

            run ??= new float[groups.Length];
            runBest = best;
            var weight = 1 - blank;
            for (var k = 0; k < scores.Length; k++)
            {
                run[k] = Math.Max(run[k], total > 0 ? scores[k] / Math.Max(total, 1 - blank) : 0);
            }

            timeSum += t * weight;
            weightSum += weight;
        }

        Close();
        return emissions;

        void Close()
        {
            if (run is not null)
            {
                emissions.Add(new Emission((float)(timeSum / weightSum), run));
            }

            run = null;
            runBest = -1;
            timeSum = weightSum = 0;
        }
    }

    /// <summary>
    /// Places emissions in <paramref name="width"/> columns. <paramref name="pitch"/> is the column width in time
    /// steps when known (from a line whose last character is always printed), with <paramref name="bend"/> the
    /// relative change of pitch per column that line showed; otherwise the first and last emissions are taken as the
    /// first and last columns and the pitch is fitted, allowed to change slowly along the line: a page photographed
    /// at an angle prints the far end of a line smaller (perspective), and a constant pitch then pushes the last
    /// characters into columns that do not exist. Returns <see langword="null"/> when the emissions cannot fit the
    /// width.
    /// </summary>
    public static Emission?[]? Place(List<Emission> emissions, int width, float? pitch, float bend, out ColumnFit fit)
    {
        fit = default;
        if (emissions.Count < width / 3)
        {
            return null;
        }

        var first = emissions[0].Time;
        var step = pitch ?? ((emissions[^1].Time - first) / (width - 1));
        if (step <= 0.5f)
        {
            return null;
        }

        fit = new ColumnFit(first, step, bend * step);
        if (emissions.Count == width && OneToOne(emissions, fit, width) is { } each)
        {
            // As many characters as columns, evenly enough: one character a column, whatever the pitch's drift.
            fit = each;
        }
        else if (pitch is null)
        {
            // Place, then refit the columns' positions to the placed characters; again with the new fit.
            for (var round = 0; round < 3; round++)
            {
                fit = Refit(emissions, Columns(emissions, fit), fit, width);
            }
        }

        var final = Columns(emissions, fit);
        var slots = new Emission?[width];
        for (var i = 0; i < emissions.Count; i++)
        {
            var column = final[i];
            if (column >= width)
            {
                // More characters than columns: a wrong pitch or a wrong line.
                return emissions.Count - i > 2 ? null : slots;
            }

            slots[column] = emissions[i];
        }

        return slots;
    }

    /// <summary>The fit of one character to each column, when every character then lies within a third of a column of its own.</summary>
    private static ColumnFit? OneToOne(List<Emission> emissions, ColumnFit start, int width)
    {
        var columns = Enumerable.Range(0, width).ToArray();
        var fit = Refit(emissions, columns, start, width);
        for (var k = 0; k < width; k++)
        {
            if (Math.Abs(emissions[k].Time - fit.Time(k)) > fit.PitchAt(k) / 3)
            {
                return null;
            }
        }

        return fit;
    }

    /// <summary>
    /// Least squares of time against column, <c>t = a + b k + c k²</c>, the pitch allowed to change by at most
    /// <see cref="MaximumBend"/> of itself from one end of the line to the other; the previous fit when too few
    /// characters are placed to say.
    /// </summary>
    private static ColumnFit Refit(List<Emission> emissions, int[] columns, ColumnFit previous, int width)
    {
        if (emissions.Count < 6)
        {
            return previous;
        }

        // Sums of k^n (n = 0..4) and t k^n (n = 0..2).
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, t0 = 0, t1 = 0, t2 = 0;
        for (var i = 0; i < emissions.Count; i++)
        {
            double k = columns[i];
            double t = emissions[i].Time;
            s0++;
            s1 += k;
            s2 += k * k;
            s3 += k * k * k;
            s4 += k * k * k * k;
            t0 += t;
            t1 += t * k;
            t2 += t * k * k;
        }

        var det = Det(s0, s1, s2, s1, s2, s3, s2, s3, s4);
        if (Math.Abs(det) < 1e-9)
        {
            return previous;
        }

        var a = Det(t0, s1, s2, t1, s2, s3, t2, s3, s4) / det;
        var b = Det(s0, t0, s2, s1, t1, s3, s2, t2, s4) / det;
        var c = Det(s0, s1, t0, s1, s2, t1, s2, s3, t2) / det;
        if (b <= 0.5)
        {
            return previous;
        }

        var limit = MaximumBend * b / (2 * (width - 1));
        if (Math.Abs(c) > limit)
        {
            // Bent more than perspective bends a line: the bend at its limit, the rest fitted straight.
            c = Math.Sign(c) * limit;
            var d = (s0 * s2) - (s1 * s1);
            if (Math.Abs(d) < 1e-9)
            {
                return previous;
            }

            var u0 = t0 - (c * s2);
            var u1 = t1 - (c * s3);
            a = ((u0 * s2) - (s1 * u1)) / d;
            b = ((s0 * u1) - (s1 * u0)) / d;
            if (b <= 0.5)
            {
                return previous;
            }
        }

        return new ColumnFit((float)a, (float)b, (float)c);

        static double Det(double a, double b, double c, double d, double e, double f, double g, double h, double i) =>
            (a * ((e * i) - (f * h))) - (b * ((d * i) - (f * g))) + (c * ((d * h) - (e * g)));
    }

    private static int[] Columns(List<Emission> emissions, ColumnFit fit)
    {
        var columns = new int[emissions.Count];
        var previous = -1;
        for (var i = 0; i < emissions.Count; i++)
        {
            var column = (int)Math.Round(fit.Column(emissions[i].Time));
            column = Math.Max(column, previous + 1);
            columns[i] = column;
            previous = column;
        }

        return columns;
    }
}

/// <summary>
/// Where a line's columns are, in the recogniser's time steps: column <c>k</c> is centred at
/// <c>First + Step k + Curve k²</c> (the curve is perspective's foreshortening along the line).
/// </summary>
internal readonly record struct ColumnFit(float First, float Step, float Curve)
{
    /// <summary>The pitch's relative change per column, to place the zone's other lines alike.</summary>
    public float Bend => Curve / Step;

    /// <summary>The time step at which column <paramref name="column"/> is centred.</summary>
    public float Time(float column) => First + (Step * column) + (Curve * column * column);

    /// <summary>The pitch, in time steps, at column <paramref name="column"/>.</summary>
    public float PitchAt(float column) => Step + (2 * Curve * column);

    /// <summary>The (fractional) column centred at time step <paramref name="time"/>.</summary>
    public float Column(float time)
    {
        var k = (time - First) / Step;
        for (var i = 0; i < 4 && Curve != 0; i++)
        {
            k = (time - First - (Curve * k * k)) / Step;
        }

        return k;
    }
}
