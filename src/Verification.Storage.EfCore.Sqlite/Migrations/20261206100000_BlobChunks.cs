using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Verification.Storage.EfCore.Migrations.Sqlite;

/// <summary>
/// Issue 22: document files in the database (<c>DatabaseBlobStore</c>, the default on PostgreSQL), in pieces keyed by
/// the blob key and their position.
/// </summary>
[DbContext(typeof(SqliteVerificationDbContext))]
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
                Key = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                Index = table.Column<int>(type: "INTEGER", nullable: false),
                Data = table.Column<byte[]>(type: "BLOB", nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_BlobChunks", x => new { x.Key, x.Index });
            });
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "BlobChunks");
    }
}
