using Verification.Core.Verifications;

namespace Verification.Core.Documents.Status;

/// <summary>How reading the document went, before any control ran on its content.</summary>
public enum DocumentReading
{
    /// <summary>The document was read (text or zone found).</summary>
    Read,

    /// <summary>The image is too blurry to read.</summary>
    Blurry,

    /// <summary>A document is there but cannot be read.</summary>
    Unreadable,

    /// <summary>An identity document without a readable machine-readable zone.</summary>
    MissingMrz,

    /// <summary>No document was found in the file.</summary>
    NoDocument,
}

/// <summary>
/// Turns a reading outcome and the controls of one document into its <see cref="AnalysisStatus"/>. The first
/// matching row wins:
/// <list type="number">
/// <item>reading not <see cref="DocumentReading.Read"/>: <c>2.1</c> blurry, <c>2.2</c> unreadable, <c>2.4</c> missing MRZ, <c>2.6</c> no document;</item>
/// <item><c>mrz.present</c> failed: <c>2.4</c>;</item>
/// <item>a <c>readability</c> control failed (dates or sex of the zone malformed): <c>2.2</c> — garbage
/// characters mean a bad reading, not a forged document;</item>
/// <item>a <c>data_coherency</c> control failed (check digits after every confirmed OCR correction, IBAN
/// checksum, national bank key): <c>5.0</c> fraudulent. Genuine documents never disagree with their own check
/// digits, and the reader has already corrected every confusion a check digit or a position rule can confirm,
/// so what remains is a printed value that was changed without its check digit: the signature of a forgery.
/// Hosts that read poor scans and prefer a human look can map <c>5.0</c> to review in their policy; the
/// rule itself stays strict so that a fraud signal is never diluted into <c>4.0</c>;</item>
/// <item>a <c>holder_match</c> or <c>consistency</c> control failed: <c>7.0</c> owner mismatch;</item>
/// <item>a <c>document_validity</c> control failed (expired): <c>3.0</c>;</item>
/// <item>any other failed control (file integrity), or any warning: <c>4.0</c> to verify;</item>
/// <item>otherwise: <c>1.0</c> conform.</item>
/// </list>
/// The order follows <see cref="FolderStatus"/>'s severity: fraud before owner mismatch before expiry.
/// </summary>
public static class StatusRule
{
    /// <summary>Derives the status.</summary>
    public static AnalysisStatus Derive(DocumentReading reading, IReadOnlyList<ControlResult> controls)
    {
        ArgumentNullException.ThrowIfNull(controls);
        switch (reading)
        {
            case DocumentReading.Blurry:
                return AnalysisStatus.Blurry;
            case DocumentReading.Unreadable:
                return AnalysisStatus.Unreadable;
            case DocumentReading.MissingMrz:
                return AnalysisStatus.MissingMrz;
            case DocumentReading.NoDocument:
                return AnalysisStatus.NoDocument;
        }

        var mrzMissing = false;
        var unreadable = false;
        var incoherent = false;
        var mismatch = false;
        var expired = false;
        var doubt = false;
        for (var i = 0; i < controls.Count; i++)
        {
            var control = controls[i];
            if (control.Result == ControlOutcome.Warning)
            {
                doubt = true;
                continue;
            }

            if (control.Result != ControlOutcome.Failed)
            {
                continue;
            }

            if (control.Code == ControlCodes.MrzPresent)
            {
                mrzMissing = true;
                continue;
            }

            switch (control.Category)
            {
                case ControlCategories.Readability:
                    unreadable = true;
                    break;
                case ControlCategories.DataCoherency:
                    incoherent = true;
                    break;
                case ControlCategories.HolderMatch or ControlCategories.Consistency:
                    mismatch = true;
                    break;
                case ControlCategories.DocumentValidity:
                    expired = true;
                    break;
                default:
                    doubt = true;
                    break;
            }
        }

        return mrzMissing ? AnalysisStatus.MissingMrz
            : unreadable ? AnalysisStatus.Unreadable
            : incoherent ? AnalysisStatus.Fraudulent
            : mismatch ? AnalysisStatus.OwnerMismatch
            : expired ? AnalysisStatus.Expired
            : doubt ? AnalysisStatus.ToVerify
            : AnalysisStatus.Conform;
    }

    /// <summary>
    /// The status of a document once more controls (the <c>face.*</c> controls of a selfie) join those it was derived
    /// from: a reading status (<c>2.x</c>) stays; otherwise the more severe of the two, in the order of
    /// <see cref="Derive"/>: fraudulent, owner mismatch, expired, to verify, conform. A failed <c>face.match</c>
    /// (category <c>holder_match</c>) thus makes a conform, expired or to-verify document <c>7.0 owner_mismatch</c>.
    /// </summary>
    public static AnalysisStatus Combine(AnalysisStatus current, IReadOnlyList<ControlResult> added)
    {
        ArgumentNullException.ThrowIfNull(current);
        var extra = Derive(DocumentReading.Read, added);
        return Severity(current) < 0 ? current : Severity(extra) > Severity(current) ? extra : current;
    }

    private static int Severity(AnalysisStatus status) => status.Code switch
    {
        "1.0" => 0,
        "4.0" => 1,
        "3.0" => 2,
        "7.0" => 3,
        "5.0" => 4,
        _ => -1,
    };
}
