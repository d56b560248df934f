using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CounselConnect.Infrastructure.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class CaseOutcomes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CaseClosings",
                columns: table => new
                {
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    OfficeId = table.Column<Guid>(type: "uuid", nullable: true),
                    IntakeDate = table.Column<DateOnly>(type: "date", nullable: false),
                    CounselAssignedDate = table.Column<DateOnly>(type: "date", nullable: true),
                    FirstHearingWithCounselDate = table.Column<DateOnly>(type: "date", nullable: true),
                    DecisionDate = table.Column<DateOnly>(type: "date", nullable: true),
                    DaysToCounsel = table.Column<int>(type: "integer", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OutcomeGroup = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ReliefGranted = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: true),
                    InAbsentia = table.Column<bool>(type: "boolean", nullable: false),
                    ClosingCode = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    RepresentativeType = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    AttorneyId = table.Column<Guid>(type: "uuid", nullable: true),
                    Nationality = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    Custody = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    CourtCode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PrimaryLanguage = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    PrimaryReliefSought = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseClosings", x => x.CaseId);
                    table.ForeignKey(
                        name: "FK_CaseClosings_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseClosingFundingSources",
                columns: table => new
                {
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Tag = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseClosingFundingSources", x => new { x.CaseId, x.Tag });
                    table.ForeignKey(
                        name: "FK_CaseClosingFundingSources_CaseClosings_CaseId",
                        column: x => x.CaseId,
                        principalTable: "CaseClosings",
                        principalColumn: "CaseId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseClosingFundingSources_Tag",
                table: "CaseClosingFundingSources",
                column: "Tag");

            migrationBuilder.CreateIndex(
                name: "IX_CaseClosings_Org_Attorney",
                table: "CaseClosings",
                columns: new[] { "OrganisationId", "AttorneyId", "CounselAssignedDate", "DecisionDate" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseClosings_Org_Court_Decision",
                table: "CaseClosings",
                columns: new[] { "OrganisationId", "CourtCode", "DecisionDate", "OutcomeGroup" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseClosings_Org_Custody_Decision",
                table: "CaseClosings",
                columns: new[] { "OrganisationId", "Custody", "DecisionDate", "OutcomeGroup" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseClosings_Org_Custody_Intake",
                table: "CaseClosings",
                columns: new[] { "OrganisationId", "Custody", "DaysToCounsel", "IntakeDate", "RepresentativeType" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseClosings_Org_Language_Decision",
                table: "CaseClosings",
                columns: new[] { "OrganisationId", "PrimaryLanguage", "DecisionDate", "OutcomeGroup" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseClosings_Org_Nationality_Decision",
                table: "CaseClosings",
                columns: new[] { "OrganisationId", "Nationality", "DecisionDate", "OutcomeGroup" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseClosings_Org_Relief_Decision",
                table: "CaseClosings",
                columns: new[] { "OrganisationId", "PrimaryReliefSought", "DecisionDate", "OutcomeGroup" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseClosings_Org_Representative_Decision",
                table: "CaseClosings",
                columns: new[] { "OrganisationId", "RepresentativeType", "DecisionDate", "OutcomeGroup" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseClosingFundingSources");

            migrationBuilder.DropTable(
                name: "CaseClosings");
        }
    }
}
