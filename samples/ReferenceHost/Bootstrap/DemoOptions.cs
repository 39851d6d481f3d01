namespace ReferenceHost.Bootstrap;

/// <summary>Demo data options (section <c>Verification:Demo</c>).</summary>
internal sealed class DemoOptions
{
    public const string SectionName = "Verification:Demo";

    /// <summary>Seed realistic demo verifications when the database has none. <c>./run.sh</c> turns it on.</summary>
    public bool Seed { get; set; }

    /// <summary>How many demo verifications to create.</summary>
    public int Verifications { get; set; } = 12;

    /// <summary>
    /// Draw photos of the demo's identity documents (needs ImageMagick and the OCR-B font; without them the seed goes
    /// on without photos). <c>false</c> seeds without drawing anything, as on a machine without those tools.
    /// </summary>
    public bool Photos { get; set; } = true;
}
