using Verification.Reading.PaddleOcr.Imaging;
using Verification.Reading.PaddleOcr.Mrz;
using Verification.Reading.Tesseract.Tests.Specimens;

namespace Verification.Reading.PaddleOcr.Tests;

/// <summary>Which way up a page is, and how long the search for a zone goes on, on generated photos.</summary>
public sealed class DirectionAndBudgetTests(PaddleOcrFixture fixture) : IClassFixture<PaddleOcrFixture>, IDisposable
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly PaddleOcrModels _models = PaddleOcrModels.Load(new PaddleOcrReaderOptions().ResolveModelDirectory(), 2);

    private IdentitySpecimen Passport => fixture.Identities.First(s => s.Kind == IdentityKind.Td3);

    public void Dispose() => _models.Dispose();

    [Fact]
    public async Task TellsAPageUpsideDownFromAnUprightOne()
    {
        var upright = Photo.Decode(await File.ReadAllBytesAsync(Passport.Path), 2400)!;
        var over = upright.Rotate(2);

        UpsideDown(upright).Should().BeLessThan(0.5f);
        UpsideDown(over).Should().BeGreaterThan(0.6f, "a photo whose text is upside down is turned over above 0.6");
    }

    [Fact]
    public async Task SearchesOnWhileItHasTimeButStopsAfterTheFirstAttemptOnceItsBudgetIsSpent()
    {
        // A large page with text but no zone: the passport's upper half, 2,000 pixels wide.
        var page = await fixture.ConvertAsync(Passport.Path, "no-zone.jpg", "-resize", "2000x", "-gravity", "north", "-crop", "100%x50%+0+0", "+repage");
        var photo = Photo.Decode(page, 2400)!;
        var reader = new PhotoZoneReader(_models);

        var unhurried = reader.Read(photo, TimeProvider.System, TimeSpan.FromMinutes(1), Ct);
        var hurried = reader.Read(photo, new JumpingClock(TimeSpan.FromSeconds(5)), TimeSpan.FromSeconds(2), Ct);

        unhurried.Zone.Should().BeNull();
        unhurried.Tried.Should().Contain(t => t.StartsWith("detect@736", StringComparison.Ordinal))
            .And.Contain(t => t.StartsWith("detect@1280", StringComparison.Ordinal), "a large photo is detected again at 1,280 pixels");
        hurried.Zone.Should().BeNull();
        hurried.Tried.Where(t => t.StartsWith("detect@", StringComparison.Ordinal) || t.StartsWith("closer look", StringComparison.Ordinal))
            .Should().ContainSingle("the first attempt is always made, and nothing after it once the budget is spent")
            .Which.Should().StartWith("detect@736");
    }

    [Fact]
    public async Task DetectsASmallPhotoAgainEnlargedWhenTheFirstDetectionSettledNothing()
    {
        // A small page with text but no zone (the passport's upper half, 700 pixels wide): detected at 736, then
        // enlarged to 960 (the ends of zone lines turned 12 to 40 degrees were found there), never at 1,280.
        var page = await fixture.ConvertAsync(Passport.Path, "small-no-zone.jpg", "-resize", "700x", "-gravity", "north", "-crop", "100%x50%+0+0", "+repage");
        var photo = Photo.Decode(page, 2400)!;

        var result = new PhotoZoneReader(_models).Read(photo, TimeProvider.System, TimeSpan.FromMinutes(1), Ct);

        result.Zone.Should().BeNull();
        result.Tried.Where(t => t.StartsWith("detect@", StringComparison.Ordinal)).Select(t => t[..t.IndexOf(':', StringComparison.Ordinal)])
            .Should().Equal("detect@736", "detect@960");
    }

    private float? UpsideDown(Photo photo) =>
        _models.Angles.UpsideDown(photo, PhotoZoneReader.LongestLines(_models.Detector.Detect(photo, 736, Ct)), Ct);

    /// <summary>A clock that moves on by <paramref name="step"/> every time it is read.</summary>
    private sealed class JumpingClock(TimeSpan step) : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Add(ref _ticks, step.Ticks);
    }
}
