namespace Verification.Core.Documents.Mrz;

/// <summary>
/// The OCR corrections of <see cref="MrzParser"/>, each confirmed by the layout: position rules from its classes,
/// fillers at the end of its name fields, and changes its check digits confirm. Every change is logged.
/// </summary>
internal static class MrzCorrector
{
    /// <summary>Makes every correction the layout confirms on the zone.</summary>
    /// <param name="layout">The layout the zone is read as.</param>
    /// <param name="lines">The zone, changed in place.</param>
    /// <param name="correctNumber">Whether the document number may be corrected (not when it goes on in the optional data).</param>
    /// <param name="corrections">The log.</param>
    public static void Correct(MrzLayout layout, char[][] lines, bool correctNumber, List<MrzCorrection> corrections)
    {
        var nameFields = layout.NameFields;
        var composite = layout.CheckedField(MrzCheckDigitKind.Composite);

        // Where the composite digit covers the names (the French card), it tells a genuine initial from stray fillers.
        var guardedNames = layout.CompositeCoversNames;
        for (var line = 0; line < layout.Lines; line++)
        {
            ApplyPositionRules(lines, new MrzSpan(line, 0, layout.Width), layout, corrections);
            if (!guardedNames)
            {
                foreach (var names in nameFields)
                {
                    if (names.Line == line)
                    {
                        CleanNameTail(lines, names, corrections);
                    }
                }
            }
        }

        if (guardedNames)
        {
            CleanNameTailsUnlessCompositeBreaks(lines, nameFields, composite!, corrections);
        }

        var personal = layout.CheckedField(MrzCheckDigitKind.PersonalNumber);
        if (personal is not null)
        {
            CorrectFillerRunByCheckDigit(lines, personal, corrections);
        }

        // The alphanumeric fields, one ambiguous character at a time; the composite digit, if any, confirms the change.
        var number = correctNumber ? layout.CheckedField(MrzCheckDigitKind.DocumentNumber) : null;
        foreach (var field in new[] { personal, number })
        {
            if (field is not null)
            {
                CorrectByCheckDigit(lines, field, composite, corrections);
            }
        }
    }

    /// <summary>
    /// A letter where the layout allows only digits becomes the digit it is confused with, and a digit where it allows
    /// only letters the letter; other positions stay as read.
    /// </summary>
    public static void ApplyPositionRules(char[][] lines, MrzSpan span, MrzLayout layout, List<MrzCorrection> corrections)
    {
        var line = lines[span.Line];
        var classes = layout.Classes[span.Line];
        for (var i = span.Start; i < span.Start + span.Length; i++)
        {
            var c = line[i];
            var replacement = classes[i] switch
            {
                'A' or 'L' => ToLetter(c),
                'N' or 'D' or 'C' => ToDigit(c),
                _ => c,
            };
            if (replacement != c)
            {
                line[i] = replacement;
                corrections.Add(new MrzCorrection(span.Line, i, c, replacement, MrzCorrectionReason.PositionRule));
            }
        }
    }

    /// <summary>Whether a check digit holds on the zone.</summary>
    public static bool Holds(MrzCheckedField field, char[][] lines)
    {
        var digit = lines[field.Digit.Line][field.Digit.Start];
        if (field.Segments.Count == 1)
        {
            // A single field may carry a filler for its digit when it is empty (ICAO).
            var only = field.Segments[0];
            return MrzCheckDigitCalculator.IsValid(lines[only.Line].AsSpan(only.Start, only.Length), digit);
        }

        if (digit is < '0' or > '9')
        {
            return false;
        }

        var sum = 0;
        var position = 0;
        foreach (var s in field.Segments)
        {
            if (!MrzCheckDigitCalculator.TryAccumulate(lines[s.Line].AsSpan(s.Start, s.Length), ref position, ref sum))
            {
                return false;
            }
        }

        return sum % 10 == digit - '0';
    }

    private static char ToDigit(char c) => c switch
    {
        'O' => '0',
        'I' => '1',
        'B' => '8',
        'S' => '5',
        'Z' => '2',
        'G' => '6',
        _ => c,
    };

    private static char ToLetter(char c) => c switch
    {
        '0' => 'O',
        '1' => 'I',
        '8' => 'B',
        '5' => 'S',
        '2' => 'Z',
        '6' => 'G',
        _ => c,
    };

    private static char Swap(char c)
    {
        var digit = ToDigit(c);
        return digit != c ? digit : ToLetter(c);
    }

    // Characters read instead of the trailing fillers of a name field become fillers: a K, C, S or X standing alone
    // between fillers, or a run of three or more of them after a filler or of one repeated letter.
    private static void CleanNameTail(char[][] lines, MrzSpan names, List<MrzCorrection> corrections)
    {
        var field = lines[names.Line].AsSpan(names.Start, names.Length);
        var end = field.Length;
        while (true)
        {
            end = field[..end].LastIndexOfAnyExcept('<') + 1;
            if (end == 0)
            {
                return;
            }

            var start = end;
            while (start > 0 && field[start - 1] is 'K' or 'C' or 'S' or 'X')
            {
                start--;
            }

            var run = end - start;
            if (run == 0)
            {
                return;
            }

            var precededByFiller = start > 0 && field[start - 1] == '<';

            // A lone letter at the very end of a full field may be a truncated initial: it must follow two fillers.
            var isolated = run == 1 && precededByFiller && (end < field.Length || (start > 1 && field[start - 2] == '<'));
            var repeated = run >= 3 && !field[start..end].ContainsAnyExcept(field[start]);
            if (!isolated && !(run >= 3 && precededByFiller) && !repeated)
            {
                return;
            }

            if (start == 0 || (repeated && !precededByFiller && start < 2))
            {
                // A name cannot be only fillers.
                return;
            }

            for (var i = start; i < end; i++)
            {
                corrections.Add(new MrzCorrection(names.Line, names.Start + i, field[i], '<', MrzCorrectionReason.FillerRun));
                field[i] = '<';
            }

            end = start;
        }
    }

    // A composite digit that held before the names were cleaned and fails after shows that a tail that read like stray
    // fillers was a genuine initial (e.g. CHRISTOPHER<<C): then the names stay as read.
    private static void CleanNameTailsUnlessCompositeBreaks(char[][] lines, MrzSpan[] nameFields, MrzCheckedField composite, List<MrzCorrection> corrections)
    {
        var heldBefore = Holds(composite, lines);
        var saved = lines.Select(l => (char[])l.Clone()).ToArray();
        var cleaned = new List<MrzCorrection>();
        foreach (var names in nameFields)
        {
            CleanNameTail(lines, names, cleaned);
        }

        if (heldBefore && !Holds(composite, lines))
        {
            for (var i = 0; i < lines.Length; i++)
            {
                saved[i].CopyTo(lines[i], 0);
            }

            return;
        }

        corrections.AddRange(cleaned);
    }

    // Letters K, C, S or X at the end of a field read instead of fillers, when only fillers there satisfy the check digit.
    private static void CorrectFillerRunByCheckDigit(char[][] lines, MrzCheckedField checkedField, List<MrzCorrection> corrections)
    {
        var span = checkedField.Segments[0];
        var field = lines[span.Line].AsSpan(span.Start, span.Length);
        var check = lines[checkedField.Digit.Line][checkedField.Digit.Start];
        var start = field.LastIndexOfAnyExcept("<CKSX") + 1;
        if (field.Length - start < 2 || !field[start..].ContainsAnyExcept('<'))
        {
            return;
        }

        // K counts 20, a multiple of ten: a K read for a filler leaves the check digit holding, so a valid field is
        // changed only for a run of three or more K at its end.
        if (MrzCheckDigitCalculator.IsValid(field, check)
            && (field[start..].ContainsAnyExcept('<', 'K') || field[start..].Count('K') < 3))
        {
            return;
        }

        var probe = field.ToArray();
        probe.AsSpan(start).Fill('<');
        if (!MrzCheckDigitCalculator.IsValid(probe, check))
        {
            return;
        }

        for (var i = start; i < field.Length; i++)
        {
            if (field[i] != '<')
            {
                corrections.Add(new MrzCorrection(span.Line, span.Start + i, field[i], '<', MrzCorrectionReason.FillerRun));
                field[i] = '<';
            }
        }
    }

    // Changes one ambiguous character of an alphanumeric field when exactly one such change satisfies its check digit,
    // and keeps it only when the composite digit (if the layout has one) holds with it.
    private static void CorrectByCheckDigit(char[][] lines, MrzCheckedField checkedField, MrzCheckedField? composite, List<MrzCorrection> corrections)
    {
        var span = checkedField.Segments[0];
        var field = lines[span.Line].AsSpan(span.Start, span.Length);
        var check = lines[checkedField.Digit.Line][checkedField.Digit.Start];
        if (check is < '0' or > '9' || MrzCheckDigitCalculator.IsValid(field, check))
        {
            return;
        }

        var found = -1;
        for (var i = 0; i < field.Length; i++)
        {
            var original = field[i];
            var swapped = Swap(original);
            if (swapped == original)
            {
                continue;
            }

            field[i] = swapped;
            var valid = MrzCheckDigitCalculator.IsValid(field, check);
            field[i] = original;
            if (valid)
            {
                if (found >= 0)
                {
                    // Two candidates: nothing is confirmed.
                    return;
                }

                found = i;
            }
        }

        if (found < 0)
        {
            return;
        }

        var read = field[found];
        field[found] = Swap(read);
        if (composite is not null && !Holds(composite, lines))
        {
            field[found] = read;
            return;
        }

        corrections.Add(new MrzCorrection(span.Line, span.Start + found, read, field[found], MrzCorrectionReason.CheckDigit));
    }
}
