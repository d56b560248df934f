using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CounselConnect.Infrastructure.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EncryptClientContacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Email",
                table: "ClientContacts");

            migrationBuilder.DropColumn(
                name: "Phone",
                table: "ClientContacts");

            migrationBuilder.AddColumn<Guid>(
                name: "DataKeyId",
                table: "ClientContacts",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<byte[]>(
                name: "Protected",
                table: "ClientContacts",
                type: "BLOB",
                nullable: false,
                defaultValue: new byte[0]);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DataKeyId",
                table: "ClientContacts");

            migrationBuilder.DropColumn(
                name: "Protected",
                table: "ClientContacts");

            migrationBuilder.AddColumn<string>(
                name: "Email",
                table: "ClientContacts",
                type: "TEXT",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "ClientContacts",
                type: "TEXT",
                maxLength: 20,
                nullable: true);
        }
    }
}
