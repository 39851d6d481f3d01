using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Verification.Core.Webhooks;

namespace Verification.Storage.EfCore.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    /// <summary>
    /// When the message was fanned out into deliveries; a store concern (the core message is immutable), so a
    /// shadow property, written only by the delivery store.
    /// </summary>
    public const string DispatchedAt = "DispatchedAt";

    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("OutboxMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).HasMaxLength(40);
        builder.Property(m => m.FolderId).HasMaxLength(26);
        builder.Property(m => m.TenantId).HasMaxLength(64);
        builder.Property(m => m.EventType).HasMaxLength(64);
        builder.Property<DateTimeOffset?>(DispatchedAt);
        builder.HasIndex(DispatchedAt);
    }
}

internal sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.ToTable("WebhookEndpoints");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(26);
        builder.Property(e => e.TenantId).HasMaxLength(64);
        builder.Property(e => e.Url).HasMaxLength(OutboundAddressPolicy.MaxUrlLength);
        builder.Property(e => e.DisabledReason).HasMaxLength(200);
        builder.Property(e => e.Secret).HasMaxLength(100);
        builder.Property(e => e.PreviousSecret).HasMaxLength(100);
        builder.Property(e => e.EventTypes).HasJsonConversion();
        builder.HasIndex(e => e.TenantId);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> builder)
    {
        builder.ToTable("WebhookDeliveries");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).HasMaxLength(26);
        builder.Property(d => d.TenantId).HasMaxLength(64);
        builder.Property(d => d.EndpointId).HasMaxLength(26);
        builder.Property(d => d.MessageId).HasMaxLength(40);
        builder.Property(d => d.EventType).HasMaxLength(64);
        builder.Property(d => d.LeaseToken).HasMaxLength(32);
        builder.Property(d => d.LastError).HasMaxLength(32);
        builder.HasIndex(d => new { d.EndpointId, d.MessageId }).IsUnique();
        builder.HasIndex(d => new { d.State, d.NextAttemptAt });
        builder.HasIndex(d => new { d.TenantId, d.Id });
        builder.HasIndex(d => d.LeaseToken);
        builder.HasMany(d => d.Attempts).WithOne().HasForeignKey(a => a.DeliveryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WebhookDeliveryAttemptConfiguration : IEntityTypeConfiguration<WebhookDeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookDeliveryAttempt> builder)
    {
        builder.ToTable("WebhookDeliveryAttempts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasMaxLength(26);
        builder.Property(a => a.DeliveryId).HasMaxLength(26);
        builder.Property(a => a.Error).HasMaxLength(32);
    }
}
