using Microsoft.EntityFrameworkCore;

namespace Verification.Storage.EfCore;

/// <summary>The verification database on PostgreSQL (for scale and several hosts), with its migrations.</summary>
public sealed class PostgreSqlVerificationDbContext(DbContextOptions<PostgreSqlVerificationDbContext> options) : VerificationDbContext(options);
