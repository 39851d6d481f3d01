using Verification.Core.Submissions;

namespace Verification.Core;

/// <summary>
/// Rules for integrator-supplied correlation ids (<c>X-Correlation-ID</c>, ingest <c>external_id</c>):
/// 1 to 128 characters of <c>A-Z a-z 0-9 . _ : -</c>.
/// </summary>
public static class CorrelationId
{
    /// <summary>The longest accepted correlation id.</summary>
    public const int MaxLength = 128;

    /// <summary>The failure code for an invalid correlation id.</summary>
    public const string InvalidCode = SubmissionErrors.CorrelationIdInvalid;

    /// <summary>Whether <paramref name="value"/> is a well-formed correlation id.</summary>
    public static bool IsValid(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty || value.Length > MaxLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            var ok = c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or ':' or '-';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Validates <paramref name="value"/>, answering a failure with <see cref="InvalidCode"/>.</summary>
    public static Outcome<string> Validate(string? value) =>
        value is not null && IsValid(value)
            ? value
            : Failure.Invalid(InvalidCode, "A correlation id is 1 to 128 characters of A-Z a-z 0-9 . _ : -");
}
