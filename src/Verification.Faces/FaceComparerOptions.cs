using Microsoft.Extensions.Options;

namespace Verification.Faces;

/// <summary>Options of the face comparer (section <c>Verification:Faces</c>).</summary>
public sealed class FaceComparerOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Verification:Faces";

    /// <summary>The environment variable naming the folder that holds <c>face-api/</c> (set by the setup scripts).</summary>
    public const string ModelsEnvironmentVariable = "VERIFICATION_MODELS";

    /// <summary>
    /// The folder holding face-api's model files (see <see cref="FaceModels.RequiredFiles"/>; from the npm package
    /// <c>@vladmandic/face-api</c> 1.7.15, installed by <c>scripts/install.sh</c>). <see langword="null"/>:
    /// <c>$VERIFICATION_MODELS/face-api</c>, else <c>models/face-api</c> beside the application.
    /// </summary>
    public string? ModelDirectory { get; set; }

    /// <summary>How many comparisons run at once. Default half the processors, at least 1.</summary>
    public int MaxConcurrentComparisons { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>
    /// How many pictures of one comparison are analysed at once (the documents, the selfie and the stored pictures are
    /// independent until they are compared). Default 2: with the default <see cref="MaxConcurrentComparisons"/>, every
    /// core is used and no more.
    /// </summary>
    public int PicturesInParallel { get; set; } = 2;

    /// <summary>How long a request waits for a turn before its face controls say so (a warning: a person compares). Default 10 seconds.</summary>
    public TimeSpan AcquireTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Thresholds and sizes.</summary>
    public FaceMatchOptions Match { get; set; } = new();

    internal string ResolveModelDirectory()
    {
        if (!string.IsNullOrWhiteSpace(ModelDirectory))
        {
            return ModelDirectory;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(ModelsEnvironmentVariable);
        return !string.IsNullOrWhiteSpace(fromEnvironment)
            ? Path.Combine(fromEnvironment, "face-api")
            : Path.Combine(AppContext.BaseDirectory, "models", "face-api");
    }
}

/// <summary>Validates <see cref="FaceComparerOptions"/> at start-up; each message names the setting.</summary>
internal sealed class FaceComparerOptionsValidator : IValidateOptions<FaceComparerOptions>
{
    public ValidateOptionsResult Validate(string? name, FaceComparerOptions options)
    {
        var problems = new List<string>();
        if (options.MaxConcurrentComparisons is < 1 or > 64)
        {
            problems.Add($"{nameof(FaceComparerOptions.MaxConcurrentComparisons)} must be between 1 and 64.");
        }

        if (options.PicturesInParallel is < 1 or > 16)
        {
            problems.Add($"{nameof(FaceComparerOptions.PicturesInParallel)} must be between 1 and 16.");
        }

        if (options.AcquireTimeout <= TimeSpan.Zero)
        {
            problems.Add($"{nameof(FaceComparerOptions.AcquireTimeout)} must be positive.");
        }

        var match = options.Match;
        if (match is null)
        {
            problems.Add($"{nameof(FaceComparerOptions.Match)} must be set.");
        }
        else
        {
            if (match.Threshold is <= 0 or >= 2)
            {
                problems.Add($"{nameof(FaceComparerOptions.Match)}:{nameof(FaceMatchOptions.Threshold)} must lie between 0 and 2.");
            }

            if (match.WarningBand < 0 || match.WarningBand >= match.Threshold)
            {
                problems.Add($"{nameof(FaceComparerOptions.Match)}:{nameof(FaceMatchOptions.WarningBand)} must be at least 0 and below the threshold.");
            }

            if (match.DetectorInputSize < 32 || match.DetectorInputSize % 32 != 0 || match.DetectorInputSize > 1024)
            {
                problems.Add($"{nameof(FaceComparerOptions.Match)}:{nameof(FaceMatchOptions.DetectorInputSize)} must be a multiple of 32 between 32 and 1024.");
            }

            if (match.DetectorScoreThreshold is <= 0 or >= 1)
            {
                problems.Add($"{nameof(FaceComparerOptions.Match)}:{nameof(FaceMatchOptions.DetectorScoreThreshold)} must lie strictly between 0 and 1.");
            }

            if (match.MaxYawDegrees is <= 0 or > 90 || match.MaxRollDegrees is <= 0 or > 180)
            {
                problems.Add($"{nameof(FaceComparerOptions.Match)}:{nameof(FaceMatchOptions.MaxYawDegrees)} must lie in (0, 90] and {nameof(FaceComparerOptions.Match)}:{nameof(FaceMatchOptions.MaxRollDegrees)} in (0, 180].");
            }

            if (match.MinSharpness < 0 || double.IsNaN(match.MinSharpness))
            {
                problems.Add($"{nameof(FaceComparerOptions.Match)}:{nameof(FaceMatchOptions.MinSharpness)} must be 0 or more.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
