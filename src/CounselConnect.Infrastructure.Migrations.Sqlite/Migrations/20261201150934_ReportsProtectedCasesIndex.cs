using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CounselConnect.Infrastructure.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReportsProtectedCasesIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Cases_Protected",
                table: "Cases",
                columns: new[] { "OrganisationId", "Protection" },
                filter: "\"Protection\" <> 'None'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_Protected",
                table: "Cases");
        }
    }
}
