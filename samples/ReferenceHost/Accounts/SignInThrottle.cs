namespace ReferenceHost.Accounts;

/// <summary>
/// Counts failed sign-ins per account (the normalised e-mail, known or not, so that the throttle tells nothing
/// about which accounts exist) and per client address, over a sliding window; while either is over its limit,
/// sign-ins are refused before the password is even checked. Kept in memory, per host instance.
/// </summary>
public sealed class SignInThrottle(TimeProvider timeProvider)
{
    private const int MaxTrackedKeys = 100_000;
    private readonly Dictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>When the sign-in may be tried again, or <see langword="null"/> when it may be tried now.</summary>
    public DateTimeOffset? BlockedUntil(string accountKey, string? address, SignInThrottleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            var byAccount = Until(Key("account", accountKey), options.MaxFailuresPerAccount, options.Window, now);
            var byAddress = address is null ? null : Until(Key("address", address), options.MaxFailuresPerAddress, options.Window, now);
            return byAccount > byAddress || byAddress is null ? byAccount : byAddress;
        }
    }

    /// <summary>Records a failed sign-in.</summary>
    public void Failed(string accountKey, string? address, SignInThrottleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            if (_failures.Count > MaxTrackedKeys)
            {
                foreach (var stale in _failures.Where(f => f.Value.Count == 0 || f.Value.Peek() <= now - options.Window).Select(f => f.Key).ToList())
                {
                    _failures.Remove(stale);
                }
            }

            Add(Key("account", accountKey), now);
            if (address is not null)
            {
                Add(Key("address", address), now);
            }
        }
    }

    /// <summary>Forgets the failures of an account after it signed in.</summary>
    public void Succeeded(string accountKey)
    {
        lock (_lock)
        {
            _failures.Remove(Key("account", accountKey));
        }
    }

    private static string Key(string kind, string value) => kind + ":" + value;

    private void Add(string key, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var times))
        {
            times = new Queue<DateTimeOffset>();
            _failures[key] = times;
        }

        times.Enqueue(now);
    }

    private DateTimeOffset? Until(string key, int limit, TimeSpan window, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var times))
        {
            return null;
        }

        while (times.Count > 0 && times.Peek() <= now - window)
        {
            times.Dequeue();
        }

        if (times.Count == 0)
        {
            _failures.Remove(key);
            return null;
        }

        // Blocked until enough of the failures have left the window to fall under the limit.
        return times.Count >= limit ? times.ElementAt(times.Count - limit) + window : null;
    }
}

/// <summary>Limits on failed back-office sign-ins (configuration <c>Verification:SignIn</c>).</summary>
public sealed class SignInThrottleOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Verification:SignIn";

    /// <summary>Failed sign-ins of one account within <see cref="Window"/> before it waits. Default 5.</summary>
    public int MaxFailuresPerAccount { get; set; } = 5;

    /// <summary>Failed sign-ins from one client address within <see cref="Window"/> before it waits. Default 20.</summary>
    public int MaxFailuresPerAddress { get; set; } = 20;

    /// <summary>The sliding window failures are counted over (and the longest wait). Default 15 minutes.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>Refuses limits that would never throttle or always throttle, naming the setting.</summary>
internal sealed class SignInThrottleOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<SignInThrottleOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, SignInThrottleOptions options) =>
        options.MaxFailuresPerAccount < 1 || options.MaxFailuresPerAddress < 1 || options.Window <= TimeSpan.Zero
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail("Verification:SignIn:MaxFailuresPerAccount and MaxFailuresPerAddress must be at least 1, and Verification:SignIn:Window positive.")
            : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
}
