using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Verification.Storage.EfCore.Migrations.Sqlite;

/// <summary>Issue 22: signed checkpoints where the audit trail was pruned, so the kept chain still verifies.</summary>
[DbContext(typeof(SqliteVerificationDbContext))]
[Migration("20261206110000_AuditCheckpoints")]
public sealed class AuditCheckpoints : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "AuditCheckpoints",
            columns: table => new
            {
                Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                KeyId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                PrunedEntries = table.Column<long>(type: "INTEGER", nullable: false),
                Signature = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_AuditCheckpoints", x => x.Sequence);
            });
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "AuditCheckpoints");
    }
}
