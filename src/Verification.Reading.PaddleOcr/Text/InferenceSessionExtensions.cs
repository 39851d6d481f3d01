using Microsoft.ML.OnnxRuntime;

namespace Verification.Reading.PaddleOcr.Text;

/// <summary>How the reader runs its networks: one input tensor in, stopped when the caller's token is cancelled.</summary>
internal static class InferenceSessionExtensions
{
    /// <summary>
    /// Runs <paramref name="session"/> on <paramref name="tensor"/> of <paramref name="shape"/>; a cancellation during
    /// the run terminates it. The caller disposes the outputs.
    /// </summary>
    public static IDisposableReadOnlyCollection<OrtValue> RunCancellable(this InferenceSession session, float[] tensor, long[] shape, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var input = OrtValue.CreateTensorValueFromMemory(tensor, shape);
        using var options = new RunOptions();
        using var registration = cancellationToken.Register(static o => ((RunOptions)o!).Terminate = true, options);
        var outputs = session.Run(options, [session.InputNames[0]], [input], session.OutputNames);
        if (cancellationToken.IsCancellationRequested)
        {
            outputs.Dispose();
            cancellationToken.ThrowIfCancellationRequested();
        }

        return outputs;
    }
}
