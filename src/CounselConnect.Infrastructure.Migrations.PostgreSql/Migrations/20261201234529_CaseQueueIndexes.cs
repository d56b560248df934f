using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CounselConnect.Infrastructure.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class CaseQueueIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Cases_OfficeQueue",
                table: "Cases",
                columns: new[] { "OrganisationId", "OfficeId", "CreatedAtUtc", "Id" },
                descending: new[] { false, false, true, false });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Queue",
                table: "Cases",
                columns: new[] { "OrganisationId", "CreatedAtUtc", "Id" },
                descending: new[] { false, true, false });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_OfficeQueue",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Queue",
                table: "Cases");
        }
    }
}
