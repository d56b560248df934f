using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CounselConnect.Infrastructure.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MatchingProfileRevision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Revision",
                table: "RepresentativeProfiles",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "IX_RepresentativeProfiles_OrganisationId_Revision",
                table: "RepresentativeProfiles",
                columns: new[] { "OrganisationId", "Revision" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RepresentativeProfiles_OrganisationId_Revision",
                table: "RepresentativeProfiles");

            migrationBuilder.DropColumn(
                name: "Revision",
                table: "RepresentativeProfiles");
        }
    }
}
