using Verification.Reading.PaddleOcr;

namespace Verification.Reading.PaddleOcr.Tests;

/// <summary>
/// A test that needs the PaddleOCR model files: skipped, with the reason, only when the model folder is missing
/// (<c>scripts/install.sh</c> fetches them; CI runs it, so there these tests run).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PaddleOcrModelsFactAttribute : FactAttribute
{
    public PaddleOcrModelsFactAttribute()
    {
        if (ModelFolder.Find() is null)
        {
            Skip = $"PaddleOCR model files not found (looked in {ModelFolder.Described}); run scripts/install.sh run to fetch them.";
        }
    }
}

/// <summary>Where the model files are: $VERIFICATION_MODELS/paddleocr, else the repository's artifacts/models/paddleocr.</summary>
internal static class ModelFolder
{
    public static string Described => $"${PaddleOcrReaderOptions.ModelsEnvironmentVariable}/paddleocr and artifacts/models/paddleocr";

    public static string? Find()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable(PaddleOcrReaderOptions.ModelsEnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            candidates.Add(Path.Combine(fromEnvironment, "paddleocr"));
        }

        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Verification.sln")))
            {
                candidates.Add(Path.Combine(directory.FullName, "artifacts", "models", "paddleocr"));
                break;
            }
        }

        return candidates.FirstOrDefault(c => PaddleOcrModels.RequiredFiles.All(f => File.Exists(Path.Combine(c, f))));
    }
}
