using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CounselConnect.Infrastructure.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class RemindersPlanStamps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Reminders_ClaimToken",
                table: "Reminders");

            migrationBuilder.DropIndex(
                name: "IX_Reminders_OrganisationId_Status",
                table: "Reminders");

            migrationBuilder.AddColumn<bool>(
                name: "RemindersPlanned",
                table: "JudgeSetDeadlines",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "RemindersPlannedVersion",
                table: "Hearings",
                type: "int",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RemindersPlanned",
                table: "JudgeSetDeadlines");

            migrationBuilder.DropColumn(
                name: "RemindersPlannedVersion",
                table: "Hearings");

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_ClaimToken",
                table: "Reminders",
                column: "ClaimToken");

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_OrganisationId_Status",
                table: "Reminders",
                columns: new[] { "OrganisationId", "Status" });
        }
    }
}
