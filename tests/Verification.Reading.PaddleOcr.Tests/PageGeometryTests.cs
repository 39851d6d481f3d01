using Verification.Core.Documents.Mrz;
using Verification.Reading.PaddleOcr.Mrz;
using Verification.Reading.PaddleOcr.Text;

namespace Verification.Reading.PaddleOcr.Tests;

/// <summary>What the reader decides from the detector's lines alone, before recognising anything.</summary>
public sealed class PageGeometryTests
{
    private static TextBox Level(float x, float y, float length) => new(x, y, 1, 0, length, 20, 0.9f);

    private static TextBox Upright(float x, float y, float length) => new(x, y, 0, -1, length, 20, 0.9f);

    [Fact]
    public void TurnsAPhotoWhoseLongLinesRunUpOrDown()
    {
        // A passport photographed sideways: its zone and long lines upright, a few short level words (a stamp).
        List<TextBox> sideways = [Upright(300, 400, 600), Upright(340, 400, 600), Upright(200, 400, 300), Level(100, 100, 200), Level(100, 700, 180)];

        PhotoZoneReader.RunsUpOrDown(sideways).Should().BeTrue();
    }

    [Fact]
    public void LeavesALevelPageAsItIsWhateverItsShortWordsDo()
    {
        // A level page with upright side text (a card's vertical serial number) and short upright marks.
        List<TextBox> level = [Level(400, 600, 700), Level(400, 640, 700), Level(300, 200, 300), Upright(20, 300, 250), Upright(780, 300, 240)];

        PhotoZoneReader.RunsUpOrDown(level).Should().BeFalse();
    }

    [Fact]
    public void TriesThreeLinesOfOneLengthAsACardThenAsAPassportsTwoUnderAPageLine()
    {
        // Three long parallel lines evenly spaced: a card's zone, or a passport's two under a line as long.
        List<TextBox> three = [Level(400, 500, 700), Level(400, 530, 700), Level(400, 560, 700)];

        var groups = PhotoZoneReader.Groups(three);

        groups.Select(g => g.Count).Should().Equal(3, 2, 2);
        groups[1].Select(b => b.CenterY).Should().Equal(530, 560);
        groups[2].Select(b => b.CenterY).Should().Equal(500, 530);
    }

    [Fact]
    public void TakesACloserLookAtTextThatFillsASmallPartOfALargePhoto()
    {
        // A passport on a table in a 2400 x 1800 photo: its lines lie within 600 x 400 pixels.
        List<TextBox> page = [Level(1200, 800, 500), Level(1200, 1000, 560), Level(1200, 1030, 560)];

        var region = PhotoZoneReader.Region(page, 2400, 1800);

        region.Should().NotBeNull();
        var (x, y, width, height) = region!.Value;
        x.Should().BeLessThan(1200 - 280);
        (x + width).Should().BeGreaterThan(1200 + 280);
        y.Should().BeLessThan(800 - 10);
        (y + height).Should().BeGreaterThan(1030 + 10);
        width.Should().BeLessThanOrEqualTo(1200);
    }

    [Fact]
    public void TakesNoCloserLookWhenTheTextAlreadyFillsThePhoto()
    {
        List<TextBox> page = [Level(400, 100, 700), Level(400, 500, 760), Level(400, 530, 760)];

        PhotoZoneReader.Region(page, 800, 600).Should().BeNull();
        PhotoZoneReader.Region([], 800, 600).Should().BeNull();
    }

    [Fact]
    public void TellsAZoneReadRightToLeftAcrossThePhotoAsUpsideDown()
    {
        // Zone lines in their reading direction: left to right is upright, right to left (the photo upside down, or
        // turned a quarter the wrong way) is upside down; a line still running up or down the photo is neither.
        var upright = Level(400, 500, 700);

        PhotoZoneReader.ReadUpsideDown(upright).Should().BeFalse();
        PhotoZoneReader.ReadUpsideDown(upright.Reversed()).Should().BeTrue();
        PhotoZoneReader.ReadUpsideDown(upright with { Ux = -0.95f, Uy = 0.31f }).Should().BeTrue("tilted by 18 degrees, still right to left");
        PhotoZoneReader.ReadUpsideDown(Upright(400, 500, 700)).Should().BeFalse();
        PhotoZoneReader.ReadUpsideDown(Upright(400, 500, 700).Reversed()).Should().BeFalse();
    }

    [Theory]
    [InlineData("P<CZESPECIMEN<<VZOR<<<<<<<<<<<<<<<<<", true)]
    [InlineData("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", false)]
    public void LengthensAPassportsLinesReadAsATd2ToFortyFourColumnsAtTheirEnds(string names, bool passport)
    {
        // A passport's zone is a TD3: read in 36 columns, its lines were found short (the detector missed the ends
        // of their filler runs). A card's TD2 is left as read.
        List<TextBox> lines = [Level(400, 500, 720), Level(400, 530, 720)];
        var zone = new ZoneReading(MrzLayout.Td2, [names, "99006000<8CZE1102299F160906411522911"], [new float[36], new float[36]], 0, 0) { Boxes = lines };

        var longer = PhotoZoneReader.LinesOfAPassportReadShort(zone);

        if (!passport)
        {
            longer.Should().BeNull();
            return;
        }

        longer.Should().HaveCount(2);
        foreach (var (line, read) in longer!.Zip(lines))
        {
            line.Length.Should().BeApproximately(720 * 44f / 36, 0.01f);
            (line.CenterX - (line.Length / 2)).Should().BeApproximately(read.CenterX - (read.Length / 2), 0.01f, "the line's start (its document code) stays where it was read");
            line.CenterY.Should().Be(read.CenterY);
        }
    }
}
