using Verification.Core.Verifications;

namespace Verification.Core.Reading;

/// <summary>
/// Compares the faces of one verification: the portraits of its identity documents and its selfies, those of the
/// submission at hand and those stored by earlier submissions. Implemented by a face package (for instance
/// <c>Verification.Faces</c>). It answers with the <c>face.*</c> controls (see <see cref="Documents.ControlCodes"/>):
/// <c>face.portrait</c>, <c>face.selfie</c>, <c>face.match</c> and <c>verification.face_consistency</c>, each with a
/// detail that gives sizes, counts, the pose, the sharpness, the distance and the threshold, never a descriptor; and
/// with the portrait crops it found, to be stored as pictures. Nothing it computes is kept: a later comparison
/// describes the stored pictures again. Hostile pictures (no face, several faces, a tiny face, a huge photo, a
/// document as the selfie) give controls, never an exception; cancelling <c>cancellationToken</c> throws
/// <see cref="OperationCanceledException"/>.
/// </summary>
public interface IFaceComparer
{
    /// <summary>Whether faces can be compared now (the model files are there); hosts report it in their readiness check.</summary>
    ReaderAvailability Availability { get; }

    /// <summary>Finds the portrait of each document and the face of the selfie, and compares them with each other and with <see cref="FaceRequest.Earlier"/>.</summary>
    /// <param name="request">The pictures.</param>
    /// <param name="cancellationToken">Cancels the wait and the work.</param>
    ValueTask<FaceReport> CompareAsync(FaceRequest request, CancellationToken cancellationToken);
}

/// <summary>A picture handed to an <see cref="IFaceComparer"/>.</summary>
/// <param name="Data">The encoded bytes.</param>
/// <param name="MediaType">Its media type, as the file inspection found it.</param>
public sealed record FacePicture(ReadOnlyMemory<byte> Data, string MediaType);

/// <summary>What a stored picture of an earlier submission shows.</summary>
public enum EarlierFaceKind
{
    /// <summary>A portrait crop stored by an earlier comparison: the face itself, described as it is.</summary>
    PortraitCrop,

    /// <summary>A whole identity document picture: its portrait is searched for.</summary>
    Document,

    /// <summary>A selfie: its one face is searched for.</summary>
    Selfie,
}

/// <summary>A picture stored by an earlier submission of the same verification.</summary>
/// <param name="Kind">What it shows.</param>
/// <param name="Label">How controls name it (no personal data: e.g. <c>the selfie of analysis 01J...</c>).</param>
/// <param name="Picture">The decrypted picture.</param>
public sealed record EarlierFace(EarlierFaceKind Kind, string Label, FacePicture Picture);

/// <summary>The pictures of a comparison.</summary>
public sealed record FaceRequest
{
    /// <summary>The identity document pictures of the submission (images only).</summary>
    public IReadOnlyList<FacePicture> Documents { get; init; } = [];

    /// <summary>The selfie of the submission, if any.</summary>
    public FacePicture? Selfie { get; init; }

    /// <summary>The faces of the earlier submissions of the verification.</summary>
    public IReadOnlyList<EarlierFace> Earlier { get; init; } = [];
}

/// <summary>The answer of an <see cref="IFaceComparer"/>.</summary>
/// <param name="Controls">The <c>face.*</c> controls.</param>
/// <param name="Portraits">The portrait crop found on each document that has one (PNG), to be stored as a picture.</param>
public sealed record FaceReport(IReadOnlyList<ControlResult> Controls, IReadOnlyList<PortraitCrop> Portraits)
{
    /// <summary>No controls, no crops.</summary>
    public static FaceReport Empty { get; } = new([], []);
}

/// <summary>The portrait of one document, cut out as the descriptor saw it.</summary>
/// <param name="Document">The index of the document in <see cref="FaceRequest.Documents"/>.</param>
/// <param name="Png">The crop, PNG-encoded (lossless, so describing it again gives the same descriptor).</param>
public sealed record PortraitCrop(int Document, ReadOnlyMemory<byte> Png);
