using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

#nullable disable

namespace Verification.Storage.EfCore.Migrations.Sqlite;

/// <summary>
/// The model as the migrations leave it, written by hand (the EF design-time tools are not used here).
/// Keep it in step with every new migration: a test fails when it and the live model disagree.
/// </summary>
[DbContext(typeof(SqliteVerificationDbContext))]
internal sealed class SqliteVerificationDbContextModelSnapshot : ModelSnapshot
{
    protected override void BuildModel(ModelBuilder modelBuilder)
    {
        modelBuilder.HasAnnotation("ProductVersion", "10.0.11");

        modelBuilder.Entity("Verification.Storage.EfCore.Blobs.BlobChunk", b =>
        {
            b.Property<string>("Key")
                .HasMaxLength(32)
                .HasColumnType("TEXT");

            b.Property<int>("Index")
                .HasColumnType("INTEGER");

            b.Property<byte[]>("Data")
                .IsRequired()
                .HasColumnType("BLOB");

            b.HasKey("Key", "Index");

            b.ToTable("BlobChunks");
        });

        modelBuilder.Entity("Verification.Core.Analysts.Analyst", b =>
        {
            b.Property<string>("Id")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("TEXT");

            b.Property<long>("CreatedAt")
                .HasColumnType("INTEGER");

            b.Property<string>("Departments")
                .IsRequired()
                .HasColumnType("TEXT");

            b.Property<string>("Email")
                .IsRequired()
                .HasMaxLength(256)
                .HasColumnType("TEXT");

            b.Property<bool>("Enabled")
                .HasColumnType("INTEGER");

            b.Property<long?>("LastLoginAt")
                .HasColumnType("INTEGER");

            b.Property<string>("NormalizedEmail")
                .IsRequired()
                .HasMaxLength(256)
                .HasColumnType("TEXT");

            b.Property<string>("PasswordHash")
                .IsRequired()
                .HasMaxLength(256)
                .HasColumnType("TEXT");

            b.Property<string>("Role")
                .IsRequired()
                .HasMaxLength(16)
                .HasColumnType("TEXT");

            b.Property<string>("SecurityStamp")
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.Property<string>("TenantId")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.HasKey("Id");

            b.HasIndex("TenantId", "NormalizedEmail")
                .IsUnique();

            b.ToTable("Analysts");
        });

        modelBuilder.Entity("Verification.Core.Audit.AuditCheckpoint", b =>
        {
            b.Property<long>("Sequence")
                .HasColumnType("INTEGER");

            b.Property<long>("CreatedAt")
                .HasColumnType("INTEGER");

            b.Property<string>("Hash")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.Property<string>("KeyId")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.Property<long>("PrunedEntries")
                .HasColumnType("INTEGER");

            b.Property<string>("Signature")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.HasKey("Sequence");

            b.ToTable("AuditCheckpoints");
        });

        modelBuilder.Entity("Verification.Core.Audit.AuditEntry", b =>
        {
            b.Property<long>("Sequence")
                .HasColumnType("INTEGER");

            b.Property<string>("Action")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.Property<string>("ActorId")
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.Property<string>("ActorType")
                .IsRequired()
                .HasMaxLength(32)
                .HasColumnType("TEXT");

            b.Property<string>("ClientAddress")
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.Property<string>("Hash")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.Property<long>("OccurredAt")
                .HasColumnType("INTEGER");

            b.Property<string>("Outcome")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.Property<string>("PreviousHash")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.Property<string>("Route")
                .HasMaxLength(256)
                .HasColumnType("TEXT");

            b.Property<string>("TargetId")
                .HasMaxLength(128)
                .HasColumnType("TEXT");

            b.Property<string>("TargetType")
                .HasMaxLength(32)
                .HasColumnType("TEXT");

            b.Property<string>("TenantId")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.Property<string>("TokenId")
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.Property<string>("UserAgent")
                .HasMaxLength(256)
                .HasColumnType("TEXT");

            b.HasKey("Sequence");

            b.HasIndex("TenantId", "Sequence");

            b.ToTable("AuditEntries");
        });

        modelBuilder.Entity("Verification.Core.ServiceAccounts.ServiceToken", b =>
        {
            b.Property<string>("Id")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.Property<long?>("ArchiveAfterExtract")
                .HasColumnType("INTEGER");

            b.Property<long>("CreatedAt")
                .HasColumnType("INTEGER");

            b.Property<string>("CreatedBy")
                .IsRequired()
                .HasMaxLength(128)
                .HasColumnType("TEXT");

            b.Property<string>("Description")
                .IsRequired()
                .HasMaxLength(500)
                .HasColumnType("TEXT");

            b.Property<bool>("Enabled")
                .HasColumnType("INTEGER");

            b.Property<string>("EncryptionKey")
                .HasMaxLength(8000)
                .HasColumnType("TEXT");

            b.Property<long?>("ExpiresAt")
                .HasColumnType("INTEGER");

            b.Property<long?>("LastUsedAt")
                .HasColumnType("INTEGER");

            b.Property<long?>("RevokedAt")
                .HasColumnType("INTEGER");

            b.Property<string>("Scopes")
                .IsRequired()
                .HasColumnType("TEXT");

            b.Property<string>("ServiceUserId")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("TEXT");

            b.Property<string>("TenantId")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.HasKey("Id");

            b.HasIndex("TenantId", "ServiceUserId");

            b.ToTable("ServiceTokens");
        });

        modelBuilder.Entity("Verification.Core.ServiceAccounts.ServiceUser", b =>
        {
            b.Property<string>("Id")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("TEXT");

            b.Property<long>("CreatedAt")
                .HasColumnType("INTEGER");

            b.Property<string>("CreatedBy")
                .IsRequired()
                .HasMaxLength(128)
                .HasColumnType("TEXT");

            b.Property<bool>("Enabled")
                .HasColumnType("INTEGER");

            b.Property<string>("Name")
                .IsRequired()
                .HasMaxLength(100)
                .HasColumnType("TEXT");

            b.Property<string>("SourceSystem")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.Property<string>("TenantId")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.HasKey("Id");

            b.HasIndex("TenantId", "Name")
                .IsUnique();

            b.ToTable("ServiceUsers");
        });

        modelBuilder.Entity("Verification.Core.Tenants.Tenant", b =>
        {
            b.Property<string>("Id")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.Property<long>("CreatedAt")
                .HasColumnType("INTEGER");

            b.Property<string>("Name")
                .IsRequired()
                .HasMaxLength(200)
                .HasColumnType("TEXT");

            b.HasKey("Id");

            b.ToTable("Tenants");
        });

        modelBuilder.Entity("Verification.Core.Verifications.Analysis", b =>
        {
            b.Property<string>("Id")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("TEXT");

            b.Property<string>("Channel")
                .IsRequired()
                .HasMaxLength(16)
                .HasColumnType("TEXT");

            b.Property<string>("Controls")
                .IsRequired()
                .HasColumnType("TEXT");

            b.Property<long>("CreatedAt")
                .HasColumnType("INTEGER");

            b.Property<long?>("DecidedAt")
                .HasColumnType("INTEGER");

            b.Property<string>("DecidedBy")
                .HasMaxLength(128)
                .HasColumnType("TEXT");

            b.Property<int?>("Decision")
                .HasColumnType("INTEGER");

            b.Property<string>("DecisionComment")
                .HasMaxLength(2000)
                .HasColumnType("TEXT");

            b.Property<string>("Department")
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.Property<string>("DocumentCategory")
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.Property<string>("DocumentType")
                .IsRequired()
                .HasMaxLength(32)
                .HasColumnType("TEXT");

            b.Property<string>("FolderId")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("TEXT");

            b.Property<string>("NameIndex")
                .HasMaxLength(1000)
                .HasColumnType("TEXT");

            b.Property<byte[]>("SealedFields")
                .HasMaxLength(16000)
                .HasColumnType("BLOB");

            b.Property<string>("ServiceUserId")
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.Property<string>("SourceTag")
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.Property<string>("StatusCode")
                .IsRequired()
                .HasMaxLength(16)
                .HasColumnType("TEXT");

            b.Property<string>("TenantId")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.Property<string>("TokenId")
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.HasKey("Id");

            b.HasIndex("FolderId");

            b.HasIndex("TenantId", "CreatedAt");

            b.ToTable("Analyses");
        });

        modelBuilder.Entity("Verification.Core.Verifications.DocumentFile", b =>
        {
            b.Property<string>("Id")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("TEXT");

            b.Property<string>("AnalysisId")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("TEXT");

            b.Property<string>("BlobKey")
                .HasMaxLength(200)
                .HasColumnType("TEXT");

            b.Property<long>("CreatedAt")
                .HasColumnType("INTEGER");

            b.Property<int?>("Height")
                .HasColumnType("INTEGER");

            b.Property<long>("Length")
                .HasColumnType("INTEGER");

            b.Property<string>("MediaType")
                .IsRequired()
                .HasMaxLength(100)
                .HasColumnType("TEXT");

            b.Property<byte[]>("SealedDisplayName")
                .HasMaxLength(1200)
                .HasColumnType("BLOB");

            b.Property<string>("Sha256")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.Property<int?>("Width")
                .HasColumnType("INTEGER");

            b.Property<byte[]>("WrappedKey")
                .HasMaxLength(200)
                .HasColumnType("BLOB");

            b.HasKey("Id");

            b.HasIndex("AnalysisId");

            b.ToTable("DocumentFiles");
        });

        modelBuilder.Entity("Verification.Core.Verifications.VerificationCertificate", b =>
        {
            b.Property<string>("Id")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("TEXT");

            b.Property<string>("AnalysisId")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("TEXT");

            b.Property<string>("FolderId")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("TEXT");

            b.Property<long>("IssuedAt")
                .HasColumnType("INTEGER");

            b.Property<string>("KeyId")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.Property<string>("Token")
                .IsRequired()
                .HasMaxLength(8000)
                .HasColumnType("TEXT");

            b.HasKey("Id");

            b.HasIndex("FolderId");

            b.ToTable("VerificationCertificates");
        });

        modelBuilder.Entity("Verification.Core.Verifications.VerificationEvent", b =>
        {
            b.Property<string>("Id")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("TEXT");

            b.Property<string>("Actor")
                .IsRequired()
                .HasMaxLength(128)
                .HasColumnType("TEXT");

            b.Property<string>("AnalysisId")
                .HasMaxLength(26)
                .HasColumnType("TEXT");

            b.Property<string>("Detail")
                .HasMaxLength(2000)
                .HasColumnType("TEXT");

            b.Property<string>("FolderId")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("TEXT");

            b.Property<string>("Kind")
                .IsRequired()
                .HasMaxLength(32)
                .HasColumnType("TEXT");

            b.Property<long>("OccurredAt")
                .HasColumnType("INTEGER");

            b.HasKey("Id");

            b.HasIndex("FolderId");

            b.ToTable("VerificationEvents");
        });

        modelBuilder.Entity("Verification.Core.Verifications.VerificationFolder", b =>
        {
            b.Property<string>("Id")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("TEXT");

            b.Property<long?>("ArchiveDueAt")
                .HasColumnType("INTEGER");

            b.Property<long?>("ArchivedAt")
                .HasColumnType("INTEGER");

            b.Property<long>("CreatedAt")
                .HasColumnType("INTEGER");

            b.Property<string>("Department")
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.Property<bool>("FromCorrelationId")
                .HasColumnType("INTEGER");

            b.Property<string>("Status")
                .IsRequired()
                .HasMaxLength(32)
                .HasColumnType("TEXT");

            b.Property<string>("TenantId")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.Property<long>("UpdatedAt")
                .HasColumnType("INTEGER");

            b.Property<string>("VerificationId")
                .IsRequired()
                .HasMaxLength(128)
                .HasColumnType("TEXT");

            b.Property<long>("Version")
                .IsConcurrencyToken()
                .HasColumnType("INTEGER");

            b.Property<byte[]>("WrappedDataKey")
                .HasMaxLength(200)
                .HasColumnType("BLOB");

            b.HasKey("Id");

            b.HasIndex("ArchiveDueAt");

            b.HasIndex("ArchivedAt", "CreatedAt");

            b.HasIndex("TenantId", "Status");

            b.HasIndex("TenantId", "UpdatedAt");

            b.HasIndex("TenantId", "VerificationId")
                .IsUnique();

            b.ToTable("Verifications");
        });

        modelBuilder.Entity("Verification.Core.Webhooks.OutboxMessage", b =>
        {
            b.Property<string>("Id")
                .IsRequired()
                .HasMaxLength(40)
                .HasColumnType("TEXT");

            b.Property<string>("Body")
                .IsRequired()
                .HasColumnType("TEXT");

            b.Property<long>("CreatedAt")
                .HasColumnType("INTEGER");

            b.Property<long?>("DispatchedAt")
                .HasColumnType("INTEGER");

            b.Property<string>("EventType")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.Property<string>("FolderId")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("TEXT");

            b.Property<string>("TenantId")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.HasKey("Id");

            b.HasIndex("DispatchedAt");

            b.HasIndex("FolderId");

            b.ToTable("OutboxMessages");
        });

        modelBuilder.Entity("Verification.Core.Webhooks.WebhookDelivery", b =>
        {
            b.Property<string>("Id")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("TEXT");

            b.Property<int>("AttemptCount")
                .HasColumnType("INTEGER");

            b.Property<string>("Body")
                .IsRequired()
                .HasColumnType("TEXT");

            b.Property<long>("CreatedAt")
                .HasColumnType("INTEGER");

            b.Property<long?>("DeliveredAt")
                .HasColumnType("INTEGER");

            b.Property<string>("EndpointId")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("TEXT");

            b.Property<string>("EventType")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.Property<string>("LastError")
                .HasMaxLength(32)
                .HasColumnType("TEXT");

            b.Property<int?>("LastStatusCode")
                .HasColumnType("INTEGER");

            b.Property<long?>("LeaseExpiresAt")
                .HasColumnType("INTEGER");

            b.Property<string>("LeaseToken")
                .HasMaxLength(32)
                .HasColumnType("TEXT");

            b.Property<string>("MessageId")
                .IsRequired()
                .HasMaxLength(40)
                .HasColumnType("TEXT");

            b.Property<long?>("NextAttemptAt")
                .HasColumnType("INTEGER");

            b.Property<int>("ScheduleAttempts")
                .HasColumnType("INTEGER");

            b.Property<int>("State")
                .HasColumnType("INTEGER");

            b.Property<string>("TenantId")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.Property<long>("UpdatedAt")
                .HasColumnType("INTEGER");

            b.HasKey("Id");

            b.HasIndex("LeaseToken");

            b.HasIndex("EndpointId", "MessageId")
                .IsUnique();

            b.HasIndex("State", "NextAttemptAt");

            b.HasIndex("TenantId", "Id");

            b.ToTable("WebhookDeliveries");
        });

        modelBuilder.Entity("Verification.Core.Webhooks.WebhookDeliveryAttempt", b =>
        {
            b.Property<string>("Id")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("TEXT");

            b.Property<long>("AttemptedAt")
                .HasColumnType("INTEGER");

            b.Property<string>("DeliveryId")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("TEXT");

            b.Property<long>("DurationMilliseconds")
                .HasColumnType("INTEGER");

            b.Property<string>("Error")
                .HasMaxLength(32)
                .HasColumnType("TEXT");

            b.Property<long?>("NextAttemptAt")
                .HasColumnType("INTEGER");

            b.Property<int>("Number")
                .HasColumnType("INTEGER");

            b.Property<int?>("StatusCode")
                .HasColumnType("INTEGER");

            b.HasKey("Id");

            b.HasIndex("DeliveryId");

            b.ToTable("WebhookDeliveryAttempts");
        });

        modelBuilder.Entity("Verification.Core.Webhooks.WebhookEndpoint", b =>
        {
            b.Property<string>("Id")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("TEXT");

            b.Property<long>("CreatedAt")
                .HasColumnType("INTEGER");

            b.Property<string>("DisabledReason")
                .HasMaxLength(200)
                .HasColumnType("TEXT");

            b.Property<bool>("Enabled")
                .HasColumnType("INTEGER");

            b.Property<string>("EventTypes")
                .IsRequired()
                .HasColumnType("TEXT");

            b.Property<string>("StoredPreviousSecret")
                .HasMaxLength(400)
                .HasColumnType("TEXT")
                .HasColumnName("PreviousSecret");

            b.Property<long?>("PreviousSecretExpiresAt")
                .HasColumnType("INTEGER");

            b.Property<string>("StoredSecret")
                .IsRequired()
                .HasMaxLength(400)
                .HasColumnType("TEXT")
                .HasColumnName("Secret");

            b.Property<string>("TenantId")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("TEXT");

            b.Property<long>("UpdatedAt")
                .HasColumnType("INTEGER");

            b.Property<string>("Url")
                .IsRequired()
                .HasMaxLength(2048)
                .HasColumnType("TEXT");

            b.HasKey("Id");

            b.HasIndex("TenantId");

            b.ToTable("WebhookEndpoints");
        });

        modelBuilder.Entity("Verification.Core.Verifications.Analysis", b =>
        {
            b.HasOne("Verification.Core.Verifications.VerificationFolder", null)
                .WithMany("Analyses")
                .HasForeignKey("FolderId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();
        });

        modelBuilder.Entity("Verification.Core.Verifications.DocumentFile", b =>
        {
            b.HasOne("Verification.Core.Verifications.Analysis", null)
                .WithMany("Files")
                .HasForeignKey("AnalysisId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();
        });

        modelBuilder.Entity("Verification.Core.Verifications.VerificationCertificate", b =>
        {
            b.HasOne("Verification.Core.Verifications.VerificationFolder", null)
                .WithMany("Certificates")
                .HasForeignKey("FolderId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();
        });

        modelBuilder.Entity("Verification.Core.Verifications.VerificationEvent", b =>
        {
            b.HasOne("Verification.Core.Verifications.VerificationFolder", null)
                .WithMany("History")
                .HasForeignKey("FolderId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();
        });

        modelBuilder.Entity("Verification.Core.Webhooks.OutboxMessage", b =>
        {
            b.HasOne("Verification.Core.Verifications.VerificationFolder", null)
                .WithMany("Outbox")
                .HasForeignKey("FolderId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();
        });

        modelBuilder.Entity("Verification.Core.Webhooks.WebhookDeliveryAttempt", b =>
        {
            b.HasOne("Verification.Core.Webhooks.WebhookDelivery", null)
                .WithMany("Attempts")
                .HasForeignKey("DeliveryId")
                .OnDelete(DeleteBehavior.Cascade)
                .IsRequired();
        });

        modelBuilder.Entity("Verification.Core.Verifications.Analysis", b =>
        {
            b.Navigation("Files");
        });

        modelBuilder.Entity("Verification.Core.Verifications.VerificationFolder", b =>
        {
            b.Navigation("Analyses");

            b.Navigation("Certificates");

            b.Navigation("History");

            b.Navigation("Outbox");
        });

        modelBuilder.Entity("Verification.Core.Webhooks.WebhookDelivery", b =>
        {
            b.Navigation("Attempts");
        });
    }
}
