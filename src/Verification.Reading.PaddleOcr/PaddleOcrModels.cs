using Microsoft.ML.OnnxRuntime;
using Verification.Reading.PaddleOcr.Text;

namespace Verification.Reading.PaddleOcr;

/// <summary>
/// The PP-OCRv4 detection and recognition networks loaded once per process into ONNX Runtime sessions (thread-safe
/// for concurrent runs), and the recogniser's dictionary.
/// </summary>
internal sealed class PaddleOcrModels : IDisposable
{
    public const string DetectionFile = "ch_PP-OCRv4_det_infer.onnx";
    public const string RecognitionFile = "ch_PP-OCRv4_rec_infer.onnx";
    public const string DictionaryFile = "ppocr_keys_v1.txt";

    private readonly InferenceSession _detection;
    private readonly InferenceSession _recognition;

    private PaddleOcrModels(InferenceSession detection, InferenceSession recognition, CharacterSet characters)
    {
        _detection = detection;
        _recognition = recognition;
        Characters = characters;
        Detector = new TextDetector(detection);
        Recognizer = new TextRecognizer(recognition);
    }

    public TextDetector Detector { get; }

    public TextRecognizer Recognizer { get; }

    public CharacterSet Characters { get; }

    /// <summary>The files that must be in the model folder.</summary>
    public static IReadOnlyList<string> RequiredFiles { get; } = [DetectionFile, RecognitionFile, DictionaryFile];

    public static PaddleOcrModels Load(string directory, int threads)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        var detection = new InferenceSession(Path.Combine(directory, DetectionFile), options);
        try
        {
            var recognition = new InferenceSession(Path.Combine(directory, RecognitionFile), options);
            return new PaddleOcrModels(detection, recognition, CharacterSet.Load(Path.Combine(directory, DictionaryFile)));
        }
        catch
        {
            detection.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _detection.Dispose();
        _recognition.Dispose();
    }
}
