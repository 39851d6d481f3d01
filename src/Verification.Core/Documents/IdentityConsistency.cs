using Verification.Core.Documents.Names;
using Verification.Core.Verifications;

namespace Verification.Core.Documents;

/// <summary>
/// The cross-document control <c>verification.identity_consistency</c>: the holder of the bank details and the
/// holder of the identity documents of one verification are the same person (names; birth dates when two
/// identity documents both carry one). Re-evaluated on every analysis of the file whenever a document joins.
/// The control is recorded on each analysis for analysts and readers of the attributes, and feeds the status of
/// the verification (see <see cref="FolderStatus"/>); it never changes an analysis's own status, so a document sent
/// by one integrator cannot change what another integrator's analysis says, nor be used to test guesses against it.
/// </summary>
public static class IdentityConsistency
{
    /// <summary>The control code.</summary>
    public const string Code = "verification.identity_consistency";

    /// <summary>Recomputes the control (and the status it feeds) on every analysis of <paramref name="folder"/>.</summary>
    public static void Evaluate(VerificationFolder folder, NameMatchOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var people = folder.Analyses.Where(HasHolder).ToList();
        foreach (var analysis in folder.Analyses)
        {
            if (analysis.Decision is not null || !HasHolder(analysis))
            {
                continue;
            }

            var others = people.Where(o => !ReferenceEquals(o, analysis)).ToList();
            var control = others.Count == 0
                ? new ControlResult(Code, ControlCategories.Consistency, ControlOutcome.NotApplicable, "No other document of this verification names a holder yet.")
                : Compare(analysis, others, options);
            var controls = analysis.Controls.Where(c => c.Code != Code).ToList();
            controls.Add(control);
            analysis.Controls = controls;
        }
    }

    /// <summary>
    /// The controls as shown to a sender who may not read the verification: the consistency result is replaced by
    /// the same neutral entry whatever the other documents say, or whether there are any.
    /// </summary>
    public static IReadOnlyList<ControlResult> Withheld(IReadOnlyList<ControlResult> controls)
    {
        ArgumentNullException.ThrowIfNull(controls);
        return [.. controls.Select(c => c.Code == Code ? WithheldResult : c)];
    }

    /// <summary>Whether <paramref name="analysis"/> records a holder who differs (failed) or may differ (warning) from the other documents.</summary>
    public static ControlOutcome OutcomeOf(Analysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        return analysis.Controls.FirstOrDefault(c => c.Code == Code)?.Result ?? ControlOutcome.NotApplicable;
    }

    private static readonly ControlResult WithheldResult = new(
        Code, ControlCategories.Consistency, ControlOutcome.NotApplicable,
        "Compared with the other documents of the verification; the result is recorded on the verification for those who may read it.");

    private static ControlResult Compare(Analysis analysis, List<Analysis> others, NameMatchOptions? options)
    {
        var worst = ControlOutcome.NotApplicable;
        string? detail = "No other document of this verification can be compared with this one.";
        foreach (var other in others)
        {
            var (outcome, why) = Pair(analysis.Fields, other.Fields, options);
            if (Rank(outcome) > Rank(worst))
            {
                worst = outcome;
                detail = outcome == ControlOutcome.Passed
                    ? "The same holder appears on the other documents of this verification."
                    : $"{why} ({other.DocumentType}, analysis {other.Id}).";
            }
        }

        return new ControlResult(Code, ControlCategories.Consistency, worst, detail);
    }

    private static (ControlOutcome Outcome, string Why) Pair(ExtractedFields a, ExtractedFields b, NameMatchOptions? options)
    {
        NameMatchResult names;
        if (a.LastName is not null && b.LastName is not null)
        {
            names = NameMatcher.Match(a.FirstName, a.LastName, b.FirstName, b.LastName, documentMayBeTruncated: true, options);
            if (names.Verdict == NameMatchVerdict.Passed && a.BirthDate is { } ba && b.BirthDate is { } bb && ba != bb)
            {
                return (ControlOutcome.Failed, "The birth dates differ from another identity document");
            }
        }
        else
        {
            var (full, person) = a.HolderName is not null ? (a.HolderName, b) : (b.HolderName!, a);
            if (person.LastName is null)
            {
                return (ControlOutcome.NotApplicable, "Two bank-details documents; no identity document to compare with");
            }

            names = NameMatcher.MatchFullName(full, person.FirstName, person.LastName, options);
        }

        return names.Verdict switch
        {
            NameMatchVerdict.Passed => (ControlOutcome.Passed, "Same holder"),
            NameMatchVerdict.Warning => (ControlOutcome.Warning, "The holder names differ slightly from another document"),
            NameMatchVerdict.NotApplicable => (ControlOutcome.NotApplicable, "Not enough names to compare"),
            _ => (ControlOutcome.Failed, "The holder differs from another document"),
        };
    }

    private static int Rank(ControlOutcome outcome) => outcome switch
    {
        ControlOutcome.Failed => 3,
        ControlOutcome.Warning => 2,
        ControlOutcome.Passed => 1,
        _ => 0,
    };

    private static bool HasHolder(Analysis analysis) =>
        analysis.Fields.LastName is not null || analysis.Fields.HolderName is not null;
}
