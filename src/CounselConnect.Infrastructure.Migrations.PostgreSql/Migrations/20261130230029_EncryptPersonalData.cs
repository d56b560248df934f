using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CounselConnect.Infrastructure.Migrations.PostgreSql.Migrations
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
                name: "FamilyNames",
                table: "Parties");

            migrationBuilder.DropColumn(
                name: "GivenNames",
                table: "Parties");

            migrationBuilder.AddColumn<string>(
                name: "ANumberIndex",
                table: "Parties",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "DataKeyId",
                table: "Parties",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<byte[]>(
                name: "Protected",
                table: "Parties",
                type: "bytea",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.CreateTable(
                name: "DataKeys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopeId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    WrappedKey = table.Column<byte[]>(type: "bytea", nullable: false),
                    MasterKeyId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DestroyedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
                name: "DataKeyId",
                table: "Parties");

            migrationBuilder.DropColumn(
                name: "Protected",
                table: "Parties");

            migrationBuilder.AddColumn<string>(
                name: "ANumber",
                table: "Parties",
                type: "character varying(9)",
                maxLength: 9,
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "Aliases",
                table: "Parties",
                type: "text[]",
                nullable: false);

            migrationBuilder.AddColumn<string>(
                name: "DateOfBirth",
                table: "Parties",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "FamilyNames",
                table: "Parties",
                type: "text[]",
                nullable: false);

            migrationBuilder.AddColumn<string>(
                name: "GivenNames",
                table: "Parties",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                defaultValue: "");
        }
    }
}
