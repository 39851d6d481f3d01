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
        // The secrets are kept wrapped under the master key (VerificationProtector.ProtectSecret): the store seals
        // them into these columns and opens them on the way out; rows written in clear by earlier versions still read.
        builder.Ignore(e => e.Secret);
        builder.Ignore(e => e.PreviousSecret);
        builder.Property<string>(WebhookEndpointShadow.StoredSecret).HasColumnName("Secret").HasMaxLength(WebhookEndpointShadow.MaxLength).IsRequired();
        builder.Property<string?>(WebhookEndpointShadow.StoredPreviousSecret).HasColumnName("PreviousSecret").HasMaxLength(WebhookEndpointShadow.MaxLength);
        builder.Property(e => e.EventTypes).HasJsonConversion();
        builder.HasIndex(e => e.TenantId);
    }
}

/// <summary>The stored (protected) forms of an endpoint's secrets, written only by the endpoint store.</summary>
internal static class WebhookEndpointShadow
{
    public const string StoredSecret = "StoredSecret";
    public const string StoredPreviousSecret = "StoredPreviousSecret";

    /// <summary>A protected secret of 64 key bytes takes about 210 characters; room for a longer master key id.</summary>
    public const int MaxLength = 400;

    /// <summary>What protects them: the purpose bound into the ciphertext, with the endpoint id.</summary>
    public const string CurrentPurpose = "webhook-secret";
    public const string PreviousPurpose = "webhook-previous-secret";
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
