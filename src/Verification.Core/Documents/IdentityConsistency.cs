using Verification.Core.Documents.Names;
using Verification.Core.Documents.Status;
using Verification.Core.Verifications;

namespace Verification.Core.Documents;

/// <summary>
/// The cross-document control <c>verification.identity_consistency</c>: the holder of the bank details and the
/// holder of the identity documents of one verification are the same person (names; birth dates when two
/// identity documents both carry one). Re-evaluated on every analysis of the file whenever a document joins.
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
            analysis.StatusCode = StatusRule.Derive(DocumentReading.Read, controls).Code;
        }
    }

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
