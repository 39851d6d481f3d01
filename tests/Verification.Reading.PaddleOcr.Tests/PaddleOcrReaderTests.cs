using Verification.Core.Documents;
using Verification.Core.Documents.Status;
using Verification.Core.Reading;
using Verification.Core.Verifications;
using Verification.Reading.Tesseract.Tests.Specimens;

namespace Verification.Reading.PaddleOcr.Tests;

/// <summary>The PaddleOCR reader on generated photos: what it must read exactly, and how it answers what it cannot.</summary>
public sealed class PaddleOcrReaderTests(PaddleOcrFixture fixture) : IClassFixture<PaddleOcrFixture>
{
    private static readonly IdentityDocumentChecker Checker = new(SpecimenGenerator.Clock());

    private IdentitySpecimen Passport => fixture.Identities.First(s => s.Kind == IdentityKind.Td3);

    private async Task<IdentityReading> ReadAsync(byte[] file, string mediaType = "image/jpeg")
    {
        var outcome = await fixture.Reader.ReadIdentityAsync(file, mediaType, CancellationToken.None);
        outcome.IsSuccess.Should().BeTrue(outcome.IsSuccess ? null : outcome.Failure.Detail);
        return outcome.Value;
    }

    private static IdentityCheckResult Check(IdentityReading reading) =>
        Checker.Check(reading.MrzText, null, null, reading.Reading, new MrzReadingEvidence { CharacterConfidence = reading.CharacterConfidence });

    [Fact]
    public async Task ReadsGeneratedPassportsCardsAndFrenchCardsExactlyAndSurely()
    {
        foreach (var specimen in fixture.Identities)
        {
            var reading = await ReadAsync(await File.ReadAllBytesAsync(specimen.Path));

            reading.Lines.Should().Equal(specimen.Lines, $"{specimen.Kind} {specimen.Distortion}");
            reading.CharacterConfidence.Should().NotBeNull();
            var check = Check(reading);
            check.Controls.Should().Contain(c => c.Code == ControlCodes.MrzReadingConfidence && c.Result == ControlOutcome.Passed, specimen.Distortion);
            check.Controls.Should().Contain(c => c.Code == ControlCodes.MrzCheckDigits && c.Result == ControlOutcome.Passed);
        }
    }

    [Theory]
    [InlineData(90)]
    [InlineData(180)]
    [InlineData(270)]
    public async Task ReadsAZoneTurnedByAQuarterOrAHalfTurn(int degrees)
    {
        var turned = await fixture.ConvertAsync(Passport.Path, $"turned-{degrees}.jpg", "-rotate", degrees.ToString(System.Globalization.CultureInfo.InvariantCulture));

        (await ReadAsync(turned)).Lines.Should().Equal(Passport.Lines);
    }

    [Theory]
    [InlineData(90, 8)]
    [InlineData(180, 3)]
    [InlineData(270, 6)]
    public async Task HonoursTheExifOrientationOfPhonePhotos(int degrees, int orientation)
    {
        // Pixels stored turned, with the EXIF tag that tells viewers how to show them upright.
        var file = WithExifOrientation(await fixture.ConvertAsync(Passport.Path, $"exif-{degrees}.jpg", "-rotate", degrees.ToString(System.Globalization.CultureInfo.InvariantCulture)), orientation);
        var original = Imaging.Photo.Decode(await File.ReadAllBytesAsync(Passport.Path), 4000)!;

        var upright = Imaging.Photo.Decode(file, 4000)!;

        (upright.Width, upright.Height).Should().Be((original.Width, original.Height));
        (await ReadAsync(file)).Lines.Should().Equal(Passport.Lines);
    }

    [Fact]
    public async Task ReadsAPassportLyingInASmallPartOfATwelveMegapixelPhoto()
    {
        // A passport 800 pixels wide on a table photographed at 4000 x 3000: at the detector's sizes its print is 3 to 6
        // pixels high; the part of the photo that holds text is looked at again at its own resolution.
        var far = await fixture.ConvertAsync(Passport.Path, "far.jpg", "-resize", "800x", "-background", "#8a7f70", "-gravity", "center", "-extent", "4000x3000");

        (await ReadAsync(far)).Lines.Should().Equal(Passport.Lines);
    }

    [Theory]
    [InlineData(0, 600)]
    [InlineData(1, 500)]
    [InlineData(2, 600)]
    public async Task ReadsSmallPhotosWhoseCharactersAreAboutTenPixelsHigh(int index, int width)
    {
        var specimen = fixture.Identities[index];
        var kind = specimen.Kind;
        var small = await fixture.ConvertAsync(specimen.Path, $"small-{kind}-{width}.jpg", "-resize", $"{width}x");

        (await ReadAsync(small)).Lines.Should().Equal(specimen.Lines);
    }

    [Fact]
    public async Task NeverPassesAZoneItCouldNotReadSurelyOnAPhotoTooSmallToRead()
    {
        // About five pixels a character: what is read must be flagged or refused, never silently conform or fraudulent.
        var tiny = await fixture.ConvertAsync(Passport.Path, "tiny.jpg", "-resize", "260x");

        var reading = await ReadAsync(tiny);
        var check = Check(reading);

        if (!reading.Lines.SequenceEqual(Passport.Lines))
        {
            check.Status.Should().NotBe(AnalysisStatus.Conform).And.NotBe(AnalysisStatus.Fraudulent);
        }
    }

    [Fact]
    public async Task ReadsATwelveMegapixelPhotoAtItsWorkingSize()
    {
        var large = await fixture.ConvertAsync(Passport.Path, "large.jpg", "-resize", "4000x3000!");

        (await ReadAsync(large)).Lines.Should().Equal(Passport.Lines);
    }

    [Fact]
    public async Task RefusesAJpegThatClaimsSixtyThousandPixelsSquareBeforeDecodingIt()
    {
        byte[] bomb =
        [
            0xFF, 0xD8, // start of image
            0xFF, 0xC0, 0x00, 0x11, 0x08, 0xEA, 0x60, 0xEA, 0x60, 0x03, // baseline frame: 8 bits, 60000 x 60000, 3 components
            0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
            0xFF, 0xD9, // end of image
        ];

        var outcome = await fixture.Reader.ReadIdentityAsync(bomb, "image/jpeg", CancellationToken.None);

        outcome.IsSuccess.Should().BeFalse();
        outcome.Failure!.Code.Should().Be(ReaderFailures.UnsupportedCode);
    }

    [Fact]
    public async Task AnswersAStripOfOneByTwentyThousandPixelsWithNoZone()
    {
        using var strip = new SkiaSharp.SKBitmap(1, 20_000);
        strip.Erase(SkiaSharp.SKColors.White);
        using var png = strip.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);

        var reading = await ReadAsync(png.ToArray(), "image/png");

        reading.MrzText.Should().BeNull();
        reading.Reading.Should().Be(DocumentReading.MissingMrz);
    }

    [Fact]
    public async Task RefusesBytesThatAreNoImage()
    {
        var outcome = await fixture.Reader.ReadIdentityAsync("this is not a photo"u8.ToArray(), "image/jpeg", CancellationToken.None);

        outcome.Failure!.Code.Should().Be(ReaderFailures.UnsupportedCode);
    }

    [Fact]
    public async Task HandsWhatItDoesNotReadToNoOneWithoutAFallBack()
    {
        var outcome = await fixture.Reader.ReadIdentityAsync("%PDF-1.4"u8.ToArray(), "application/pdf", CancellationToken.None);

        outcome.Failure!.Code.Should().Be(ReaderFailures.UnsupportedCode);
    }

    /// <summary>The JPEG with an EXIF segment holding only the orientation tag, right after the start of image.</summary>
    private static byte[] WithExifOrientation(byte[] jpeg, int orientation)
    {
        byte[] exif =
        [
            0xFF, 0xE1, 0x00, 0x22, (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0x00, 0x00,
            (byte)'M', (byte)'M', 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08, // big-endian TIFF header, first IFD at 8
            0x00, 0x01, // one entry
            0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, (byte)orientation, 0x00, 0x00, // Orientation, SHORT, 1
            0x00, 0x00, 0x00, 0x00, // no next IFD
        ];
        return [.. jpeg.AsSpan(0, 2), .. exif, .. jpeg.AsSpan(2)];
    }
}
