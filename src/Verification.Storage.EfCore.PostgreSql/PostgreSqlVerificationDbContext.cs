using Microsoft.EntityFrameworkCore;

namespace Verification.Storage.EfCore;

/// <summary>The verification database on PostgreSQL (for scale and several hosts), with its migrations.</summary>
public sealed class PostgreSqlVerificationDbContext(DbContextOptions<PostgreSqlVerificationDbContext> options) : VerificationDbContext(options)
{
    internal override IReadOnlyList<string> HandWrittenMigrations { get; } =
    [
        "20261121120000_InitialSchema",
        "20261121130000_ServiceUsersAndTokens",
        "20261121150000_WebhookDelivery",
        "20261122100000_ArchiveAndProtection",
        "20261205100000_SessionsAndSealedFileNames",
        "20261206090000_ProtectedWebhookSecrets",
        "20261206100000_BlobChunks",
        "20261206110000_AuditCheckpoints",
    ];
}
