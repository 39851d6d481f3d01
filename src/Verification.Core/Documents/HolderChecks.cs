using System.Globalization;
using Verification.Core.Documents.Names;
using Verification.Core.Verifications;

namespace Verification.Core.Documents;

/// <summary>Controls about the holder and the document's dates: name and birth date match, validity, age.</summary>
public static class HolderChecks
{
    /// <summary>Age in whole years on <paramref name="today"/>.</summary>
    public static int AgeOn(DateOnly birthDate, DateOnly today)
    {
        var age = today.Year - birthDate.Year;
        if (today.Month < birthDate.Month || (today.Month == birthDate.Month && today.Day < birthDate.Day))
        {
            age--;
        }

        return age;
    }

    /// <summary>
    /// <c>document.validity</c>: passed up to and including the expiry date, failed after it, not applicable
    /// when the document has no expiry date. <paramref name="estimated"/> marks an expiry computed from the
    /// issue date (French card of 1988-2021).
    /// </summary>
    public static ControlResult Validity(DateOnly? expiryDate, DateOnly today, bool estimated = false)
    {
        if (expiryDate is not { } expiry)
        {
            return new(ControlCodes.DocumentValidity, ControlCategories.DocumentValidity, ControlOutcome.NotApplicable, "The document carries no expiry date.");
        }

        var basis = estimated ? " (expiry estimated from the month of issue and the validity rules of the card)" : string.Empty;
        return expiry >= today
            ? new(ControlCodes.DocumentValidity, ControlCategories.DocumentValidity, ControlOutcome.Passed, $"The document is not expired{basis}.")
            : new(ControlCodes.DocumentValidity, ControlCategories.DocumentValidity, ControlOutcome.Failed, $"The document is expired{basis}.");
    }

    /// <summary>
    /// <c>mrz.dates_plausible</c>: a warning when the expiry date is not after the birth date. Check digits cannot see
    /// it (e.g. <c>700601</c> read as 1970 for a holder born in 1980): a misread or altered date, for a human to look at.
    /// Not applicable when either date is unknown.
    /// </summary>
    public static ControlResult DatesPlausible(DateOnly? birthDate, DateOnly? expiryDate)
    {
        if (birthDate is not { } birth || expiryDate is not { } expiry)
        {
            return new(ControlCodes.MrzDatesPlausible, ControlCategories.DataCoherency, ControlOutcome.NotApplicable, "The birth date or the expiry date is unknown.");
        }

        return expiry > birth
            ? new(ControlCodes.MrzDatesPlausible, ControlCategories.DataCoherency, ControlOutcome.Passed, "The expiry date falls after the birth date.")
            : new(ControlCodes.MrzDatesPlausible, ControlCategories.DataCoherency, ControlOutcome.Warning, "The expiry date falls before the birth date: a misread or altered date.");
    }

    /// <summary>
    /// <c>holder.birth_date_match</c>: passed when equal, a warning when day and month are swapped (a
    /// common typing slip between date formats), failed otherwise; not applicable when either is missing.
    /// </summary>
    public static ControlResult BirthDateMatch(DateOnly? typed, DateOnly? onDocument)
    {
        if (typed is not { } t)
        {
            return new(ControlCodes.HolderBirthDateMatch, ControlCategories.HolderMatch, ControlOutcome.NotApplicable, "No birth date was typed.");
        }

        if (onDocument is not { } d)
        {
            return new(ControlCodes.HolderBirthDateMatch, ControlCategories.HolderMatch, ControlOutcome.NotApplicable, "The document's birth date is unknown or unreadable.");
        }

        if (t == d)
        {
            return new(ControlCodes.HolderBirthDateMatch, ControlCategories.HolderMatch, ControlOutcome.Passed, "The typed birth date equals the document's.");
        }

        if (t.Year == d.Year && t.Month == d.Day && t.Day == d.Month)
        {
            return new(ControlCodes.HolderBirthDateMatch, ControlCategories.HolderMatch, ControlOutcome.Warning, "The typed birth date has day and month swapped.");
        }

        return new(ControlCodes.HolderBirthDateMatch, ControlCategories.HolderMatch, ControlOutcome.Failed, "The typed birth date differs from the document's.");
    }

    /// <summary><c>holder.name_match</c> from <see cref="NameMatcher.Match"/>; the detail gives the score, never the names.</summary>
    public static ControlResult NameMatch(HolderInput? typed, string? documentFirstName, string? documentLastName, bool documentMayBeTruncated, NameMatchOptions options)
    {
        if (typed is null || (string.IsNullOrWhiteSpace(typed.FirstName) && string.IsNullOrWhiteSpace(typed.LastName)))
        {
            return new(ControlCodes.HolderNameMatch, ControlCategories.HolderMatch, ControlOutcome.NotApplicable, "No name was typed.");
        }

        var result = NameMatcher.Match(typed.FirstName, typed.LastName, documentFirstName, documentLastName, documentMayBeTruncated, options);
        return FromNameMatch(ControlCodes.HolderNameMatch, result);
    }

    /// <summary>Turns a name-match result into a control with the given code.</summary>
    public static ControlResult FromNameMatch(string code, NameMatchResult result)
    {
        var score = result.Score.ToString("0.00", CultureInfo.InvariantCulture);
        return result.Verdict switch
        {
            NameMatchVerdict.NotApplicable => new(code, ControlCategories.HolderMatch, ControlOutcome.NotApplicable, "No name to compare."),
            NameMatchVerdict.Passed => new(code, ControlCategories.HolderMatch, ControlOutcome.Passed,
                result.Partial ? $"Names match in part (score {score})." : $"Names match (score {score})."),
            NameMatchVerdict.Warning => new(code, ControlCategories.HolderMatch, ControlOutcome.Warning,
                result.Swapped ? $"Names match only with surname and given names swapped (score {score})." : $"Names are close but not equal (score {score})."),
            _ => new(code, ControlCategories.HolderMatch, ControlOutcome.Failed, $"Names differ (score {score})."),
        };
    }
}
