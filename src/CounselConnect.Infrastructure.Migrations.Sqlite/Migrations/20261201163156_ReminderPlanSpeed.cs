using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CounselConnect.Infrastructure.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ReminderPlanSpeed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReminderPlans_NextDueAtUtc",
                table: "ReminderPlans");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ReminderPlans_NextDueAtUtc",
                table: "ReminderPlans",
                column: "NextDueAtUtc");
        }
    }
}
