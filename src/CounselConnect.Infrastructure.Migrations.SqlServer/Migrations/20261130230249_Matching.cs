using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CounselConnect.Infrastructure.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Matching : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PlacementProposals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    UnplacedCaseIds = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    EditedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ConfirmedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    ConfirmedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Placements = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlacementProposals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RepresentativeProfiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UserSubject = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    DisplayName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    RecognisedOrganisation = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    AccreditationExpiresOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EoirId = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: true),
                    Courts = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Remote = table.Column<bool>(type: "bit", nullable: false),
                    DetainedDocket = table.Column<bool>(type: "bit", nullable: false),
                    NonDetainedDocket = table.Column<bool>(type: "bit", nullable: false),
                    MaxActiveCases = table.Column<int>(type: "int", nullable: false),
                    HoursPerMonth = table.Column<int>(type: "int", nullable: false),
                    MentorProfileId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    BarAdmissions = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Languages = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    ReliefExperience = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Unavailability = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RepresentativeProfiles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Assignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CaseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RepresentativeId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Method = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    AttestedNoConflict = table.Column<bool>(type: "bit", nullable: false),
                    AssignedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Note = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    AssignedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    EndedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    EndedBy = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    EndKind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    EndReason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Assignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Assignments_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Assignments_RepresentativeProfiles_RepresentativeId",
                        column: x => x.RepresentativeId,
                        principalTable: "RepresentativeProfiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PartyNameDisclosures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CaseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RepresentativeId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DisclosedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartyNameDisclosures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartyNameDisclosures_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PartyNameDisclosures_RepresentativeProfiles_RepresentativeId",
                        column: x => x.RepresentativeId,
                        principalTable: "RepresentativeProfiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_CaseId_Active",
                table: "Assignments",
                column: "CaseId",
                unique: true,
                filter: "\"EndedAtUtc\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_CaseId_AssignedAtUtc",
                table: "Assignments",
                columns: new[] { "CaseId", "AssignedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Assignments_RepresentativeId_EndedAtUtc",
                table: "Assignments",
                columns: new[] { "RepresentativeId", "EndedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_PartyNameDisclosures_CaseId_RepresentativeId",
                table: "PartyNameDisclosures",
                columns: new[] { "CaseId", "RepresentativeId" });

            migrationBuilder.CreateIndex(
                name: "IX_PartyNameDisclosures_RepresentativeId",
                table: "PartyNameDisclosures",
                column: "RepresentativeId");

            migrationBuilder.CreateIndex(
                name: "IX_PlacementProposals_OrganisationId_CreatedAtUtc",
                table: "PlacementProposals",
                columns: new[] { "OrganisationId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_RepresentativeProfiles_OrganisationId",
                table: "RepresentativeProfiles",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_RepresentativeProfiles_UserSubject",
                table: "RepresentativeProfiles",
                column: "UserSubject",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Assignments");

            migrationBuilder.DropTable(
                name: "PartyNameDisclosures");

            migrationBuilder.DropTable(
                name: "PlacementProposals");

            migrationBuilder.DropTable(
                name: "RepresentativeProfiles");
        }
    }
}
