using Verification.Reading.Tesseract.Imaging;

namespace Verification.Reading.Tesseract.Mrz;

/// <summary>A line of text found in an image: its ink's vertical extent and its widest horizontal run.</summary>
internal readonly record struct TextLine(int Top, int Bottom, int Left, int Right)
{
    public int Height => Bottom - Top + 1;

    public int Width => Right - Left + 1;
}

/// <summary>Finds lines of text by the ink transitions along rows; works on level (deskewed) images.</summary>
internal static class TextLines
{
    public static List<TextLine> Find(GrayImage image, int threshold)
    {
        var width = image.Width;
        var height = image.Height;
        var pixels = image.Pixels;
        var transitions = new int[height];
        var ink = new int[height];
        for (var y = 0; y < height; y++)
        {
            var row = y * width;
            var previous = false;
            int t = 0, k = 0;
            for (var x = 0; x < width; x++)
            {
                var dark = pixels[row + x] <= threshold;
                if (dark)
                {
                    k++;
                }

                if (dark != previous)
                {
                    t++;
                }

                previous = dark;
            }

            transitions[y] = t;
            ink[y] = k;
        }

        // A row crosses text when it crosses many strokes; a photo or a frame crosses few.
        var lines = new List<TextLine>();
        var y0 = -1;
        for (var y = 0; y <= height; y++)
        {
            var texty = y < height && transitions[y] >= 10;
            if (texty && y0 < 0)
            {
                y0 = y;
            }
            else if (!texty && y0 >= 0)
            {
                AddBand(image, threshold, y0, y - 1, ink, lines);
                y0 = -1;
            }
        }

        return lines;
    }

    private static void AddBand(GrayImage image, int threshold, int top, int bottom, int[] rowInk, List<TextLine> lines)
    {
        if (bottom - top + 1 < 5)
        {
            return;
        }

        // Trim faint rows (a Q's tail, noise) so that the band is the glyphs' body.
        var peak = 0;
        for (var y = top; y <= bottom; y++)
        {
            peak = Math.Max(peak, rowInk[y]);
        }

        while (top < bottom && rowInk[top] < peak / 4)
        {
            top++;
        }

        while (bottom > top && rowInk[bottom] < peak / 4)
        {
            bottom--;
        }

        var h = bottom - top + 1;
        if (h < 5)
        {
            return;
        }

        var width = image.Width;
        var columns = new bool[width];
        var solid = new bool[width];
        for (var x = 0; x < width; x++)
        {
            var count = 0;
            for (var y = top; y <= bottom; y++)
            {
                if (image.Pixels[(y * width) + x] <= threshold)
                {
                    count++;
                }
            }

            // One dark pixel in a column is noise; a stroke covers a few.
            columns[x] = count >= Math.Max(2, h / 10);
            solid[x] = count >= h * 17 / 20;
        }

        // A block dark over the whole height and wider than a stroke is a border, a frame or the table
        // around the document, not a glyph. Blur fattens stems (a D's, an I's) to a fifth of the height:
        // only a block twice as wide is taken for a border. Near the image's sides any such block is the
        // document's edge (deskewing leaves a sliver of the background there, between white corners).
        for (var x = 0; x < width;)
        {
            var end = x;
            while (end < width && solid[end])
            {
                end++;
            }

            if (end > x && (end - x >= Math.Max(4, h * 2 / 5) || x <= h || end >= width - h))
            {
                for (var k = Math.Max(0, x - 2); k < Math.Min(width, end + 2); k++)
                {
                    columns[k] = false;
                }
            }

            x = end + 1;
        }

        // Runs of inked columns separated by gaps shorter than a glyph and a half belong together.
        var maxGap = Math.Max(3, h * 3 / 2);
        int bestLeft = -1, bestRight = -1, left = -1, last = -1;
        for (var x = 0; x <= width; x++)
        {
            var on = x < width && columns[x];
            if (on)
            {
                if (left < 0)
                {
                    left = x;
                }
                else if (x - last > maxGap)
                {
                    if (last - left > bestRight - bestLeft)
                    {
                        (bestLeft, bestRight) = (left, last);
                    }

                    left = x;
                }

                last = x;
            }
        }

        if (left >= 0 && last - left > bestRight - bestLeft)
        {
            (bestLeft, bestRight) = (left, last);
        }

        if (bestLeft >= 0)
        {
            lines.Add(new TextLine(top, bottom, bestLeft, bestRight));
        }
    }
}
