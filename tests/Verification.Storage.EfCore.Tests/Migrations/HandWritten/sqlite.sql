CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "Tenants" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Tenants" PRIMARY KEY,
    "CreatedAt" INTEGER NOT NULL,
    "Name" TEXT NOT NULL
);

CREATE TABLE "Verifications" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Verifications" PRIMARY KEY,
    "ArchivedAt" INTEGER NULL,
    "CreatedAt" INTEGER NOT NULL,
    "Department" TEXT NULL,
    "FromCorrelationId" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "TenantId" TEXT NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "VerificationId" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "Analysts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Analysts" PRIMARY KEY,
    "CreatedAt" INTEGER NOT NULL,
    "Departments" TEXT NOT NULL,
    "Email" TEXT NOT NULL,
    "Enabled" INTEGER NOT NULL,
    "LastLoginAt" INTEGER NULL,
    "NormalizedEmail" TEXT NOT NULL,
    "PasswordHash" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "TenantId" TEXT NOT NULL
);

CREATE TABLE "AuditEntries" (
    "Sequence" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY,
    "Action" TEXT NOT NULL,
    "ActorId" TEXT NULL,
    "ActorType" TEXT NOT NULL,
    "ClientAddress" TEXT NULL,
    "Hash" TEXT NOT NULL,
    "OccurredAt" INTEGER NOT NULL,
    "Outcome" TEXT NOT NULL,
    "PreviousHash" TEXT NOT NULL,
    "Route" TEXT NULL,
    "TargetId" TEXT NULL,
    "TargetType" TEXT NULL,
    "TenantId" TEXT NOT NULL,
    "TokenId" TEXT NULL,
    "UserAgent" TEXT NULL
);

CREATE TABLE "Analyses" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Analyses" PRIMARY KEY,
    "Channel" TEXT NOT NULL,
    "Controls" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "DecidedAt" INTEGER NULL,
    "DecidedBy" TEXT NULL,
    "Decision" INTEGER NULL,
    "DecisionComment" TEXT NULL,
    "Department" TEXT NULL,
    "DocumentCategory" TEXT NULL,
    "DocumentType" TEXT NOT NULL,
    "Fields" TEXT NOT NULL,
    "FolderId" TEXT NOT NULL,
    "ServiceUserId" TEXT NULL,
    "SourceTag" TEXT NULL,
    "StatusCode" TEXT NOT NULL,
    "TenantId" TEXT NOT NULL,
    "TokenId" TEXT NULL,
    CONSTRAINT "FK_Analyses_Verifications_FolderId" FOREIGN KEY ("FolderId") REFERENCES "Verifications" ("Id") ON DELETE CASCADE
);

CREATE TABLE "VerificationEvents" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_VerificationEvents" PRIMARY KEY,
    "Actor" TEXT NOT NULL,
    "AnalysisId" TEXT NULL,
    "Detail" TEXT NULL,
    "FolderId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "OccurredAt" INTEGER NOT NULL,
    CONSTRAINT "FK_VerificationEvents_Verifications_FolderId" FOREIGN KEY ("FolderId") REFERENCES "Verifications" ("Id") ON DELETE CASCADE
);

CREATE TABLE "DocumentFiles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_DocumentFiles" PRIMARY KEY,
    "AnalysisId" TEXT NOT NULL,
    "BlobKey" TEXT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "DisplayName" TEXT NULL,
    "Height" INTEGER NULL,
    "Length" INTEGER NOT NULL,
    "MediaType" TEXT NOT NULL,
    "Sha256" TEXT NOT NULL,
    "Width" INTEGER NULL,
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

BEGIN TRANSACTION;
CREATE TABLE "ServiceUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ServiceUsers" PRIMARY KEY,
    "CreatedAt" INTEGER NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "Enabled" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "SourceSystem" TEXT NOT NULL,
    "TenantId" TEXT NOT NULL
);

CREATE TABLE "ServiceTokens" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ServiceTokens" PRIMARY KEY,
    "ArchiveAfterExtract" INTEGER NULL,
    "CreatedAt" INTEGER NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "Enabled" INTEGER NOT NULL,
    "ExpiresAt" INTEGER NULL,
    "LastUsedAt" INTEGER NULL,
    "RevokedAt" INTEGER NULL,
    "Scopes" TEXT NOT NULL,
    "ServiceUserId" TEXT NOT NULL,
    "TenantId" TEXT NOT NULL
);

CREATE UNIQUE INDEX "IX_ServiceUsers_TenantId_Name" ON "ServiceUsers" ("TenantId", "Name");

CREATE INDEX "IX_ServiceTokens_TenantId_ServiceUserId" ON "ServiceTokens" ("TenantId", "ServiceUserId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261121130000_ServiceUsersAndTokens', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "OutboxMessages" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_OutboxMessages" PRIMARY KEY,
    "Body" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "DispatchedAt" INTEGER NULL,
    "EventType" TEXT NOT NULL,
    "FolderId" TEXT NOT NULL,
    "TenantId" TEXT NOT NULL,
    CONSTRAINT "FK_OutboxMessages_Verifications_FolderId" FOREIGN KEY ("FolderId") REFERENCES "Verifications" ("Id") ON DELETE CASCADE
);

CREATE TABLE "WebhookDeliveries" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WebhookDeliveries" PRIMARY KEY,
    "AttemptCount" INTEGER NOT NULL,
    "Body" TEXT NOT NULL,
    "CreatedAt" INTEGER NOT NULL,
    "DeliveredAt" INTEGER NULL,
    "EndpointId" TEXT NOT NULL,
    "EventType" TEXT NOT NULL,
    "LastError" TEXT NULL,
    "LastStatusCode" INTEGER NULL,
    "LeaseExpiresAt" INTEGER NULL,
    "LeaseToken" TEXT NULL,
    "MessageId" TEXT NOT NULL,
    "NextAttemptAt" INTEGER NULL,
    "ScheduleAttempts" INTEGER NOT NULL,
    "State" INTEGER NOT NULL,
    "TenantId" TEXT NOT NULL,
    "UpdatedAt" INTEGER NOT NULL
);

CREATE TABLE "WebhookDeliveryAttempts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WebhookDeliveryAttempts" PRIMARY KEY,
    "AttemptedAt" INTEGER NOT NULL,
    "DeliveryId" TEXT NOT NULL,
    "DurationMilliseconds" INTEGER NOT NULL,
    "Error" TEXT NULL,
    "NextAttemptAt" INTEGER NULL,
    "Number" INTEGER NOT NULL,
    "StatusCode" INTEGER NULL,
    CONSTRAINT "FK_WebhookDeliveryAttempts_WebhookDeliveries_DeliveryId" FOREIGN KEY ("DeliveryId") REFERENCES "WebhookDeliveries" ("Id") ON DELETE CASCADE
);

CREATE TABLE "WebhookEndpoints" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WebhookEndpoints" PRIMARY KEY,
    "CreatedAt" INTEGER NOT NULL,
    "DisabledReason" TEXT NULL,
    "Enabled" INTEGER NOT NULL,
    "EventTypes" TEXT NOT NULL,
    "PreviousSecret" TEXT NULL,
    "PreviousSecretExpiresAt" INTEGER NULL,
    "Secret" TEXT NOT NULL,
    "TenantId" TEXT NOT NULL,
    "UpdatedAt" INTEGER NOT NULL,
    "Url" TEXT NOT NULL
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

BEGIN TRANSACTION;
ALTER TABLE "Analyses" DROP COLUMN "Fields";

ALTER TABLE "Analyses" ADD "SealedFields" BLOB NULL;

ALTER TABLE "Analyses" ADD "NameIndex" TEXT NULL;

ALTER TABLE "DocumentFiles" ADD "WrappedKey" BLOB NULL;

ALTER TABLE "Verifications" ADD "WrappedDataKey" BLOB NULL;

ALTER TABLE "Verifications" ADD "ArchiveDueAt" INTEGER NULL;

ALTER TABLE "ServiceTokens" ADD "EncryptionKey" TEXT NULL;

CREATE INDEX "IX_Verifications_ArchiveDueAt" ON "Verifications" ("ArchiveDueAt");

CREATE INDEX "IX_Verifications_ArchivedAt_CreatedAt" ON "Verifications" ("ArchivedAt", "CreatedAt");

CREATE TABLE "VerificationCertificates" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_VerificationCertificates" PRIMARY KEY,
    "AnalysisId" TEXT NOT NULL,
    "FolderId" TEXT NOT NULL,
    "IssuedAt" INTEGER NOT NULL,
    "KeyId" TEXT NOT NULL,
    "Token" TEXT NOT NULL,
    CONSTRAINT "FK_VerificationCertificates_Verifications_FolderId" FOREIGN KEY ("FolderId") REFERENCES "Verifications" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_VerificationCertificates_FolderId" ON "VerificationCertificates" ("FolderId");

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261122100000_ArchiveAndProtection', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
ALTER TABLE "Analysts" ADD "SecurityStamp" TEXT NULL;

ALTER TABLE "DocumentFiles" DROP COLUMN "DisplayName";

ALTER TABLE "DocumentFiles" ADD "SealedDisplayName" BLOB NULL;

UPDATE "DocumentFiles" SET "Sha256" = '' WHERE "AnalysisId" IN (SELECT a."Id" FROM "Analyses" a JOIN "Verifications" v ON v."Id" = a."FolderId" WHERE v."ArchivedAt" IS NOT NULL);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261205100000_SessionsAndSealedFileNames', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "BlobChunks" (
    "Key" TEXT NOT NULL,
    "Index" INTEGER NOT NULL,
    "Data" BLOB NOT NULL,
    CONSTRAINT "PK_BlobChunks" PRIMARY KEY ("Key", "Index")
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261206100000_BlobChunks', '10.0.15');

COMMIT;

BEGIN TRANSACTION;
CREATE TABLE "AuditCheckpoints" (
    "Sequence" INTEGER NOT NULL CONSTRAINT "PK_AuditCheckpoints" PRIMARY KEY,
    "CreatedAt" INTEGER NOT NULL,
    "Hash" TEXT NOT NULL,
    "KeyId" TEXT NOT NULL,
    "PrunedEntries" INTEGER NOT NULL,
    "Signature" TEXT NOT NULL
);

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261206110000_AuditCheckpoints', '10.0.15');

COMMIT;

