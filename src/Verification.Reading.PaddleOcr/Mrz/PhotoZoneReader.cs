using Verification.Core.Documents.Mrz;
using Verification.Reading.PaddleOcr.Imaging;
using Verification.Reading.PaddleOcr.Text;

namespace Verification.Reading.PaddleOcr.Mrz;

/// <summary>What <see cref="PhotoZoneReader"/> found, with the steps it took.</summary>
internal sealed record PhotoZoneResult(ZoneReading? Zone, IReadOnlyList<string> Tried);

/// <summary>A zone line as recognised: its rectangle, its emissions, and the photo pixels a time step covers.</summary>
internal sealed record ReadLine(TextBox Box, List<Emission> Emissions, float PixelsPerStep);

/// <summary>A zone line placed in columns: where each column is centred is <paramref name="Fit"/>.</summary>
internal sealed record PlacedLine(ReadLine Line, Emission?[] Slots, ColumnFit Fit)
{
    /// <summary>Where column <paramref name="column"/> is centred, in photo pixels along the line from its rectangle's centre.</summary>
    public float Along(int column) => ((Fit.Time(column) + 0.5f) * Line.PixelsPerStep) - (Line.Box.Length / 2);

    /// <summary>The width of column <paramref name="column"/> in photo pixels.</summary>
    public float PitchAt(int column) => Fit.PitchAt(column) * Line.PixelsPerStep;
}

/// <summary>
/// Finds the machine-readable zone in a photo: text lines are detected on the whole photo (any rotation: the lines'
/// own axes say which way they run; a photo whose lines run up or down is turned a quarter, one whose text is upside
/// down is turned over when that was not settled otherwise, and a document far away is looked at again closer), the
/// zone is a group of two or three long, parallel, evenly spaced lines of one length, its reading direction is the
/// one the recogniser reads with more confidence, and each line is resampled along its own rectangle (which
/// straightens tilt and mild perspective) before being recognised and decoded column by column.
/// </summary>
internal sealed class PhotoZoneReader(PaddleOcrModels models)
{
    private const float Stretch = 1.5f;
    private const int MaxGroups = 4;
    private const float Margin = 1.3f;
    private const float MinimumQuality = 0.9f;

    /// <summary>The direction classifier's mean probability above which a photo's text is taken as upside down.</summary>
    private const float UpsideDown = 0.6f;

    /// <summary>A second line read at least this surely without six digits is text, not a zone: it is not read again.</summary>
    private const float NotAZone = 0.75f;

    /// <summary>Diagnostics for tools/ReadingEval only (it prints what was read: never set it in a host).</summary>
    internal static Action<string>? Debug { get; set; }

    public PhotoZoneResult Read(Photo photo, CancellationToken cancellationToken) => Read(photo, TimeProvider.System, TimeSpan.MaxValue, cancellationToken);

    /// <summary>Reads the zone; no new attempt starts once <paramref name="budget"/> has passed.</summary>
    public PhotoZoneResult Read(Photo photo, TimeProvider timeProvider, TimeSpan budget, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var tried = new List<string>();
        ZoneReading? best = null;
        var bestPhoto = photo;
        IReadOnlyList<TextBox> bestDetected = [];
        IReadOnlyList<TextBox> lastDetected = [];
        var turned = string.Empty;
        var turnedOver = false;
        var bestSide = 736;
        // A second detection, when the first settled nothing, at a larger size: 1,280 px for large photos; small ones
        // (under 1,000 px) enlarged to 960, where the detector found the ends of zone lines it had missed at 736 in
        // photos turned 12 to 40 degrees (their filler runs, then read as a shorter layout).
        var sides = new[] { 736, Math.Max(photo.Width, photo.Height) < 1000 ? 960 : 1280 };
        foreach (var side in sides)
        {
            // The budget bounds the search for more, never the first attempt: a loaded machine answers later, not differently.
            if (side > 736 && OutOfTime())
            {
                break;
            }

            var detectStarted = timeProvider.GetTimestamp();
            // Whether the photo was taken sideways is decided once, from the first detection.
            var (level, boxes, turn) = tried.Count == 0 ? DetectLevel(photo, side) : (photo, models.Detector.Detect(photo, side, cancellationToken), string.Empty);
            Debug?.Invoke($"detect@{side} {timeProvider.GetElapsedTime(detectStarted).TotalMilliseconds:F0} ms");
            photo = level;
            turned = turn.Length > 0 ? $" {turn}" : turned;

            lastDetected = boxes;
            if (ReadGroups(photo, boxes, $"detect@{side}{turned}", side))
            {
                break;
            }

            // Upside down (or, once turned a quarter, lines that ran downwards)? Each zone was read both ways round,
            // but the detector outlines such lines less well (neighbours joined): when no zone was read surely and
            // the direction classifier finds the longest lines upside down, the photo is turned over and detected again.
            if (side == 736 && !Sure(best) && !OutOfTime()
                && models.Angles.UpsideDown(photo, LongestLines(boxes), cancellationToken) is > UpsideDown and var upsideDown)
            {
                Debug?.Invoke($"upside down: {upsideDown:F2}");
                if (TurnOverAndRead(photo, side, turned.Length == 0 ? " turned over (the text was upside down)" : " turned three quarters (the lines ran down)"))
                {
                    break;
                }
            }
        }

        // A zone read upside down (its lines run right to left in the photo) but not surely: the detector outlines
        // upside-down print less well (a line's rectangle a little off the print loses narrow letters), so the photo
        // is turned over and the zone read upright; the better reading of the two is kept.
        if (best is { Boxes.Count: > 0 } && !Sure(best) && !turnedOver && !OutOfTime() && ReadUpsideDown(best.Boxes[0])
            && TurnOverAndRead(bestPhoto, bestSide, turned.Length == 0 ? " turned over (the zone was read upside down)" : $"{turned}, then turned over (the zone was read upside down)")
            && Sure(best))
        {
            return new PhotoZoneResult(WithVisualZone(best!), tried);
        }

        // A closer look: the document may fill a small part of a large photo (on a table, held at arm's length), so
        // that its print is only a few pixels high at the detector's size. When no zone was read surely, the part of
        // the photo that holds text is cut out and detected again at its own resolution.
        if (!Sure(best) && !OutOfTime() && Region(lastDetected, photo.Width, photo.Height) is { } region)
        {
            var (closer, boxes, closerTurn) = DetectLevel(photo.Crop(region.X, region.Y, region.Width, region.Height), 736);
            if (ReadGroups(closer, boxes, $"closer look at {region.Width}x{region.Height}{(closerTurn.Length > 0 ? $" {closerTurn}" : string.Empty)}", 736))
            {
                return new PhotoZoneResult(WithVisualZone(best!), tried);
            }
        }

        return new PhotoZoneResult(best is null ? null : WithVisualZone(best), tried);

        bool OutOfTime() => timeProvider.GetElapsedTime(started) > budget;

        // Turns the photo over (it becomes the photo searched from then on), detects its lines again and reads them.
        bool TurnOverAndRead(Photo source, int side, string turn)
        {
            photo = source.Rotate(2);
            turnedOver = true;
            turned = turn;
            lastDetected = models.Detector.Detect(photo, side, cancellationToken);
            return ReadGroups(photo, lastDetected, $"detect@{side}{turned}", side);
        }

        // A photo taken sideways: the detector outlines upright lines less well than level ones (a line's end lost, a
        // neighbour joined), so the photo is turned a quarter and detected again. Turned clockwise, lines that ran
        // upwards read left to right; lines that ran downwards end upside down, which the reading both ways round
        // (and, failing that, turning the photo over) settles.
        (Photo Photo, IReadOnlyList<TextBox> Boxes, string Turn) DetectLevel(Photo source, int side)
        {
            var boxes = models.Detector.Detect(source, side, cancellationToken);
            if (!RunsUpOrDown(boxes))
            {
                return (source, boxes, string.Empty);
            }

            var turnedPhoto = source.Rotate(1);
            return (turnedPhoto, models.Detector.Detect(turnedPhoto, side, cancellationToken), "turned a quarter (the lines ran up or down)");
        }

        // Reads the zone candidates among one detection's lines; true when a zone whose digits all hold was found.
        bool ReadGroups(Photo source, IReadOnlyList<TextBox> boxes, string step, int side)
        {
            var groups = Groups(boxes);
            tried.Add($"{step}:{boxes.Count} lines, {groups.Count} zone(s)");
            foreach (var group in groups.Take(MaxGroups))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (tried.Count > 1 && OutOfTime())
                {
                    tried.Add("out of time");
                    break;
                }

                // The first zone is read both ways round whatever the clock says: the first attempt is never cut short.
                var firstAttempt = best is null && tried.Count == 1;
                var zone = ReadGroup(source, group, () => !firstAttempt && OutOfTime(), cancellationToken);
                if (firstAttempt || !OutOfTime())
                {
                    zone = PassportReadShort(source, zone, cancellationToken);
                }

                tried.Add($"zone {group.Count} lines: {(zone is null ? "unreadable" : $"{zone.Layout.Format}, {zone.FailingDigits} failing digit(s)")}");
                if (zone is not null && (best is null || Better(zone, best)))
                {
                    best = zone;
                    bestPhoto = source;
                    bestDetected = boxes;
                    bestSide = side;
                }

                if (best is { FailingDigits: 0 })
                {
                    return true;
                }
            }

            return false;
        }

        // Names carry no check digit: doubtful letters in them are cross-checked with the names printed above the zone.
        ZoneReading WithVisualZone(ZoneReading zone)
        {
            if (zone.Boxes.Count == 0 || !VisualZone.HasDoubtfulNames(zone))
            {
                return zone;
            }

            var (settled, outcome) = VisualZone.Settle(models, bestPhoto, zone, bestDetected, cancellationToken);
            tried.Add($"visual zone: {outcome.Confirmed} confirmed, {outcome.Changed} changed");
            return settled;
        }
    }

    /// <summary>
    /// The part of a photo <paramref name="width"/> by <paramref name="height"/> around <paramref name="lines"/>, with a
    /// margin (a tenth of the text's extent, at least three lines' height); <see langword="null"/> when it is more than
    /// half the photo's longer side, where a closer look sees little more.
    /// </summary>
    internal static (int X, int Y, int Width, int Height)? Region(IReadOnlyList<TextBox> lines, int width, int height)
    {
        if (lines.Count == 0)
        {
            return null;
        }

        float left = float.MaxValue, top = float.MaxValue, right = float.MinValue, bottom = float.MinValue, thickness = 0;
        foreach (var line in lines)
        {
            foreach (var (along, across) in new[] { (-1, -1), (-1, 1), (1, -1), (1, 1) })
            {
                var x = line.CenterX + (along * line.Ux * line.Length / 2) + (across * line.Vx * line.Thickness / 2);
                var y = line.CenterY + (along * line.Uy * line.Length / 2) + (across * line.Vy * line.Thickness / 2);
                (left, right, top, bottom) = (Math.Min(left, x), Math.Max(right, x), Math.Min(top, y), Math.Max(bottom, y));
            }

            thickness = Math.Max(thickness, line.Thickness);
        }

        var marginX = Math.Max((right - left) * 0.1f, 3 * thickness);
        var marginY = Math.Max((bottom - top) * 0.1f, 3 * thickness);
        var x0 = (int)Math.Clamp(left - marginX, 0, width - 1);
        var y0 = (int)Math.Clamp(top - marginY, 0, height - 1);
        var x1 = (int)Math.Clamp(right + marginX, x0 + 1, width);
        var y1 = (int)Math.Clamp(bottom + marginY, y0 + 1, height);
        return Math.Max(x1 - x0, y1 - y0) > Math.Max(width, height) / 2 ? null : (x0, y0, x1 - x0, y1 - y0);
    }

    /// <summary>Whether a zone line, in its reading direction, runs right to left across the photo: the zone was upside down.</summary>
    internal static bool ReadUpsideDown(TextBox line) => line.Ux < 0 && Math.Abs(line.Ux) >= Math.Abs(line.Uy);

    /// <summary>The page's longest level lines (up to six), each pointing left to right: what the direction classifier is shown.</summary>
    internal static List<TextBox> LongestLines(IReadOnlyList<TextBox> boxes) =>
        [.. MergeCollinear(boxes).Where(b => b.Aspect >= 4 && Math.Abs(b.Ux) >= Math.Abs(b.Uy)).OrderByDescending(b => b.Length).Take(6).Select(b => b.Ux < 0 ? b.Reversed() : b)];

    /// <summary>Whether the page's long lines (by length) mostly run up or down the photo rather than across it.</summary>
    internal static bool RunsUpOrDown(IReadOnlyList<TextBox> boxes)
    {
        float upright = 0, level = 0;
        foreach (var line in MergeCollinear(boxes).Where(b => b.Aspect >= 8).OrderByDescending(b => b.Length).Take(8))
        {
            if (Math.Abs(line.Uy) > Math.Abs(line.Ux))
            {
                upright += line.Length;
            }
            else
            {
                level += line.Length;
            }
        }

        return upright > level;
    }

    /// <summary>A zone whose check digits all hold and whose characters were all read surely enough.</summary>
    private static bool Sure(ZoneReading? zone) =>
        zone is { FailingDigits: 0 } && zone.Confidence.All(line => line.All(c => c >= VisualZone.Doubtful));

    /// <summary>Fewer failing check digits first, then a zone read surely over one with doubtful characters, then the surer on average.</summary>
    private static bool Better(ZoneReading a, ZoneReading b) =>
        a.FailingDigits != b.FailingDigits ? a.FailingDigits < b.FailingDigits
        : Sure(a) != Sure(b) ? Sure(a)
        : a.MeanConfidence > b.MeanConfidence;

    private ZoneReading? ReadGroup(Photo photo, List<TextBox> group, Func<bool> outOfTime, CancellationToken cancellationToken)
    {
        // Read left to right (or bottom to top for upright lines) first; the other way only when that fails.
        var forward = group.Select(b => Recentre(photo, b)).Select(b => (Math.Abs(b.Ux) >= Math.Abs(b.Uy) ? b.Ux < 0 : b.Uy > 0) ? b.Reversed() : b).ToList();
        var first = ReadLines(photo, forward, out var clearText, cancellationToken);
        if ((first is { FailingDigits: 0 } && first.MeanConfidence > 0.8f) || clearText || outOfTime())
        {
            // Text read clearly the first way round is not a zone upside down.
            return first;
        }

        var second = ReadLines(photo, [.. forward.Select(b => b.Reversed())], out _, cancellationToken);
        return first is null ? second : second is null ? first : Better(second, first) ? second : first;
    }

    /// <summary>
    /// A passport's zone has 44 columns (TD3): one read in the 36 of a TD2 (which ICAO gives to cards and visas, not
    /// to passports) is a passport whose lines were found short, the detector having missed the ends of their filler
    /// runs (a photo turned 12 degrees). The zone's lines are lengthened at their ends to 44 columns and read again;
    /// the longer reading is taken only as a TD3 whose check digits all hold (a TD2 reading's digits hold by chance
    /// on a cut TD3 line: its first 28 characters are laid out alike).
    /// </summary>
    private ZoneReading? PassportReadShort(Photo photo, ZoneReading? zone, CancellationToken cancellationToken) =>
        zone is not null && LinesOfAPassportReadShort(zone) is { } lines
        && ReadLines(photo, lines, out _, cancellationToken) is { Layout.Format: MrzFormat.Td3, FailingDigits: 0 } passport
            ? passport
            : zone;

    /// <summary>A passport's zone read as a TD2: its lines (in reading direction) lengthened at their ends to 44 columns; otherwise null.</summary>
    internal static List<TextBox>? LinesOfAPassportReadShort(ZoneReading zone)
    {
        if (zone is not { Layout.Format: MrzFormat.Td2, Boxes.Count: 2 } || zone.Lines[0][0] != 'P')
        {
            return null;
        }

        const float longer = 44f / 36;
        return [.. zone.Boxes.Select(b => b with
        {
            CenterX = b.CenterX + (b.Ux * b.Length * (longer - 1) / 2),
            CenterY = b.CenterY + (b.Uy * b.Length * (longer - 1) / 2),
            Length = b.Length * longer,
        })];
    }

    private ZoneReading? ReadLines(Photo photo, List<TextBox> lines, out bool clearText, CancellationToken cancellationToken)
    {
        clearText = false;
        var reference = lines[0];
        lines.Sort((a, b) => reference.Across(a).CompareTo(reference.Across(b)));
        var read = new ReadLine[lines.Count];
        var readAgain = new bool[lines.Count];
        // The second line first: in every format it holds the dates, so a line without digits ends the attempt
        // after one recognition instead of three.
        foreach (var i in Enumerable.Range(0, lines.Count).OrderBy(i => i == 1 ? 0 : 1))
        {
            read[i] = ReadOnce(photo, lines[i], LineTone.Colour, cancellationToken);
            if (i == 1 && Digits(read[1]) < 6)
            {
                // Read clearly without the dates every format prints there: text, not a zone (a title as long as a
                // zone line, a paragraph). Read poorly: perhaps a zone the recogniser was misled on, so again.
                if (Quality(read[1].Emissions) < NotAZone)
                {
                    read[1] = ReadAgain(photo, read[1], cancellationToken);
                    readAgain[1] = true;
                }

                if (Digits(read[1]) < 6)
                {
                    clearText = Quality(read[1].Emissions) >= 0.85f;
                    return null;
                }
            }
        }

        var zone = Assemble(photo, lines, read);
        // A zone whose digits all hold and whose characters are all sure enough: a line without names is not read
        // again however unsure the recogniser was (its check digits confirmed what it read). Names carry no digit:
        // their line is read again when less than sure (a filler read as K at 0.98 over a coloured background is
        // only seen as ink on paper).
        var sure = Sure(zone);
        var changed = false;
        for (var i = 0; i < read.Length; i++)
        {
            if (readAgain[i] || (sure && !VisualZone.NameSpans(zone!.Layout).Any(span => span.Line == i)))
            {
                continue;
            }

            var again = ReadAgain(photo, read[i], cancellationToken);
            changed |= !ReferenceEquals(again, read[i]);
            read[i] = again;
        }

        return changed ? Assemble(photo, lines, read) : zone;
    }

    private static int Digits(ReadLine line) => line.Emissions.Count(e => char.IsAsciiDigit(CharacterSet.MrzAlphabet[e.Best]));

    private ReadLine ReadOnce(Photo photo, TextBox box, LineTone tone, CancellationToken cancellationToken)
    {
        var (emissions, pixelsPerStep) = Emit(photo, box, tone, cancellationToken);
        Debug?.Invoke($"line: {new string([.. emissions.Select(e => CharacterSet.MrzAlphabet[e.Best])])}");
        return new ReadLine(box, emissions, pixelsPerStep);
    }

    /// <summary>
    /// A line read with less than <see cref="MinimumQuality"/>, read again: with a margin across (joined and
    /// lengthened rectangles may sit a little off the print), then as ink on paper (colour under the print, from
    /// holograms and tinted security backgrounds, may mislead the recogniser: bold fillers read as K; zone print is
    /// black). Each reading is kept when surer; the line itself when it was sure enough.
    /// </summary>
    private ReadLine ReadAgain(Photo photo, ReadLine line, CancellationToken cancellationToken)
    {
        if (Quality(line.Emissions) >= MinimumQuality)
        {
            return line;
        }

        var wider = ReadOnce(photo, line.Box with { Thickness = line.Box.Thickness * Margin }, LineTone.Colour, cancellationToken);
        var best = Quality(wider.Emissions) > Quality(line.Emissions) ? wider : line;
        if (Quality(best.Emissions) < MinimumQuality)
        {
            var inked = ReadOnce(photo, best.Box, LineTone.Ink, cancellationToken);
            best = Quality(inked.Emissions) > Quality(best.Emissions) ? inked : best;
        }

        return best;
    }

    /// <summary>The zone the lines make in the likeliest layout (their count and the second line's length say which).</summary>
    private static ZoneReading? Assemble(Photo photo, List<TextBox> lines, ReadLine[] read)
    {
        var count = read[1].Emissions.Count;
        MrzLayout[] layouts = lines.Count == 3 ? [MrzLayout.Td1] : count >= 40 ? [MrzLayout.Td3] : count <= 38 ? [MrzLayout.Td2, MrzLayout.FrenchIdentityCard] : [MrzLayout.Td3, MrzLayout.Td2, MrzLayout.FrenchIdentityCard];
        ZoneReading? best = null;
        foreach (var layout in layouts)
        {
            if (Place(layout, read) is not { } placed)
            {
                continue;
            }

            var zone = ZoneAssembler.Assemble(layout, [.. placed.Select(p => p.Slots)]);
            if (layout == MrzLayout.FrenchIdentityCard && !zone.Lines[0].StartsWith("IDFRA", StringComparison.Ordinal))
            {
                continue;
            }

            zone = CellVerifier.Refine(photo, zone, placed, Debug) with { Boxes = lines };
            if (best is null || Better(zone, best))
            {
                best = zone;
            }
        }

        return best;
    }

    /// <summary>Places each line's emissions in columns, with the pitch of the line that always ends in a digit.</summary>
    private static PlacedLine[]? Place(MrzLayout layout, ReadLine[] read)
    {
        const int pitchLine = 1;
        if (LineDecoder.Place(read[pitchLine].Emissions, layout.Width, null, 0, out var fit) is not { } reference)
        {
            return null;
        }

        var pixelPitch = fit.Step * read[pitchLine].PixelsPerStep;
        var placed = new PlacedLine[read.Length];
        for (var i = 0; i < read.Length; i++)
        {
            if (i == pitchLine)
            {
                placed[i] = new PlacedLine(read[i], reference, fit);
                continue;
            }

            var linePitch = pixelPitch / read[i].PixelsPerStep;
            // The zone's lines share the page's perspective: the pitch changes along them alike.
            if (LineDecoder.Place(read[i].Emissions, layout.Width, linePitch, fit.Bend, out var lineFit) is not { } slots)
            {
                return null;
            }

            placed[i] = new PlacedLine(read[i], slots, lineFit);
        }

        return placed;
    }

    /// <summary>
    /// Centres a line's rectangle on its print: the rows across the line are weighed by how much ink they hold,
    /// and the run of inked rows around the middle gives the print's centre and height (joined, lengthened or
    /// perspective-bent rectangles otherwise sit off the print and cut the tops or bottoms of the characters).
    /// <para>
    /// Measured over the whole line, a print that runs a little askew of its rectangle (perspective, a page that
    /// bends) smears across more rows than its characters are high: the rectangle stays too thick, the characters
    /// fill half the recogniser's height, and a drawn frame beside them gets in (a passport under a phone app's red
    /// frame, tilted away: its names read <c>01T12522E</c>). So the line is also measured in four stretches: where
    /// the whole line's print is a quarter higher than the stretches' (median), or their centres drift across by
    /// a fifth of it, the rectangle follows the stretches (their height, and the axis through their centres, at most
    /// three degrees off). Otherwise the whole line's measure stands, which is the steadier on small print.
    /// </para>
    /// </summary>
    internal static TextBox Recentre(Photo photo, TextBox box)
    {
        const int stretches = 4;
        if (InkedRun(photo, box, -0.5f, 0.5f, 160) is not var (wholeCentre, wholeHeight))
        {
            return box;
        }

        var along = new List<float>(stretches);
        var across = new List<float>(stretches);
        var heights = new List<float>(stretches);
        for (var k = 0; k < stretches; k++)
        {
            var from = -0.5f + (k / (float)stretches);
            if (InkedRun(photo, box, from, from + (1f / stretches), 60) is var (centre, height))
            {
                along.Add((from + (0.5f / stretches)) * box.Length);
                across.Add(centre);
                heights.Add(height);
            }
        }

        if (along.Count >= 3)
        {
            // The print's axis through the stretches' centres (least squares), as a slope across per pixel along.
            var meanAlong = along.Average();
            var meanAcross = across.Average();
            var sxx = along.Sum(a => (a - meanAlong) * (a - meanAlong));
            var sxy = along.Zip(across, (a, c) => (a - meanAlong) * (c - meanAcross)).Sum();
            var slope = Math.Clamp(sxx > 1e-3f ? sxy / sxx : 0, -0.05f, 0.05f);
            heights.Sort();
            var height = heights[heights.Count / 2];
            var skewed = Math.Abs(slope) * box.Length / 2 > 0.2f * height;
            if (skewed || wholeHeight > 1.25f * height)
            {
                slope = skewed ? slope : 0;
                var ux = box.Ux + (box.Vx * slope);
                var uy = box.Uy + (box.Vy * slope);
                var norm = MathF.Sqrt((ux * ux) + (uy * uy));
                var offset = meanAcross - (slope * meanAlong);
                return box with
                {
                    CenterX = box.CenterX + (box.Vx * offset),
                    CenterY = box.CenterY + (box.Vy * offset),
                    Ux = ux / norm,
                    Uy = uy / norm,
                    Thickness = Math.Clamp(height * 1.6f, box.Thickness * 0.6f, box.Thickness * 1.4f),
                };
            }
        }

        return box with
        {
            CenterX = box.CenterX + (box.Vx * wholeCentre),
            CenterY = box.CenterY + (box.Vy * wholeCentre),
            Thickness = Math.Clamp(wholeHeight * 1.6f, box.Thickness * 0.7f, box.Thickness * 1.4f),
        };
    }

    /// <summary>
    /// The run of inked rows nearest the middle across <paramref name="box"/>, between the fractions
    /// <paramref name="from"/> and <paramref name="to"/> of its length (-0.5 to 0.5): its centre across the line
    /// (from the rectangle's axis) and its height, in photo pixels; null when the stretch holds no contrast.
    /// </summary>
    private static (float Centre, float Height)? InkedRun(Photo photo, TextBox box, float from, float to, int samples)
    {
        const int rows = 48;
        var reach = box.Thickness;
        var darkness = new float[rows];
        for (var r = 0; r < rows; r++)
        {
            var across = ((r + 0.5f) / rows * 2 * reach) - reach;
            var sum = 0f;
            for (var k = 0; k < samples; k++)
            {
                var along = (from + ((k + 0.5f) / samples * (to - from))) * box.Length;
                var x = box.CenterX + (box.Ux * along) + (box.Vx * across);
                var y = box.CenterY + (box.Uy * along) + (box.Vy * across);
                sum += photo.Sample(x, y, 0) + photo.Sample(x, y, 1) + photo.Sample(x, y, 2);
            }

            darkness[r] = (765 * samples) - sum;
        }

        var min = darkness.Min();
        var max = darkness.Max();
        if (max - min < 1e-3f)
        {
            return null;
        }

        var threshold = min + ((max - min) * 0.35f);
        // The inked run nearest the middle.
        var middle = rows / 2;
        var seed = -1;
        for (var d = 0; d < rows / 4 && seed < 0; d++)
        {
            if (darkness[middle + d] >= threshold)
            {
                seed = middle + d;
            }
            else if (darkness[middle - d - 1] >= threshold)
            {
                seed = middle - d - 1;
            }
        }

        if (seed < 0)
        {
            return null;
        }

        var top = seed;
        var bottom = seed;
        while (top > 0 && darkness[top - 1] >= threshold)
        {
            top--;
        }

        while (bottom < rows - 1 && darkness[bottom + 1] >= threshold)
        {
            bottom++;
        }

        var rowHeight = 2 * reach / rows;
        return ((((top + bottom + 1) / 2f) * rowHeight) - reach, (bottom - top + 1) * rowHeight);
    }

    /// <summary>How surely a line was read: the mean of each emitted character's best score.</summary>
    private static float Quality(List<Emission> emissions) => emissions.Count == 0 ? 0 : emissions.Average(e => e.Scores.Max());

    private (List<Emission> Emissions, float PixelsPerStep) Emit(Photo photo, TextBox box, LineTone tone, CancellationToken cancellationToken)
    {
        var recognitionStarted = TimeProvider.System.GetTimestamp();
        var frames = models.Recognizer.Recognize(photo, box, Stretch, tone, cancellationToken);
        Debug?.Invoke($"recognise {frames.Steps} steps {TimeProvider.System.GetElapsedTime(recognitionStarted).TotalMilliseconds:F0} ms");
        return (LineDecoder.Emissions(frames, models.Characters), frames.PixelsPerStep);
    }

    /// <summary>Groups of two or three long parallel lines of one length, evenly spaced: zone candidates, longest first.</summary>
    internal static List<List<TextBox>> Groups(IReadOnlyList<TextBox> boxes)
    {
        var lines = MergeCollinear(boxes).Where(b => b.Aspect >= 8 && b.Thickness >= 3).OrderByDescending(b => b.Length).ToList();
        var groups = new List<List<TextBox>>();
        var used = new HashSet<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (used.Contains(i))
            {
                continue;
            }

            var a = lines[i];
            var members = new List<int> { i };
            // Until nothing joins: a line next to one that joined joins too, whatever order they come in.
            for (var added = true; added;)
            {
                added = false;
                for (var j = 0; j < lines.Count; j++)
                {
                    if (j == i || used.Contains(j) || members.Contains(j))
                    {
                        continue;
                    }

                    var b = lines[j];
                    var parallel = Math.Abs((a.Ux * b.Ux) + (a.Uy * b.Uy)) > Math.Cos(6 * Math.PI / 180);
                    // A block grows line by line (each next to one already in it), however far from the first: a zone
                    // under a paragraph of its own length is the end of that block. Zone lines have one length, but the
                    // detector may miss a faint run of fillers at a line's end: a shorter line counts when one of its ends
                    // lines up with the longer line's.
                    var sameLength = b.Length > a.Length * 0.35f && b.Length < a.Length * 1.05f;
                    var thickness = (a.Thickness + b.Thickness) / 2;
                    var near = members.Any(m => Math.Abs(lines[m].Across(b)) is var d && d > thickness * 0.6f && d < thickness * 2.6f);
                    var along = a.Along(b);
                    var startsTogether = Math.Abs(along - (b.Length / 2) + (a.Length / 2)) < a.Length * 0.06f;
                    var endsTogether = Math.Abs(along + (b.Length / 2) - (a.Length / 2)) < a.Length * 0.06f;
                    var aligned = b.Length > a.Length * 0.8f ? Math.Abs(along) < a.Length * 0.2f : startsTogether || endsTogether;
                    if (parallel && sameLength && near && aligned)
                    {
                        members.Add(j);
                        added = true;
                    }
                }
            }

            if (members.Count < 2)
            {
                continue;
            }

            var sorted = members.Select(m => Extend(lines[m], a)).OrderBy(b => a.Across(b)).ToList();
            foreach (var m in members)
            {
                used.Add(m);
            }

            if (sorted.Count == 2)
            {
                groups.Add(sorted);
            }
            else if (sorted.Count == 3)
            {
                // Three lines of one length: a card's zone, or a passport's two under a line of the page as long.
                groups.Add(sorted);
                groups.Add(sorted.TakeLast(2).ToList());
                groups.Add(sorted.Take(2).ToList());
            }
            else
            {
                // More lines than a zone: the last two or three of the block (the zone ends a page) in both directions.
                groups.Add(sorted.TakeLast(3).ToList());
                groups.Add(sorted.TakeLast(2).ToList());
                groups.Add(sorted.Take(3).ToList());
                groups.Add(sorted.Take(2).ToList());
            }
        }

        return groups;
    }

    /// <summary>
    /// Joins pieces of one line: the detector splits a zone line where fillers are printed apart. Pieces are
    /// parallel, on one axis (little offset across) and close along it.
    /// </summary>
    internal static List<TextBox> MergeCollinear(IReadOnlyList<TextBox> boxes)
    {
        var lines = boxes.Where(b => b.Thickness >= 3).OrderByDescending(b => b.Length).ToList();
        var merged = true;
        while (merged)
        {
            merged = false;
            for (var i = 0; i < lines.Count && !merged; i++)
            {
                for (var j = i + 1; j < lines.Count && !merged; j++)
                {
                    var a = lines[i];
                    var b = lines[j];
                    var thickness = Math.Max(a.Thickness, b.Thickness);
                    var parallel = a.Aspect < 2.5f || b.Aspect < 2.5f || Math.Abs((a.Ux * b.Ux) + (a.Uy * b.Uy)) > Math.Cos(8 * Math.PI / 180);
                    var onAxis = Math.Abs(a.Across(b)) < thickness * 0.45f;
                    var similar = b.Thickness > a.Thickness * 0.6f && b.Thickness < a.Thickness * 1.6f;
                    var along = a.Along(b);
                    var gap = Math.Abs(along) - (a.Length / 2) - (b.Length / 2);
                    if (parallel && onAxis && similar && gap < thickness * 1.5f)
                    {
                        lines[i] = Join(a, b);
                        lines.RemoveAt(j);
                        merged = true;
                    }
                }
            }
        }

        return lines;
    }

    /// <summary>
    /// The line lengthened along its own axis to cover the zone's longest line (zone lines have one length; the
    /// detector may have missed a faint run of fillers). Its own axis is kept: under perspective, lines converge.
    /// </summary>
    private static TextBox Extend(TextBox line, TextBox longest)
    {
        var (startX, startY) = (longest.CenterX - (longest.Ux * longest.Length / 2), longest.CenterY - (longest.Uy * longest.Length / 2));
        var (endX, endY) = (longest.CenterX + (longest.Ux * longest.Length / 2), longest.CenterY + (longest.Uy * longest.Length / 2));
        var a = ((startX - line.CenterX) * line.Ux) + ((startY - line.CenterY) * line.Uy);
        var b = ((endX - line.CenterX) * line.Ux) + ((endY - line.CenterY) * line.Uy);
        var from = Math.Min(-line.Length / 2, Math.Min(a, b));
        var to = Math.Max(line.Length / 2, Math.Max(a, b));
        var mid = (from + to) / 2;
        return line with
        {
            CenterX = line.CenterX + (line.Ux * mid),
            CenterY = line.CenterY + (line.Uy * mid),
            Length = to - from,
        };
    }

    /// <summary>Two pieces of one line as one rectangle from the outer end of one to the outer end of the other.</summary>
    private static TextBox Join(TextBox a, TextBox b)
    {
        Span<(float X, float Y, float Along)> ends =
        [
            End(a, -1, a), End(a, 1, a), End(b, -1, a), End(b, 1, a),
        ];
        var first = ends[0];
        var last = ends[0];
        foreach (var end in ends)
        {
            first = end.Along < first.Along ? end : first;
            last = end.Along > last.Along ? end : last;
        }

        var dx = last.X - first.X;
        var dy = last.Y - first.Y;
        var length = MathF.Sqrt((dx * dx) + (dy * dy));
        return a with
        {
            CenterX = (first.X + last.X) / 2,
            CenterY = (first.Y + last.Y) / 2,
            Ux = dx / length,
            Uy = dy / length,
            Length = length,
            Thickness = Math.Max(a.Thickness, b.Thickness),
            Score = Math.Min(a.Score, b.Score),
        };

        static (float X, float Y, float Along) End(TextBox box, int side, TextBox axis)
        {
            var x = box.CenterX + (side * box.Ux * box.Length / 2);
            var y = box.CenterY + (side * box.Uy * box.Length / 2);
            return (x, y, ((x - axis.CenterX) * axis.Ux) + ((y - axis.CenterY) * axis.Uy));
        }
    }
}
