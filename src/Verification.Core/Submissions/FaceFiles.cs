using Verification.Core.Documents;
using Verification.Core.Verifications;

namespace Verification.Core.Submissions;

/// <summary>
/// The face pictures among an analysis' files: the selfie and the portrait crops are stored as files (encrypted under
/// their own keys, readable only with <c>verifications:read:pictures</c>, erased by archiving) under display names
/// that no client file can take (a client file so named is stored as <c>file-selfie</c>). Later comparisons in the
/// same verification find them by these names; no face descriptor is ever stored.
/// </summary>
public static class FaceFiles
{
    /// <summary>The display name of a selfie.</summary>
    public const string Selfie = "selfie";

    /// <summary>The display name of a portrait crop: the square of a document's portrait the descriptor was computed on.</summary>
    public const string Portrait = "portrait";

    /// <summary>Whether <paramref name="file"/> is a selfie.</summary>
    public static bool IsSelfie(DocumentFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return string.Equals(file.DisplayName, Selfie, StringComparison.Ordinal);
    }

    /// <summary>Whether <paramref name="file"/> is a portrait crop.</summary>
    public static bool IsPortrait(DocumentFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return string.Equals(file.DisplayName, Portrait, StringComparison.Ordinal);
    }

    /// <summary>Whether a client's file name would read as a face role.</summary>
    public static bool IsReserved(string name) =>
        string.Equals(name, Selfie, StringComparison.OrdinalIgnoreCase) || string.Equals(name, Portrait, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The controls as told to a sender who may not read the verification's attributes, when faces stored earlier
    /// took part: <c>face.match</c> and <c>verification.face_consistency</c> are recorded, not told (otherwise a
    /// submission could test a face against another integrator's customer).
    /// </summary>
    public static IReadOnlyList<ControlResult> Withheld(IReadOnlyList<ControlResult> controls)
    {
        ArgumentNullException.ThrowIfNull(controls);
        return [.. controls.Select(c => c.Code is ControlCodes.FaceMatch or ControlCodes.FaceConsistency
            ? new ControlResult(c.Code, c.Category, ControlOutcome.NotApplicable, "Compared with the faces of the verification; the result is recorded on the verification for those who may read it.")
            : c)];
    }
}
