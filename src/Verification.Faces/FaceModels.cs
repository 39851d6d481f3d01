using Verification.Faces.Networks;

namespace Verification.Faces;

/// <summary>
/// The three networks of face-api 1.7.15, loaded once from its TensorFlow.js weight files (the folder
/// <c>scripts/install.sh</c> fills: <c>artifacts/models/face-api</c>). Immutable once loaded and safe to share.
/// </summary>
public sealed class FaceModels
{
    private FaceModels(TinyFaceDetectorNet detector, FaceLandmark68Net landmarks, FaceRecognitionNet recognition)
    {
        Detector = detector;
        Landmarks = landmarks;
        Recognition = recognition;
    }

    /// <summary>The files the model folder must hold.</summary>
    public static IReadOnlyList<string> RequiredFiles { get; } =
    [
        TinyFaceDetectorNet.ModelName + "-weights_manifest.json", TinyFaceDetectorNet.ModelName + ".bin",
        FaceLandmark68Net.ModelName + "-weights_manifest.json", FaceLandmark68Net.ModelName + ".bin",
        FaceRecognitionNet.ModelName + "-weights_manifest.json", FaceRecognitionNet.ModelName + ".bin",
    ];

    internal TinyFaceDetectorNet Detector { get; }

    internal FaceLandmark68Net Landmarks { get; }

    internal FaceRecognitionNet Recognition { get; }

    /// <summary>Whether <paramref name="directory"/> holds every file in <see cref="RequiredFiles"/>.</summary>
    /// <param name="directory">The model folder.</param>
    public static bool IsPresent(string directory) =>
        RequiredFiles.All(f => File.Exists(Path.Combine(directory, f)));

    /// <summary>Loads and dequantizes the three networks' weights.</summary>
    /// <param name="directory">The model folder.</param>
    /// <exception cref="FileNotFoundException">A file of <see cref="RequiredFiles"/> is missing.</exception>
    /// <exception cref="InvalidDataException">A manifest does not describe the network face-api defines.</exception>
    public static FaceModels Load(string directory)
    {
        foreach (var file in RequiredFiles)
        {
            var path = Path.Combine(directory, file);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"The face model file {file} is missing from {directory}; scripts/install.sh fetches it.", path);
            }
        }

        return new FaceModels(
            new TinyFaceDetectorNet(Weights.Load(directory, TinyFaceDetectorNet.ModelName)),
            new FaceLandmark68Net(Weights.Load(directory, FaceLandmark68Net.ModelName)),
            new FaceRecognitionNet(Weights.Load(directory, FaceRecognitionNet.ModelName)));
    }
}
