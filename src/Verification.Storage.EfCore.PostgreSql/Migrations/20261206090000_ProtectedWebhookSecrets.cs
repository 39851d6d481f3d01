using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Verification.Storage.EfCore.Migrations.PostgreSql;

/// <summary>
/// Issue 22 (SQLite needs no migration: its TEXT columns take any length): webhook signing secrets are kept wrapped under the master key (<c>mk1:</c> followed by base64), which
/// is longer than the clear <c>whsec_</c> form. Secrets stored in clear stay readable (SQL cannot encrypt them);
/// the store seals them at the endpoint's next save, and <c>admin rewrap</c> seals all of them.
/// </summary>
[DbContext(typeof(PostgreSqlVerificationDbContext))]
[Migration("20261206090000_ProtectedWebhookSecrets")]
public sealed class ProtectedWebhookSecrets : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AlterColumn<string>(name: "Secret", table: "WebhookEndpoints", type: "character varying(400)", maxLength: 400, nullable: false, oldClrType: typeof(string), oldType: "character varying(100)", oldMaxLength: 100);
        migrationBuilder.AlterColumn<string>(name: "PreviousSecret", table: "WebhookEndpoints", type: "character varying(400)", maxLength: 400, nullable: true, oldClrType: typeof(string), oldType: "character varying(100)", oldMaxLength: 100, oldNullable: true);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AlterColumn<string>(name: "Secret", table: "WebhookEndpoints", type: "character varying(100)", maxLength: 100, nullable: false, oldClrType: typeof(string), oldType: "character varying(400)", oldMaxLength: 400);
        migrationBuilder.AlterColumn<string>(name: "PreviousSecret", table: "WebhookEndpoints", type: "character varying(100)", maxLength: 100, nullable: true, oldClrType: typeof(string), oldType: "character varying(400)", oldMaxLength: 400, oldNullable: true);
    }
}
