using System.Diagnostics;

namespace Verification.SpecimenBuilders;

/// <summary>Runs ImageMagick's <c>convert</c> (Debian package <c>imagemagick</c>) with an argument list.</summary>
internal static class ImageMagick
{
    public const string OcrbFont = "/usr/share/fonts/opentype/ocr-b/OCRB.otf";

    public static bool IsAvailable =>
        File.Exists(OcrbFont) && (File.Exists("/usr/bin/convert") || File.Exists("/usr/local/bin/convert"));

    public static async Task RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(File.Exists("/usr/bin/convert") ? "/usr/bin/convert" : "convert")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("convert failed: " + await error);
        }
    }
}
