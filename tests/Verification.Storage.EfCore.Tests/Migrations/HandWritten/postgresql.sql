CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" character varying(150) NOT NULL,
    "ProductVersion" character varying(32) NOT NULL,
    CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY ("MigrationId")
);

START TRANSACTION;
CREATE TABLE "Tenants" (
    "Id" character varying(64) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "Name" character varying(200) NOT NULL,
    CONSTRAINT "PK_Tenants" PRIMARY KEY ("Id")
);

CREATE TABLE "Verifications" (
    "Id" character varying(26) NOT NULL,
    "ArchivedAt" timestamp with time zone,
    "CreatedAt" timestamp with time zone NOT NULL,
    "Department" character varying(64),
    "FromCorrelationId" boolean NOT NULL,
    "Status" character varying(32) NOT NULL,
    "TenantId" character varying(64) NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    "VerificationId" character varying(128) NOT NULL,
    "Version" bigint NOT NULL,
    CONSTRAINT "PK_Verifications" PRIMARY KEY ("Id")
);

CREATE TABLE "Analysts" (
    "Id" character varying(26) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "Departments" text NOT NULL,
    "Email" character varying(256) NOT NULL,
    "Enabled" boolean NOT NULL,
    "LastLoginAt" timestamp with time zone,
    "NormalizedEmail" character varying(256) NOT NULL,
    "PasswordHash" character varying(256) NOT NULL,
    "Role" character varying(16) NOT NULL,
    "TenantId" character varying(64) NOT NULL,
    CONSTRAINT "PK_Analysts" PRIMARY KEY ("Id")
);

CREATE TABLE "AuditEntries" (
    "Sequence" bigint NOT NULL,
    "Action" character varying(64) NOT NULL,
    "ActorId" character varying(64),
    "ActorType" character varying(32) NOT NULL,
    "ClientAddress" character varying(64),
    "Hash" character varying(64) NOT NULL,
    "OccurredAt" timestamp with time zone NOT NULL,
    "Outcome" character varying(64) NOT NULL,
    "PreviousHash" character varying(64) NOT NULL,
    "Route" character varying(256),
    "TargetId" character varying(128),
    "TargetType" character varying(32),
    "TenantId" character varying(64) NOT NULL,
    "TokenId" character varying(64),
    "UserAgent" character varying(256),
    CONSTRAINT "PK_AuditEntries" PRIMARY KEY ("Sequence")
);

CREATE TABLE "Analyses" (
    "Id" character varying(26) NOT NULL,
    "Channel" character varying(16) NOT NULL,
    "Controls" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "DecidedAt" timestamp with time zone,
    "DecidedBy" character varying(128),
    "Decision" integer,
    "DecisionComment" character varying(2000),
    "Department" character varying(64),
    "DocumentCategory" character varying(64),
    "DocumentType" character varying(32) NOT NULL,
    "Fields" text NOT NULL,
    "FolderId" character varying(26) NOT NULL,
    "ServiceUserId" character varying(64),
    "SourceTag" character varying(64),
    "StatusCode" character varying(16) NOT NULL,
    "TenantId" character varying(64) NOT NULL,
    "TokenId" character varying(64),
    CONSTRAINT "PK_Analyses" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Analyses_Verifications_FolderId" FOREIGN KEY ("FolderId") REFERENCES "Verifications" ("Id") ON DELETE CASCADE
);

CREATE TABLE "VerificationEvents" (
    "Id" character varying(26) NOT NULL,
    "Actor" character varying(128) NOT NULL,
    "AnalysisId" character varying(26),
    "Detail" character varying(2000),
    "FolderId" character varying(26) NOT NULL,
    "Kind" character varying(32) NOT NULL,
    "OccurredAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_VerificationEvents" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_VerificationEvents_Verifications_FolderId" FOREIGN KEY ("FolderId") REFERENCES "Verifications" ("Id") ON DELETE CASCADE
);

CREATE TABLE "DocumentFiles" (
    "Id" character varying(26) NOT NULL,
    "AnalysisId" character varying(26) NOT NULL,
    "BlobKey" character varying(200),
    "CreatedAt" timestamp with time zone NOT NULL,
    "DisplayName" character varying(255),
    "Height" integer,
    "Length" bigint NOT NULL,
    "MediaType" character varying(100) NOT NULL,
    "Sha256" character varying(64) NOT NULL,
    "Width" integer,
    CONSTRAINT "PK_DocumentFiles" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_DocumentFiles_Analyses_AnalysisId" FOREIGN KEY ("AnalysisId") REFERENCES "Analyses" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Verifications_TenantId_Status" ON "Verifications" ("TenantId", "Status");

CREATE INDEX "IX_Verifications_TenantId_UpdatedAt" ON "Verifications" ("TenantId", "UpdatedAt");

CREATE UNIQUE INDEX "IX_Verifications_TenantId_VerificationId" ON "Verifications" ("TenantId", "VerificationId");

CREATE UNIQUE INDEX "IX_Analysts_TenantId_NormalizedEmail" ON "Analysts" ("TenantId", "NormalizedEmail");

CREATE INDEX "IX_AuditEntries_TenantId_Sequence" ON "AuditEntries" ("TenantId", "Sequence");

CREATE INDEX "IX_Analyses_FolderId" ON "Analyses" ("FolderId");

CREATE INDEX "IX_Analyses_TenantId_CreatedAt" ON "Analyses" ("TenantId", "CreatedAt");

CREATE INDEX "IX_VerificationEvents_FolderId" ON "VerificationEvents" ("FolderId");

CREATE INDEX "IX_DocumentFiles_AnalysisId" ON "DocumentFiles" ("AnalysisId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261121120000_InitialSchema', '10.0.15');

COMMIT;

START TRANSACTION;
CREATE TABLE "ServiceUsers" (
    "Id" character varying(26) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "CreatedBy" character varying(128) NOT NULL,
    "Enabled" boolean NOT NULL,
    "Name" character varying(100) NOT NULL,
    "SourceSystem" character varying(64) NOT NULL,
    "TenantId" character varying(64) NOT NULL,
    CONSTRAINT "PK_ServiceUsers" PRIMARY KEY ("Id")
);

CREATE TABLE "ServiceTokens" (
    "Id" character varying(64) NOT NULL,
    "ArchiveAfterExtract" bigint,
    "CreatedAt" timestamp with time zone NOT NULL,
    "CreatedBy" character varying(128) NOT NULL,
    "Description" character varying(500) NOT NULL,
    "Enabled" boolean NOT NULL,
    "ExpiresAt" timestamp with time zone,
    "LastUsedAt" timestamp with time zone,
    "RevokedAt" timestamp with time zone,
    "Scopes" text NOT NULL,
    "ServiceUserId" character varying(26) NOT NULL,
    "TenantId" character varying(64) NOT NULL,
    CONSTRAINT "PK_ServiceTokens" PRIMARY KEY ("Id")
);

CREATE UNIQUE INDEX "IX_ServiceUsers_TenantId_Name" ON "ServiceUsers" ("TenantId", "Name");

CREATE INDEX "IX_ServiceTokens_TenantId_ServiceUserId" ON "ServiceTokens" ("TenantId", "ServiceUserId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261121130000_ServiceUsersAndTokens', '10.0.15');

COMMIT;

START TRANSACTION;
CREATE TABLE "OutboxMessages" (
    "Id" character varying(40) NOT NULL,
    "Body" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "DispatchedAt" timestamp with time zone,
    "EventType" character varying(64) NOT NULL,
    "FolderId" character varying(26) NOT NULL,
    "TenantId" character varying(64) NOT NULL,
    CONSTRAINT "PK_OutboxMessages" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_OutboxMessages_Verifications_FolderId" FOREIGN KEY ("FolderId") REFERENCES "Verifications" ("Id") ON DELETE CASCADE
);

CREATE TABLE "WebhookDeliveries" (
    "Id" character varying(26) NOT NULL,
    "AttemptCount" integer NOT NULL,
    "Body" text NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "DeliveredAt" timestamp with time zone,
    "EndpointId" character varying(26) NOT NULL,
    "EventType" character varying(64) NOT NULL,
    "LastError" character varying(32),
    "LastStatusCode" integer,
    "LeaseExpiresAt" timestamp with time zone,
    "LeaseToken" character varying(32),
    "MessageId" character varying(40) NOT NULL,
    "NextAttemptAt" timestamp with time zone,
    "ScheduleAttempts" integer NOT NULL,
    "State" integer NOT NULL,
    "TenantId" character varying(64) NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_WebhookDeliveries" PRIMARY KEY ("Id")
);

CREATE TABLE "WebhookDeliveryAttempts" (
    "Id" character varying(26) NOT NULL,
    "AttemptedAt" timestamp with time zone NOT NULL,
    "DeliveryId" character varying(26) NOT NULL,
    "DurationMilliseconds" bigint NOT NULL,
    "Error" character varying(32),
    "NextAttemptAt" timestamp with time zone,
    "Number" integer NOT NULL,
    "StatusCode" integer,
    CONSTRAINT "PK_WebhookDeliveryAttempts" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_WebhookDeliveryAttempts_WebhookDeliveries_DeliveryId" FOREIGN KEY ("DeliveryId") REFERENCES "WebhookDeliveries" ("Id") ON DELETE CASCADE
);

CREATE TABLE "WebhookEndpoints" (
    "Id" character varying(26) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "DisabledReason" character varying(200),
    "Enabled" boolean NOT NULL,
    "EventTypes" text NOT NULL,
    "PreviousSecret" character varying(100),
    "PreviousSecretExpiresAt" timestamp with time zone,
    "Secret" character varying(100) NOT NULL,
    "TenantId" character varying(64) NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    "Url" character varying(2048) NOT NULL,
    CONSTRAINT "PK_WebhookEndpoints" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_OutboxMessages_DispatchedAt" ON "OutboxMessages" ("DispatchedAt");

CREATE INDEX "IX_OutboxMessages_FolderId" ON "OutboxMessages" ("FolderId");

CREATE UNIQUE INDEX "IX_WebhookDeliveries_EndpointId_MessageId" ON "WebhookDeliveries" ("EndpointId", "MessageId");

CREATE INDEX "IX_WebhookDeliveries_LeaseToken" ON "WebhookDeliveries" ("LeaseToken");

CREATE INDEX "IX_WebhookDeliveries_State_NextAttemptAt" ON "WebhookDeliveries" ("State", "NextAttemptAt");

CREATE INDEX "IX_WebhookDeliveries_TenantId_Id" ON "WebhookDeliveries" ("TenantId", "Id");

CREATE INDEX "IX_WebhookDeliveryAttempts_DeliveryId" ON "WebhookDeliveryAttempts" ("DeliveryId");

CREATE INDEX "IX_WebhookEndpoints_TenantId" ON "WebhookEndpoints" ("TenantId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261121150000_WebhookDelivery', '10.0.15');

COMMIT;

START TRANSACTION;
ALTER TABLE "Analyses" DROP COLUMN "Fields";

ALTER TABLE "Analyses" ADD "SealedFields" bytea;

ALTER TABLE "Analyses" ADD "NameIndex" character varying(1000);

ALTER TABLE "DocumentFiles" ADD "WrappedKey" bytea;

ALTER TABLE "Verifications" ADD "WrappedDataKey" bytea;

ALTER TABLE "Verifications" ADD "ArchiveDueAt" timestamp with time zone;

ALTER TABLE "ServiceTokens" ADD "EncryptionKey" character varying(8000);

CREATE INDEX "IX_Verifications_ArchiveDueAt" ON "Verifications" ("ArchiveDueAt");

CREATE INDEX "IX_Verifications_ArchivedAt_CreatedAt" ON "Verifications" ("ArchivedAt", "CreatedAt");

CREATE TABLE "VerificationCertificates" (
    "Id" character varying(26) NOT NULL,
    "AnalysisId" character varying(26) NOT NULL,
    "FolderId" character varying(26) NOT NULL,
    "IssuedAt" timestamp with time zone NOT NULL,
    "KeyId" character varying(64) NOT NULL,
    "Token" character varying(8000) NOT NULL,
    CONSTRAINT "PK_VerificationCertificates" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_VerificationCertificates_Verifications_FolderId" FOREIGN KEY ("FolderId") REFERENCES "Verifications" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_VerificationCertificates_FolderId" ON "VerificationCertificates" ("FolderId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122100000_ArchiveAndProtection', '10.0.15');

COMMIT;

START TRANSACTION;
ALTER TABLE "Analysts" ADD "SecurityStamp" character varying(64);

ALTER TABLE "DocumentFiles" DROP COLUMN "DisplayName";

ALTER TABLE "DocumentFiles" ADD "SealedDisplayName" bytea;

UPDATE "DocumentFiles" SET "Sha256" = '' WHERE "AnalysisId" IN (SELECT a."Id" FROM "Analyses" a JOIN "Verifications" v ON v."Id" = a."FolderId" WHERE v."ArchivedAt" IS NOT NULL);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261205100000_SessionsAndSealedFileNames', '10.0.15');

COMMIT;

START TRANSACTION;
ALTER TABLE "WebhookEndpoints" ALTER COLUMN "Secret" TYPE character varying(400);

ALTER TABLE "WebhookEndpoints" ALTER COLUMN "PreviousSecret" TYPE character varying(400);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261206090000_ProtectedWebhookSecrets', '10.0.15');

COMMIT;

START TRANSACTION;
CREATE TABLE "BlobChunks" (
    "Key" character varying(32) NOT NULL,
    "Index" integer NOT NULL,
    "Data" bytea NOT NULL,
    CONSTRAINT "PK_BlobChunks" PRIMARY KEY ("Key", "Index")
);

ALTER TABLE "BlobChunks" ALTER COLUMN "Data" SET STORAGE EXTERNAL;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261206100000_BlobChunks', '10.0.15');

COMMIT;

START TRANSACTION;
CREATE TABLE "AuditCheckpoints" (
    "Sequence" bigint NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "Hash" character varying(64) NOT NULL,
    "KeyId" character varying(64) NOT NULL,
    "PrunedEntries" bigint NOT NULL,
    "Signature" character varying(64) NOT NULL,
    CONSTRAINT "PK_AuditCheckpoints" PRIMARY KEY ("Sequence")
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261206110000_AuditCheckpoints', '10.0.15');

COMMIT;

