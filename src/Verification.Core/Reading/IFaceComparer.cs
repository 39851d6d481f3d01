using Verification.Core.Verifications;

namespace Verification.Core.Reading;

/// <summary>
/// Compares the face of a selfie with the portraits of identity documents. Implemented by a face package (for
/// instance <c>Verification.Faces</c>). It answers with the <c>face.*</c> controls (see <see cref="Documents.ControlCodes"/>):
/// <c>face.portrait</c>, <c>face.selfie</c>, <c>face.match</c> and <c>verification.face_consistency</c>, each with a
/// detail that gives sizes, counts, the distance and the threshold, never a descriptor. Nothing it computes is kept.
/// Hostile pictures (no face, several faces, a tiny face, a huge photo, a document as the selfie) give controls, never
/// an exception; cancelling <c>cancellationToken</c> throws <see cref="OperationCanceledException"/>.
/// </summary>
public interface IFaceComparer
{
    /// <summary>Whether faces can be compared now (the model files are there); hosts report it in their readiness check.</summary>
    ReaderAvailability Availability { get; }

    /// <summary>Finds the portrait of each document and the face of the selfie, and compares them.</summary>
    /// <param name="documents">The identity document pictures of the submission (images only).</param>
    /// <param name="selfie">The selfie.</param>
    /// <param name="cancellationToken">Cancels the wait and the work.</param>
    ValueTask<IReadOnlyList<ControlResult>> CompareAsync(IReadOnlyList<FacePicture> documents, FacePicture selfie, CancellationToken cancellationToken);
}

/// <summary>A picture handed to an <see cref="IFaceComparer"/>.</summary>
/// <param name="Data">The encoded bytes.</param>
/// <param name="MediaType">Its media type, as the file inspection found it.</param>
public sealed record FacePicture(ReadOnlyMemory<byte> Data, string MediaType);
