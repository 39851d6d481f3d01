using System.Diagnostics;

namespace Verification.Reading.Tesseract.Pdf;

/// <summary>
/// Runs poppler's <c>pdftoppm</c> (scanned pages only; text is read by <see cref="PdfText"/>) on a PDF written to a private temporary file, with a
/// time limit, killing the process tree when it is exceeded, and a memory limit (through <c>prlimit</c>).
/// Arguments are passed as a list, never through a shell. Pages whose box is too large to render are refused
/// before <c>pdftoppm</c> starts (<see cref="PdfPageSize"/>), and what it renders is cropped to the pixel limit.
/// </summary>
internal sealed class PdfTools
{
    private readonly TesseractReaderOptions _options;

    public PdfTools(TesseractReaderOptions options) => _options = options;

    /// <summary>A failure when a page of <paramref name="pdf"/> is too large to render at the configured resolution.</summary>
    public Verification.Core.Failure? CheckPageSize(ReadOnlySpan<byte> pdf) => PdfPageSize.Check(pdf, _options.PdfRenderDpi, _options.MaxPixels);

    /// <summary>The first pages rendered as grey PNG files' bytes; empty when the tool failed or a page is too large to render.</summary>
    public async Task<IReadOnlyList<byte[]>> RenderAsync(ReadOnlyMemory<byte> pdf, int maxPages, CancellationToken cancellationToken)
    {
        if (CheckPageSize(pdf.Span) is not null)
        {
            return [];
        }

        using var work = new TempFolder();
        var input = await work.WriteAsync("in.pdf", pdf, cancellationToken).ConfigureAwait(false);
        var prefix = Path.Combine(work.Path, "page");
        var last = Math.Min(maxPages, _options.MaxPdfPages).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var dpi = _options.PdfRenderDpi.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // A box hidden in a compressed object stream escapes the check above: the crop area bounds the bitmap anyway.
        var side = ((long)Math.Sqrt(_options.MaxPixels)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!await RunAsync(_options.PdfToPpmPath, ["-gray", "-png", "-r", dpi, "-x", "0", "-y", "0", "-W", side, "-H", side, "-f", "1", "-l", last, input, prefix], cancellationToken).ConfigureAwait(false))
        {
            return [];
        }

        var pages = new List<byte[]>();
        foreach (var file in Directory.GetFiles(work.Path, "page*.png").Order(StringComparer.Ordinal))
        {
            pages.Add(await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false));
        }

        return pages;
    }

    private async Task<bool> RunAsync(string program, string[] arguments, CancellationToken cancellationToken)
    {
        // Under prlimit the tool's address space is capped: a page that still slips through fails to allocate
        // instead of growing to gigabytes.
        var limited = File.Exists(_options.PrlimitPath);
        var start = new ProcessStartInfo(limited ? _options.PrlimitPath : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (limited)
        {
            start.ArgumentList.Add("--as=" + _options.PdfToolMemoryLimitBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(program);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("The process did not start.");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }

        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.ProcessTimeout);
            var drainOut = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var drainErr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                return false;
            }

            await Task.WhenAll(drainOut, drainErr).ConfigureAwait(false);
            return process.ExitCode == 0;
        }
    }

    private sealed class TempFolder : IDisposable
    {
        public TempFolder()
        {
            Path = Directory.CreateTempSubdirectory("verification-pdf-").FullName;
        }

        public string Path { get; }

        public async Task<string> WriteAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
        {
            var file = System.IO.Path.Combine(Path, name);
            await File.WriteAllBytesAsync(file, content, cancellationToken).ConfigureAwait(false);
            return file;
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless; failing the read for it is not.
            }
        }
    }
}
