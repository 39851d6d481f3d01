using Microsoft.Extensions.Options;
using SkiaSharp;
using Verification.Core;
using Verification.Core.Reading;

namespace Verification.Reading.PaddleOcr.Tests;

/// <summary>The fall-back reader on identity photos this reader cannot settle: asked, and bounded by its budget.</summary>
public sealed class IdentityFallbackTests
{
    [PaddleOcrModelsFact]
    public async Task AbandonsAFallBackThatOutrunsItsBudgetAndAnswersWithItsOwnReading()
    {
        var fallback = new EndlessReader();
        using var reader = Create(fallback, TimeSpan.FromMilliseconds(300));

        var reading = await reader.ReadIdentityAsync(BlankPhoto(), "image/jpeg", CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromMinutes(1));

        reading.IsSuccess.Should().BeTrue();
        reading.Value.MrzText.Should().BeNull("a blank photo holds no zone, and the fall-back gave none in time");
        reading.Value.AlternativesTried.Should().Contain("fall-back out of time");
        fallback.Cancelled.Should().BeTrue("the fall-back was told to stop");
    }

    [PaddleOcrModelsFact]
    public async Task LeavesTheCallersCancellationToTheCaller()
    {
        using var reader = Create(new EndlessReader(), TimeSpan.FromMinutes(1));
        using var caller = new CancellationTokenSource(TimeSpan.FromSeconds(3));

        var reading = () => reader.ReadIdentityAsync(BlankPhoto(), "image/jpeg", caller.Token).AsTask().WaitAsync(TimeSpan.FromMinutes(1));

        await reading.Should().ThrowAsync<OperationCanceledException>("a request cancelled by its caller is not answered as if the fall-back ran out of time");
    }

    private static PaddleOcrDocumentReader Create(IDocumentReader fallback, TimeSpan fallbackBudget) =>
        new(Options.Create(new PaddleOcrReaderOptions { ModelDirectory = ModelFolder.Find(), WarmUpOnStart = false, FallbackBudget = fallbackBudget }), TimeProvider.System, fallback);

    private static byte[] BlankPhoto()
    {
        using var bitmap = new SKBitmap(640, 420);
        bitmap.Erase(SKColors.White);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }
}
