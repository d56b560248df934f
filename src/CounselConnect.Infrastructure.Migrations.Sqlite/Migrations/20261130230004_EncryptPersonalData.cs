using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CounselConnect.Infrastructure.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EncryptPersonalData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ANumber",
                table: "Parties");

            migrationBuilder.DropColumn(
                name: "Aliases",
                table: "Parties");

            migrationBuilder.DropColumn(
                name: "DateOfBirth",
                table: "Parties");

            migrationBuilder.DropColumn(
                name: "GivenNames",
                table: "Parties");

            migrationBuilder.RenameColumn(
                name: "FamilyNames",
                table: "Parties",
                newName: "DataKeyId");

            migrationBuilder.AddColumn<string>(
                name: "ANumberIndex",
                table: "Parties",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "Protected",
                table: "Parties",
                type: "BLOB",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.CreateTable(
                name: "DataKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ScopeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    WrappedKey = table.Column<byte[]>(type: "BLOB", nullable: false),
                    MasterKeyId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DestroyedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataKeys", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Parties_ANumberIndex",
                table: "Parties",
                column: "ANumberIndex");

            migrationBuilder.CreateIndex(
                name: "IX_Parties_DataKeyId",
                table: "Parties",
                column: "DataKeyId");

            migrationBuilder.CreateIndex(
                name: "IX_DataKeys_ScopeId",
                table: "DataKeys",
                column: "ScopeId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataKeys");

            migrationBuilder.DropIndex(
                name: "IX_Parties_ANumberIndex",
                table: "Parties");

            migrationBuilder.DropIndex(
                name: "IX_Parties_DataKeyId",
                table: "Parties");

            migrationBuilder.DropColumn(
                name: "ANumberIndex",
                table: "Parties");

            migrationBuilder.DropColumn(
                name: "Protected",
                table: "Parties");

            migrationBuilder.RenameColumn(
                name: "DataKeyId",
                table: "Parties",
                newName: "FamilyNames");

            migrationBuilder.AddColumn<string>(
                name: "ANumber",
                table: "Parties",
                type: "TEXT",
                maxLength: 9,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Aliases",
                table: "Parties",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "DateOfBirth",
                table: "Parties",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GivenNames",
                table: "Parties",
                type: "TEXT",
                maxLength: 400,
                nullable: false,
                defaultValue: "");
        }
    }
}
