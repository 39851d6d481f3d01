namespace Verification.Core.ServiceAccounts;

/// <summary>The scopes a service token can carry (see the scope table of <c>docs/api.md</c>) and helpers over them.</summary>
public static class Scopes
{
    /// <summary>Submit documents: <c>reco/*</c> and <c>ingest</c>.</summary>
    public const string DocumentsSubmit = "documents:submit";

    /// <summary>Read status, timestamps, document types and control results; no personal data.</summary>
    public const string ReadMetadata = "verifications:read:metadata";

    /// <summary>Read metadata plus identity attributes.</summary>
    public const string ReadAttributes = "verifications:read:attributes";

    /// <summary>Read attributes plus the document images.</summary>
    public const string ReadPictures = "verifications:read:pictures";

    /// <summary>Approve or reject analyses.</summary>
    public const string Review = "verifications:review";

    /// <summary>Archive verifications on demand.</summary>
    public const string Archive = "verifications:archive";

    /// <summary>Manage service users, tokens and webhook settings.</summary>
    public const string Admin = "admin";

    /// <summary>The longest scope list accepted as text, so parsing stays bounded.</summary>
    private const int MaxTextLength = 1024;

    /// <summary>Every scope, in canonical order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [DocumentsSubmit, ReadMetadata, ReadAttributes, ReadPictures, Review, Archive, Admin];

    /// <summary>Whether <paramref name="scope"/> is one of <see cref="All"/> (ordinal).</summary>
    public static bool IsKnown(string? scope) => scope is not null && IndexOf(scope) >= 0;

    /// <summary>
    /// Checks a scope list: at least one scope, every one known. Answers the distinct scopes in canonical
    /// order, or <c>token.invalid_scope</c>.
    /// </summary>
    public static Outcome<IReadOnlyList<string>> Validate(IEnumerable<string>? scopes)
    {
        if (scopes is null)
        {
            return NoScope;
        }

        var seen = new bool[All.Count];
        foreach (var scope in scopes)
        {
            var index = scope is null ? -1 : IndexOf(scope.Trim());
            if (index < 0)
            {
                return Failure.Invalid(
                    KeyErrors.TokenInvalidScope,
                    $"Unknown scope '{Shorten(scope)}'. Known scopes: {string.Join(", ", All)}.");
            }

            seen[index] = true;
        }

        var result = new List<string>(All.Count);
        for (var i = 0; i < seen.Length; i++)
        {
            if (seen[i])
            {
                result.Add(All[i]);
            }
        }

        return result.Count == 0 ? NoScope : result;
    }

    /// <summary>
    /// Parses scopes written as text, separated by commas or white space (<c>documents:submit,admin</c> on
    /// the command line, the JWT <c>scope</c> claim), then <see cref="Validate"/>s them.
    /// </summary>
    public static Outcome<IReadOnlyList<string>> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return NoScope;
        }

        if (text.Length > MaxTextLength)
        {
            return Failure.Invalid(KeyErrors.TokenInvalidScope, $"The scope list has more than {MaxTextLength} characters.");
        }

        return Validate(text.Split([',', ' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>The scopes as the space-separated text of the JWT <c>scope</c> claim (RFC 8693).</summary>
    public static string Join(IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        return string.Join(' ', scopes);
    }

    /// <summary>
    /// The highest read level granted by <paramref name="scopes"/>: pictures implies attributes, attributes
    /// implies metadata. Unknown scopes grant nothing.
    /// </summary>
    public static ReadLevel HighestReadLevel(IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var level = ReadLevel.None;
        foreach (var scope in scopes)
        {
            var granted = scope switch
            {
                ReadPictures => ReadLevel.Pictures,
                ReadAttributes => ReadLevel.Attributes,
                ReadMetadata => ReadLevel.Metadata,
                _ => ReadLevel.None,
            };
            if (granted > level)
            {
                level = granted;
            }
        }

        return level;
    }

    /// <summary>Whether <paramref name="granted"/> contains <paramref name="required"/> (ordinal).</summary>
    public static bool Allows(IEnumerable<string> granted, string required)
    {
        ArgumentNullException.ThrowIfNull(granted);
        return granted.Contains(required, StringComparer.Ordinal);
    }

    private static Failure NoScope { get; } = Failure.Invalid(KeyErrors.TokenInvalidScope, "A token needs at least one scope.");

    private static int IndexOf(string scope)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], scope, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    // The rejected text is echoed to the caller; keep it short.
    private static string Shorten(string? scope) => scope is null ? "(null)" : scope.Length <= 40 ? scope : scope[..40] + "...";
}
