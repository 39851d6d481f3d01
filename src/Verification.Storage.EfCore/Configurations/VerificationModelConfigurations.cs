using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Verification.Core.Audit;
using Verification.Core.Tenants;
using Verification.Core.Verifications;

namespace Verification.Storage.EfCore.Configurations;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.ToTable("Tenants");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).HasMaxLength(64);
        builder.Property(t => t.Name).HasMaxLength(200);
    }
}

internal sealed class VerificationFolderConfiguration : IEntityTypeConfiguration<VerificationFolder>
{
    public void Configure(EntityTypeBuilder<VerificationFolder> builder)
    {
        builder.ToTable("Verifications");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).HasMaxLength(26);
        builder.Property(f => f.TenantId).HasMaxLength(64);
        builder.Property(f => f.VerificationId).HasMaxLength(128);
        builder.Property(f => f.Department).HasMaxLength(64);
        builder.Property(f => f.Status).HasMaxLength(32);
        builder.Property(f => f.Version).IsConcurrencyToken();
        builder.HasIndex(f => new { f.TenantId, f.VerificationId }).IsUnique();
        builder.HasIndex(f => new { f.TenantId, f.Status });
        builder.HasIndex(f => new { f.TenantId, f.UpdatedAt });
        builder.Property(f => f.WrappedDataKey).HasMaxLength(200);
        // The sweeper's queries: due after an extraction, and (retention) by creation time.
        builder.HasIndex(f => f.ArchiveDueAt);
        builder.HasIndex(f => new { f.ArchivedAt, f.CreatedAt });
        builder.HasMany(f => f.Certificates).WithOne().HasForeignKey(c => c.FolderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(f => f.Analyses).WithOne().HasForeignKey(a => a.FolderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(f => f.History).WithOne().HasForeignKey(e => e.FolderId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(f => f.Outbox).WithOne().HasForeignKey(m => m.FolderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AnalysisConfiguration : IEntityTypeConfiguration<Analysis>
{
    public void Configure(EntityTypeBuilder<Analysis> builder)
    {
        builder.ToTable("Analyses");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).HasMaxLength(26);
        builder.Property(a => a.TenantId).HasMaxLength(64);
        builder.Property(a => a.FolderId).HasMaxLength(26);
        builder.Property(a => a.DocumentType).HasMaxLength(32);
        builder.Property(a => a.DocumentCategory).HasMaxLength(64);
        builder.Property(a => a.StatusCode).HasMaxLength(16);
        builder.Property(a => a.Channel).HasMaxLength(16);
        builder.Property(a => a.ServiceUserId).HasMaxLength(64);
        builder.Property(a => a.TokenId).HasMaxLength(64);
        builder.Property(a => a.SourceTag).HasMaxLength(64);
        builder.Property(a => a.Department).HasMaxLength(64);
        builder.Property(a => a.DecidedBy).HasMaxLength(128);
        builder.Property(a => a.DecisionComment).HasMaxLength(2000);
        // Identity attributes are never stored in clear: the store keeps them sealed under the verification's
        // data key (SealedFields) and a blind index of the name words for search (NameIndex).
        builder.Ignore(a => a.Fields);
        builder.Property<byte[]>(AnalysisShadow.SealedFields).HasMaxLength(16000);
        builder.Property<string>(AnalysisShadow.NameIndex).HasMaxLength(1000);
        builder.Property(a => a.Controls).HasJsonConversion();
        builder.Ignore(a => a.Status);
        builder.HasIndex(a => new { a.TenantId, a.CreatedAt });
        builder.HasMany(a => a.Files).WithOne().HasForeignKey(f => f.AnalysisId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DocumentFileConfiguration : IEntityTypeConfiguration<DocumentFile>
{
    public void Configure(EntityTypeBuilder<DocumentFile> builder)
    {
        builder.ToTable("DocumentFiles");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).HasMaxLength(26);
        builder.Property(f => f.AnalysisId).HasMaxLength(26);
        builder.Property(f => f.MediaType).HasMaxLength(100);
        builder.Property(f => f.Sha256).HasMaxLength(64);
        builder.Property(f => f.BlobKey).HasMaxLength(200);
        // The client's file name is personal data: sealed under the verification's data key, like the attributes.
        builder.Ignore(f => f.DisplayName);
        builder.Property<byte[]>(FileShadow.SealedDisplayName).HasMaxLength(1200);
        builder.Property(f => f.WrappedKey).HasMaxLength(200);
    }
}

internal sealed class VerificationCertificateConfiguration : IEntityTypeConfiguration<VerificationCertificate>
{
    public void Configure(EntityTypeBuilder<VerificationCertificate> builder)
    {
        builder.ToTable("VerificationCertificates");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(26);
        builder.Property(c => c.FolderId).HasMaxLength(26);
        builder.Property(c => c.AnalysisId).HasMaxLength(26);
        builder.Property(c => c.KeyId).HasMaxLength(64);
        builder.Property(c => c.Token).HasMaxLength(8000);
    }
}

/// <summary>Names of the shadow properties of <see cref="DocumentFile"/>.</summary>
internal static class FileShadow
{
    public const string SealedDisplayName = nameof(SealedDisplayName);
}

/// <summary>Names of the shadow properties of <see cref="Analysis"/>.</summary>
internal static class AnalysisShadow
{
    public const string SealedFields = nameof(SealedFields);
    public const string NameIndex = nameof(NameIndex);
}

internal sealed class VerificationEventConfiguration : IEntityTypeConfiguration<VerificationEvent>
{
    public void Configure(EntityTypeBuilder<VerificationEvent> builder)
    {
        builder.ToTable("VerificationEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(26);
        builder.Property(e => e.FolderId).HasMaxLength(26);
        builder.Property(e => e.AnalysisId).HasMaxLength(26);
        builder.Property(e => e.Kind).HasMaxLength(32);
        builder.Property(e => e.Actor).HasMaxLength(128);
        builder.Property(e => e.Detail).HasMaxLength(2000);
    }
}

internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> builder)
    {
        builder.ToTable("AuditCheckpoints");
        builder.HasKey(c => c.Sequence);
        builder.Property(c => c.Sequence).ValueGeneratedNever();
        builder.Property(c => c.Hash).HasMaxLength(64);
        builder.Property(c => c.KeyId).HasMaxLength(64);
        builder.Property(c => c.Signature).HasMaxLength(64);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.Property(e => e.TenantId).HasMaxLength(64);
        builder.Property(e => e.ActorType).HasMaxLength(32);
        builder.Property(e => e.ActorId).HasMaxLength(64);
        builder.Property(e => e.TokenId).HasMaxLength(64);
        builder.Property(e => e.Action).HasMaxLength(64);
        builder.Property(e => e.Route).HasMaxLength(256);
        builder.Property(e => e.TargetType).HasMaxLength(32);
        builder.Property(e => e.TargetId).HasMaxLength(128);
        builder.Property(e => e.Outcome).HasMaxLength(64);
        builder.Property(e => e.ClientAddress).HasMaxLength(64);
        builder.Property(e => e.UserAgent).HasMaxLength(256);
        builder.Property(e => e.PreviousHash).HasMaxLength(64);
        builder.Property(e => e.Hash).HasMaxLength(64);
        builder.HasIndex(e => new { e.TenantId, e.Sequence });
    }
}
