using Microsoft.Extensions.Options;

namespace Verification.Core.Archiving;

/// <summary>
/// When personal data is erased without anyone asking, bound to <c>Verification:Archive</c>. Archiving on demand
/// and after extraction (a token's auto-archive delay) need no setting; retention is off until set.
/// </summary>
public sealed class ArchiveOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Verification:Archive";

    /// <summary>Archive a verification whose analyses are all decided this many days after the last decision; <see langword="null"/> (default) for never.</summary>
    public int? DecidedRetentionDays { get; set; }

    /// <summary>Archive a verification still waiting for a decision this many days after it was created; <see langword="null"/> (default) for never.</summary>
    public int? UndecidedRetentionDays { get; set; }

    /// <summary>How often the sweeper looks for verifications due (default one minute).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many verifications one sweep archives at most (default 200); the next sweep goes on.</summary>
    public int SweepBatchSize { get; set; } = 200;
}

/// <summary>Validates <see cref="ArchiveOptions"/> at start.</summary>
internal sealed class ArchiveOptionsValidator : IValidateOptions<ArchiveOptions>
{
    public ValidateOptionsResult Validate(string? name, ArchiveOptions options)
    {
        var errors = new List<string>();
        if (options.DecidedRetentionDays is < 1 or > 36500)
        {
            errors.Add($"{ArchiveOptions.SectionName}:DecidedRetentionDays must be 1 to 36500 days, or unset.");
        }

        if (options.UndecidedRetentionDays is < 1 or > 36500)
        {
            errors.Add($"{ArchiveOptions.SectionName}:UndecidedRetentionDays must be 1 to 36500 days, or unset.");
        }

        if (options.SweepInterval < TimeSpan.FromSeconds(1) || options.SweepInterval > TimeSpan.FromDays(1))
        {
            errors.Add($"{ArchiveOptions.SectionName}:SweepInterval must be between 1 second and 1 day.");
        }

        if (options.SweepBatchSize is < 1 or > 10000)
        {
            errors.Add($"{ArchiveOptions.SectionName}:SweepBatchSize must be 1 to 10000.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
