using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CounselConnect.Infrastructure.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_JudgeSetDeadlines_SameDeadlineIndex",
                table: "JudgeSetDeadlines",
                column: "SameDeadlineIndex",
                unique: true);
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
