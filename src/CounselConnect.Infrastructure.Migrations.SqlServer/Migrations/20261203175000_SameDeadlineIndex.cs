using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CounselConnect.Infrastructure.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class SameDeadlineIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SameDeadlineIndex",
                table: "JudgeSetDeadlines",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_JudgeSetDeadlines_SameDeadlineIndex",
                table: "JudgeSetDeadlines",
                column: "SameDeadlineIndex",
                unique: true,
                filter: "[SameDeadlineIndex] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_JudgeSetDeadlines_SameDeadlineIndex",
                table: "JudgeSetDeadlines");

            migrationBuilder.DropColumn(
                name: "SameDeadlineIndex",
                table: "JudgeSetDeadlines");
        }
    }
}
