using Microsoft.Extensions.Options;
using Verification.Core.Documents;
using Verification.Core.Reading;
using Verification.Core.Verifications;
using Xunit.Abstractions;

namespace Verification.Faces.Tests;

/// <summary>The <c>face.*</c> controls the comparer gives the document analysis.</summary>
public sealed class FaceComparerTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string CzechSpecimen = Path.Combine(FaceTestData.RepositoryRoot, "..", "shared", "real-photos", "ultimatemrz__Czech_passport_2005_MRZ_orient1_1300x1002.jpg");

    private readonly FaceComparer _comparer = new(Options.Create(new FaceComparerOptions { ModelDirectory = FaceTestData.ModelDirectory }));

    public void Dispose() => _comparer.Dispose();

    [ReferenceFact]
    public async Task TheSelfieOfTheDocumentHolderPasses()
    {
        var controls = await Compare([File.ReadAllBytes(Sample("sample2.jpg"))], Png(Selfie()));
        Result(controls, ControlCodes.FacePortrait).Should().Be(ControlOutcome.Passed);
        Result(controls, ControlCodes.FaceSelfie).Should().Be(ControlOutcome.Passed);
        Result(controls, ControlCodes.FaceMatch).Should().Be(ControlOutcome.Passed);
        Result(controls, ControlCodes.FaceConsistency).Should().Be(ControlOutcome.NotApplicable);
        controls.Single(c => c.Code == ControlCodes.FaceMatch).Detail.Should().Contain("distance").And.Contain("threshold");
        controls.Single(c => c.Code == ControlCodes.FaceMatch).Category.Should().Be(ControlCategories.HolderMatch);
    }

    [RealPhotoFact]
    public async Task AnotherPersonsSelfieFails()
    {
        var controls = await Compare([File.ReadAllBytes(CzechSpecimen)], Png(Selfie()));
        Result(controls, ControlCodes.FacePortrait).Should().Be(ControlOutcome.Passed);
        Result(controls, ControlCodes.FaceMatch).Should().Be(ControlOutcome.Failed);
    }

    [ReferenceFact]
    public async Task ThreeFacesOfOnePersonAreConsistent()
    {
        var document = File.ReadAllBytes(Sample("sample2.jpg"));
        var controls = await Compare([document, Png(Pictures.Jpeg(Pictures.Load(Sample("sample2.jpg")), 60))], Png(Selfie()));
        Result(controls, ControlCodes.FaceConsistency).Should().Be(ControlOutcome.Passed);
    }

    [FaceModelFact]
    public async Task ASelfieWithoutAFaceIsAWarningAndNoMatchIsMade()
    {
        var controls = await Compare([], Png(Pictures.Blank(640, 480, 200)));
        Result(controls, ControlCodes.FacePortrait).Should().Be(ControlOutcome.NotApplicable);
        Result(controls, ControlCodes.FaceSelfie).Should().Be(ControlOutcome.Warning);
        Result(controls, ControlCodes.FaceMatch).Should().Be(ControlOutcome.NotApplicable);
    }

    [FaceModelFact]
    public async Task TheDocumentItselfSentAsTheSelfieIsAWarning()
    {
        var document = Png(Pictures.Blank(64, 64, 90));
        var controls = await Compare([document], document);
        controls.Single(c => c.Code == ControlCodes.FaceSelfie).Detail.Should().Contain("very file of document 1");
        Result(controls, ControlCodes.FaceMatch).Should().Be(ControlOutcome.NotApplicable);
    }

    [FaceModelFact]
    public async Task BytesThatAreNotAPictureGiveWarningsNotExceptions()
    {
        var garbage = new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5 };
        var controls = await Compare([garbage], [.. garbage, 6]);
        Result(controls, ControlCodes.FacePortrait).Should().Be(ControlOutcome.Warning);
        Result(controls, ControlCodes.FaceSelfie).Should().Be(ControlOutcome.Warning);
        Result(controls, ControlCodes.FaceMatch).Should().Be(ControlOutcome.NotApplicable);
    }

    [ReferenceFact]
    public async Task ASelfieSentAloneLaterMatchesThePortraitCropStoredEarlier()
    {
        var first = await Report([File.ReadAllBytes(Sample("sample2.jpg"))], Png(Selfie()));
        var crop = first.Portraits.Should().ContainSingle().Which;
        crop.Document.Should().Be(0);

        var controls = await Compare([], Png(Pictures.Brightness(Selfie(), -15)), [new EarlierFace(EarlierFaceKind.PortraitCrop, "the portrait of analysis A", new FacePicture(crop.Png, "image/png"))]);

        Result(controls, ControlCodes.FacePortrait).Should().Be(ControlOutcome.NotApplicable);
        Result(controls, ControlCodes.FaceSelfie).Should().Be(ControlOutcome.Passed);
        Result(controls, ControlCodes.FaceMatch).Should().Be(ControlOutcome.Passed);
        controls.Single(c => c.Code == ControlCodes.FaceMatch).Detail.Should().Contain("the selfie and the portrait of analysis A");
        Result(controls, ControlCodes.FaceConsistency).Should().Be(ControlOutcome.NotApplicable);
    }

    [ReferenceFact]
    public async Task ADocumentSentAfterTheSelfieIsComparedWithItAndItsCropReturned()
    {
        var report = await Report([File.ReadAllBytes(Sample("sample2.jpg"))], null, [new EarlierFace(EarlierFaceKind.Selfie, "the selfie of analysis B", new FacePicture(Png(Selfie()), "image/png"))]);

        Result(report.Controls, ControlCodes.FacePortrait).Should().Be(ControlOutcome.Passed);
        report.Controls.Should().NotContain(c => c.Code == ControlCodes.FaceSelfie, "this submission has no selfie");
        Result(report.Controls, ControlCodes.FaceMatch).Should().Be(ControlOutcome.Passed);
        report.Portraits.Should().ContainSingle();
    }

    [RealPhotoFact]
    public async Task AnotherPersonsPassportSentThirdBreaksTheConsistencyOfTheVerification()
    {
        var first = await Report([File.ReadAllBytes(Sample("sample2.jpg"))], Png(Selfie()));
        EarlierFace[] earlier =
        [
            new(EarlierFaceKind.PortraitCrop, "the portrait of analysis A", new FacePicture(first.Portraits[0].Png, "image/png")),
            new(EarlierFaceKind.Selfie, "the selfie of analysis A", new FacePicture(Png(Selfie()), "image/png")),
        ];

        var controls = await Compare([File.ReadAllBytes(CzechSpecimen)], null, earlier);

        Result(controls, ControlCodes.FaceMatch).Should().Be(ControlOutcome.Failed);
        Result(controls, ControlCodes.FaceConsistency).Should().Be(ControlOutcome.Failed);
        controls.Single(c => c.Code == ControlCodes.FaceConsistency).Detail.Should().Contain("3 faces in this verification (2 from earlier submissions)");
    }

    [FaceModelFact]
    public async Task AStoredDocumentPictureSentAgainAsTheSelfieIsAWarning()
    {
        var document = Png(Pictures.Blank(64, 64, 90));
        var controls = await Compare([], document, [new EarlierFace(EarlierFaceKind.Document, "document 1 of analysis C", new FacePicture(document, "image/png"))]);
        controls.Single(c => c.Code == ControlCodes.FaceSelfie).Detail.Should().Contain("very file of document 1 of analysis C");
    }

    private async Task<IReadOnlyList<ControlResult>> Compare(IReadOnlyList<byte[]> documents, byte[]? selfie, IReadOnlyList<EarlierFace>? earlier = null) =>
        (await Report(documents, selfie, earlier)).Controls;

    private async Task<FaceReport> Report(IReadOnlyList<byte[]> documents, byte[]? selfie, IReadOnlyList<EarlierFace>? earlier = null)
    {
        var report = await _comparer.CompareAsync(
            new FaceRequest
            {
                Documents = documents.Select(d => new FacePicture(d, "image/jpeg")).ToList(),
                Selfie = selfie is null ? null : new FacePicture(selfie, "image/png"),
                Earlier = earlier ?? [],
            },
            CancellationToken.None);
        foreach (var control in report.Controls)
        {
            output.WriteLine($"{control.Code} {control.Result}: {control.Detail}");
        }

        return report;
    }

    private static ControlOutcome Result(IReadOnlyList<ControlResult> controls, string code) => controls.Single(c => c.Code == code).Result;

    private static string Sample(string name) => Path.Combine(FaceTestData.SampleDirectory, name);

    private static byte[] Png(RgbImage image)
    {
        var path = Path.GetTempFileName();
        try
        {
            Pictures.SavePng(image, path);
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The face of sample2 framed as a selfie, rotated a little and brightened so it is not the same pixels.</summary>
    private static RgbImage Selfie()
    {
        var photo = Pictures.Load(Sample("sample2.jpg"));
        var face = new FaceAnalyzer(FaceModels.Load(FaceTestData.ModelDirectory)).Analyze(photo, CancellationToken.None).Single().Box;
        var side = (int)(face.Width * 2.2);
        var x = Math.Clamp((int)(face.X + face.Width / 2 - side / 2), 0, photo.Width - side);
        var y = Math.Clamp((int)(face.Y + face.Height / 2 - side / 2), 0, photo.Height - side);
        return Pictures.Brightness(Pictures.Rotate(Pictures.Crop(photo, x, y, side, Math.Min((int)(side * 1.25), photo.Height - y)), 5), 20);
    }
}
