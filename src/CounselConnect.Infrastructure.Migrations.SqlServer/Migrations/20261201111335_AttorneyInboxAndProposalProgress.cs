using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CounselConnect.Infrastructure.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AttorneyInboxAndProposalProgress : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FailureReason",
                table: "PlacementProposals",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FinishedAtUtc",
                table: "PlacementProposals",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "GreedyTotalScore",
                table: "PlacementProposals",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ProgressPercent",
                table: "PlacementProposals",
                type: "int",
                nullable: false,
                defaultValue: 100);

            migrationBuilder.AddColumn<string>(
                name: "RequestedCaseIds",
                table: "PlacementProposals",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RequestedRepresentativeIds",
                table: "PlacementProposals",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RunState",
                table: "PlacementProposals",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Done");

            migrationBuilder.AddColumn<long>(
                name: "SolveMilliseconds",
                table: "PlacementProposals",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "InboxItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RepresentativeId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CaseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CaseOpenedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ReliefSought = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CourtCode = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    HearingLocation = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Custody = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    PrimaryLanguage = table.Column<string>(type: "nvarchar(3)", maxLength: 3, nullable: false),
                    InterpreterNeeded = table.Column<bool>(type: "bit", nullable: false),
                    NextHearingAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    NextHearingType = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    EstimatedHours = table.Column<int>(type: "int", nullable: false),
                    Urgency = table.Column<int>(type: "int", nullable: false),
                    Score = table.Column<int>(type: "int", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ReadAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboxItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InboxItems_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_InboxItems_RepresentativeProfiles_RepresentativeId",
                        column: x => x.RepresentativeId,
                        principalTable: "RepresentativeProfiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InboxItems_CaseId",
                table: "InboxItems",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_InboxItems_RepresentativeId_CaseId_CaseOpenedAtUtc",
                table: "InboxItems",
                columns: new[] { "RepresentativeId", "CaseId", "CaseOpenedAtUtc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InboxItems_RepresentativeId_CreatedAtUtc",
                table: "InboxItems",
                columns: new[] { "RepresentativeId", "CreatedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InboxItems");

            migrationBuilder.DropColumn(
                name: "FailureReason",
                table: "PlacementProposals");

            migrationBuilder.DropColumn(
                name: "FinishedAtUtc",
                table: "PlacementProposals");

            migrationBuilder.DropColumn(
                name: "GreedyTotalScore",
                table: "PlacementProposals");

            migrationBuilder.DropColumn(
                name: "ProgressPercent",
                table: "PlacementProposals");

            migrationBuilder.DropColumn(
                name: "RequestedCaseIds",
                table: "PlacementProposals");

            migrationBuilder.DropColumn(
                name: "RequestedRepresentativeIds",
                table: "PlacementProposals");

            migrationBuilder.DropColumn(
                name: "RunState",
                table: "PlacementProposals");

            migrationBuilder.DropColumn(
                name: "SolveMilliseconds",
                table: "PlacementProposals");
        }
    }
}
