using Verification.Core.Protection;
using Verification.Core.Verifications;

namespace Verification.Core.Stores;

/// <summary>Rules shared by the <see cref="IVerificationSearch"/> implementations, so they answer alike.</summary>
public static class SearchText
{
    /// <summary>The name to show for a document: given names and surname, else the account holder.</summary>
    public static string? PersonName(ExtractedFields? fields)
    {
        if (fields is null)
        {
            return null;
        }

        var name = string.Join(' ', new[] { fields.FirstName, fields.LastName }.Where(n => !string.IsNullOrWhiteSpace(n)));
        return name.Length > 0 ? name : string.IsNullOrWhiteSpace(fields.HolderName) ? null : fields.HolderName;
    }

    /// <summary>
    /// Whether every word is one of the words of the surname, given names or account holder: whole words,
    /// ignoring case and accents (the rule a blind index can answer, since stores keep names encrypted). A text
    /// with a digit is an id, never a name.
    /// </summary>
    public static bool NameMatches(ExtractedFields? fields, IReadOnlyList<string> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (fields is null || words.Count == 0 || words.Any(w => w.Any(char.IsDigit)))
        {
            return false;
        }

        var wanted = words.SelectMany(VerificationProtector.NameWords).ToList();
        if (wanted.Count == 0)
        {
            return false;
        }

        var names = VerificationProtector.NameWords($"{fields.LastName} {fields.FirstName} {fields.HolderName}").ToHashSet(StringComparer.Ordinal);
        return wanted.TrueForAll(names.Contains);
    }

    /// <summary>Builds a folder row from its documents' decision, source and fields, in submission order.</summary>
    public static FolderSearchRow FolderRow(
        string verificationId, string status, string? department, DateTimeOffset createdAt, DateTimeOffset updatedAt, DateTimeOffset? archivedAt,
        IReadOnlyList<(DecisionKind? Decision, string? SourceTag, ExtractedFields? Fields)> analyses)
    {
        ArgumentNullException.ThrowIfNull(analyses);
        return new FolderSearchRow(
            verificationId, status, department, createdAt, updatedAt, archivedAt,
            analyses.Count,
            analyses.Count(a => a.Decision is null),
            analyses.Select(a => a.SourceTag).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            analyses.Select(a => PersonName(a.Fields)).FirstOrDefault(n => n is not null));
    }

    /// <summary>The instants bounding a statistics window and its days, oldest first.</summary>
    public static (DateTimeOffset From, DateTimeOffset To, IReadOnlyList<DateOnly> Days) Window(VerificationStatisticsQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var count = Math.Clamp(query.Days, 1, 90);
        var first = query.Until.AddDays(1 - count);
        var days = Enumerable.Range(0, count).Select(first.AddDays).ToList();
        return (Start(first), Start(query.Until.AddDays(1)), days);
    }

    /// <summary>Midnight UTC of a day.</summary>
    public static DateTimeOffset Start(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
