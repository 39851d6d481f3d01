using System.Runtime.InteropServices;

namespace Verification.Reading.Tesseract.Native;

/// <summary>
/// The parts of Tesseract's and Leptonica's C APIs the reader uses. The library names are logical: the
/// resolver of <see cref="NativeLibraries"/> maps them to the files the options name, so that a missing
/// library is found by the probe and never surfaces as a <see cref="DllNotFoundException"/> in a request.
/// </summary>
internal static partial class NativeMethods
{
    internal const string Tesseract = "verification-tesseract";
    internal const string Leptonica = "verification-leptonica";

    // Tesseract: TessBaseAPI.
    [LibraryImport(Tesseract)]
    internal static partial IntPtr TessBaseAPICreate();

    [LibraryImport(Tesseract)]
    internal static partial void TessBaseAPIDelete(IntPtr handle);

    [LibraryImport(Tesseract, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int TessBaseAPIInit3(TessApiHandle handle, string? dataPath, string language);

    [LibraryImport(Tesseract, StringMarshalling = StringMarshalling.Utf8)]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static partial bool TessBaseAPISetVariable(TessApiHandle handle, string name, string value);

    [LibraryImport(Tesseract)]
    internal static partial void TessBaseAPISetPageSegMode(TessApiHandle handle, int mode);

    [LibraryImport(Tesseract)]
    internal static unsafe partial void TessBaseAPISetImage(TessApiHandle handle, byte* imageData, int width, int height, int bytesPerPixel, int bytesPerLine);

    [LibraryImport(Tesseract)]
    internal static partial void TessBaseAPISetSourceResolution(TessApiHandle handle, int ppi);

    [LibraryImport(Tesseract)]
    internal static partial IntPtr TessBaseAPIGetUTF8Text(TessApiHandle handle);

    [LibraryImport(Tesseract)]
    internal static partial void TessBaseAPIClear(TessApiHandle handle);

    [LibraryImport(Tesseract)]
    internal static partial void TessDeleteText(IntPtr text);

    [LibraryImport(Tesseract)]
    internal static partial IntPtr TessVersion();

    // Leptonica: decoding and the few transforms that are faster or more careful there.
    [LibraryImport(Leptonica)]
    internal static unsafe partial IntPtr pixReadMem(byte* data, nuint size);

    [LibraryImport(Leptonica)]
    internal static unsafe partial int pixReadHeaderMem(byte* data, nuint size, out int format, out int width, out int height, out int bitsPerSample, out int samplesPerPixel, out int colormap);

    [LibraryImport(Leptonica)]
    internal static partial void pixDestroy(ref IntPtr pix);

    [LibraryImport(Leptonica)]
    internal static partial IntPtr pixConvertTo8(PixHandle pix, int colormapFlag);

    [LibraryImport(Leptonica)]
    internal static partial IntPtr pixDeskewGeneral(PixHandle pix, int reduceSweep, float sweepRange, float sweepDelta, int reduceSearch, int threshold, out float angle, out float confidence);

    [LibraryImport(Leptonica)]
    internal static partial IntPtr pixRotate(PixHandle pix, float radians, int type, int incolor, int width, int height);

    [LibraryImport(Leptonica)]
    internal static partial int pixGetWidth(PixHandle pix);

    [LibraryImport(Leptonica)]
    internal static partial int pixGetHeight(PixHandle pix);

    [LibraryImport(Leptonica)]
    internal static partial int pixGetDepth(PixHandle pix);

    [LibraryImport(Leptonica)]
    internal static partial int pixGetWpl(PixHandle pix);

    [LibraryImport(Leptonica)]
    internal static partial IntPtr pixGetData(PixHandle pix);

    [LibraryImport(Leptonica)]
    internal static partial IntPtr pixCreate(int width, int height, int depth);
}

/// <summary>An initialised <c>TessBaseAPI</c>, deleted once.</summary>
internal sealed class TessApiHandle : SafeHandle
{
    public TessApiHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    internal static TessApiHandle Create()
    {
        var created = new TessApiHandle();
        created.SetHandle(NativeMethods.TessBaseAPICreate());
        return created;
    }

    protected override bool ReleaseHandle()
    {
        NativeMethods.TessBaseAPIDelete(handle);
        return true;
    }
}

/// <summary>A Leptonica <c>PIX</c>, destroyed once.</summary>
internal sealed class PixHandle : SafeHandle
{
    public PixHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    internal static PixHandle Own(IntPtr pix)
    {
        var owned = new PixHandle();
        owned.SetHandle(pix);
        return owned;
    }

    protected override bool ReleaseHandle()
    {
        var pix = handle;
        NativeMethods.pixDestroy(ref pix);
        return true;
    }
}
