namespace Verification.AspNetCore;

/// <summary>Per-token rate limits of the API (section <c>Verification:RateLimits</c>): a token bucket per token.</summary>
public sealed class VerificationRateLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Verification:RateLimits";

    /// <summary>The name of the rate-limiting policy the API group uses.</summary>
    public const string PolicyName = "verification-per-token";

    /// <summary>Sustained requests per second per token. Default 200.</summary>
    public int PermitsPerSecond { get; set; } = 200;

    /// <summary>Burst size per token. Default 400.</summary>
    public int Burst { get; set; } = 400;
}
