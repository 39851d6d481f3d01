using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Verification.Storage.EfCore.Migrations.PostgreSql;

/// <summary>
/// Security probe (issue 23): back-office accounts get a security stamp (sessions end when it changes), and the
/// client's file names move from the clear column <c>DisplayName</c> to <c>SealedDisplayName</c> (AES-GCM under
/// the verification's data key). Names stored in clear by earlier builds are dropped, not converted: SQL cannot
/// encrypt them. Archived files lose their plain-file hash.
/// </summary>
[DbContext(typeof(PostgreSqlVerificationDbContext))]
[Migration("20261205100000_SessionsAndSealedFileNames")]
public sealed class SessionsAndSealedFileNames : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "SecurityStamp", table: "Analysts", type: "character varying(64)", maxLength: 64, nullable: true);
        migrationBuilder.DropColumn(name: "DisplayName", table: "DocumentFiles");
        migrationBuilder.AddColumn<byte[]>(name: "SealedDisplayName", table: "DocumentFiles", type: "bytea", maxLength: 1200, nullable: true);
        migrationBuilder.Sql("UPDATE \"DocumentFiles\" SET \"Sha256\" = '' WHERE \"AnalysisId\" IN (SELECT a.\"Id\" FROM \"Analyses\" a JOIN \"Verifications\" v ON v.\"Id\" = a.\"FolderId\" WHERE v.\"ArchivedAt\" IS NOT NULL);");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropColumn(name: "SealedDisplayName", table: "DocumentFiles");
        migrationBuilder.AddColumn<string>(name: "DisplayName", table: "DocumentFiles", type: "character varying(255)", maxLength: 255, nullable: true);
        migrationBuilder.DropColumn(name: "SecurityStamp", table: "Analysts");
    }
}
