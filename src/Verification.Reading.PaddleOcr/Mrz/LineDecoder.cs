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
    /// steps when known (from a line whose last character is always printed); otherwise the first and last
    /// emissions are taken as the first and last columns. Returns <see langword="null"/> when the emissions cannot
    /// fit the width.
    /// </summary>
    public static Emission?[]? Place(List<Emission> emissions, int width, float? pitch, out float first, out float step)
    {
        first = 0;
        step = 0;
        if (emissions.Count < width / 3)
        {
            return null;
        }

        first = emissions[0].Time;
        step = pitch ?? ((emissions[^1].Time - first) / (width - 1));
        if (step <= 0.5f)
        {
            return null;
        }

        // Two rounds: place, then refit the pitch to the placed columns (least squares through the first).
        for (var round = 0; round < 2; round++)
        {
            var columns = Columns(emissions, first, step);
            double num = 0, den = 0;
            for (var i = 1; i < emissions.Count; i++)
            {
                if (columns[i] > 0)
                {
                    num += (emissions[i].Time - first) * columns[i];
                    den += (double)columns[i] * columns[i];
                }
            }

            if (den > 0 && pitch is null)
            {
                step = (float)(num / den);
            }
        }

        var final = Columns(emissions, first, step);
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

    private static int[] Columns(List<Emission> emissions, float first, float step)
    {
        var columns = new int[emissions.Count];
        var previous = -1;
        for (var i = 0; i < emissions.Count; i++)
        {
            var column = (int)Math.Round((emissions[i].Time - first) / step);
            column = Math.Max(column, previous + 1);
            columns[i] = column;
            previous = column;
        }

        return columns;
    }
}
