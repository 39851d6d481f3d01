using Microsoft.Extensions.Options;

namespace Verification.Core.Webhooks;

/// <summary>Options of webhook delivery (configuration section <c>Verification:Webhooks</c>).</summary>
public sealed class WebhookDeliveryOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Verification:Webhooks";

    /// <summary>
    /// Development and tests only: accept endpoint URLs over <c>http</c> and addresses on loopback and private
    /// networks. Default <see langword="false"/>: <c>https</c> to public addresses only.
    /// </summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Whether this host runs the background dispatcher. Default <see langword="true"/>.</summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>How long the dispatcher waits when it found nothing to do. Default 1 s.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a claimed delivery stays reserved for the host that claimed it; after that another host may
    /// take it over (the first host died). Longer than <see cref="RequestTimeout"/>. Default 60 s.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How many deliveries one host claims and attempts at once. Default 32.</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>How long one attempt may take before it counts as failed. Default 15 s.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a rotated-out secret keeps signing next to the new one. Default 24 h.</summary>
    public TimeSpan SecretRotationGracePeriod { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// Multiplies every delay of the standard retry schedule; for tests that cannot wait five minutes
    /// (e.g. 0.001). Default 1: the specification's schedule.
    /// </summary>
    public double RetryDelayScale { get; set; } = 1;

    /// <summary>The fraction by which a retry delay moves either way. Default <see cref="RetrySchedule.DefaultJitter"/>.</summary>
    public double RetryJitter { get; set; } = RetrySchedule.DefaultJitter;

    /// <summary>
    /// How long finished deliveries (delivered, failed, cancelled) and fanned-out outbox messages are kept before the
    /// pruner deletes them; <see langword="null"/> keeps them forever. Default 30 days; at least one hour.
    /// </summary>
    public TimeSpan? Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the pruner looks for rows past <see cref="Retention"/>. Default 1 hour.</summary>
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many rows of each table one pruning batch deletes. Default 500; 1 to 10000.</summary>
    public int PruneBatchSize { get; set; } = 500;

    /// <summary>The retry schedule these options describe.</summary>
    public RetrySchedule CreateRetrySchedule() =>
        RetryDelayScale == 1
            ? new RetrySchedule(RetrySchedule.StandardDelays, RetryJitter, Random.Shared)
            : new RetrySchedule([.. RetrySchedule.StandardDelays.Select(d => d * RetryDelayScale)], RetryJitter, Random.Shared);
}

/// <summary>Validates <see cref="WebhookDeliveryOptions"/> at start-up, naming the faulty setting.</summary>
internal sealed class WebhookDeliveryOptionsValidator : IValidateOptions<WebhookDeliveryOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WebhookDeliveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string prefix = WebhookDeliveryOptions.SectionName + ":";
        var errors = new List<string>();
        if (options.PollInterval <= TimeSpan.Zero || options.PollInterval > TimeSpan.FromHours(1))
        {
            errors.Add(prefix + "PollInterval must be more than zero and at most one hour.");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.RequestTimeout > TimeSpan.FromMinutes(5))
        {
            errors.Add(prefix + "RequestTimeout must be more than zero and at most five minutes.");
        }

        if (options.LeaseDuration <= options.RequestTimeout || options.LeaseDuration > TimeSpan.FromHours(1))
        {
            errors.Add(prefix + "LeaseDuration must be longer than RequestTimeout and at most one hour.");
        }

        if (options.BatchSize is < 1 or > 1000)
        {
            errors.Add(prefix + "BatchSize must be from 1 to 1000.");
        }

        if (options.SecretRotationGracePeriod < TimeSpan.Zero || options.SecretRotationGracePeriod > TimeSpan.FromDays(30))
        {
            errors.Add(prefix + "SecretRotationGracePeriod must be from zero to 30 days.");
        }

        if (double.IsNaN(options.RetryDelayScale) || options.RetryDelayScale <= 0 || options.RetryDelayScale > 1)
        {
            errors.Add(prefix + "RetryDelayScale must be more than 0 and at most 1.");
        }

        if (options.Retention is { } retention && (retention < TimeSpan.FromHours(1) || retention > TimeSpan.FromDays(3650)))
        {
            errors.Add(prefix + "Retention must be from one hour to ten years, or unset to keep finished deliveries forever.");
        }

        if (options.PruneInterval < TimeSpan.FromSeconds(1) || options.PruneInterval > TimeSpan.FromDays(1))
        {
            errors.Add(prefix + "PruneInterval must be from one second to one day.");
        }

        if (options.PruneBatchSize is < 1 or > 10_000)
        {
            errors.Add(prefix + "PruneBatchSize must be from 1 to 10000.");
        }

        if (double.IsNaN(options.RetryJitter) || options.RetryJitter is < 0 or > 1)
        {
            errors.Add(prefix + "RetryJitter must be from 0 to 1.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
