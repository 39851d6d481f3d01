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
    public async ValueTask<FaceReport> CompareAsync(FaceRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var selfieInvolved = request.Selfie is not null || request.Earlier.Any(e => e.Kind == EarlierFaceKind.Selfie);
        var code = selfieInvolved ? ControlCodes.FaceMatch : ControlCodes.FaceConsistency;
        if (!await _turns.WaitAsync(_options.AcquireTimeout, cancellationToken).ConfigureAwait(false))
        {
            return new FaceReport([Control(code, ControlOutcome.Warning, "Face comparison was busy and did not start in time: a person compares the faces.")], []);
        }

        try
        {
            return Compare(_matcher.Value, request, _options.PicturesInParallel, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A picture the networks cannot digest must not turn into a 5xx: a person compares instead.
            LogFailed(_logger, ex);
            return new FaceReport([Control(code, ControlOutcome.Warning, "Face comparison failed on these pictures: a person compares the faces.")], []);
        }
        finally
        {
            _turns.Release();
        }
    }

    private enum FaceRole
    {
        Portrait,
        Selfie,
    }

    private sealed record NamedFace(string Name, FaceRole Role, FaceDescriptor Descriptor, bool Earlier);

    /// <summary>What one picture of a comparison gave.</summary>
    private sealed record PictureFinding(RgbImage? Image, FaceFinding? Finding, FaceDescriptor? CropDescriptor, byte[]? Crop);

    private static FaceReport Compare(FaceMatcher matcher, FaceRequest request, int parallelism, CancellationToken cancellationToken)
    {
        var controls = new List<ControlResult>(4);
        var crops = new List<PortraitCrop>();
        var selfieInvolved = request.Selfie is not null || request.Earlier.Any(e => e.Kind == EarlierFaceKind.Selfie);

        // The pictures are independent until compared: the documents, the selfie and the stored pictures are analysed
        // side by side (PicturesInParallel), then the controls are built from their findings in order.
        var selfie = request.Selfie;
        var sameDocument = selfie is null ? -1 : request.Documents.ToList().FindIndex(d => d.Data.Span.SequenceEqual(selfie.Data.Span));
        var sameEarlier = selfie is null ? null : request.Earlier.FirstOrDefault(e => e.Kind == EarlierFaceKind.Document && e.Picture.Data.Span.SequenceEqual(selfie.Data.Span));
        var work = new List<Func<PictureFinding>>();
        foreach (var document in request.Documents)
        {
            work.Add(() =>
            {
                var image = matcher.Decode(document.Data.Span);
                if (image is null)
                {
                    return new PictureFinding(null, null, null, null);
                }

                var finding = matcher.FindPortrait(image, cancellationToken);
                var crop = finding.IsUsable && FaceAnalyzer.CropForDescriptor(image, finding.Face!) is { } cut ? cut.EncodePng() : null;
                return new PictureFinding(image, finding, null, crop);
            });
        }

        var selfieSlot = work.Count;
        if (selfie is not null && sameDocument < 0 && sameEarlier is null)
        {
            work.Add(() => matcher.Decode(selfie.Data.Span) is { } image
                ? new PictureFinding(image, matcher.FindSelfieFace(image, cancellationToken), null, null)
                : new PictureFinding(null, null, null, null));
        }

        var earlierSlot = work.Count;
        foreach (var stored in request.Earlier)
        {
            work.Add(() =>
            {
                if (matcher.Decode(stored.Picture.Data.Span) is not { } image)
                {
                    return new PictureFinding(null, null, null, null);
                }

                return stored.Kind switch
                {
                    EarlierFaceKind.PortraitCrop => new PictureFinding(image, null, matcher.DescribeCrop(image, cancellationToken), null),
                    EarlierFaceKind.Document => new PictureFinding(image, matcher.FindPortrait(image, cancellationToken), null, null),
                    _ => new PictureFinding(image, matcher.FindSelfieFace(image, cancellationToken), null, null),
                };
            });
        }

        var findings = new PictureFinding[work.Count];
        Parallel.For(0, work.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, i => findings[i] = work[i]());

        // The portraits of this submission's documents, each cut out as the descriptor saw it (stored as a picture).
        var portraits = new List<NamedFace>();
        var portraitProblems = new List<string>();
        for (var i = 0; i < request.Documents.Count; i++)
        {
            var found = findings[i];
            if (found.Image is null)
            {
                portraitProblems.Add($"document {i + 1}: the picture could not be decoded");
                continue;
            }

            var finding = found.Finding!;
            if (!finding.IsUsable)
            {
                portraitProblems.Add($"document {i + 1}: {finding.Detail}");
                continue;
            }

            portraits.Add(new NamedFace($"the portrait of document {i + 1}", FaceRole.Portrait, finding.Face!.Descriptor, false));
            if (found.Crop is { } crop)
            {
                crops.Add(new PortraitCrop(i, crop));
            }

            if (portraits.Count == 1)
            {
                controls.Add(Control(ControlCodes.FacePortrait, ControlOutcome.Passed, string.Create(CultureInfo.InvariantCulture,
                    $"A portrait of {finding.Face.AlignedBox.Width:F0} px found on document {i + 1} (detector score {finding.Face.Score:F2}).")));
            }
        }

        if (portraits.Count == 0 && request.Documents.Count > 0 && selfieInvolved)
        {
            controls.Add(Control(ControlCodes.FacePortrait, ControlOutcome.Warning, "No usable portrait was found: " + string.Join("; ", portraitProblems) + "."));
        }
        else if (request.Documents.Count == 0 && request.Selfie is not null)
        {
            controls.Add(Control(ControlCodes.FacePortrait, ControlOutcome.NotApplicable, request.Earlier.Count > 0
                ? "No picture of an identity document in this submission: the selfie is compared with the faces the verification holds."
                : "No picture of an identity document in this submission (PDFs are not searched for a portrait)."));
        }
        else if (portraits.Count > 0 && !selfieInvolved && request.Earlier.Count == 0 && portraits.Count < 2)
        {
            // Nothing to compare: the crop is kept for a later comparison, no control is added.
            controls.Clear();
        }

        // The selfie of this submission.
        NamedFace? selfieFace = null;
        if (selfie is not null)
        {
            if (sameDocument >= 0 || sameEarlier is not null)
            {
                var which = sameDocument >= 0 ? $"document {sameDocument + 1}" : sameEarlier!.Label;
                controls.Add(Control(ControlCodes.FaceSelfie, ControlOutcome.Warning, $"The selfie is the very file of {which}, not a photograph of the holder."));
            }
            else if (findings[selfieSlot].Finding is not { } finding)
            {
                controls.Add(Control(ControlCodes.FaceSelfie, ControlOutcome.Warning, "The selfie could not be decoded as a picture (JPEG, PNG or WebP), or it is larger than allowed."));
            }
            else
            {
                if (finding.IsUsable)
                {
                    selfieFace = new NamedFace("the selfie", FaceRole.Selfie, finding.Face!.Descriptor, false);
                }

                controls.Add(Control(ControlCodes.FaceSelfie, finding.IsUsable ? ControlOutcome.Passed : ControlOutcome.Warning, finding.Detail));
            }
        }

        // The faces of the earlier submissions, described again from their stored pictures (no descriptor is stored).
        var earlier = new List<NamedFace>();
        for (var j = 0; j < request.Earlier.Count; j++)
        {
            var (stored, found) = (request.Earlier[j], findings[earlierSlot + j]);
            if (found.CropDescriptor is { } descriptor)
            {
                earlier.Add(new NamedFace(stored.Label, FaceRole.Portrait, descriptor, true));
            }
            else if (found.Finding is { IsUsable: true } usable)
            {
                earlier.Add(stored.Kind == EarlierFaceKind.Document
                    ? new NamedFace("the portrait of " + stored.Label, FaceRole.Portrait, usable.Face!.Descriptor, true)
                    : new NamedFace(stored.Label, FaceRole.Selfie, usable.Face!.Descriptor, true));
            }
        }

        // face.match: this submission's selfie against a portrait (this submission's, else the latest stored one), or
        // this submission's portrait against the latest stored selfie.
        (NamedFace A, NamedFace B)? matchPair = null;
        if (request.Selfie is not null)
        {
            var portrait = portraits.FirstOrDefault() ?? earlier.LastOrDefault(f => f.Role == FaceRole.Portrait);
            if (selfieFace is null || portrait is null)
            {
                controls.Add(Control(ControlCodes.FaceMatch, ControlOutcome.NotApplicable, selfieFace is null
                    ? "No usable face in the selfie to compare."
                    : "No portrait in this verification yet to compare the selfie with; an identity document sent later is compared with it."));
            }
            else
            {
                matchPair = (selfieFace, portrait);
            }
        }
        else if (earlier.LastOrDefault(f => f.Role == FaceRole.Selfie) is { } storedSelfie)
        {
            if (portraits.Count > 0)
            {
                matchPair = (storedSelfie, portraits[0]);
            }
            else
            {
                controls.Add(Control(ControlCodes.FaceMatch, ControlOutcome.NotApplicable, $"No portrait on this document to compare with {storedSelfie.Name}."));
            }
        }
        else if (request.Earlier.Any(e => e.Kind == EarlierFaceKind.Selfie))
        {
            controls.Add(Control(ControlCodes.FaceMatch, ControlOutcome.NotApplicable, "The selfie stored earlier in this verification has no usable face to compare."));
        }

        if (matchPair is var (a, b))
        {
            var comparison = matcher.Compare(a.Descriptor, b.Descriptor);
            controls.Add(Control(ControlCodes.FaceMatch, Outcome(comparison.Verdict), Describe(comparison, $"{a.Name} and {b.Name}")));
        }

        // verification.face_consistency: every face of the verification against every other; the farthest pair decides.
        var faces = new List<NamedFace>(portraits);
        if (selfieFace is not null)
        {
            faces.Add(selfieFace);
        }

        faces.AddRange(earlier);
        var beyondMatch = faces.Count >= 3 || (faces.Count == 2 && matchPair is null);
        if (beyondMatch)
        {
            var worst = (Comparison: (FaceComparison?)null, Pair: "");
            for (var i = 0; i < faces.Count; i++)
            {
                for (var j = i + 1; j < faces.Count; j++)
                {
                    if (faces[i].Earlier && faces[j].Earlier)
                    {
                        // Pairs of earlier faces were judged when the later of the two arrived.
                        continue;
                    }

                    var comparison = matcher.Compare(faces[i].Descriptor, faces[j].Descriptor);
                    if (worst.Comparison is null || comparison.Distance > worst.Comparison.Distance)
                    {
                        worst = (comparison, $"{faces[i].Name} and {faces[j].Name}");
                    }
                }
            }

            if (worst.Comparison is not null)
            {
                controls.Add(Control(ControlCodes.FaceConsistency, Outcome(worst.Comparison.Verdict), string.Create(CultureInfo.InvariantCulture,
                    $"{faces.Count} faces in this verification ({earlier.Count} from earlier submissions); farthest pair: ") + Describe(worst.Comparison, worst.Pair)));
            }
        }
        else if (selfieInvolved || request.Earlier.Count > 0)
        {
            controls.Add(Control(ControlCodes.FaceConsistency, ControlOutcome.NotApplicable, matchPair is null
                ? "Fewer than two usable faces in this verification."
                : "The verification holds no face besides the two face.match compared."));
        }

        return new FaceReport(controls, crops);
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
