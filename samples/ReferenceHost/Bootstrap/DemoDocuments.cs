using System.Collections.Concurrent;
using System.Globalization;
using Verification.SpecimenBuilders;

namespace ReferenceHost.Bootstrap;

/// <summary>The kind of identity document a demo customer shows.</summary>
internal enum DemoIdentityKind
{
    /// <summary>A TD3 passport.</summary>
    Passport,

    /// <summary>A TD1 identity card.</summary>
    IdCard,

    /// <summary>The French identity card of 1988-2021 (2 x 36).</summary>
    FrenchCard,
}

/// <summary>An identity document made for the demo: its zone, and a photo of it when one could be drawn.</summary>
/// <param name="Kind">The document.</param>
/// <param name="MrzLines">The zone printed on it (empty for a photo whose zone is cut off).</param>
/// <param name="Photo">A JPEG of the document, or <see langword="null"/> when ImageMagick or the OCR-B font is missing.</param>
internal sealed record DemoIdentityDocument(DemoIdentityKind Kind, IReadOnlyList<string> MrzLines, byte[]? Photo);

/// <summary>
/// Draws the demo's documents: identity document photos with ImageMagick and the OCR-B font (zones built with
/// their check digits by <see cref="MrzBuilder"/>), and bank-details PDFs with a text layer (<see cref="MiniPdf"/>,
/// no external tool). The same builders make the reading tests' specimens. Photos are drawn clean and straight:
/// the demo shows what the product reads, not how it copes with a poor scan (the reading tests do that).
/// </summary>
internal static class DemoDocuments
{
    // One process may seed several databases (the HTTP tests start a host per fixture): a photo is drawn once.
    private static readonly ConcurrentDictionary<string, Lazy<Task<byte[]>>> Drawn = new(StringComparer.Ordinal);

    /// <summary>Whether photos can be drawn here, and why not.</summary>
    public static (bool Available, string Detail) PhotoSupport()
    {
        if (!File.Exists(ImageMagick.OcrbFont))
        {
            return (false, $"the OCR-B font is missing ({ImageMagick.OcrbFont}; Debian package fonts-ocr-b)");
        }

        return File.Exists("/usr/bin/convert") || File.Exists("/usr/local/bin/convert")
            ? (true, "ImageMagick and OCR-B")
            : (false, "ImageMagick's convert is missing (Debian package imagemagick)");
    }

    /// <summary>A photo of an identity document; <paramref name="withZone"/> false draws it with its zone cut off.</summary>
    public static async Task<byte[]> PhotoAsync(
        DemoIdentityKind kind, IReadOnlyList<string> lines, string surname, string givenNames, DateOnly birth, bool withZone, CancellationToken cancellationToken)
    {
        var (width, height, columns) = kind switch
        {
            DemoIdentityKind.Passport => (1250, 880, 44),
            DemoIdentityKind.IdCard => (1250, 790, 30),
            _ => (1250, 880, 36),
        };
        var title = kind switch
        {
            DemoIdentityKind.Passport => "PASSPORT / PASSEPORT",
            DemoIdentityKind.FrenchCard => "REPUBLIQUE FRANCAISE - CARTE NATIONALE D'IDENTITE",
            _ => "IDENTITY CARD / CARTE D'IDENTITE",
        };

        // OCR-B advances 0.72 em: the zone fills most of the width, as on documents.
        var pointSize = (width - 120) / (columns * 0.72) * 0.95;
        var lineGap = pointSize * 1.6;
        var args = new List<string>
        {
            "-size", $"{width}x{height}", "xc:#f1ede2",
            "-font", "DejaVu-Sans", "-fill", "#2a2a3a", "-pointsize", "34",
            "-annotate", "+60+70", title,
            "-fill", "#bdb6a8", "-draw", "rectangle 60,120 370,500",
            "-fill", "#8d8678", "-draw", "ellipse 215,290 95,125 0,360",
            "-fill", "#2a2a3a", "-pointsize", "24",
            "-annotate", "+420+160", "Surname / Nom",
            "-annotate", "+420+250", "Given names / Prenoms",
            "-annotate", "+420+340", "Date of birth / Date de naissance",
            "-pointsize", "34",
            "-annotate", "+420+200", surname,
            "-annotate", "+420+290", givenNames,
            "-annotate", "+420+380", birth.ToString("dd MM yyyy", CultureInfo.InvariantCulture),
        };
        if (withZone)
        {
            args.AddRange(["-font", ImageMagick.OcrbFont, "-fill", "#111111", "-pointsize", pointSize.ToString("0.0", CultureInfo.InvariantCulture)]);
            var lastBaseline = height - 50;
            for (var i = 0; i < lines.Count; i++)
            {
                var baseline = lastBaseline - ((lines.Count - 1 - i) * lineGap);
                args.AddRange(["-annotate", $"+45+{baseline.ToString("0", CultureInfo.InvariantCulture)}", lines[i]]);
            }
        }
        else
        {
            // The bottom of the card left the frame: a scan that misses the zone.
            args.AddRange(["-gravity", "north", "-crop", $"{width}x{height - 230}+0+0", "+repage"]);
        }

        args.AddRange(["-quality", "85"]);
        var key = string.Join('\u0001', args);
        var drawn = Drawn.GetOrAdd(key, _ => new Lazy<Task<byte[]>>(() => DrawAsync(args, cancellationToken)));
        try
        {
            return await drawn.Value.ConfigureAwait(false);
        }
        catch
        {
            // A failed drawing is not kept: the next seed tries again.
            Drawn.TryRemove(key, out _);
            throw;
        }
    }

    /// <summary>A one-page bank-details PDF with a text layer, as banks' online RIB exports are.</summary>
    public static byte[] BankDetailsPdf(string holder, string bankName, string iban, string bic, (string Bank, string Branch, string Account, string Key)? rib)
    {
        var lines = new List<string>
        {
            rib is null ? "BANK ACCOUNT DETAILS" : "RELEVE D'IDENTITE BANCAIRE",
            (rib is null ? "Account holder: " : "Titulaire du compte : ") + holder,
            (rib is null ? "Bank: " : "Domiciliation : ") + bankName,
        };
        if (rib is { } r)
        {
            lines.Add("Code banque   Code guichet   Numero de compte   Cle RIB");
            lines.Add($"{r.Bank}         {r.Branch}          {r.Account}        {r.Key}");
        }

        lines.Add("IBAN : " + IbanBuilder.Grouped(iban));
        lines.Add("BIC : " + bic);
        lines.Add("Document generated for the demonstration of Verification.");
        return MiniPdf.WithText(lines);
    }

    private static async Task<byte[]> DrawAsync(List<string> args, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("verification-demo-");
        try
        {
            var path = Path.Combine(folder.FullName, "document.jpg");
            await ImageMagick.RunAsync([.. args, path], cancellationToken).ConfigureAwait(false);
            return await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
