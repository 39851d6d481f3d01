using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Verification.Core.Documents;
using Verification.Core.Reading;
using Verification.Core.Verifications;

namespace Verification.Faces;

/// <summary>
/// The <see cref="IFaceComparer"/> over face-api's networks: the portrait of each document, the face of the selfie,
/// their distance against the threshold. The models load once per process; at most
/// <see cref="FaceComparerOptions.MaxConcurrentComparisons"/> comparisons run at once. Nothing computed is kept.
/// </summary>
public sealed partial class FaceComparer : IFaceComparer, IDisposable
{
    private readonly FaceComparerOptions _options;
    private readonly ILogger<FaceComparer> _logger;
    private readonly SemaphoreSlim _turns;
    private readonly Lazy<FaceMatcher> _matcher;
    private readonly string _directory;

    /// <summary>Creates the comparer; the models load on first use (or on <see cref="WarmUp"/>).</summary>
    /// <param name="options">The options.</param>
    /// <param name="logger">The logger.</param>
    public FaceComparer(IOptions<FaceComparerOptions> options, ILogger<FaceComparer>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger ?? NullLogger<FaceComparer>.Instance;
        _turns = new SemaphoreSlim(_options.MaxConcurrentComparisons, _options.MaxConcurrentComparisons);
        _directory = _options.ResolveModelDirectory();
        _matcher = new Lazy<FaceMatcher>(() => new FaceMatcher(FaceModels.Load(_directory), _options.Match), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <inheritdoc />
    public ReaderAvailability Availability => FaceModels.IsPresent(_directory)
        ? new ReaderAvailability(true, "face-api 1.7.15 networks (tiny face detector, 68-point landmarks, dlib ResNet descriptor), managed port")
        : new ReaderAvailability(false, "the face-api model files are missing; scripts/install.sh fetches them");

    /// <inheritdoc />
    public void Dispose() => _turns.Dispose();

    /// <summary>Loads the models now rather than on the first comparison.</summary>
    public void WarmUp() => _ = _matcher.Value;

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ControlResult>> CompareAsync(IReadOnlyList<FacePicture> documents, FacePicture selfie, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(selfie);
        if (!await _turns.WaitAsync(_options.AcquireTimeout, cancellationToken).ConfigureAwait(false))
        {
            return [Control(ControlCodes.FaceMatch, ControlOutcome.Warning, "Face comparison was busy and did not start in time: a person compares the selfie with the portrait.")];
        }

        try
        {
            return Compare(_matcher.Value, documents, selfie, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A picture the networks cannot digest must not turn into a 5xx: a person compares instead.
            LogFailed(_logger, ex);
            return [Control(ControlCodes.FaceMatch, ControlOutcome.Warning, "Face comparison failed on these pictures: a person compares the selfie with the portrait.")];
        }
        finally
        {
            _turns.Release();
        }
    }

    private static List<ControlResult> Compare(FaceMatcher matcher, IReadOnlyList<FacePicture> documents, FacePicture selfie, CancellationToken cancellationToken)
    {
        var controls = new List<ControlResult>(4);

        var portraits = new List<(int Document, DetectedFace Face)>();
        var portraitProblems = new List<string>();
        for (var i = 0; i < documents.Count; i++)
        {
            var image = matcher.Decode(documents[i].Data.Span);
            if (image is null)
            {
                portraitProblems.Add($"document {i + 1}: the picture could not be decoded");
                continue;
            }

            var finding = matcher.FindPortrait(image, cancellationToken);
            if (finding.IsUsable)
            {
                portraits.Add((i + 1, finding.Face!));
            }
            else
            {
                portraitProblems.Add($"document {i + 1}: {finding.Detail}");
            }
        }

        controls.Add(documents.Count == 0
            ? Control(ControlCodes.FacePortrait, ControlOutcome.NotApplicable, "No picture of an identity document in this submission (PDFs are not searched for a portrait).")
            : portraits.Count > 0
                ? Control(ControlCodes.FacePortrait, ControlOutcome.Passed, string.Create(CultureInfo.InvariantCulture, $"A portrait of {portraits[0].Face.AlignedBox.Width:F0} px found on document {portraits[0].Document}."))
                : Control(ControlCodes.FacePortrait, ControlOutcome.Warning, "No usable portrait was found: " + string.Join("; ", portraitProblems) + "."));

        DetectedFace? selfieFace = null;
        var sameFile = documents.Select((d, i) => (d, i)).FirstOrDefault(x => x.d.Data.Span.SequenceEqual(selfie.Data.Span));
        var selfieImage = sameFile.d is null ? matcher.Decode(selfie.Data.Span) : null;
        if (sameFile.d is not null)
        {
            controls.Add(Control(ControlCodes.FaceSelfie, ControlOutcome.Warning, $"The selfie is the very file of document {sameFile.i + 1}, not a photograph of the holder."));
        }
        else if (selfieImage is null)
        {
            controls.Add(Control(ControlCodes.FaceSelfie, ControlOutcome.Warning, "The selfie could not be decoded as a picture (JPEG, PNG or WebP)."));
        }
        else
        {
            var finding = matcher.FindSelfieFace(selfieImage, cancellationToken);
            selfieFace = finding.Face;
            controls.Add(Control(ControlCodes.FaceSelfie, finding.IsUsable ? ControlOutcome.Passed : ControlOutcome.Warning, finding.Detail));
        }

        if (selfieFace is null || portraits.Count == 0)
        {
            controls.Add(Control(ControlCodes.FaceMatch, ControlOutcome.NotApplicable,
                selfieFace is null ? "No usable face in the selfie to compare." : "No portrait on the document to compare the selfie with."));
        }
        else
        {
            var comparison = matcher.Compare(portraits[0].Face.Descriptor, selfieFace.Descriptor);
            controls.Add(Control(ControlCodes.FaceMatch, Outcome(comparison.Verdict), Describe(comparison, $"the selfie and the portrait of document {portraits[0].Document}")));
        }

        var faces = portraits.Select(p => (Name: $"document {p.Document}", p.Face)).ToList();
        if (selfieFace is not null)
        {
            faces.Add(("the selfie", selfieFace));
        }

        if (faces.Count < 3)
        {
            controls.Add(Control(ControlCodes.FaceConsistency, ControlOutcome.NotApplicable,
                "Fewer than three faces in this submission (face.match compares the selfie with the portrait); faces of earlier submissions are not kept, so they are not compared."));
        }
        else
        {
            var worst = (Comparison: (FaceComparison?)null, Pair: "");
            for (var i = 0; i < faces.Count; i++)
            {
                for (var j = i + 1; j < faces.Count; j++)
                {
                    var comparison = matcher.Compare(faces[i].Face.Descriptor, faces[j].Face.Descriptor);
                    if (worst.Comparison is null || comparison.Distance > worst.Comparison.Distance)
                    {
                        worst = (comparison, $"{faces[i].Name} and {faces[j].Name}");
                    }
                }
            }

            controls.Add(Control(ControlCodes.FaceConsistency, Outcome(worst.Comparison!.Verdict), "Farthest pair: " + Describe(worst.Comparison, worst.Pair)));
        }

        return controls;
    }

    private static ControlOutcome Outcome(FaceVerdict verdict) => verdict switch
    {
        FaceVerdict.Match => ControlOutcome.Passed,
        FaceVerdict.Mismatch => ControlOutcome.Failed,
        _ => ControlOutcome.Warning,
    };

    private static string Describe(FaceComparison c, string pair) => string.Create(CultureInfo.InvariantCulture,
        $"{pair}: distance {c.Distance:F3} (same person below {c.Threshold:F2}; {c.Threshold - c.WarningBand:F2} to {c.Threshold + c.WarningBand:F2} is uncertain), similarity {c.Similarity:F3} against a threshold of {c.SimilarityThreshold:F3}.");

    private static ControlResult Control(string code, ControlOutcome outcome, string detail) =>
        new(code, code == ControlCodes.FaceConsistency ? ControlCategories.Consistency : ControlCategories.HolderMatch, outcome, detail);

    [LoggerMessage(EventId = 1801, Level = LogLevel.Warning, Message = "Face comparison failed; the controls ask a person to compare")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
