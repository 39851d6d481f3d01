using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Verification.Storage.EfCore.Migrations.PostgreSql;

/// <summary>
/// The model as the migrations leave it, written by hand (the EF design-time tools are not used here).
/// Keep it in step with every new migration: a test fails when it and the live model disagree.
/// </summary>
[DbContext(typeof(PostgreSqlVerificationDbContext))]
internal sealed class PostgreSqlVerificationDbContextModelSnapshot : ModelSnapshot
{
    protected override void BuildModel(ModelBuilder modelBuilder)
    {
        modelBuilder.HasAnnotation("ProductVersion", "10.0.11");
        modelBuilder.HasAnnotation("Relational:MaxIdentifierLength", 63);
        NpgsqlModelBuilderExtensions.UseIdentityByDefaultColumns(modelBuilder);

        modelBuilder.Entity("Verification.Storage.EfCore.Blobs.BlobChunk", b =>
        {
            b.Property<string>("Key")
                .HasMaxLength(32)
                .HasColumnType("character varying(32)");

            b.Property<int>("Index")
                .HasColumnType("integer");

            b.Property<byte[]>("Data")
                .IsRequired()
                .HasColumnType("bytea");

            b.HasKey("Key", "Index");

            b.ToTable("BlobChunks");
        });

        modelBuilder.Entity("Verification.Core.Analysts.Analyst", b =>
        {
            b.Property<string>("Id")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("character varying(26)");

            b.Property<DateTimeOffset>("CreatedAt")
                .HasColumnType("timestamp with time zone");

            b.Property<string>("Departments")
                .IsRequired()
                .HasColumnType("text");

            b.Property<string>("Email")
                .IsRequired()
                .HasMaxLength(256)
                .HasColumnType("character varying(256)");

            b.Property<bool>("Enabled")
                .HasColumnType("boolean");

            b.Property<DateTimeOffset?>("LastLoginAt")
                .HasColumnType("timestamp with time zone");

            b.Property<string>("NormalizedEmail")
                .IsRequired()
                .HasMaxLength(256)
                .HasColumnType("character varying(256)");

            b.Property<string>("PasswordHash")
                .IsRequired()
                .HasMaxLength(256)
                .HasColumnType("character varying(256)");

            b.Property<string>("Role")
                .IsRequired()
                .HasMaxLength(16)
                .HasColumnType("character varying(16)");

            b.Property<string>("SecurityStamp")
                .HasMaxLength(64)
                .HasColumnType("character varying(64)");

            b.Property<string>("TenantId")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("character varying(64)");

            b.HasKey("Id");

            b.HasIndex("TenantId", "NormalizedEmail")
                .IsUnique();

            b.ToTable("Analysts");
        });

        modelBuilder.Entity("Verification.Core.Audit.AuditCheckpoint", b =>
        {
            b.Property<long>("Sequence")
                .HasColumnType("bigint");

            b.Property<DateTimeOffset>("CreatedAt")
                .HasColumnType("timestamp with time zone");

            b.Property<string>("Hash")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("character varying(64)");

            b.Property<string>("KeyId")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("character varying(64)");

            b.Property<long>("PrunedEntries")
                .HasColumnType("bigint");

            b.Property<string>("Signature")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("character varying(64)");

            b.HasKey("Sequence");

            b.ToTable("AuditCheckpoints");
        });

        modelBuilder.Entity("Verification.Core.Audit.AuditEntry", b =>
        {
            b.Property<long>("Sequence")
                .HasColumnType("bigint");

            b.Property<string>("Action")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("character varying(64)");

            b.Property<string>("ActorId")
                .HasMaxLength(64)
                .HasColumnType("character varying(64)");

            b.Property<string>("ActorType")
                .IsRequired()
                .HasMaxLength(32)
                .HasColumnType("character varying(32)");

            b.Property<string>("ClientAddress")
                .HasMaxLength(64)
                .HasColumnType("character varying(64)");

            b.Property<string>("Hash")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("character varying(64)");

            b.Property<DateTimeOffset>("OccurredAt")
                .HasColumnType("timestamp with time zone");

            b.Property<string>("Outcome")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("character varying(64)");

            b.Property<string>("PreviousHash")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("character varying(64)");

            b.Property<string>("Route")
                .HasMaxLength(256)
                .HasColumnType("character varying(256)");

            b.Property<string>("TargetId")
                .HasMaxLength(128)
                .HasColumnType("character varying(128)");

            b.Property<string>("TargetType")
                .HasMaxLength(32)
                .HasColumnType("character varying(32)");

            b.Property<string>("TenantId")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("character varying(64)");

            b.Property<string>("TokenId")
                .HasMaxLength(64)
                .HasColumnType("character varying(64)");

            b.Property<string>("UserAgent")
                .HasMaxLength(256)
                .HasColumnType("character varying(256)");

            b.HasKey("Sequence");

            b.HasIndex("TenantId", "Sequence");

            b.ToTable("AuditEntries");
        });

        modelBuilder.Entity("Verification.Core.ServiceAccounts.ServiceToken", b =>
        {
            b.Property<string>("Id")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("character varying(64)");

            b.Property<long?>("ArchiveAfterExtract")
                .HasColumnType("bigint");

            b.Property<DateTimeOffset>("CreatedAt")
                .HasColumnType("timestamp with time zone");

            b.Property<string>("CreatedBy")
                .IsRequired()
                .HasMaxLength(128)
                .HasColumnType("character varying(128)");

            b.Property<string>("Description")
                .IsRequired()
                .HasMaxLength(500)
                .HasColumnType("character varying(500)");

            b.Property<bool>("Enabled")
                .HasColumnType("boolean");

            b.Property<string>("EncryptionKey")
                .HasMaxLength(8000)
                .HasColumnType("character varying(8000)");

            b.Property<DateTimeOffset?>("ExpiresAt")
                .HasColumnType("timestamp with time zone");

            b.Property<DateTimeOffset?>("LastUsedAt")
                .HasColumnType("timestamp with time zone");

            b.Property<DateTimeOffset?>("RevokedAt")
                .HasColumnType("timestamp with time zone");

            b.Property<string>("Scopes")
                .IsRequired()
                .HasColumnType("text");

            b.Property<string>("ServiceUserId")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("character varying(26)");

            b.Property<string>("TenantId")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("character varying(64)");

            b.HasKey("Id");

            b.HasIndex("TenantId", "ServiceUserId");

            b.ToTable("ServiceTokens");
        });

        modelBuilder.Entity("Verification.Core.ServiceAccounts.ServiceUser", b =>
        {
            b.Property<string>("Id")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("character varying(26)");

            b.Property<DateTimeOffset>("CreatedAt")
                .HasColumnType("timestamp with time zone");

            b.Property<string>("CreatedBy")
                .IsRequired()
                .HasMaxLength(128)
                .HasColumnType("character varying(128)");

            b.Property<bool>("Enabled")
                .HasColumnType("boolean");

            b.Property<string>("Name")
                .IsRequired()
                .HasMaxLength(100)
                .HasColumnType("character varying(100)");

            b.Property<string>("SourceSystem")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("character varying(64)");

            b.Property<string>("TenantId")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("character varying(64)");

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
                .HasColumnType("character varying(64)");

            b.Property<DateTimeOffset>("CreatedAt")
                .HasColumnType("timestamp with time zone");

            b.Property<string>("Name")
                .IsRequired()
                .HasMaxLength(200)
                .HasColumnType("character varying(200)");

            b.HasKey("Id");

            b.ToTable("Tenants");
        });

        modelBuilder.Entity("Verification.Core.Verifications.Analysis", b =>
        {
            b.Property<string>("Id")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("character varying(26)");

            b.Property<string>("Channel")
                .IsRequired()
                .HasMaxLength(16)
                .HasColumnType("character varying(16)");

            b.Property<string>("Controls")
                .IsRequired()
                .HasColumnType("text");

            b.Property<DateTimeOffset>("CreatedAt")
                .HasColumnType("timestamp with time zone");

            b.Property<DateTimeOffset?>("DecidedAt")
                .HasColumnType("timestamp with time zone");

            b.Property<string>("DecidedBy")
                .HasMaxLength(128)
                .HasColumnType("character varying(128)");

            b.Property<int?>("Decision")
                .HasColumnType("integer");

            b.Property<string>("DecisionComment")
                .HasMaxLength(2000)
                .HasColumnType("character varying(2000)");

            b.Property<string>("Department")
                .HasMaxLength(64)
                .HasColumnType("character varying(64)");

            b.Property<string>("DocumentCategory")
                .HasMaxLength(64)
                .HasColumnType("character varying(64)");

            b.Property<string>("DocumentType")
                .IsRequired()
                .HasMaxLength(32)
                .HasColumnType("character varying(32)");

            b.Property<string>("FolderId")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("character varying(26)");

            b.Property<string>("NameIndex")
                .HasMaxLength(1000)
                .HasColumnType("character varying(1000)");

            b.Property<byte[]>("SealedFields")
                .HasMaxLength(16000)
                .HasColumnType("bytea");

            b.Property<string>("ServiceUserId")
                .HasMaxLength(64)
                .HasColumnType("character varying(64)");

            b.Property<string>("SourceTag")
                .HasMaxLength(64)
                .HasColumnType("character varying(64)");

            b.Property<string>("StatusCode")
                .IsRequired()
                .HasMaxLength(16)
                .HasColumnType("character varying(16)");

            b.Property<string>("TenantId")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("character varying(64)");

            b.Property<string>("TokenId")
                .HasMaxLength(64)
                .HasColumnType("character varying(64)");

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
                .HasColumnType("character varying(26)");

            b.Property<string>("AnalysisId")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("character varying(26)");

            b.Property<string>("BlobKey")
                .HasMaxLength(200)
                .HasColumnType("character varying(200)");

            b.Property<DateTimeOffset>("CreatedAt")
                .HasColumnType("timestamp with time zone");

            b.Property<int?>("Height")
                .HasColumnType("integer");

            b.Property<long>("Length")
                .HasColumnType("bigint");

            b.Property<string>("MediaType")
                .IsRequired()
                .HasMaxLength(100)
                .HasColumnType("character varying(100)");

            b.Property<byte[]>("SealedDisplayName")
                .HasMaxLength(1200)
                .HasColumnType("bytea");

            b.Property<string>("Sha256")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("character varying(64)");

            b.Property<int?>("Width")
                .HasColumnType("integer");

            b.Property<byte[]>("WrappedKey")
                .HasMaxLength(200)
                .HasColumnType("bytea");

            b.HasKey("Id");

            b.HasIndex("AnalysisId");

            b.ToTable("DocumentFiles");
        });

        modelBuilder.Entity("Verification.Core.Verifications.VerificationCertificate", b =>
        {
            b.Property<string>("Id")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("character varying(26)");

            b.Property<string>("AnalysisId")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("character varying(26)");

            b.Property<string>("FolderId")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("character varying(26)");

            b.Property<DateTimeOffset>("IssuedAt")
                .HasColumnType("timestamp with time zone");

            b.Property<string>("KeyId")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("character varying(64)");

            b.Property<string>("Token")
                .IsRequired()
                .HasMaxLength(8000)
                .HasColumnType("character varying(8000)");

            b.HasKey("Id");

            b.HasIndex("FolderId");

            b.ToTable("VerificationCertificates");
        });

        modelBuilder.Entity("Verification.Core.Verifications.VerificationEvent", b =>
        {
            b.Property<string>("Id")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("character varying(26)");

            b.Property<string>("Actor")
                .IsRequired()
                .HasMaxLength(128)
                .HasColumnType("character varying(128)");

            b.Property<string>("AnalysisId")
                .HasMaxLength(26)
                .HasColumnType("character varying(26)");

            b.Property<string>("Detail")
                .HasMaxLength(2000)
                .HasColumnType("character varying(2000)");

            b.Property<string>("FolderId")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("character varying(26)");

            b.Property<string>("Kind")
                .IsRequired()
                .HasMaxLength(32)
                .HasColumnType("character varying(32)");

            b.Property<DateTimeOffset>("OccurredAt")
                .HasColumnType("timestamp with time zone");

            b.HasKey("Id");

            b.HasIndex("FolderId");

            b.ToTable("VerificationEvents");
        });

        modelBuilder.Entity("Verification.Core.Verifications.VerificationFolder", b =>
        {
            b.Property<string>("Id")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("character varying(26)");

            b.Property<DateTimeOffset?>("ArchiveDueAt")
                .HasColumnType("timestamp with time zone");

            b.Property<DateTimeOffset?>("ArchivedAt")
                .HasColumnType("timestamp with time zone");

            b.Property<DateTimeOffset>("CreatedAt")
                .HasColumnType("timestamp with time zone");

            b.Property<string>("Department")
                .HasMaxLength(64)
                .HasColumnType("character varying(64)");

            b.Property<bool>("FromCorrelationId")
                .HasColumnType("boolean");

            b.Property<string>("Status")
                .IsRequired()
                .HasMaxLength(32)
                .HasColumnType("character varying(32)");

            b.Property<string>("TenantId")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("character varying(64)");

            b.Property<DateTimeOffset>("UpdatedAt")
                .HasColumnType("timestamp with time zone");

            b.Property<string>("VerificationId")
                .IsRequired()
                .HasMaxLength(128)
                .HasColumnType("character varying(128)");

            b.Property<long>("Version")
                .IsConcurrencyToken()
                .HasColumnType("bigint");

            b.Property<byte[]>("WrappedDataKey")
                .HasMaxLength(200)
                .HasColumnType("bytea");

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
                .HasColumnType("character varying(40)");

            b.Property<string>("Body")
                .IsRequired()
                .HasColumnType("text");

            b.Property<DateTimeOffset>("CreatedAt")
                .HasColumnType("timestamp with time zone");

            b.Property<DateTimeOffset?>("DispatchedAt")
                .HasColumnType("timestamp with time zone");

            b.Property<string>("EventType")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("character varying(64)");

            b.Property<string>("FolderId")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("character varying(26)");

            b.Property<string>("TenantId")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("character varying(64)");

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
                .HasColumnType("character varying(26)");

            b.Property<int>("AttemptCount")
                .HasColumnType("integer");

            b.Property<string>("Body")
                .IsRequired()
                .HasColumnType("text");

            b.Property<DateTimeOffset>("CreatedAt")
                .HasColumnType("timestamp with time zone");

            b.Property<DateTimeOffset?>("DeliveredAt")
                .HasColumnType("timestamp with time zone");

            b.Property<string>("EndpointId")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("character varying(26)");

            b.Property<string>("EventType")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("character varying(64)");

            b.Property<string>("LastError")
                .HasMaxLength(32)
                .HasColumnType("character varying(32)");

            b.Property<int?>("LastStatusCode")
                .HasColumnType("integer");

            b.Property<DateTimeOffset?>("LeaseExpiresAt")
                .HasColumnType("timestamp with time zone");

            b.Property<string>("LeaseToken")
                .HasMaxLength(32)
                .HasColumnType("character varying(32)");

            b.Property<string>("MessageId")
                .IsRequired()
                .HasMaxLength(40)
                .HasColumnType("character varying(40)");

            b.Property<DateTimeOffset?>("NextAttemptAt")
                .HasColumnType("timestamp with time zone");

            b.Property<int>("ScheduleAttempts")
                .HasColumnType("integer");

            b.Property<int>("State")
                .HasColumnType("integer");

            b.Property<string>("TenantId")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("character varying(64)");

            b.Property<DateTimeOffset>("UpdatedAt")
                .HasColumnType("timestamp with time zone");

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
                .HasColumnType("character varying(26)");

            b.Property<DateTimeOffset>("AttemptedAt")
                .HasColumnType("timestamp with time zone");

            b.Property<string>("DeliveryId")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("character varying(26)");

            b.Property<long>("DurationMilliseconds")
                .HasColumnType("bigint");

            b.Property<string>("Error")
                .HasMaxLength(32)
                .HasColumnType("character varying(32)");

            b.Property<DateTimeOffset?>("NextAttemptAt")
                .HasColumnType("timestamp with time zone");

            b.Property<int>("Number")
                .HasColumnType("integer");

            b.Property<int?>("StatusCode")
                .HasColumnType("integer");

            b.HasKey("Id");

            b.HasIndex("DeliveryId");

            b.ToTable("WebhookDeliveryAttempts");
        });

        modelBuilder.Entity("Verification.Core.Webhooks.WebhookEndpoint", b =>
        {
            b.Property<string>("Id")
                .IsRequired()
                .HasMaxLength(26)
                .HasColumnType("character varying(26)");

            b.Property<DateTimeOffset>("CreatedAt")
                .HasColumnType("timestamp with time zone");

            b.Property<string>("DisabledReason")
                .HasMaxLength(200)
                .HasColumnType("character varying(200)");

            b.Property<bool>("Enabled")
                .HasColumnType("boolean");

            b.Property<string>("EventTypes")
                .IsRequired()
                .HasColumnType("text");

            b.Property<string>("StoredPreviousSecret")
                .HasMaxLength(400)
                .HasColumnType("character varying(400)")
                .HasColumnName("PreviousSecret");

            b.Property<DateTimeOffset?>("PreviousSecretExpiresAt")
                .HasColumnType("timestamp with time zone");

            b.Property<string>("StoredSecret")
                .IsRequired()
                .HasMaxLength(400)
                .HasColumnType("character varying(400)")
                .HasColumnName("Secret");

            b.Property<string>("TenantId")
                .IsRequired()
                .HasMaxLength(64)
                .HasColumnType("character varying(64)");

            b.Property<DateTimeOffset>("UpdatedAt")
                .HasColumnType("timestamp with time zone");

            b.Property<string>("Url")
                .IsRequired()
                .HasMaxLength(2048)
                .HasColumnType("character varying(2048)");

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
