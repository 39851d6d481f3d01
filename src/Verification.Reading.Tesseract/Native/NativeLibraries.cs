using System.Reflection;
using System.Runtime.InteropServices;

namespace Verification.Reading.Tesseract.Native;

/// <summary>
/// Loads Tesseract and Leptonica from the paths the options give and resolves the logical names of
/// <see cref="NativeMethods"/> to them. The first successful load wins for the process (a resolver is
/// per assembly); a later probe with other paths still reports its own files' availability.
/// </summary>
internal static class NativeLibraries
{
    private static readonly Lock Gate = new();
    private static IntPtr s_tesseract;
    private static IntPtr s_leptonica;
    private static bool s_resolverSet;

    /// <summary>Whether the libraries are loaded and the resolver maps to them.</summary>
    internal static bool Loaded => s_tesseract != IntPtr.Zero && s_leptonica != IntPtr.Zero;

    /// <summary>Tries to load both libraries; answers why not when one is missing.</summary>
    internal static bool TryLoad(string tesseractPath, string leptonicaPath, out string? problem)
    {
        lock (Gate)
        {
            if (!NativeLibrary.TryLoad(leptonicaPath, out var leptonica))
            {
                problem = "The Leptonica library cannot be loaded (install liblept5 / tesseract-ocr).";
                return false;
            }

            if (!NativeLibrary.TryLoad(tesseractPath, out var tesseract))
            {
                problem = "The Tesseract library cannot be loaded (install tesseract-ocr).";
                return false;
            }

            if (!Loaded)
            {
                s_leptonica = leptonica;
                s_tesseract = tesseract;
            }

            if (!s_resolverSet)
            {
                NativeLibrary.SetDllImportResolver(typeof(NativeLibraries).Assembly, Resolve);
                s_resolverSet = true;
            }

            problem = null;
            return true;
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) => libraryName switch
    {
        NativeMethods.Tesseract => s_tesseract,
        NativeMethods.Leptonica => s_leptonica,
        _ => IntPtr.Zero,
    };
}
