using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Verification.Core.ServiceAccounts;

namespace Verification.Storage.EfCore.Configurations;

internal sealed class ServiceUserConfiguration : IEntityTypeConfiguration<ServiceUser>
{
    public void Configure(EntityTypeBuilder<ServiceUser> builder)
    {
        builder.ToTable("ServiceUsers");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).HasMaxLength(26);
        builder.Property(u => u.TenantId).HasMaxLength(64);
        builder.Property(u => u.Name).HasMaxLength(100);
        builder.Property(u => u.SourceSystem).HasMaxLength(64);
        builder.Property(u => u.CreatedBy).HasMaxLength(128);
        builder.HasIndex(u => new { u.TenantId, u.Name }).IsUnique();
    }
}

internal sealed class ServiceTokenConfiguration : IEntityTypeConfiguration<ServiceToken>
{
    public void Configure(EntityTypeBuilder<ServiceToken> builder)
    {
        builder.ToTable("ServiceTokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasMaxLength(64);
        builder.Property(t => t.TenantId).HasMaxLength(64);
        builder.Property(t => t.ServiceUserId).HasMaxLength(26);
        builder.Property(t => t.Description).HasMaxLength(500);
        builder.Property(t => t.CreatedBy).HasMaxLength(128);
        builder.Property(t => t.Scopes).HasJsonConversion();
        // Seconds: portable across providers and comparable in SQL.
        builder.Property(t => t.ArchiveAfterExtract).HasConversion(v => v.HasValue ? (long?)v.Value.TotalSeconds : null, v => v.HasValue ? TimeSpan.FromSeconds(v.Value) : null);
        builder.Property(t => t.EncryptionKey).HasMaxLength(8000);
        builder.HasIndex(t => new { t.TenantId, t.ServiceUserId });
    }
}
