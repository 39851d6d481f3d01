using Verification.Core.Reading;
using Verification.Reading.Tesseract.Native;

namespace Verification.Reading.Tesseract;

/// <summary>
/// Probes whether Tesseract can run with the given options: both native libraries load and the language's
/// traineddata file exists. Cheap after the first call; hosts use it for their readiness check through
/// <see cref="IDocumentReader.Availability"/>.
/// </summary>
public static class TesseractAvailability
{
    private static readonly string[] KnownTessdataFolders =
    [
        "/usr/share/tesseract-ocr/5/tessdata",
        "/usr/share/tesseract-ocr/4.00/tessdata",
        "/usr/share/tessdata",
        "/usr/local/share/tessdata",
        "/opt/homebrew/share/tessdata",
    ];

    /// <summary>Probes the libraries and the language data the options name.</summary>
    public static ReaderAvailability Probe(TesseractReaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Probe(options, out _);
    }

    internal static ReaderAvailability Probe(TesseractReaderOptions options, out string? tessdata)
    {
        tessdata = FindTessdata(options);
        if (tessdata is null)
        {
            return new(false, $"No '{options.Language}.traineddata' was found (set {nameof(TesseractReaderOptions.TessdataPath)} or install tesseract-ocr-{options.Language}).");
        }

        if (!NativeLibraries.TryLoad(options.LibraryPath, options.LeptonicaPath, out var problem))
        {
            return new(false, problem!);
        }

        return new(true, $"Tesseract {Version()} with '{options.Language}'.");
    }

    internal static string? FindTessdata(TesseractReaderOptions options)
    {
        var file = options.Language + ".traineddata";
        if (options.TessdataPath is { } configured)
        {
            return File.Exists(Path.Combine(configured, file)) ? configured : null;
        }

        var prefix = Environment.GetEnvironmentVariable("TESSDATA_PREFIX");
        if (!string.IsNullOrEmpty(prefix))
        {
            foreach (var candidate in new[] { prefix, Path.Combine(prefix, "tessdata") })
            {
                if (File.Exists(Path.Combine(candidate, file)))
                {
                    return candidate;
                }
            }
        }

        foreach (var folder in KnownTessdataFolders)
        {
            if (File.Exists(Path.Combine(folder, file)))
            {
                return folder;
            }
        }

        return null;
    }

    private static string Version()
    {
        try
        {
            return System.Runtime.InteropServices.Marshal.PtrToStringUTF8(NativeMethods.TessVersion()) ?? "5";
        }
        catch (EntryPointNotFoundException)
        {
            return "5";
        }
    }
}
