namespace Verification.Reading.PaddleOcr.Text;

/// <summary>
/// A line of text found in a photo: an oriented rectangle in the photo's pixels. <c>U</c> points along the line
/// (the reading direction is either way until recognised), <c>V</c> across it.
/// </summary>
internal readonly record struct TextBox(float CenterX, float CenterY, float Ux, float Uy, float Length, float Thickness, float Score)
{
    public float Vx => -Uy;

    public float Vy => Ux;

    public float Aspect => Length / Math.Max(1f, Thickness);

    /// <summary>The same box read the other way round.</summary>
    public TextBox Reversed() => this with { Ux = -Ux, Uy = -Uy };

    /// <summary>Distance from this box's centre to another's, across the line.</summary>
    public float Across(TextBox other) => ((other.CenterX - CenterX) * Vx) + ((other.CenterY - CenterY) * Vy);

    /// <summary>Distance from this box's centre to another's, along the line.</summary>
    public float Along(TextBox other) => ((other.CenterX - CenterX) * Ux) + ((other.CenterY - CenterY) * Uy);
}
