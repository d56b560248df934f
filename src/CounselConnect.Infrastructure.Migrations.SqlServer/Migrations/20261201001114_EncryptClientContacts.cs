using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CounselConnect.Infrastructure.Migrations.SqlServer.Migrations
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
                type: "uniqueidentifier",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<byte[]>(
                name: "Protected",
                table: "ClientContacts",
                type: "varbinary(max)",
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
                type: "nvarchar(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "ClientContacts",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: true);
        }
    }
}
