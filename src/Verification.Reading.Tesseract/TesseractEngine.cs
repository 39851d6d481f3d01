using System.Runtime.InteropServices;
using Verification.Reading.Tesseract.Imaging;
using Verification.Reading.Tesseract.Native;

namespace Verification.Reading.Tesseract;

/// <summary>Tesseract's page segmentation modes the reader uses.</summary>
internal enum PageSegmentation
{
    /// <summary>Fully automatic page segmentation (bank-details sheets).</summary>
    Auto = 3,

    /// <summary>A single uniform block of text (the zone's band).</summary>
    SingleBlock = 6,
}

/// <summary>One initialised Tesseract engine. Not thread-safe: the pool hands it to one reader at a time.</summary>
internal sealed class TesseractEngine : IDisposable
{
    private readonly TessApiHandle _api;
    private string _whitelist = string.Empty;

    private TesseractEngine(TessApiHandle api) => _api = api;

    /// <summary>Creates and initialises an engine (loads the model: about 100 ms); <see langword="null"/> and why on failure.</summary>
    public static TesseractEngine? TryCreate(string tessdata, string language, out string? problem)
    {
        var api = TessApiHandle.Create();
        if (api.IsInvalid)
        {
            problem = "Tesseract could not create an engine.";
            return null;
        }

        if (NativeMethods.TessBaseAPIInit3(api, tessdata, language) != 0)
        {
            api.Dispose();
            problem = $"Tesseract could not load the '{language}' model.";
            return null;
        }

        // Diagnostics to stderr would interleave with the host's logs.
        NativeMethods.TessBaseAPISetVariable(api, "debug_file", "/dev/null");
        problem = null;
        return new TesseractEngine(api);
    }

    /// <summary>Reads the text of an image.</summary>
    public unsafe string Recognize(GrayImage image, PageSegmentation mode, string? whitelist = null, int ppi = 300)
    {
        whitelist ??= string.Empty;
        if (!string.Equals(whitelist, _whitelist, StringComparison.Ordinal))
        {
            NativeMethods.TessBaseAPISetVariable(_api, "tessedit_char_whitelist", whitelist);
            _whitelist = whitelist;
        }

        NativeMethods.TessBaseAPISetPageSegMode(_api, (int)mode);
        var pin = image.Pin();
        try
        {
            NativeMethods.TessBaseAPISetImage(_api, (byte*)pin.AddrOfPinnedObject(), image.Width, image.Height, 1, image.Width);
            NativeMethods.TessBaseAPISetSourceResolution(_api, ppi);
            var text = NativeMethods.TessBaseAPIGetUTF8Text(_api);
            try
            {
                return Marshal.PtrToStringUTF8(text) ?? string.Empty;
            }
            finally
            {
                if (text != IntPtr.Zero)
                {
                    NativeMethods.TessDeleteText(text);
                }
            }
        }
        finally
        {
            // The engine keeps a pointer to the image until cleared: clear before unpinning.
            NativeMethods.TessBaseAPIClear(_api);
            pin.Free();
        }
    }

    public void Dispose() => _api.Dispose();
}
