using System.Globalization;

namespace Verification.Core.ServiceAccounts;

/// <summary>Durations as integrators and operators write them: <c>[d.]hh:mm:ss</c>, e.g. <c>00:10:00</c>.</summary>
public static class DurationText
{
    /// <summary>Parses an optional positive duration; a failure with <paramref name="code"/> when malformed.</summary>
    public static Outcome<TimeSpan?> ParseOptional(string? text, string code)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (TimeSpan?)null;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero
            ? (TimeSpan?)value
            : Failure.Invalid(code, "A duration is written [d.]hh:mm:ss, e.g. 00:10:00, and is positive.");
    }

    /// <summary>Formats a duration the way <see cref="ParseOptional"/> reads it.</summary>
    public static string? Format(TimeSpan? value) => value?.ToString("c", CultureInfo.InvariantCulture);
}
