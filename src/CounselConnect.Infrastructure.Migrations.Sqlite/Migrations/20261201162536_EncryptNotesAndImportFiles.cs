using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CounselConnect.Infrastructure.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EncryptNotesAndImportFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Description",
                table: "JudgeSetDeadlines",
                type: "TEXT",
                maxLength: 200,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 200);

            migrationBuilder.AddColumn<byte[]>(
                name: "DescriptionSealed",
                table: "JudgeSetDeadlines",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "DataKeyId",
                table: "ImportFiles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "ReasonSealed",
                table: "HearingChanges",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "DecisionReasonSealed",
                table: "ConflictMatches",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "DeclineReasonSealed",
                table: "Cases",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "EndReasonSealed",
                table: "Assignments",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "NoteSealed",
                table: "Assignments",
                type: "BLOB",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DescriptionSealed",
                table: "JudgeSetDeadlines");

            migrationBuilder.DropColumn(
                name: "DataKeyId",
                table: "ImportFiles");

            migrationBuilder.DropColumn(
                name: "ReasonSealed",
                table: "HearingChanges");

            migrationBuilder.DropColumn(
                name: "DecisionReasonSealed",
                table: "ConflictMatches");

            migrationBuilder.DropColumn(
                name: "DeclineReasonSealed",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "EndReasonSealed",
                table: "Assignments");

            migrationBuilder.DropColumn(
                name: "NoteSealed",
                table: "Assignments");

            migrationBuilder.AlterColumn<string>(
                name: "Description",
                table: "JudgeSetDeadlines",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 200,
                oldNullable: true);
        }
    }
}
