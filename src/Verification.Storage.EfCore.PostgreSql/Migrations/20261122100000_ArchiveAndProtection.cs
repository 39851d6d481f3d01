using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Verification.Storage.EfCore.Migrations.PostgreSql;

/// <summary>
/// Protection at rest and archiving: attributes move from the clear JSON column <c>Fields</c> to
/// <c>SealedFields</c> (AES-GCM under the verification's data key) with a blind name index; files get wrapped
/// keys, verifications their wrapped data key and extraction deadline, tokens an optional encryption key, and
/// certificates their table. Attributes stored in clear by earlier builds are dropped, not converted: SQL
/// cannot encrypt them, and no release ever stored them.
/// </summary>
[DbContext(typeof(PostgreSqlVerificationDbContext))]
[Migration("20261122100000_ArchiveAndProtection")]
public sealed class ArchiveAndProtection : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "Fields", table: "Analyses");
        migrationBuilder.AddColumn<byte[]>(name: "SealedFields", table: "Analyses", type: "bytea", maxLength: 16000, nullable: true);
        migrationBuilder.AddColumn<string>(name: "NameIndex", table: "Analyses", type: "character varying(1000)", maxLength: 1000, nullable: true);
        migrationBuilder.AddColumn<byte[]>(name: "WrappedKey", table: "DocumentFiles", type: "bytea", maxLength: 200, nullable: true);
        migrationBuilder.AddColumn<byte[]>(name: "WrappedDataKey", table: "Verifications", type: "bytea", maxLength: 200, nullable: true);
        migrationBuilder.AddColumn<DateTimeOffset>(name: "ArchiveDueAt", table: "Verifications", type: "timestamp with time zone", nullable: true);
        migrationBuilder.AddColumn<string>(name: "EncryptionKey", table: "ServiceTokens", type: "character varying(8000)", maxLength: 8000, nullable: true);
        migrationBuilder.CreateIndex(name: "IX_Verifications_ArchiveDueAt", table: "Verifications", column: "ArchiveDueAt");
        migrationBuilder.CreateIndex(name: "IX_Verifications_ArchivedAt_CreatedAt", table: "Verifications", columns: new[] { "ArchivedAt", "CreatedAt" });

            migrationBuilder.CreateTable(
                name: "VerificationCertificates",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(26)", maxLength: 26, nullable: false),
                    AnalysisId = table.Column<string>(type: "character varying(26)", maxLength: 26, nullable: false),
                    FolderId = table.Column<string>(type: "character varying(26)", maxLength: 26, nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    KeyId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Token = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
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
        migrationBuilder.DropColumn(name: "EncryptionKey", table: "ServiceTokens");
        migrationBuilder.DropColumn(name: "ArchiveDueAt", table: "Verifications");
        migrationBuilder.DropColumn(name: "WrappedDataKey", table: "Verifications");
        migrationBuilder.DropColumn(name: "WrappedKey", table: "DocumentFiles");
        migrationBuilder.DropColumn(name: "NameIndex", table: "Analyses");
        migrationBuilder.DropColumn(name: "SealedFields", table: "Analyses");
        migrationBuilder.AddColumn<string>(name: "Fields", table: "Analyses", type: "text", nullable: false, defaultValue: "{}");
    }
}
