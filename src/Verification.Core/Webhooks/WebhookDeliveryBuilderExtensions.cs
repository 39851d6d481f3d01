using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Verification.Core;
using Verification.Core.Stores;
using Verification.Core.Stores.InMemory;
using Verification.Core.Webhooks;
using Verification.Core.Webhooks.InMemory;

#pragma warning disable IDE0130 // Extension methods live in the DI namespace so they are found without a using.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers webhook delivery.</summary>
public static class WebhookDeliveryBuilderExtensions
{
    /// <summary>
    /// Adds webhook delivery: <see cref="WebhookDeliveryOptions"/> (bound to <c>Verification:Webhooks</c>,
    /// validated at start-up), the outbound address policy, the signer, the sender, the
    /// <see cref="WebhookEndpointManager"/>, delivery metrics (the host provides <c>IMeterFactory</c>, as every
    /// generic host does) and the <see cref="WebhookDispatcher"/> and <see cref="WebhookPruner"/> background services. Stores come from the
    /// storage adapter or <see cref="UseInMemoryWebhookStores"/>. Calling it twice is harmless.
    /// </summary>
    public static VerificationBuilder AddWebhookDelivery(this VerificationBuilder builder, Action<WebhookDeliveryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (!services.Any(d => d.ServiceType == typeof(IValidateOptions<WebhookDeliveryOptions>)))
        {
            services.AddOptions<WebhookDeliveryOptions>().BindConfiguration(WebhookDeliveryOptions.SectionName).ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookDeliveryOptions>, WebhookDeliveryOptionsValidator>());
        }

        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new OutboundAddressPolicy(sp.GetRequiredService<IOptions<WebhookDeliveryOptions>>().Value.AllowLoopback));
        services.TryAddSingleton(sp => new WebhookSigner(sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new WebhookConnector(sp.GetRequiredService<OutboundAddressPolicy>()));
        services.TryAddSingleton(sp => new WebhookSender(
            sp.GetRequiredService<WebhookConnector>(),
            sp.GetRequiredService<WebhookSigner>(),
            sp.GetRequiredService<OutboundAddressPolicy>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<WebhookDeliveryOptions>>().Value.RequestTimeout));
        services.TryAddSingleton<WebhookDeliveryMetrics>();
        services.TryAddScoped<WebhookEndpointManager>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, WebhookDispatcher>(sp => new WebhookDispatcher(
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<WebhookSender>(),
            sp.GetRequiredService<WebhookDeliveryMetrics>(),
            sp.GetRequiredService<IOptions<WebhookDeliveryOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<WebhookDispatcher>>())));
        services.TryAddSingleton<WebhookPruner>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, WebhookPruner>(sp => sp.GetRequiredService<WebhookPruner>()));
        return builder;
    }

    /// <summary>
    /// Keeps webhook endpoints and deliveries in memory, reading the outbox of the in-memory verification
    /// store (<see cref="VerificationBuilder.UseInMemoryStores"/>): for tests and demos.
    /// </summary>
    public static VerificationBuilder UseInMemoryWebhookStores(this VerificationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<IWebhookEndpointStore, InMemoryWebhookEndpointStore>();
        builder.Services.TryAddSingleton<IWebhookDeliveryStore>(sp => new InMemoryWebhookDeliveryStore(
            sp.GetRequiredService<IVerificationStore>() as InMemoryVerificationStore
                ?? throw new InvalidOperationException("In-memory webhook stores need the in-memory verification store (UseInMemoryStores)."),
            sp.GetRequiredService<IWebhookEndpointStore>()));
        return builder;
    }
}
