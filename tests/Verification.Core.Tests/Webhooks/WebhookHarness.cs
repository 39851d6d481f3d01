using Microsoft.Extensions.Logging;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Verification.Core.Stores;
using Verification.Core.Verifications;
using Verification.Core.Webhooks;
using Verification.Storage.Specification;

namespace Verification.Core.Tests.Webhooks;

/// <summary>A minimal <see cref="IMeterFactory"/> (Microsoft.Extensions.Diagnostics is not referenced here).</summary>
internal sealed class HarnessMeterFactory : IMeterFactory
{
    private readonly List<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options.Name, options.Version, options.Tags, scope: this);
        lock (_meters)
        {
            _meters.Add(meter);
        }

        return meter;
    }

    public void Dispose()
    {
        foreach (var meter in _meters)
        {
            meter.Dispose();
        }
    }
}

/// <summary>
/// Webhook delivery as a host registers it (in-memory stores, a manual clock, loopback allowed, no jitter),
/// with helpers to add endpoints and make decisions.
/// </summary>
internal sealed class WebhookHarness : IAsyncDisposable
{
    public const string Tenant = "default";

    private readonly SpecimenData _data = new();

    public WebhookHarness(Action<WebhookDeliveryOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<IMeterFactory, HarnessMeterFactory>();
        services.AddVerification()
            .UseInMemoryStores()
            .UseInMemoryWebhookStores()
            .AddWebhookDelivery(o =>
            {
                o.AllowLoopback = true;
                o.RetryJitter = 0;
                o.RequestTimeout = TimeSpan.FromSeconds(5);
                o.LeaseDuration = TimeSpan.FromSeconds(30);
                configure?.Invoke(o);
            });
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public CapturingLoggerProvider Logs { get; } = new();

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero));

    public ServiceProvider Services { get; }

    public WebhookDispatcher Dispatcher => Services.GetServices<IHostedService>().OfType<WebhookDispatcher>().Single();

    public IWebhookDeliveryStore Deliveries => Services.GetRequiredService<IWebhookDeliveryStore>();

    public IWebhookEndpointStore Endpoints => Services.GetRequiredService<IWebhookEndpointStore>();

    public async Task<IssuedWebhookSecret> AddEndpointAsync(string url)
    {
        await using var scope = Services.CreateAsyncScope();
        var added = await scope.ServiceProvider.GetRequiredService<WebhookEndpointManager>().AddAsync(Tenant, url, null, CancellationToken.None);
        return added.Value;
    }

    public async Task<T> WithManagerAsync<T>(Func<WebhookEndpointManager, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<WebhookEndpointManager>());
    }

    /// <summary>Creates a verification with one analysis and decides it through <see cref="VerificationManager"/>.</summary>
    public async Task<(VerificationFolder Folder, Analysis Analysis)> DecideAsync(DecisionKind decision = DecisionKind.Approve)
    {
        var folder = _data.NewFolder(Tenant, analyses: 1);
        await Services.GetRequiredService<IVerificationStore>().CreateAsync(folder, CancellationToken.None);
        await using var scope = Services.CreateAsyncScope();
        var decided = await scope.ServiceProvider.GetRequiredService<VerificationManager>()
            .DecideAsync(Tenant, folder.Analyses[0].Id, decision, "analyst:test", null, CancellationToken.None);
        return decided.Value;
    }

    public async Task<List<WebhookDelivery>> ListDeliveriesAsync()
    {
        var list = new List<WebhookDelivery>();
        await foreach (var delivery in Deliveries.ListAsync(new WebhookDeliveryQuery { TenantId = Tenant, Limit = 500 }, CancellationToken.None))
        {
            list.Add(delivery);
        }

        return list;
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}

/// <summary>Keeps every formatted log message, to check what reaches the logs.</summary>
internal sealed class CapturingLoggerProvider : Microsoft.Extensions.Logging.ILoggerProvider
{
    public System.Collections.Concurrent.ConcurrentQueue<string> Messages { get; } = new();

    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner) : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Messages.Enqueue(formatter(state, exception) + " " + state);
    }
}
