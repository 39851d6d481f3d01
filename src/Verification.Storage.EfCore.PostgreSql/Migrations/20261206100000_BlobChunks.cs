using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Verification.Storage.EfCore.Migrations.PostgreSql;

/// <summary>
/// Issue 22: document files in the database (<c>DatabaseBlobStore</c>, the default on PostgreSQL), in pieces keyed by
/// the blob key and their position.
/// </summary>
[DbContext(typeof(PostgreSqlVerificationDbContext))]
[Migration("20261206100000_BlobChunks")]
public sealed class BlobChunks : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "BlobChunks",
            columns: table => new
            {
                Key = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                Index = table.Column<int>(type: "integer", nullable: false),
                Data = table.Column<byte[]>(type: "bytea", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_BlobChunks", x => new { x.Key, x.Index });
            });
        // Pieces are ciphertext: compressing them only costs time.
        migrationBuilder.Sql("ALTER TABLE \"BlobChunks\" ALTER COLUMN \"Data\" SET STORAGE EXTERNAL;");
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "BlobChunks");
    }
}
