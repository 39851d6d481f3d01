using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Verification.Storage.EfCore.Migrations.Sqlite;

/// <summary>
/// Protection at rest and archiving: attributes move from the clear JSON column <c>Fields</c> to
/// <c>SealedFields</c> (AES-GCM under the verification's data key) with a blind name index; files get wrapped
/// keys, verifications their wrapped data key and extraction deadline, tokens an optional encryption key, and
/// certificates their table. Attributes stored in clear by earlier builds are dropped, not converted: SQL
/// cannot encrypt them, and no release ever stored them.
/// </summary>
[DbContext(typeof(SqliteVerificationDbContext))]
[Migration("20261122100000_ArchiveAndProtection")]
public sealed class ArchiveAndProtection : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // SQLite drops columns natively since 3.35 (the bundled engine is newer); EF's table rebuild needs a
        // target model this hand-written migration does not carry.
        migrationBuilder.Sql("ALTER TABLE \"Analyses\" DROP COLUMN \"Fields\";");
        migrationBuilder.AddColumn<byte[]>(name: "SealedFields", table: "Analyses", type: "BLOB", maxLength: 16000, nullable: true);
        migrationBuilder.AddColumn<string>(name: "NameIndex", table: "Analyses", type: "TEXT", maxLength: 1000, nullable: true);
        migrationBuilder.AddColumn<byte[]>(name: "WrappedKey", table: "DocumentFiles", type: "BLOB", maxLength: 200, nullable: true);
        migrationBuilder.AddColumn<byte[]>(name: "WrappedDataKey", table: "Verifications", type: "BLOB", maxLength: 200, nullable: true);
        migrationBuilder.AddColumn<long>(name: "ArchiveDueAt", table: "Verifications", type: "INTEGER", nullable: true);
        migrationBuilder.AddColumn<string>(name: "EncryptionKey", table: "ServiceTokens", type: "TEXT", maxLength: 8000, nullable: true);
        migrationBuilder.CreateIndex(name: "IX_Verifications_ArchiveDueAt", table: "Verifications", column: "ArchiveDueAt");
        migrationBuilder.CreateIndex(name: "IX_Verifications_ArchivedAt_CreatedAt", table: "Verifications", columns: new[] { "ArchivedAt", "CreatedAt" });

            migrationBuilder.CreateTable(
                name: "VerificationCertificates",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 26, nullable: false),
                    AnalysisId = table.Column<string>(type: "TEXT", maxLength: 26, nullable: false),
                    FolderId = table.Column<string>(type: "TEXT", maxLength: 26, nullable: false),
                    IssuedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Token = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VerificationCertificates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VerificationCertificates_Verifications_FolderId",
                        column: x => x.FolderId,
                        principalTable: "Verifications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_VerificationCertificates_FolderId",
                table: "VerificationCertificates",
                column: "FolderId");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
            migrationBuilder.DropTable(name: "VerificationCertificates");
        migrationBuilder.DropIndex(name: "IX_Verifications_ArchivedAt_CreatedAt", table: "Verifications");
        migrationBuilder.DropIndex(name: "IX_Verifications_ArchiveDueAt", table: "Verifications");
        migrationBuilder.Sql("ALTER TABLE \"ServiceTokens\" DROP COLUMN \"EncryptionKey\";");
        migrationBuilder.Sql("ALTER TABLE \"Verifications\" DROP COLUMN \"ArchiveDueAt\";");
        migrationBuilder.Sql("ALTER TABLE \"Verifications\" DROP COLUMN \"WrappedDataKey\";");
        migrationBuilder.Sql("ALTER TABLE \"DocumentFiles\" DROP COLUMN \"WrappedKey\";");
        migrationBuilder.Sql("ALTER TABLE \"Analyses\" DROP COLUMN \"NameIndex\";");
        migrationBuilder.Sql("ALTER TABLE \"Analyses\" DROP COLUMN \"SealedFields\";");
        migrationBuilder.AddColumn<string>(name: "Fields", table: "Analyses", type: "TEXT", nullable: false, defaultValue: "{}");
    }
}
